import pandas as pd
import pytest

from santenum.clean.normalise.size import (
    derive_category,
    parse_band,
    parse_category,
    parse_headcount,
)


@pytest.mark.parametrize(
    "text, headcount, band",
    [
        ("12", 12, "11"),
        ("0", 0, "00"),
        ("9", 9, "03"),
        ("10", 10, "11"),
        ("249", 249, "31"),
        ("250", 250, "32"),
        ("1 200", 1200, "42"),
        ("10 à 19", None, "11"),
        ("10-19 salariés", None, "11"),
        ("de 20 à 49", None, "12"),
        ("10 000 et plus", None, "53"),
        ("plus de 10 000", None, "53"),
    ],
)
@pytest.mark.slow
def test_parse_headcount(text, headcount, band):
    row = parse_headcount(pd.Series([text])).iloc[0]
    assert (None if pd.isna(row["headcount"]) else row["headcount"]) == headcount
    assert row["headcount_band"] == band


@pytest.mark.parametrize("text", ["1 à 9", "beaucoup", "-3"])
def test_brackets_off_insee_bounds_and_nonsense_are_missing(text):
    assert parse_headcount(pd.Series([text])).isna().all(axis=None)


def test_parse_band_accepts_codes_and_brackets():
    assert parse_band(pd.Series(["11", "3", "NN", "20 à 49", "99"])).tolist()[:4] == [
        "11",
        "03",
        "NN",
        "12",
    ]
    assert pd.isna(parse_band(pd.Series(["99"])).iloc[0])


def test_parse_category_labels():
    out = parse_category(pd.Series(["TPE", "PME", "Grande entreprise", "eti", "autre"]))
    assert out.tolist()[:4] == ["PME", "PME", "GE", "ETI"] and pd.isna(out.iloc[4])


def derive(headcount, band=None, revenue=None):
    return derive_category(
        pd.Series([headcount], dtype="Int64"),
        pd.Series([band], dtype="string"),
        pd.Series([revenue], dtype="Float64"),
    ).iloc[0]


def test_thresholds_of_the_decree():
    assert derive(249) == "PME"
    assert derive(250) == "ETI"
    assert derive(4999) == "ETI"
    assert derive(5000) == "GE"


def test_turnover_above_fifty_million_leaves_pme():
    assert derive(100, revenue=50_000_001) == "ETI"
    assert derive(100, revenue=50_000_000) == "PME"
    assert derive(1000, revenue=2e9) == "GE"


def test_band_upper_bound_decides():
    assert derive(None, band="31") == "PME"  # 200-249
    assert derive(None, band="32") == "ETI"  # 250-499
    assert derive(None, band="53") == "GE"  # 10 000 and more


def test_nothing_known_is_undeterminable():
    assert pd.isna(derive(None))
