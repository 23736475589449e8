"""Shapes of real files (tests/data/shapes/README.md), each cleaned with no configuration to the
truth written here by reading the file."""

import json

import pandas as pd
import pytest

from santenum.cli import main
from tests.helpers import DATA

SHAPES = DATA / "shapes"
CITIES = ["Albi", "Montpellier", "Nîmes", "Perpignan", "Tarbes", "Toulouse"]

pytestmark = pytest.mark.slow


def _clean(tmp_path, name: str) -> tuple:
    """(companies, quality.json's source, every text output) of one shape cleaned alone, with no
    configuration and under --strict: no unused column may be proposed for a field."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / name).write_bytes((SHAPES / name).read_bytes())
    out = tmp_path / "out"
    assert main(["clean", str(raw), "--out", str(out), "--quiet", "--strict"]) == 0
    written = "".join(p.read_text(encoding="utf-8") for p in out.glob("*.[cj]s*"))
    source = json.loads((out / "quality.json").read_text(encoding="utf-8"))["sources"][0]
    assert source["suggested_columns"] == {}
    return pd.read_parquet(out / "companies.parquet"), source, written


def test_every_shape_has_its_truth_here():
    tested = {"entete_sur_deux_lignes.csv", "lieux_par_valeurs.csv", "montants_ronds.csv",
              "nom_du_projet.csv", "deux_colonnes_de_nom.csv", "index_egalite.csv",
              "liste_convertie_pdf.csv", "industries_sante.csv", "laureats_concours.csv"}  # fmt: skip
    assert {p.name for p in SHAPES.glob("*.csv")} == tested


def test_a_csv_header_on_two_rows(tmp_path):
    companies, source, _ = _clean(tmp_path, "entete_sur_deux_lignes.csv")
    assert len(companies) == 6 and "BIOSENSE" in " ".join(companies["name"]).upper()
    assert source["header_rows"] == 2
    assert source["columns"]["postal_code"] == ["Code postal"]
    assert source["columns"]["commune_name"] == ["Ville"]
    assert sorted(companies["commune_code"].dropna().str[:2]) == sorted(
        ["31", "34", "66", "30", "81", "65"]
    )


def test_places_read_from_their_values_and_contacts_never_copied(tmp_path):
    companies, source, written = _clean(tmp_path, "lieux_par_valeurs.csv")
    assert source["columns_by_values"] == {"Implantation": "commune_name", "Zone": "postal_code"}
    assert sorted(companies["postal_code"]) == [
        "30900", "31000", "34000", "65000", "66000", "81000"
    ]  # fmt: skip
    assert companies["commune_code"].notna().all()
    assert {"Courriel", "Téléphone"} <= set(source["set_aside_columns"])
    for private in ("jeanne.martin", "06 12 34 56 78", "sophie.roux"):
        assert private not in written and private not in companies.to_string()


def test_round_amounts_are_not_read_as_postal_codes(tmp_path):
    companies, source, _ = _clean(tmp_path, "montants_ronds.csv")
    assert "postal_code" not in source["columns"] and not source["columns_by_values"]
    assert companies["postal_code"].isna().all() and len(companies) == 6


def test_a_projects_name_is_not_a_company(tmp_path):
    companies, source, _ = _clean(tmp_path, "nom_du_projet.csv")
    assert source["columns"]["name"] == ["Porteur"]
    assert "CARDIOSENS" not in " ".join(companies["name"]).upper()
    assert len(companies) == 6


def test_of_two_name_columns_the_companies_win(tmp_path):
    companies, source, _ = _clean(tmp_path, "deux_colonnes_de_nom.csv")
    assert source["columns"]["name"] == ["Structure", "Nom"]
    assert sorted(companies["name"].str.upper())[0].startswith("BIOSENSE")
    assert not companies["name"].str.upper().str.contains("CARDIOSENS").any()


def test_the_gender_equality_index_layout(tmp_path):
    """INSEE-free columns of the published index: « Structure » is a kind (Entreprise / UES),
    « Nom UES » a group's name, départements by name, NAF codes with their labels, a foreign row."""
    companies, source, written = _clean(tmp_path, "index_egalite.csv")
    assert "Structure" in source["set_aside_columns"]
    assert sorted(companies["name"]) == [
        "BIOPHARMA SUD", "CARDIOSENS SAS", "GROUPE TELESANTE", "MEDILOGIC", "PYRENEES IMAGERIE"
    ]  # fmt: skip
    by_name = companies.set_index("name")
    assert by_name.loc["GROUPE TELESANTE", "siren"] == "788762326"
    assert by_name.loc["CARDIOSENS SAS", "naf_code"] == "62.01Z"
    assert by_name.loc["BIOPHARMA SUD", "naf_code"] == "21.20Z"
    assert sorted(companies["departement_code"]) == ["30", "31", "34", "34", "65"]
    assert (companies["region_code"] == "76").all()
    assert source["rejected_by_reason"] == {"hors de France (pays : BELGIQUE)": 1}
    # its bands (50 à 250…) are not INSEE's: the column is set aside with its reason, never guessed
    assert "headcount_band" in source["set_aside_columns"]["Tranche d'effectifs"]
    assert companies["headcount_band"].isna().all()


def test_a_list_converted_from_pdf(tmp_path):
    companies, source, _ = _clean(tmp_path, "liste_convertie_pdf.csv")
    assert sorted(companies["postal_code"]) == [
        "30900", "31000", "34000", "65000", "66000", "81000"
    ]  # fmt: skip
    assert not companies["name"].str.contains("Page|structure", case=False).any()
    assert source["rejected_by_reason"] == {
        "au-dessus de l'en-tête (titre, note)": 1,  # the title line, accounted for
        "en-tête répété (page suivante d'un document converti)": 1,
        "numéro de page (document converti)": 2,
    }
    assert source["rows_read"] == source["kept"] + source["merged"] + source["rejected"] == 10


def test_a_health_industry_list_with_cedex_addresses(tmp_path):
    companies, source, _ = _clean(tmp_path, "industries_sante.csv")
    by_name = companies.set_index("name")
    # CEDEX codes no commune has, placed by the commune named within the code's département
    assert by_name.loc["PIERRE FABRE MEDICAMENT FICTIF", "commune_code"] == "81065"  # Castres
    assert by_name.loc["SANOFI WINTHROP FICTIF", "commune_code"] == "34172"  # Montpellier
    assert by_name.loc["EVOTEC FICTIF", "commune_code"] == "31555"  # Toulouse
    assert by_name.loc["MEDICAL DEVICES LABEGE", "commune_code"] == "31254"  # Labège
    assert by_name["headcount_band"].to_dict() == {
        "PIERRE FABRE MEDICAMENT FICTIF": "42",
        "SANOFI WINTHROP FICTIF": "41",
        "EVOTEC FICTIF": "31",
        "INTRASENSE FICTIF": "21",
        "MEDICAL DEVICES LABEGE": "11",
        "SANTE SUD SAS": "02",
    }  # INSEE's labels: « 1 000 à 1 999 salariés » is band 42, « 3 à 5 salariés » band 02
    assert pd.isna(by_name.loc["SANTE SUD SAS", "commune_code"])
    assert (companies["region_code"] == "76").all() and not source["rejected_by_reason"]


def test_a_contest_s_laureates(tmp_path):
    companies, source, written = _clean(tmp_path, "laureats_concours.csv")
    assert source["columns"]["name"] == ["Nom de l'entreprise lauréate"]
    by_name = companies.set_index("name")
    assert by_name["region_code"].to_dict() == {
        "CARDIOSENS": "76", "NEUROLINK SAS": "76", "TELECARE": "76",  # R76
        "BIOPHARMA NORD": "32", "DOC-ASSIST": "76",  # Midi-Pyrénées, a pre-2016 région
    }  # fmt: skip
    assert by_name.loc["NEUROLINK SAS", "departement_code"] == "34"
    for private in ("MARTIN", "Jeanne", "jeanne.martin", "ROUX", "Sophie"):
        assert private not in written and private not in companies.to_string()


def test_a_name_column_of_numbers_or_web_addresses_is_no_name(tmp_path, write_csv):
    raw = tmp_path / "raw"
    write_csv(
        raw / "liste.csv",
        [
            ["Nom", "Nom de domaine", "Structure", "Ville"],
            *[
                [str(1000 + i), f"www.societe{i}.fr", f"Société {name}", "Albi"]
                for i, name in enumerate(["Alpha", "Beta", "Gamma", "Delta", "Epsilon"])
            ],
        ],
    )
    out = tmp_path / "out"
    assert main(["clean", str(raw), "--out", str(out), "--quiet"]) == 0
    source = json.loads((out / "quality.json").read_text(encoding="utf-8"))["sources"][0]
    assert source["columns"]["name"] == ["Structure"]
    assert source["set_aside_columns"]["Nom"].startswith("valeurs qui ne sont pas des noms")
    companies = pd.read_parquet(out / "companies.parquet")
    assert sorted(companies["name"]) == [f"Société {n}" for n in sorted(
        ["Alpha", "Beta", "Gamma", "Delta", "Epsilon"])]  # fmt: skip
