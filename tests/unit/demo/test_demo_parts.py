"""Pieces of the demo generator: quota allocation, names, identifiers, reproducible workbooks."""

import numpy as np
import openpyxl
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from santenum.clean.normalise.identifiers import siren_is_valid, siret_is_valid
from santenum.core.files import write_workbook
from santenum.core.text import name_key
from santenum.demo.names import company_names
from santenum.demo.population import allocate, deal
from santenum.demo.synthetic import head_office_sirets, mistyped, random_sirens


def test_allocate_largest_remainder_by_hand():
    assert allocate(10, {"a": 1, "b": 1, "c": 1}) == {"a": 4, "b": 3, "c": 3}
    assert allocate(7, {"a": 0.5, "b": 0.25, "c": 0.25}) == {
        "a": 3,
        "b": 2,
        "c": 2,
    }  # 3.5, 1.75, 1.75
    assert allocate(0, {"a": 1}) == {"a": 0}


@given(st.integers(0, 500), st.lists(st.integers(0, 300), min_size=1, max_size=12))
def test_allocate_sums_to_total_and_keeps_exact_counts(total, counts):
    weights = {i: c for i, c in enumerate(counts)}
    out = allocate(total, weights)
    assert sum(out.values()) == (total if sum(counts) else 0)
    if sum(counts) == total:
        assert out == weights


def test_deal_gives_exact_counts_and_follows_weights():
    frame = pd.DataFrame({"label": pd.Series(pd.NA, index=range(100), dtype="object")})
    rng = np.random.default_rng(0)
    favoured = pd.Series(np.where(frame.index < 10, 1000.0, 0.001), index=frame.index)
    deal(rng, frame, "label", frame.index, {"x": 10, "y": 30}, {"x": favoured})
    assert frame["label"].value_counts().to_dict() == {"y": 30, "x": 10}
    assert (frame.loc[:9, "label"] == "x").all()


def test_names_are_distinct_and_match_their_upper_case_spelling():
    names = company_names(np.random.default_rng(0), 1500)
    assert len(set(names)) == 1500
    keys = name_key(pd.Series(names, dtype="string"))
    assert keys.is_unique
    upper = name_key(pd.Series([n.upper() + " SAS" for n in names], dtype="string"))
    assert (keys == upper).all()


def test_generated_identifiers():
    sirens = random_sirens(200, np.random.default_rng(1))
    assert siren_is_valid(pd.Series(sirens, dtype="string")).all()
    sirets = pd.Series(head_office_sirets(sirens), dtype="string")
    assert siret_is_valid(sirets).all() and (sirets.str[:9] == sirens).all()
    rng = np.random.default_rng(2)
    wrong = pd.Series([mistyped(s, rng) for s in sirens], dtype="string")
    assert not siren_is_valid(wrong).any()
    assert (wrong != pd.Series(sirens, dtype="string")).all()


def test_workbook_is_byte_identical_and_readable(tmp_path):
    sheets = {
        "Réponses": [
            ["titre"],
            ["a", "b"],
            [1, pd.Timestamp("2020-01-02").to_pydatetime()],
            [None, "x"],
        ]
    }
    first = write_workbook(tmp_path / "a.xlsx", sheets).read_bytes()
    second = write_workbook(tmp_path / "b.xlsx", sheets).read_bytes()
    assert first == second
    book = openpyxl.load_workbook(tmp_path / "a.xlsx")
    assert book.sheetnames == ["Réponses"]
    assert [c.value for c in book["Réponses"][3]] == [1, pd.Timestamp("2020-01-02").to_pydatetime()]


def test_more_names_than_the_demo_can_invent_is_one_line_about_the_scale():
    import numpy as np
    import pytest

    from santenum.core.errors import InputError
    from santenum.demo.names import company_names

    with pytest.raises(InputError, match="--scale: the demo invents at most 3840"):
        company_names(np.random.default_rng(0), 4470)
