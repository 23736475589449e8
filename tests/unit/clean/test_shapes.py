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
    """(companies, quality.json's source, every text output) of one shape cleaned alone."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / name).write_bytes((SHAPES / name).read_bytes())
    out = tmp_path / "out"
    assert main(["clean", str(raw), "--out", str(out), "--quiet"]) == 0
    written = "".join(p.read_text(encoding="utf-8") for p in out.glob("*.[cj]s*"))
    source = json.loads((out / "quality.json").read_text(encoding="utf-8"))["sources"][0]
    return pd.read_parquet(out / "companies.parquet"), source, written


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
    # its bands (50 à 250…) are not INSEE's: listed as unread, never guessed
    assert source["unparsed_values"]["headcount_band"]["count"] == 6
    assert companies["headcount_band"].isna().all()
