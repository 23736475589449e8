"""Warm caches a notebook cannot spoil (issue 20, item 3): reference tables are handed out as copies,
département outlines cannot be written to."""

import numpy as np
import pytest

from santenum.analysis import charts
from santenum.core import reference


def test_a_changed_reference_table_changes_nothing_for_the_next_caller():
    regions = reference.table("regions")
    regions.loc[:, "region_name"] = "REGION-MUTATED"
    reference.document("segments")["values"].clear()
    bands = reference.bands()
    bands.loc[:, "max"] = 0
    assert reference.region_names()["76"] == "Occitanie"
    assert len(reference.labels("segments")) > 5
    assert reference.bands()["max"].max() > 0


def test_departement_outlines_are_read_only():
    shapes = charts.departement_shapes()
    with pytest.raises(TypeError):
        shapes["34"] = ()
    with pytest.raises(ValueError):
        shapes["34"][0][0, 0] = np.nan
    assert charts.departement_shapes() is shapes  # cached, not re-read
