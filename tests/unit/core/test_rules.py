"""One statistical rule for everything the study prints (issue 32, item 2), French rounding half
up, and the régions' names as sentences need them (item 4). Expected values worked by hand."""

import pandas as pd
import pytest

from santenum.core import french, reference, rules
from santenum.core.vocabulary import HEADERS, share_base

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (18 / 160 * 100, 1, "11,3"),  # the published 11,25 %: half up, not « 11,2 »
        (0.125, 2, "0,13"),
        (2.5, 0, "3"),
        (-0.04, 1, "0,0"),  # no « -0,0 »
        (50.44, 2, "50,44"),
        (1234.5, 0, f"1{NBSP}235"),
    ],
)
def test_french_numbers_round_half_up(value, decimals, text):
    assert french.number(value, decimals) == text


def test_a_percentage_rounds_half_up_too():
    assert french.percent(18 / 160) == f"11,3{NBSP}%"
    assert french.percent(0.1125, 2) == f"11,25{NBSP}%"


def test_a_share_on_fewer_than_ten_companies_is_not_a_percentage():
    assert rules.share_text(0.875, 8) == rules.TOO_FEW == "n trop faible"  # « 87,5 % » on n = 8
    assert rules.share_text(1.0, 6) == rules.TOO_FEW  # Corse's « 100,0 % » on 6
    assert rules.share_text(0.5, 10) == f"50,0{NBSP}%"
    assert rules.too_few(None) and rules.too_few(9) and not rules.too_few(10)


def test_intervals_belong_to_samples_only():
    """What companies declare in the survey is a sample; the register's facts are a census."""
    assert rules.is_sample("segment") and rules.is_sample("uses_ai") and rules.is_sample("needs")
    assert not rules.is_sample("size_category") and not rules.is_sample("headcount_band")
    assert not rules.is_sample("creation_date") and not rules.is_sample("departement_code")
    assert rules.is_sample("segment", "size_category")  # a cross with a sample is a sample


def test_autres_non_renseigne_and_hors_metropole_are_never_ranked():
    assert not rules.is_ranked("Autres") and not rules.is_ranked("non renseigné")
    assert not rules.is_ranked("hors métropole") and not rules.is_ranked(None)
    assert rules.is_ranked("Silver tech")
    frame = pd.DataFrame({"segment": ["Autres", "Silver tech", "non renseigné", "Data"]})
    assert rules.unranked_last(frame, "segment")["segment"].tolist() == [
        "Silver tech",
        "Data",
        "Autres",
        "non renseigné",
    ]


def test_a_rank_is_given_only_beyond_the_intervals():
    # census values: exact, tied only when equal
    census = rules.ranks([3.9, 4.3, 3.9, 1.0])
    assert census["rank"].tolist() == [2, 1, 2, 4]
    assert census["tied"].tolist() == [1, 0, 1, 0]
    # sample values: A's interval overlaps B's, so neither is ahead; C is clearly behind both
    sample = rules.ranks([0.30, 0.25, 0.05], low=[0.20, 0.15, 0.01], high=[0.40, 0.35, 0.10])
    assert sample["rank"].tolist() == [1, 1, 3]
    assert sample[["ahead", "behind", "tied"]].values.tolist() == [[0, 1, 1], [0, 1, 1], [2, 0, 0]]


def test_every_region_has_its_article_and_preposition():
    regions = reference.table("regions")["region_code"]
    assert set(reference.table("region_articles")["region_code"]) == set(regions)
    occitanie, loire = reference.region_name("76"), reference.region_name("52")
    assert f"{occitanie.subject} {occitanie.verb('compte', 'comptent')}" == "L'Occitanie compte"
    assert f"{loire.subject} {loire.verb('compte', 'comptent')}" == "Les Pays de la Loire comptent"
    assert reference.region_name("11").en == "en Île-de-France"
    assert reference.region_name("04").en == "à La Réunion"
    assert reference.region_name("44").de == "du Grand Est"


def test_no_header_reads_valeur_and_an_index_says_what_1_means():
    assert "valeur" not in HEADERS.values()
    assert "1 = comme la France" in HEADERS["location_quotient"]


def test_each_share_finds_the_n_it_rests_on():
    columns = ["pme_share", "pme_n", "share", "n", "growth", "previous", "national_share"]
    assert share_base("pme_share", columns) == "pme_n"
    assert share_base("share", columns) == "n" and share_base("growth", columns) == "previous"
    assert share_base("national_share", columns) is None  # rests on France, not the région
    assert share_base("count", columns) is None
