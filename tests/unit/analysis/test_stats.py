"""Statistics against values computed by hand on small frames."""

import numpy as np
import pandas as pd
import pytest

from santenum.analysis import display, stats
from santenum.core import french, rules
from santenum.core.table.lists import text_lists


def test_wilson_interval_known_values():
    low, high = stats.wilson_interval([5, 0, 10], [10, 10, 10])
    # 5/10: [0.2366, 0.7634]; 0/10: [0, 0.2775]; 10/10: [0.7225, 1] (Wilson 1927, textbook values)
    assert low == pytest.approx([0.2366, 0.0, 0.7225], abs=1e-4)
    assert high == pytest.approx([0.7634, 0.2775, 1.0], abs=1e-4)
    assert np.isnan(stats.wilson_interval([0], [0])[0][0])


def test_distribution_shares_of_known_values_or_of_all():
    values = pd.Series(["a", "a", "b", None], name="segment", dtype="string")
    known = stats.distribution(values)
    assert known["segment"].tolist() == ["a", "b"]
    assert known["n"].tolist() == [3, 3]
    assert known["share"].tolist() == pytest.approx([2 / 3, 1 / 3])
    everyone = stats.distribution(values, base=stats.BASE_ALL)
    assert everyone["share"].tolist() == pytest.approx([0.5, 0.25])
    ordered = stats.distribution(values, order=["b", "a", "c"])
    assert ordered["count"].tolist() == [1, 2, 0]


def test_share_ignores_unknown_values():
    mask = pd.Series([True, False, True, pd.NA], dtype="boolean")
    row = stats.share(mask, "IA").iloc[0]
    assert (row["count"], row["n"], row["share"]) == (2, 3, pytest.approx(2 / 3))


def test_multi_choice_counts_companies_not_mentions():
    lists = text_lists([["x", "y"], ["x"], [], None], range(4))
    all_companies = stats.multi_choice(lists, ["x", "y", "z"]).set_index("index")
    assert all_companies["count"].tolist() == [2, 1, 0]
    assert all_companies["share"].tolist() == pytest.approx([0.5, 0.25, 0.0])
    answered = stats.multi_choice(lists, ["x", "y"], base=stats.BASE_KNOWN)
    assert answered["share"].tolist() == pytest.approx([1.0, 0.5])


def test_crosstab_shares_within_rows():
    frame = pd.DataFrame(
        {"segment": ["a", "a", "a", "b", None], "uses_ai": [True, False, True, True, True]}
    )
    tidy = stats.crosstab(frame, "segment", "uses_ai").set_index(["segment", "uses_ai"])
    assert tidy.loc[("a", True), "share"] == pytest.approx(2 / 3)
    assert tidy.loc[("b", False), "count"] == 0 and tidy.loc[("b", True), "n"] == 1


def test_herfindahl_and_top_share():
    assert stats.herfindahl(pd.Series([2, 2])) == pytest.approx(0.5)
    assert stats.herfindahl(pd.Series([3, 1])) == pytest.approx(0.625)
    assert stats.top_share(pd.Series([5, 3, 2]), 2) == pytest.approx(0.8)


def test_location_quotient_by_hand():
    # Region R: 3 of 4 in segment a (75 %); nationally a is 4 of 8 (50 %): LQ 1.5; b: 25 % / 50 % = 0.5.
    frame = pd.DataFrame(
        {"region_code": ["R"] * 4 + ["S"] * 4, "segment": ["a", "a", "a", "b", "a", "b", "b", "b"]}
    )
    lq = stats.location_quotients(frame, "R").set_index("segment")["location_quotient"]
    assert lq["a"] == pytest.approx(1.5) and lq["b"] == pytest.approx(0.5)


def test_recent_creations_and_scorecard():
    frame = pd.DataFrame(
        {
            "region_code": ["R"] * 5 + ["S"],
            "segment": ["a", "a", "a", "b", "b", "b"],
            "creation_date": pd.to_datetime(
                ["2022-01-01", "2021-01-01", "2017-01-01", "2016-06-01", "2010-01-01", "2022-01-01"]
            ),
        }
    )
    out = stats.recent_creations(frame[frame["region_code"] == "R"], "2023-06-30").set_index(
        "segment"
    )
    assert (out.loc["a", "recent"], out.loc["a", "previous"]) == (2, 1)
    assert out.loc["a", "growth"] == pytest.approx(1.0)
    assert (out.loc["b", "recent"], out.loc["b", "previous"]) == (0, 1)
    # 2 creations after 1 is noise (stats.MIN_CREATIONS): neither accelerating nor strong; the
    # rule itself is tested in tests/unit/analysis/test_honest_numbers.py
    assert not out["accelerating"].any()
    card = stats.segment_scorecard(frame, "R", "2023-06-30").set_index("segment")
    assert not card["strong"].any() and not card["accelerating"].any()


def test_under_ten_young_and_summary():
    frame = pd.DataFrame({"headcount_band": pd.Series(["NN", "03", "11", None], dtype="string")})
    row = stats.under_ten_share(frame).iloc[0]
    assert (row["count"], row["n"]) == (2, 3)
    young = stats.young_share(pd.Series([1, 3, 4, None], dtype="Int64")).iloc[0]
    assert (young["count"], young["n"]) == (2, 3)
    summary = stats.summary(pd.Series([1.0, 2.0, 3.0, 4.0, None]), "ca").iloc[0]
    assert (summary["n"], summary["median"], summary["q1"], summary["q3"]) == (4, 2.5, 1.75, 3.25)


def test_per_100k_and_regions_table_rank():
    counts = pd.Series({"A": 10, "B": 30})
    assert stats.per_100k(counts, pd.Series({"A": "100000", "B": "1000000"})).tolist() == [
        10.0,
        3.0,
    ]
    frame = pd.DataFrame(
        {
            "region_code": ["A", "B", "B"],
            "headcount_band": ["01", "11", None],
            "size_category": ["PME", "PME", "ETI"],
            "age_years": [1, 10, 2],
            "uses_ai": [True, None, False],
            "metropole": [None, "M", "M"],
            "departement_code": ["1", "2", "2"],
        }
    ).loc[[0] * 10 + [1, 2] * 10]  # 10 companies in A, 20 in B: enough to be ranked
    table = stats.regions_table(frame, pd.Series({"A": 100000, "B": 100000})).set_index(
        "region_code"
    )
    assert table.loc["B", "rank"] == 1 and table.loc["A", "rank"] == 2
    assert table.loc["B", "pme_share"] == pytest.approx(0.5)
    assert table.loc["A", "under_ten_share"] == 1.0 and table.loc["B", "metropole_share"] == 1.0


def test_french_formats():
    assert french.number(1234.5, 1) == "1\u00a0234,5"
    assert french.number(1234) == "1\u00a0234"
    assert french.percent(0.4229) == "42,3\u00a0%"
    assert french.euros(1_200_000) == "1,2\u00a0M€" and french.euros(350_000) == "350\u00a0k€"
    assert french.interval(0.381, 0.466) == "[38,1\u00a0;\u00a046,6]\u00a0%"
    assert french.percent(None) == "–"


def test_largest_uses_headcount_then_band():
    frame = pd.DataFrame(
        {
            "name": ["a", "b", "c", "d"],
            "headcount": pd.array([5, None, None, 300], dtype="Int64"),
            "headcount_band": ["02", "22", None, "32"],
            "segment": None,
            "size_category": None,
            "departement_code": None,
        }
    )
    assert stats.largest(frame, 3)["name"].tolist() == [
        "d",
        "b",
        "a",
    ]  # 300, band 22 (≥ 100), 5; c unknown


def test_largest_gives_each_code_its_label():
    frame = pd.DataFrame(
        {
            "name": ["a", "b"],
            "headcount": pd.array([None, None], dtype="Int64"),
            "headcount_band": ["53", "02"],
            "segment": None,
            "size_category": None,
            "departement_code": ["31", "2A"],
        }
    )
    out = stats.largest(frame)
    # INSEE's labels of bands 53 and 02; the départements' names (COG)
    assert out["band_label"].tolist() == ["10 000 salariés et plus", "3 à 5 salariés"]
    assert out["departement_name"].tolist() == ["Haute-Garonne", "Corse-du-Sud"]


def test_candidate_density_sums_naf_codes():
    counts = pd.DataFrame(
        {
            "region_code": ["A", "A", "B", "C"],
            "naf_code": ["x", "y", "x", "x"],
            "companies": [30, 20, 10, 4],
        }
    )
    population = pd.Series({"A": 100_000, "B": 1_000_000, "C": 1_000})
    out = stats.candidate_density(counts, population).set_index("region_code")
    assert (
        out.loc["A", "count"] == 50
        and out.loc["A", "per_100k"] == 50.0
        and out.loc["B", "per_100k"] == 1.0
    )
    assert out.loc["A", "rank"] == 1 and out.loc["B", "rank"] == 2
    # C, densest of all on 4 candidates, is not ranked and comes last
    assert pd.isna(out.loc["C", "rank"]) and out.index[-1] == "C"


def test_technology_matrix_counts_companies_per_cell():
    frame = pd.DataFrame(
        {
            "technologies": text_lists([["IA", "Cloud"], ["IA"], [], ["IoT"]], range(4)),
            "value_chain": text_lists(
                [["Usages"], ["Usages", "Recherche"], ["Usages"], []], range(4)
            ),
        }
    )
    matrix = stats.technology_matrix(frame, ["IA", "Cloud", "IoT"], ["Recherche", "Usages"])
    cells = matrix.set_index(["technology", "value_chain"])
    assert (
        cells.loc[("IA", "Usages"), "count"] == 2 and cells.loc[("IA", "Recherche"), "count"] == 1
    )
    assert (
        cells.loc[("Cloud", "Usages"), "count"] == 1 and cells.loc[("IoT", "Usages"), "count"] == 0
    )
    assert set(matrix["n"]) == {2}  # companies 2 and 3 lack one of the two
    assert cells.loc[("IA", "Usages"), "share"] == 1.0


def test_jobs_add_exact_headcounts_and_band_bounds_and_count_the_unknown():
    frame = pd.DataFrame(
        {
            "headcount": pd.array([12, None, None, None, None, 5], dtype="Int64"),
            "headcount_band": pd.array(["11", "11", "NN", "53", None, "02"], dtype="string"),
            "segment": ["A", "A", "B", "B", "B", None],
            "departement_code": ["34", "34", "31", "31", "34", "34"],
            "size_category": ["PME", "PME", "PME", "GE", None, "PME"],
            "digital_health_share": pd.array([0.5, None, 1.0, 0.1, 1.0, 1.0], dtype="Float64"),
        }
    )
    table = stats.jobs(frame, "Occitanie").set_index(["dimension", "valeur"])
    total = table.loc[("région", "Occitanie")]
    # 12 exact + band 11 (10-19) + NN (0) + band 53 (10 000 in both) + 5 exact; one company unknown
    assert (total["emplois_bas"], total["emplois_haut"]) == (
        12 + 10 + 0 + 10_000 + 5,
        12 + 19 + 0 + 10_000 + 5,
    )
    assert (total["entreprises"], total["inconnues"]) == (5, 1)
    assert total["part_tranches"] == pytest.approx(3 / 5)
    assert (
        table.loc[("segment", "B"), "emplois_bas"],
        table.loc[("segment", "B"), "inconnues"],
    ) == (10_000, 1)
    assert table.loc[("département", "Hérault (34)"), "emplois_haut"] == 12 + 19 + 5
    assert list(table.index.get_level_values(0).unique()) == [
        "région",
        "segment",
        "département",
        "catégorie",
    ]
    # weighted by the share of activity in digital health, over the companies that give it and
    # a headcount or band: 12 × 0.5, NN 0 × 1, 10 000 × 0.1, 5 × 1 (the unknown one is not counted)
    assert (total["emplois_sante_bas"], total["emplois_sante_haut"]) == (6 + 0 + 1_000 + 5,) * 2
    assert total["entreprises_ponderees"] == 4
    assert table.loc[("segment", "A"), "entreprises_ponderees"] == 1
    # each dimension adds up to the région, its unknowns in a last « non renseigné » row
    assert table.loc[("segment", "non renseigné"), "emplois_bas"] == 5
    assert table.index.get_level_values(1)[-1] == "non renseigné"  # catégorie's, last
    for dimension in ("segment", "département", "catégorie"):
        part = table.loc[dimension]
        for column in ("emplois_bas", "emplois_haut", "entreprises", "inconnues"):
            assert part[column].sum() == total[column], (dimension, column)


def test_jobs_without_any_share_of_activity_are_not_weighted():
    frame = pd.DataFrame(
        {
            "headcount": pd.array([12], dtype="Int64"),
            "headcount_band": pd.array(["11"], dtype="string"),
            "segment": ["A"],
            "departement_code": ["34"],
            "size_category": ["PME"],
            "digital_health_share": pd.array([None], dtype="Float64"),
        }
    )
    total = stats.jobs(frame, "Occitanie").iloc[0]
    assert pd.isna(total["emplois_sante_bas"]) and total["entreprises_ponderees"] == 0


def test_densities_printed_alike_share_their_rank():
    """Hauts-de-France and Normandie printed « 0,75 » each were ranked 12th and 13th."""
    ranks = stats.density_rank(pd.Series([4.33, 0.7512, 0.7488, 0.70]), pd.Series([540] * 4))
    assert ranks.tolist() == [1, 2, 2, 4]


def test_a_density_on_too_few_companies_is_neither_ranked_nor_takes_a_place():
    """Corse, 6 companies, was ranked 5th of 13 on companies per 100 000 inhabitants: one company
    more or less moved it several places."""
    densities = pd.Series([4.33, 1.69, 3.90, 1.34])
    ranks = stats.density_rank(densities, pd.Series([540, 6, 239, 70]))
    assert pd.isna(ranks[1]) and ranks.drop(1).tolist() == [1, 2, 3]
    # and the table reads « n trop faible » where a rank would be
    table = pd.DataFrame({"region_code": ["11", "94"], "count": [540, 6], "rank": ranks[:2]})
    shown = display.french_table(table.astype({"rank": "Int64"}))
    assert shown["rang"].tolist() == ["1", rules.TOO_FEW]
