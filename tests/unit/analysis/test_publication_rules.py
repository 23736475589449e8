"""The statistical rule applied everywhere (issue 32, items 2 to 4): tables, sentences, AFOM,
benchmark and labels. Small frames built here; expected values worked by hand."""

import re

import pandas as pd

from santenum.analysis import display, evolution, highlights, stats, swot
from santenum.core.table.lists import text_lists
from tests.unit.analysis.test_honest_numbers import POPULATION, companies

NBSP = "\u00a0"
AS_OF = pd.Timestamp("2023-06-30")


def test_a_census_has_no_interval_and_a_sample_has_one_on_its_respondents():
    sizes = stats.distribution(pd.Series(["PME"] * 8 + ["ETI"] * 2, name="size_category"))
    assert sizes["ci_low"].isna().all() and set(sizes["base"]) == {stats.BASE_KNOWN}
    segments = stats.distribution(pd.Series(["Data"] * 8 + ["Silver tech"] * 2, name="segment"))
    assert segments["ci_low"].notna().all() and set(segments["base"]) == {"entreprises répondantes"}
    # a share of every company (non-respondents included) is no sample
    products = stats.multi_choice(text_lists([["Logiciel"], None], [0, 1]), ["Logiciel"])
    assert products["ci_low"].isna().all()


def test_autres_comes_last_even_when_it_is_the_largest():
    values = pd.Series(["Autres"] * 5 + ["Data"] * 3 + ["Silver tech"] * 2, name="segment")
    assert stats.distribution(values)["segment"].tolist() == ["Data", "Silver tech", "Autres"]
    frame = pd.DataFrame({"segment": values, "size_category": ["PME"] * 10})
    crossed = stats.crosstab(frame, "segment", "size_category")
    assert crossed["segment"].tolist()[-1] == "Autres"
    # « the first segments » never include it: the leaders are only those that may be ranked
    leaders = stats.leaders(stats.distribution(values), "segment")
    assert "Autres" not in leaders["segment"].tolist()


def test_first_place_only_beyond_the_intervals():
    clear = pd.Series(["Data"] * 17 + ["Silver tech"] * 3, name="segment")
    assert stats.leaders(stats.distribution(clear), "segment")["segment"].tolist() == ["Data"]
    close = pd.Series(["Data"] * 12 + ["Silver tech"] * 8, name="segment")
    tied = stats.leaders(stats.distribution(close), "segment")["segment"].tolist()
    assert tied == ["Data", "Silver tech"]
    sentence = highlights.segment_sentence(
        stats.headline_figures(companies(20, segment=list(close)), "Corse")
    )
    assert sentence.startswith("Segments en tête, à égalité compte tenu des intervalles")


def test_sentences_name_the_region_with_its_article_and_read_well_on_a_small_n():
    """« Occitanie compte 239… », « Des entreprises classées sont des PME : n trop faible »."""
    region = companies(6, size_category=["PME"] * 6, headcount_band=["01"] * 6)
    text = " ".join(highlights.sentences(region, "94", "Corse", POPULATION)["phrase"])
    assert text.startswith("La Corse compte 6 entreprises de santé numérique")
    assert "La part des PME parmi les entreprises classées n'est pas donnée : n trop faible" in text
    assert "Des entreprises classées" not in text
    loire = companies(2, region_code="52")
    population = pd.Series({"52": 3_900_000})
    text = " ".join(highlights.sentences(loire, "52", "Pays de la Loire", population)["phrase"])
    assert text.startswith("Les Pays de la Loire comptent 2 entreprises")


def test_the_afom_never_ranks_autres_small_bases_or_an_index_like_france():
    """A région ranked 1st of 13 on « spécialisation : Autres », on 2 companies."""
    rows = []
    for code, count in {
        "11": 50,
        "24": 40,
        "27": 30,
        "28": 30,
        "32": 30,
        "44": 30,
        "52": 30,
    }.items():
        rows += [{"region_code": code, "segment": "Data"}] * count
        rows += [{"region_code": code, "segment": "Autres"}] * 10
    rows += [{"region_code": "94", "segment": "Autres"}] * 2  # Corse: 2 companies, all « Autres »
    frame = pd.DataFrame(rows)
    for column in ("departement_code", "uses_ai", "headcount_band"):
        frame[column] = pd.Series(pd.NA, index=frame.index, dtype="object")
    frame["age_years"], frame["creation_date"] = float("nan"), pd.NaT
    population = pd.Series(100_000, index=sorted(frame["region_code"].unique()))
    corse = swot.edge_indicators(frame, "94", population, AS_OF)
    assert not corse["indicateur"].str.contains("Autres").any()
    assert not corse["indicateur"].str.startswith("spécialisation").any()
    # every other région is like France on Data (index about 1): not a strength
    paris = swot.edge_indicators(frame, "11", population, AS_OF)
    assert not paris["indicateur"].str.startswith("spécialisation").any()


def test_tables_show_labels_never_codes_and_withhold_small_shares():
    largest = pd.DataFrame(
        {
            "name": ["Vitamoulin"],
            "headcount_band": ["53"],
            "band_label": ["10 000 salariés et plus"],
            "departement_code": ["34"],
            "departement_name": ["Hérault"],
        }
    )
    shown = display.french_table(largest)
    assert shown.columns.tolist() == ["raison sociale", "tranche d'effectifs", "département"]
    assert shown.iloc[0].tolist() == ["Vitamoulin", "10 000 salariés et plus", "Hérault (34)"]
    regions = pd.DataFrame(
        {"region_code": ["94"], "region_name": ["Corse"], "pme_share": [1.0], "pme_n": [6]}
    )
    shown = display.french_table(regions)
    assert shown.columns.tolist() == ["région", "part de PME"]  # code and base left out
    assert shown.iloc[0].tolist() == ["Corse", "n trop faible"]
    census = display.french_table(stats.distribution(pd.Series(["PME"] * 12, name="size_category")))
    assert "IC 95 %" not in census.columns


def test_a_bands_label_is_headed_by_what_it_is():
    """Tableau 11 headed its bands « libellé »."""
    bands = pd.DataFrame({"headcount_band": ["11"], "label": ["10 à 19 salariés"], "count": [3]})
    assert display.french_table(bands).columns.tolist() == ["tranche d'effectifs", "effectif"]


def test_text_columns_are_left_aligned_and_figures_right_aligned():
    """Every column but the first was right-aligned: « entreprises renseignées », a segment, a
    département read flush right in a French table."""
    shown = pd.DataFrame(
        {
            "segment": ["Silver tech", "Autres"],
            "effectif": ["1\u00a0234", "3"],
            "part": ["42,3\u00a0%", "n trop faible"],
            "IC 95 %": ["[12,4\u00a0;\u00a024,1]\u00a0%", "–"],
            "rang": ["2 (à égalité avec 1)", "n trop faible"],
            "chiffre d'affaires": ["1,1\u00a0M€", "−0,1"],
            "base": ["entreprises renseignées", "entreprises renseignées"],
        }
    )
    html = display._aligned(shown.to_html(index=False), shown)
    header = re.search(r"<thead>.*?</thead>", html, re.S)[0]
    marked = [cell == '<th class="text">' for cell in re.findall(r"<th(?: [^>]*)?>", header)]
    assert marked == [True, False, False, False, False, False, True]
    assert html.count('<td class="text">') == 4  # segment and base, in each of two rows


def test_outside_a_metropole_is_not_unknown():
    """82 companies outside a métropole were counted as « non renseigné »."""
    frame = pd.DataFrame(
        {
            "company_id": ["a", "b", "c"],
            "region_code": ["76"] * 3,
            "departement_code": ["34", "34", None],
            "metropole": ["Montpellier Méditerranée Métropole", None, None],
            "closed": [False] * 3,
        }
    )
    editions = evolution.Editions(frame, frame, AS_OF, pd.DataFrame(), pd.DataFrame())
    table = evolution.counts_then_and_now(editions, "76", "metropole").set_index("metropole")
    assert table.loc["hors métropole", "apres"] == 1 and table.loc["non renseigné", "apres"] == 1
    assert table.index.tolist()[-3:] == ["hors métropole", "non renseigné", "ensemble"]


def _session(region_code: str):
    from pathlib import Path

    from santenum.analysis.session import Session

    return Session("t", pd.DataFrame(), region_code, [], AS_OF, Path("."), Path("x.parquet"))


def test_a_regions_study_carries_only_the_comparisons_meant_for_it():
    """Without texts, Bretagne got four pages of the Catalan and Occitanie comparisons."""
    bretagne = _session("53").published_studies()
    assert set(bretagne["scope"]) == {"France"}
    occitanie = _session("76").published_studies()
    assert set(occitanie["scope"]) == {"Catalogne", "France"}  # its own figures: etude_vs_recalcul
    assert pd.api.types.is_float_dtype(occitanie["value"])  # numbers, for tables.xlsx
