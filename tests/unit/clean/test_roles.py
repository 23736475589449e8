"""Column roles from header and values, or a question (issue 30, items 2 and 3). Each case is a shape
met in real files (tests/data/real/README.md names them), rebuilt small with invented values."""

from pathlib import Path

import pandas as pd
import pytest
import yaml

from santenum.clean.normalise import geography
from santenum.clean.readers import read_table
from santenum.clean.roles import PLACES, assign_roles
from santenum.clean.sources import load_source
from santenum.core.errors import InputError, Question
from tests.helpers import SIRET_A

FIRMS = ["Alpha Santé SAS", "Beta Médical", "Gamma Data", "Delta Imagerie", "Epsilon Soins"]


def _roles(columns: dict, options: dict | None = None, headerless: bool = False):
    frame = pd.DataFrame(columns, dtype="string")
    return assign_roles(Path("liste.csv"), frame, options or {}, headerless)


def test_a_surname_beside_a_first_name_column_is_a_person_whoever_it_names():
    """« Nom du lauréat » beside « Prénom du candidat » (i-Lab): the laureate's surname."""
    roles = _roles(
        {
            "Nom du lauréat": ["Durandal", "Ferrand", "Gosselin", "Hamel", "Imbert"],
            "Prénom du candidat": ["Ysolde", "Marc", "Anne", "Paul", "Julie"],
            "Libellé entreprise": FIRMS,
        }
    )
    assert roles.mapping["name"] == ["Libellé entreprise"]
    assert {"Nom du lauréat", "Prénom du candidat"} <= set(roles.persons)


def test_place_words_win_over_nom_and_a_name_column_of_places_is_no_name():
    roles = _roles(
        {
            "Raison sociale": FIRMS,
            "com_nom": ["Montpellier", "Toulouse", "Albi", "Rodez", "Nîmes"],
            "dep_nom": ["Hérault", "Haute-Garonne", "Tarn", "Aveyron", "Gard"],
        }
    )
    assert roles.mapping["commune_name"] == ["com_nom"]
    assert roles.mapping["departement"] == ["dep_nom"]
    places = _roles(
        {"Nom": ["Montpellier", "Toulouse", "Albi", "Rodez", "Nîmes"], "SIREN": [None] * 5}
    )
    assert places.set_aside["Nom"] == PLACES


@pytest.mark.parametrize("header", ["Startup", "Lauréat", "Exposant", "Adhérent", "Organisme"])
def test_a_header_naming_a_kind_of_company_is_the_name_when_its_values_are(header):
    assert _roles({header: FIRMS, "Ville": ["Albi"] * 5}).mapping["name"] == [header]


def test_a_kind_column_is_no_name_and_can_say_a_row_is_a_person():
    """A lobbyists' register: « Nature de l'organisme » says « Personne physique » on the row whose
    « Organisme » is the person's own name."""
    roles = _roles(
        {
            "Organisme": [*FIRMS, "DURANDAL YSOLDE"],
            "Nature de l'organisme": ["Entreprise privée"] * 3
            + ["Association"] * 2
            + ["Personne physique"],
        }
    )
    assert roles.mapping["name"] == ["Organisme"]
    assert roles.person_kinds == ["Nature de l'organisme"]


def test_two_name_columns_of_equal_standing_ask_with_the_lines_that_settle_it():
    with pytest.raises(Question) as asked:
        _roles({"Nom": FIRMS, "Structure": ["Kappa Labs", "Lambda", "Mu Santé", "Nu", "Xi Data"]})
    assert "« Nom »" in asked.value.problem and "« Structure »" in asked.value.problem
    settled = yaml.safe_load(asked.value.settle)["files"]["liste.csv"]
    assert settled == {"columns": {"Nom": "name"}, "ignore": ["Structure"]}
    # the lines settle it: the same file with them reads the first as the name
    assert _roles(
        {"Nom": FIRMS, "Structure": ["Kappa Labs", "Lambda", "Mu Santé", "Nu", "Xi Data"]}, settled
    ).mapping["name"] == ["Nom"]


def test_a_specific_name_header_outranks_a_generic_one():
    roles = _roles({"Nom": ["Alpha", "Beta", "Gamma", "Delta", "Epsilon"], "Raison sociale": FIRMS})
    assert roles.mapping["name"][0] == "Raison sociale"


def test_two_identifier_columns_that_disagree_ask():
    with pytest.raises(Question, match="SIRET"):
        _roles(
            {
                "Bénéficiaire": FIRMS,
                "SIRET bénéficiaire": ["73282932000074"] * 5,
                "SIRET mandataire": ["55210055400013"] * 5,
            }
        )


def test_an_identifier_column_of_no_identifiers_is_set_aside_or_asks():
    roles = _roles({"Raison sociale": FIRMS, "SIREN du groupe": ["RIESTE (352853667)"] * 5})
    assert "SIREN du groupe" in roles.set_aside and "siren" not in roles.mapping
    with pytest.raises(Question, match="aucune autre colonne"):
        _roles({"SIREN": ["voir annexe", "NC", "à venir", "?", "n/a"], "Montant": ["1"] * 5})


def test_a_header_row_that_names_no_company_asks_which_column_is():
    with pytest.raises(Question) as asked:
        _roles({"Acteur": FIRMS, "Montant": ["1 000", "2 000", "3 000", "4 000", "5 000"]})
    assert "« Acteur »" in asked.value.problem


def test_a_file_without_a_header_row_is_read_by_its_values(tmp_path):
    """The French Tech 120 lists: « 2020,French Tech 120,<company> » on every line."""
    path = tmp_path / "ft120.csv"
    names = ["Alan", "Back Market", "Doctolib", "Lydia", "Qonto", "Withings", "Ynsect"]
    path.write_text("".join(f"2020,French Tech 120,{n}\n" for n in names), encoding="utf-8")
    source = load_source(path, tmp_path)
    assert source.table.meta["header_row"] == 0 and len(source.table.frame) == len(names)
    assert source.mapping == {"name": ["colonne 3"]}


def test_a_file_without_a_header_row_and_two_name_columns_asks(tmp_path):
    path = tmp_path / "labos.csv"
    rows = ["3M France,3M", "3M France*,3M", "Abbott France,Abbott", "ABBOTT+FRANCE,Abbott"]
    rows += [f"Labo {i} SAS,Groupe {i}" for i in range(8)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(Question) as asked:
        load_source(path, tmp_path)
    assert "colonne 1" in asked.value.problem and "colonne 2" in asked.value.problem
    assert "header: false" in asked.value.settle


def test_a_header_above_typed_values_is_a_header(tmp_path):
    path = tmp_path / "liste.csv"
    path.write_text(
        "Acteur,Création\nAlpha,2019-01-01\nBeta,2020-02-01\nGamma,2021-03-01\n", "utf-8"
    )
    assert read_table(path, {}).meta["header_row"] == 1


@pytest.mark.parametrize(
    "cell, postal, commune, country",
    [
        ("73, rue Emile Boutrais 94120 Fontenay-sous-Bois", "94120", "Fontenay-sous-Bois", None),
        ("BP 128 84007 Avignon Cedex 1", "84007", "Avignon Cedex 1", None),
        ("Nice, France", None, "Nice", "France"),
        ("Lyon, Rhône-Alpes, France, Europe", None, "Lyon", "France"),
        ("75002 Paris", "75002", "Paris", None),
        ("Valence, Espagne", None, "Valence", "Espagne"),
        ("London, United Kingdom", None, None, "United Kingdom"),
        ("Haut-Bugey", None, None, None),  # no commune, nothing guessed
    ],
)
def test_a_place_written_in_one_cell_is_split(cell, postal, commune, country):
    found = geography.split_place(pd.Series([cell], dtype="string")).iloc[0]
    assert [None if pd.isna(v) else v for v in found] == [postal, commune, country]


def test_source_yml_that_does_not_fit_the_file_is_refused():
    with pytest.raises(InputError, match="does not have"):
        _roles({"Raison sociale": FIRMS}, {"columns": {"Société": "name"}})


def test_an_identifier_of_another_organisation_is_never_the_rows(tmp_path):
    """A laureates' export (ACTEE+ programme, github pierrickdegardin/api-territoires) gives each
    commune's intercommunal grouping's SIREN in « groupement_siren »; a list of contracts gives
    « SIRET du client ». Neither is the row's; « SIRET adhérent » in a member list is."""
    path = tmp_path / "laureats.csv"
    rows = ["nom,siren,groupement_siren,SIRET du client,SIRET adhérent"]
    rows += [f"Commune {i},,241700699,{SIRET_A},{SIRET_A}" for i in range(6)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    source = load_source(path, tmp_path)
    assert source.mapping["siren"] == ["siren"]
    assert source.mapping["siret"] == ["SIRET adhérent"]
    assert set(source.set_aside) >= {"groupement_siren", "SIRET du client"}
