"""The headline figures an analyst quotes in texts ({{ name }}): computed on the région, French,
never a percentage on too few companies."""

import pandas as pd

from santenum.analysis.indicators import INDICATORS, indicators
from tests.unit.analysis.test_honest_numbers import POPULATION, companies


def test_every_documented_name_has_a_value_in_french():
    region = companies(
        20,
        uses_ai=[True] * 5 + [False] * 15,
        age_years=[1.0] * 8 + [10.0] * 12,
        segment=["Télésanté"] * 12 + ["Données de santé"] * 8,
        headcount=[5] * 20,
    )
    values = indicators(region, "94", "Corse", POPULATION, "2023-06-30")
    assert values.keys() == INDICATORS.keys()
    assert values["region"] == "Corse" and values["date"] == "30/06/2023"
    assert values["entreprises"] == "20"
    assert values["part_ia"] == "25,0\u00a0%"  # 5 of 20, worked by hand
    assert values["part_moins_4_ans"] == "40,0\u00a0%"  # 8 of 20
    # 12 against 8 of 20 answers: the Wilson intervals overlap, so neither comes first
    assert values["premier_segment"] == (
        "« Télésanté », à égalité avec 1 autre segment compte tenu des intervalles de confiance"
    )
    assert values["emplois_filiere_bas"] == values["emplois_filiere_haut"] == "100"
    assert values["entreprises_pour_100000"] == "5,6"  # 20 / 355 528 × 100 000
    assert values["rang_densite"] == "1 sur 1"  # ranked among the régions that have companies


def test_a_share_on_too_few_companies_is_not_given():
    values = indicators(
        companies(4, uses_ai=[True, False, True, True]), "94", "Corse", POPULATION, "2023-06-30"
    )
    assert values["part_ia"] == "n trop faible"
    assert values["part_pme"] == "–"  # no company classed: no base
    assert values["emplois_sante_bas"] == "–"  # nobody declared a digital-health share


def test_the_values_do_not_depend_on_other_regions_rows():
    mine = companies(12, uses_ai=[True] * 6 + [False] * 6)
    others = companies(30, region_code="11", uses_ai=[True] * 30)
    both = pd.concat([mine, others], ignore_index=True)
    assert indicators(both, "94", "Corse", POPULATION, "2023-06-30")["part_ia"] == "50,0\u00a0%"


def test_a_first_segment_is_named_when_it_is_clearly_ahead():
    # 17 against 3 of 20 answers: [63,9 ; 94,8] % against [5,2 ; 36,0] %, apart
    region = companies(20, segment=["Télésanté"] * 17 + ["Données de santé"] * 3)
    values = indicators(region, "94", "Corse", POPULATION, "2023-06-30")
    assert values["premier_segment"] == "« Télésanté »"
