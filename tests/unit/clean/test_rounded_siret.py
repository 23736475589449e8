"""What a spreadsheet-rounded SIRET still tells: its digits and how many are rounding zeros."""

import pytest

from santenum.clean.normalise.identifiers import rounded_siret


@pytest.mark.parametrize(
    "given, expected",
    [
        ("8,1234573E+13", ("81234573000000", 6)),  # French Excel, 8 significant digits
        ("8.12346E+13", ("81234600000000", 8)),
        ("81234573400000", ("81234573400000", 5)),
        ("812 345 734 00000", ("81234573400000", 5)),
        ("81234573400000.0", ("81234573400000", 5)),
        ("81234573400022", (None, None)),  # no rounding zeros
        ("8123457340", (None, None)),  # not 14 digits
        ("n/a", (None, None)),
        ("1E+99", (None, None)),
    ],
)
def test_rounded_siret_digits(given, expected):
    assert rounded_siret(given) == expected


@pytest.mark.parametrize(
    "given, expected",
    [
        ("62.01Z", "62.01Z"),
        ("6201Z", "62.01Z"),
        ("62.01 z", "62.01Z"),
        ("62.01", None),
        ("x", None),
    ],
)
def test_naf_codes_are_written_as_insee_writes_them(given, expected):
    import pandas as pd

    from santenum.clean.normalise.identifiers import parse_naf

    got = parse_naf(pd.Series([given], dtype="string")).iloc[0]
    assert (None if pd.isna(got) else got) == expected
