"""Unit tests of three analysis modules that had none: the AFOM's edge indicators, the published
study against its recomputation, and the French text of a stats table. Expected values are worked
out by hand from the small tables built here."""

import numpy as np
import pandas as pd
import pytest

from santenum.analysis import comparison, swot
from santenum.analysis.display import french_table

NBSP = "\u00a0"
AS_OF = pd.Timestamp("2023-06-30")


def _companies(counts: dict) -> pd.DataFrame:
    """`counts` companies per région: all in one département, no age, AI, band or segment known."""
    rows = [
        {"region_code": code, "departement_code": f"D{code}"}
        for code, count in counts.items()
        for _ in range(count)
    ]
    frame = pd.DataFrame(rows, dtype="string")
    for column in ("uses_ai", "headcount_band", "segment"):
        frame[column] = pd.Series(pd.NA, index=frame.index, dtype="object")
    frame["age_years"] = np.nan
    frame["creation_date"] = pd.NaT
    return frame


def test_afom_lists_the_indicators_where_the_region_is_in_the_top_or_bottom_three():
    # eight régions of 100 000 inhabitants each: companies per 100 000 = their count
    counts = {"11": 80, "24": 70, "27": 60, "28": 50, "32": 40, "44": 30, "52": 20, "53": 10}
    population = pd.Series(100_000, index=list(counts))
    companies = _companies(counts)
    first = swot.edge_indicators(companies, "11", population, AS_OF)
    density = first[first["indicateur"] == "entreprises pour 100 000 habitants"].iloc[0]
    assert (density["chiffre"], density["rank"], density["regions"], density["n"]) == (80, 1, 8, 80)
    assert density["position"] == "3 premières"
    last = swot.edge_indicators(companies, "53", population, AS_OF).set_index("indicateur")
    assert last.loc["entreprises pour 100 000 habitants", ["rank", "position"]].tolist() == [
        8,
        "3 dernières",
    ]
    # every région has one département: all tie on concentration, so no région stands out
    assert last.filter(like="concentration", axis=0).empty
    middle = swot.edge_indicators(companies, "28", population, AS_OF)  # 4th of 8: not an edge
    assert "entreprises pour 100 000 habitants" not in middle["indicateur"].tolist()


def test_afom_ranks_no_density_on_too_few_companies():
    """Corse (9 companies on few inhabitants) was the densest: ranked, it pushed the others down."""
    counts = {"11": 80, "24": 70, "27": 60, "28": 50, "32": 40, "44": 30, "52": 20, "94": 9}
    population = pd.Series(100_000, index=list(counts))
    population["94"] = 1_000  # 900 companies per 100 000 inhabitants, on 9 companies
    first = swot.edge_indicators(_companies(counts), "11", population, AS_OF)
    density = first[first["indicateur"] == "entreprises pour 100 000 habitants"].iloc[0]
    assert (density["rank"], density["regions"]) == (1, 7)
    assert swot.edge_indicators(_companies(counts), "94", population, AS_OF).empty


def test_afom_needs_more_regions_than_both_edges():
    counts = {"11": 30, "24": 20, "27": 10, "28": 5, "32": 4, "44": 3}  # six: everyone is an edge
    population = pd.Series(100_000, index=list(counts))
    assert swot.edge_indicators(_companies(counts), "11", population, AS_OF).empty


def test_the_published_study_against_its_recomputation():
    frame = pd.DataFrame(
        {
            "size_category": pd.Series(["PME", "PME", "ETI", None], dtype="string"),
            "products": [["Logiciel"], ["Logiciel", "Service"], [], None],
        }
    )
    published = pd.DataFrame(
        {
            "figure": ["entreprises", "part des PME", "ETI", "logiciel", "sans recalcul"],
            "value": ["4", "60.0", "1", "50", "12"],
            "unit": ["entreprises", "%", "entreprises", "%", "%"],
            "denominator": ["toutes", "classées", "classées", "toutes", "toutes"],
            "recalcul": [
                "entreprises",
                "part_categorie:PME",
                "categorie:ETI",
                "part_produit:Logiciel",
                None,
            ],
        }
    )
    out = comparison.study_against_recomputation(frame, published).set_index("indicateur")
    assert out.loc["entreprises", ["publie", "recalcule", "ecart", "n"]].tolist() == [4, 4, 0, 4]
    # 2 PME of the 3 classified companies: 66.7 % to the published figure's one decimal
    assert out.loc["part des PME", ["recalcule", "ecart", "n"]].tolist() == [66.7, 6.7, 3]
    assert out.loc["part des PME", "base_recalcul"] == "entreprises classées"
    assert out.loc["ETI", "recalcule"] == 1
    assert out.loc["logiciel", ["recalcule", "n"]].tolist() == [50, 4]  # 2 of all 4 companies
    assert "sans recalcul" not in out.index
    with pytest.raises(KeyError):
        comparison.recompute(frame, "inconnu:x")


def test_a_stats_table_in_french():
    frame = pd.DataFrame(
        {
            "count": pd.Series([1234, 5], dtype="Int64"),
            "share": [0.4229, 0.05],
            "ci_low": [0.381, 0.01],
            "ci_high": [0.466, 0.2],
            "year": pd.Series([2021, None], dtype="Int64"),
            "revenue_eur": [1_200_000.0, 250_000.0],
            "closed": [True, False],
            "creation_date": pd.to_datetime(["2021-03-15", None]),
        }
    )
    text = french_table(frame, euros=("revenue_eur",))
    row = text.iloc[0].tolist()
    assert row[0] == f"1{NBSP}234" and row[1] == f"42,3{NBSP}%"
    assert row[2] == f"[38,1{NBSP};{NBSP}46,6]{NBSP}%"  # one column for the interval
    assert row[3] == "2021" and text.iloc[1, 3] == "–"  # a year is no number: not « 2 021 »
    assert row[4].endswith("€") and "1,2" in row[4]
    assert row[5] == "oui" and text.iloc[1, 5] == "non"
    assert row[6] == "15/03/2021" and text.iloc[1, 6] == "–"
    assert len(text.columns) == 7  # ci_low and ci_high became one column
