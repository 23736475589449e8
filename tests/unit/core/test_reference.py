"""Reference look-ups."""

import pytest

from santenum.core import reference


def test_region_code_is_checked_and_padded():
    assert reference.region_code("76") == "76" and reference.region_code(1) == "01"
    with pytest.raises(ValueError, match="'99'"):
        reference.region_code("99")
