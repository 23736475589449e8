"""Rows that are not one company, from real files a new user cleaned (2026-12-08): a public
contracts' award list whose « titulaire » lists several holders or a sole trader (BOAMP extract,
github Augustin690/audit-marches-publics-france, data/boamp_attributions.csv), and a city's budget
of subsidies with its provisions (Ville de Rennes 2019, github subventionsparis/website,
Data/bp-2019-ville-de-rennes-subventions-aux-associations.csv). Cells as written there."""

import pandas as pd
import pytest

from santenum.clean import clean_directory
from santenum.clean.parse import budget_line, several_companies
from santenum.clean.pipeline import PIPED_NAME
from santenum.clean.reasons import BUDGET_LINE, SEVERAL_COMPANIES
from santenum.clean.values import names_a_person
from tests.helpers import SIRET_A


def _names(*values):
    return pd.Series(list(values), dtype="string")


def test_a_consortium_is_no_one_company():
    found = several_companies(
        _names(
            "MOONWALKLOCAL SARL (mandataire) en groupement avec ATELIER X",
            "ATELIER X en groupement avec MOONWALKLOCAL",
            "NEXSTONE | SMAG",  # asked about, not quarantined: see below
            "COLAS FRANCE ETS VAL DE REUIL",
            None,
        )
    )
    assert found.tolist() == [True, True, False, False, False]


def test_a_budget_line_is_no_company():
    found = budget_line(
        _names(
            "Provision pour manifestations sportives",
            "PROVISION POUR AIDE AUX FESTIVALS",
            "Dotations annuelles aux associations d'écoles pour les petites fournitures",
            "Stade Rennais Athlétisme",
            "Réserve de biosphère des Cévennes",
            None,
        )
    )
    assert found.tolist() == [True, True, True, False, False, False]


def test_a_sole_trader_is_a_person_alone_or_among_holders():
    found = names_a_person(
        _names(
            "EI PAU Frédéric",
            "EI STEPHANY MAZIOUX | MMA IARD | CNP ASSURANCES",
            "DUPONT JEAN EI",
            "E.I. MARTIN",
            "EIFFAGE ROUTE IDF CENTRE OUEST",
            "MMA IARD | CNP ASSURANCES",
        )
    )
    assert found.tolist() == [True, True, True, True, False, False]


@pytest.mark.slow
def test_no_such_row_becomes_a_company_and_no_sole_trader_is_copied(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "marches.csv").write_text(
        "objet,acheteur,titulaire,siret,departement\n"
        "Assurances,Commune Les Angles,EI STEPHANY MAZIOUX | MMA IARD | CNP ASSURANCES,,30\n"
        "Coordination SPS,Département de la Lozère,EI PAU Frédéric,,48\n"
        "Granulats,Département de la Savoie,NEXSTONE | SMAG | NEXSTONE | SMAG,,73\n"
        "Études,Ville de Mende,ATELIER X (mandataire) en groupement avec BET Y,,48\n"
        f"Voirie,Ville de Mende,COLAS FRANCE | EIFFAGE ROUTE,{SIRET_A},48\n"
        "Sports,Ville de Rennes,Provision pour manifestations sportives,,35\n"
        "Sports,Ville de Rennes,Stade Rennais Athlétisme,,35\n",
        encoding="utf-8",
    )
    result = clean_directory(raw, show_progress=False)
    reasons = result.rejected.set_index("row")["reason"]
    assert reasons[5] == SEVERAL_COMPANIES and reasons[7] == BUDGET_LINE
    # « A | B » may be two holders or one name and its tagline (VivaTech's partners list, in
    # tests/data/real, writes « ART-ER | Emilia-Romagna Region's Innovation Hub »): kept, asked.
    asked = result.to_check.set_index("row")["reason"]
    assert asked.get(4) == PIPED_NAME and not {2, 6} & set(asked.index)  # a person, a SIRET
    kept = result.companies
    assert "Stade Rennais Athlétisme" in set(kept["name"])
    assert SIRET_A[:9] in set(kept["siren"])  # a holder given by its identifier stays
    written = kept.to_csv() + result.rejected.to_csv() + result.to_check.to_csv()
    assert "MAZIOUX" not in written and "PAU Fr" not in written
