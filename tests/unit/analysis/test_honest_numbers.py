"""Headlines a journalist can quote safely (issue 23, item 3): no percentage on fewer than ten
companies, no interval on a census count, the jobs headline named for what it counts, and a
scorecard that never calls noise or the catch-all a strong segment."""

import pandas as pd
import pytest

from santenum.analysis import charts, highlights, stats
from santenum.analysis.display import headline_tiles
from santenum.core.quality import PerimeterCounts, PerimeterQuality
from santenum.core.table.lists import text_lists


def companies(n: int, region_code: str = "94", **columns) -> pd.DataFrame:
    """n active companies of one région ('94', Corse), every other column unknown unless given."""
    frame = pd.DataFrame(
        {
            "region_code": [region_code] * n,
            "departement_code": ["2A"] * n,
            "metropole": pd.array([None] * n, dtype="string"),
            "segment": pd.array([None] * n, dtype="string"),
            "size_category": pd.array([None] * n, dtype="string"),
            "headcount_band": pd.array([None] * n, dtype="string"),
            "headcount": pd.array([None] * n, dtype="Int64"),
            "digital_health_share": pd.array([None] * n, dtype="Float64"),
            "uses_ai": pd.array([None] * n, dtype="boolean"),
            "age_years": pd.array([None] * n, dtype="Float64"),
            "creation_date": pd.to_datetime(pd.Series([None] * n)),
            "needs": text_lists([None] * n, range(n)),
        }
    )
    for name, values in columns.items():
        frame[name] = pd.array(values, dtype=frame[name].dtype)
    return frame


POPULATION = pd.Series({"94": 355_528, "11": 12_317_279})


def test_a_share_on_two_companies_is_not_a_percentage():
    """Corsica: « 50,0 % intègrent l'IA (n = 2) » was a headline."""
    region = companies(2, uses_ai=[True, False])
    text = " ".join(highlights.sentences(region, "94", "Corse", POPULATION)["phrase"])
    assert (
        "La part des entreprises qui intègrent l'IA n'est pas donnée : n trop faible (n = 2)."
        in text
    )
    assert "50,0" not in text


def test_a_share_on_ten_companies_is_given():
    region = companies(10, uses_ai=[True] * 4 + [False] * 6)
    text = " ".join(highlights.sentences(region, "94", "Corse", POPULATION)["phrase"])
    assert "40,0\u00a0% des entreprises qui ont répondu intègrent l'IA (n = 10)" in text


def test_tiles_never_show_a_percentage_on_too_few_companies():
    tiles = headline_tiles(stats.headline(companies(3, uses_ai=[True, True, False])))
    by_label = {tile["label"]: tile for tile in tiles}
    assert by_label["entreprises"]["big"] == "3"
    assert by_label["intègrent l'IA"]["big"] == "n trop faible"
    assert by_label["intègrent l'IA"]["small"] == "n = 3"


def test_the_census_count_has_no_share_or_interval():
    """« 239 [98,4 ; 100,0] % »: an interval on the whole population."""
    census = stats.headline(companies(239)).iloc[0]
    assert census["indicateur"] == "entreprises" and census["count"] == 239
    assert pd.isna(census["share"]) and pd.isna(census["ci_low"]) and pd.isna(census["ci_high"])


def test_jobs_headline_is_the_weighted_estimate_and_whole_headcounts_are_named():
    """One group of 10 000+ (band 53) made « entre 39 342 et 56 126 emplois » a headline."""
    region = companies(
        3,
        headcount=[10, 20, None],
        headcount_band=[None, None, "53"],
        digital_health_share=[0.5, 1.0, None],
    )
    text = highlights.jobs_sentence(stats.headline_figures(region, "Corse"))
    # weighted: 10 × 0,5 + 20 × 1 = 25, over the 2 companies that give their share
    assert text.startswith("Emplois en santé numérique : entre 25 et 25, estimés pour les 2 ")
    # whole headcounts: 10 + 20 + 10 000 (band 53, « 10 000 salariés et plus », counts its floor)
    assert "entre 10\u00a0030 et 10\u00a0030 personnes, toutes activités et groupes compris" in text
    assert "emplois des entreprises de la filière" in text


def test_the_weighted_companies_are_said_to_be_those_whose_headcount_is_known():
    """The synthèse said « les 110 entreprises qui déclarent la part de leur activité » where the
    response rates counted 116 that declare it: 6 give no headcount and cannot be weighted."""
    region = companies(3, headcount=[10, 20, None], digital_health_share=[0.5, 1.0, 0.4])
    text = highlights.jobs_sentence(stats.headline_figures(region, "Corse"))
    assert "estimés pour les 2 entreprises dont l'effectif est connu et qui déclarent la part" in (
        text
    )


def test_jobs_without_declared_shares_are_only_the_companies_headcounts():
    text = highlights.jobs_sentence(stats.headline_figures(companies(2, headcount=[4, 6]), "Corse"))
    assert text.startswith("Les 2 entreprises de la filière") and "santé numérique" not in text


def _segments(region_code, segment, years_ago, as_of):
    return [
        {
            "region_code": region_code,
            "segment": segment,
            "creation_date": as_of - pd.DateOffset(years=y, days=30),
        }
        for y in years_ago
    ]


def test_scorecard_rule_catch_all_and_noise_are_never_strong():
    as_of = pd.Timestamp("2023-06-30")
    rows = (
        # 6 recent creations against 2 before, 12 companies: strong
        _segments("76", "Data – traitement de la donnée", [0] * 6 + [5, 5] + [9] * 4, as_of)
        # the catch-all with the same figures: never marked
        + _segments("76", "Autres", [0] * 6 + [5, 5] + [9] * 4, as_of)
        # 1 -> 3 creations: noise, not an acceleration
        + _segments("76", "Silver tech", [0] * 3 + [5] + [9] * 8, as_of)
        # accelerating but only 6 companies: not strong
        + _segments("76", "Formation & simulation", [0] * 5 + [5], as_of)
        # the rest of France, so that each segment's index is about 1
        + _segments("11", "Data – traitement de la donnée", [9] * 12, as_of)
        + _segments("11", "Autres", [9] * 12, as_of)
        + _segments("11", "Silver tech", [9] * 12, as_of)
        + _segments("11", "Formation & simulation", [9] * 6, as_of)
    )
    frame = pd.DataFrame(rows)
    card = stats.segment_scorecard(frame, "76", as_of).set_index("segment")
    assert card.loc["Data – traitement de la donnée", ["accelerating", "strong"]].tolist() == [
        True,
        True,
    ]
    assert not card.loc["Autres", "accelerating"] and not card.loc["Autres", "strong"]
    assert not card.loc["Silver tech", "accelerating"]
    assert card.loc["Formation & simulation", "accelerating"]
    assert not card.loc["Formation & simulation", "strong"]
    assert "au moins 5 créations" in stats.SCORECARD_RULE and "Autres" in stats.SCORECARD_RULE


def test_chart_bars_on_too_few_companies_show_no_bar():
    frame = pd.DataFrame({"segment": ["A", "B"], "share": [0.5, 0.25], "n": [40, 4]}, index=[0, 1])
    figure = charts.bars(
        frame, "segment", "share", title="Titre", xlabel="part", source="Source : test."
    )
    texts = [t.get_text() for ax in figure.axes for t in ax.texts]
    assert "n trop faible (n = 4)" in texts and "50,0\u00a0%" in texts
    widths = sorted(p.get_width() for p in figure.axes[0].patches)
    assert widths[0] == pytest.approx(0.0) and widths[-1] == pytest.approx(0.5)


def _perimeter(waiting: int) -> PerimeterQuality:
    counts = PerimeterCounts(12, waiting, 0, {"enquête": 12}, {"enquête": 12}, 0)
    return PerimeterQuality(counts, {"94": counts}, 0, 0, [], [], {})


def test_the_headline_says_how_many_candidates_wait_when_some_do():
    region = companies(12)
    facts = highlights.sentences(region, "94", "Corse", POPULATION, _perimeter(1204))["phrase"]
    assert facts[0] == (
        "La Corse compte 12 entreprises de santé numérique dans le périmètre, soit 3,4 pour 100 000 "
        "habitants (1re région sur 1) ; 1\u00a0204 candidates restent à qualifier."
    )
    quiet = highlights.sentences(region, "94", "Corse", POPULATION, _perimeter(0))["phrase"]
    assert not any("qualifier" in phrase or "périmètre" in phrase for phrase in quiet)
