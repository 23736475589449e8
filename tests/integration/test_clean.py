"""End-to-end cleaning of a small three-source directory written by the tests."""

import json

import openpyxl
import pandas as pd
import pytest

from santenum.clean import clean_directory
from santenum.clean.reasons import CLOSED_UNIT
from santenum.clean.validate import validate_companies
from santenum.cli import main
from santenum.core import files
from santenum.core.table.store import read_companies
from tests.helpers import SIREN_A, SIREN_B, SIRET_A

SIREN_C = "130025265"  # DINUM, a public, valid SIREN
SIREN_CLOSED = "542051180"  # valid checksum (TotalEnergies' SIREN), listed as closed below


@pytest.fixture
def raw_dir(tmp_path, write_csv):
    raw = tmp_path / "raw"
    (raw / "survey").mkdir(parents=True)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Réponses"
    sheet.append(["Cartographie santé numérique — export"])
    headers = (
        "Raison sociale|SIREN|Commune|Code postal|Effectif|Chiffre d'affaires|Date de création"
    )
    sheet.append([*headers.split("|"), "Segment", "Produits", "IA", "Commentaires"])
    sheet.append(
        [
            "Médi-Q Santé",
            "732 829 320",
            "Montpellier",
            "34000",
            "12",
            "1,2 M€",
            "15/03/2021",
            "Télémédecine",
            "Logiciel; Application",
            "oui",
            "financement",
        ]
    )
    sheet.append(
        [
            "Œilnet",
            None,
            "Toulouse",
            "31000",
            "10 à 19",
            "350 k€",
            "2019",
            "data",
            "plateforme",
            "NSP",
            None,
        ]
    )
    sheet.append(
        ["Bad Id", "123456789", "Toulouse", "31000", None, None, None, None, None, "non", None]
    )
    sheet.append(["Nowhere", None, None, "99999", None, None, None, None, None, None, None])
    sheet.append(
        ["Survey Twin", SIRET_A, "Montpellier", "34000", None, None, None, None, None, None, None]
    )
    book.save(raw / "survey" / "enquete.xlsx")
    (raw / "survey" / "source.yml").write_text("sheet: Réponses\nkind: survey\n", encoding="utf-8")
    write_csv(
        raw / "cluster" / "membres.csv",
        [
            ["Nom", "Code postal", "SIREN"],
            ["OEILNET SAS", "31000", None],
            ["MEDI-Q SANTE", "34000", None],
            ["Autre Région SARL", "75008", SIREN_B],
            ["Ragged", "34000", "x", "y"],
            [],
            ["Dernier", "31000", None],
        ],
        encoding="cp1252",
    )
    write_csv(
        raw / "sirene" / "extrait.csv",
        [
            [
                "siren",
                "denominationUniteLegale",
                "dateCreationUniteLegale",
                "trancheEffectifsUniteLegale",
                "categorieEntreprise",
                "activitePrincipaleUniteLegale",
                "etatAdministratifUniteLegale",
                "codeCommuneEtablissement",
            ],
            [SIREN_A, "MEDI-Q SANTE", "2021-03-01", "03", "PME", "62.01Z", "A", "34172"],
            [SIREN_C, "DIRECTION NUMERIQUE", "2019-10-25", "21", None, "84.11Z", "A", "75107"],
            [SIREN_CLOSED, "FERMEE", "2000-01-01", "11", "PME", "62.01Z", "C", "34172"],
        ],
        delimiter=",",
    )
    return raw


@pytest.fixture
def result(raw_dir):
    return clean_directory(raw_dir, as_of="2024-01-01", show_progress=False)


def company(result, name_key_part):
    companies = result.companies
    return companies[companies["name"].str.casefold().str.contains(name_key_part)].iloc[0]


@pytest.mark.slow
def test_every_row_is_accounted_for(result):
    total = result.quality.total.to_json()
    # data rows written above, blank and ragged included, and the survey's title row
    assert total["rows_read"] == 1 + 5 + 6 + 3
    assert total["rows_read"] == total["kept"] + total["merged"] + total["rejected"]
    assert total["kept"] == len(result.companies)
    assert total["rejected"] == len(result.rejected)


@pytest.mark.slow
def test_rejected_rows_name_file_row_and_reason(result):
    rejected = result.rejected.set_index(["source", "row"])["reason"]
    assert ("survey/enquete.xlsx", 5) not in rejected.index  # named and located: kept, see below
    assert rejected[("survey/enquete.xlsx", 6)] == "code postal inconnu"
    assert rejected[("cluster/membres.csv", 5)] == "nombre de champs différent de l'en-tête"
    assert rejected[("cluster/membres.csv", 6)] == "ligne vide"
    assert rejected[("sirene/extrait.csv", 4)] == CLOSED_UNIT
    original = json.loads(
        result.rejected.set_index(["source", "row"]).loc[("sirene/extrait.csv", 4), "values"]
    )
    assert original["siren"]


@pytest.mark.slow
def test_a_named_located_company_with_a_mistyped_siren_is_kept_and_listed(result):
    to_check = result.to_check.set_index(["source", "row"])
    listed = to_check.loc[("survey/enquete.xlsx", 5)]
    assert (
        listed["reason"] == "SIREN invalide (clé de contrôle fausse)" and listed["name"] == "Bad Id"
    )
    bad = result.companies[result.companies["name"] == "Bad Id"]
    assert (
        len(bad) == 1 and bad["siren"].isna().all() and bad["company_id"].str.startswith("X").all()
    )
    assert result.quality.total.kept_with_identifier_to_check == len(result.to_check)


@pytest.mark.slow
def test_a_siret_rounded_by_a_spreadsheet_is_flagged(tmp_path, write_csv):
    write_csv(
        tmp_path / "raw" / "liste.csv",
        [
            ["Nom", "SIRET", "Code postal"],
            ["Clinique du Parc", "7,32829E+13", "34000"],
            ["Médi-Q", "73282932000000", "31000"],
        ],
    )
    result = clean_directory(tmp_path / "raw", show_progress=False)
    assert len(result.companies) == 2 and result.quality.total.rejected == 0
    assert result.to_check["reason"].str.endswith("semble arrondi par un tableur").all()
    assert len(result.to_check) == 2


@pytest.mark.slow
def test_same_siren_across_sources_and_siret_merge(result):
    medi = result.companies.set_index("siren").loc[SIREN_A]
    assert medi["name"] == "Médi-Q Santé"  # the survey's spelling wins for display
    assert sorted(medi["sources"]) == [
        "cluster/membres.csv",
        "sirene/extrait.csv",
        "survey/enquete.xlsx",
    ]
    assert medi["creation_date"] == pd.Timestamp("2021-03-01")  # the register wins for creation
    assert (
        medi["headcount"] == 12 and medi["headcount_band"] == "11"
    )  # an exact headcount beats the band
    assert medi["revenue_eur"] == 1_200_000
    assert medi["products"] == ["Logiciel", "Application"] and medi["uses_ai"]
    assert medi["age_years"] == 2
    assert medi["metropole"] == "Montpellier Méditerranée Métropole"


@pytest.mark.slow
def test_name_and_place_merge_without_siren(result):
    oeil = company(result, "œilnet")
    assert sorted(oeil["sources"]) == ["cluster/membres.csv", "survey/enquete.xlsx"]
    assert oeil["company_id"].startswith("X") and pd.isna(oeil["siren"])
    assert oeil["headcount_band"] == "11" and oeil["size_category"] == "PME"
    assert oeil["segment"] == "Data – traitement de la donnée" and pd.isna(oeil["uses_ai"])


@pytest.mark.slow
def test_category_from_sirene_or_derived(result):
    dinum = result.companies.set_index("siren").loc[SIREN_C]
    assert dinum["size_category"] == "PME"  # band 21 (50-99): under 250
    assert dinum["commune_code"] == "75056" and dinum["region_code"] == "11"


@pytest.mark.slow
def test_quality_counts_conflicts_and_per_source_figures(result):
    quality = result.quality.to_json()
    assert (
        quality["total"]["conflicts_resolved"]["headcount_band"] == 1
    )  # 11 (survey) vs 03 (SIRENE)
    assert quality["total"]["conflicts_resolved"]["creation_date"] == 1  # 15/03/2021 vs 2021-03-01
    survey = next(s for s in quality["sources"] if s["source"] == "survey/enquete.xlsx")
    # the title and one row rejected (unknown postal code), one kept with its mistyped SIREN listed
    assert (survey["rows_read"], survey["rejected"], survey["kept_with_identifier_to_check"]) == (
        6,
        2,
        1,
    )
    assert (
        survey["kind"] == "survey" and survey["sheet"] == "Réponses" and survey["header_row"] == 2
    )
    assert survey["ignored_columns"] == ["Commentaires"]
    cluster = next(s for s in quality["sources"] if s["source"] == "cluster/membres.csv")
    assert cluster["encoding"] == "cp1252" and cluster["kind"] == "list"
    assert cluster["missing_share"]["siren"] == pytest.approx(3 / 4)


@pytest.mark.slow
def test_cli_writes_the_three_files_deterministically(raw_dir, tmp_path):
    first, second = tmp_path / "out1", tmp_path / "out2"
    for out in (first, second):
        assert (
            main(["clean", str(raw_dir), "--out", str(out), "--as-of", "2024-01-01", "--quiet"])
            == 0
        )
    for name in ("companies.parquet", "rejected.csv", "quality.json"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    typed = read_companies(first / "companies.parquet")
    plain = pd.read_parquet(first / "companies.parquet")  # what an analyst's pandas reads
    assert sorted(map(list, plain["products"])) == sorted(map(list, typed["products"]))
    assert ["Logiciel", "Application"] in typed["products"].tolist()
    validate_companies(typed)


@pytest.mark.slow
def test_raw_files_are_not_modified(raw_dir, tmp_path):
    before = {p: p.read_bytes() for p in raw_dir.rglob("*") if p.is_file()}
    main(["clean", str(raw_dir), "--out", str(tmp_path / "out"), "--quiet"])
    assert before == {p: p.read_bytes() for p in raw_dir.rglob("*") if p.is_file()}


@pytest.mark.slow
def test_failed_run_leaves_previous_outputs_untouched(raw_dir, tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert main(["clean", str(raw_dir), "--out", str(out), "--quiet"]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def fail(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(files, "_csv_lines", fail)  # the one CSV writer's, whatever the table
    # one line naming the file since issue 29 (the OSError was a traceback)
    assert main(["clean", str(raw_dir), "--out", str(out), "--quiet"]) == 2
    assert before == {p.name: p.read_bytes() for p in out.iterdir()}
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


@pytest.mark.slow
def test_conservation_failure_stops_the_command(raw_dir, tmp_path, monkeypatch, capsys):
    import santenum.clean.quality

    real = santenum.clean.quality._counts
    monkeypatch.setattr(
        santenum.clean.quality,
        "_counts",
        lambda rows: {**real(rows), "merged": real(rows)["merged"] + 1},
    )
    assert main(["clean", str(raw_dir), "--out", str(tmp_path / "out"), "--quiet"]) == 1
    assert "rows read but" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_stock_etablissement_prefers_the_head_office(tmp_path, write_csv):
    raw = tmp_path / "raw"
    write_csv(
        raw / "StockEtablissement.csv",
        [
            [
                "siren",
                "siret",
                "codePostalEtablissement",
                "codeCommuneEtablissement",
                "etablissementSiege",
                "etatAdministratifEtablissement",
                "enseigne1Etablissement",
            ],
            [SIREN_A, "73282932000074", "31000", "31555", "false", "A", "MEDIQ TOULOUSE"],
            [SIREN_A, "73282932000157", "34000", "34172", "true", "A", "MEDIQ"],
            [SIREN_A, "73282932000231", "81100", "81065", "false", "F", "MEDIQ CASTRES"],
        ],
        delimiter=",",
    )
    result = clean_directory(raw, as_of="2024-01-01", show_progress=False)
    company = result.companies.set_index("siren").loc[SIREN_A]
    assert company["commune_code"] == "34172" and company["name"] == "MEDIQ"
    assert result.quality.to_json()["sources"][0]["kind"] == "sirene"
    assert result.rejected["reason"].tolist() == ["établissement fermé (SIRENE)"]
    assert (result.quality.total.kept, result.quality.total.merged) == (1, 1)


@pytest.mark.slow
def test_a_listed_company_that_sirene_says_ceased_is_kept_as_closed(tmp_path, write_csv):
    """The survey still names SIREN_A, SIRENE says it ceased: closed, not active, not lost.
    SIREN_B ceased and nobody names it: quarantined."""
    raw = tmp_path / "raw"
    write_csv(
        raw / "enquete.csv",
        [["Raison sociale", "SIREN", "Code postal"], ["Médi-Q", SIREN_A, "34000"]],
    )
    write_csv(
        raw / "sirene" / "StockUniteLegale.csv",
        [
            ["siren", "denominationUniteLegale", "etatAdministratifUniteLegale"],
            [SIREN_A, "MEDIQ", "C"],
            [SIREN_B, "AUTRE", "C"],
        ],
        delimiter=",",
    )
    result = clean_directory(raw, as_of="2024-01-01", show_progress=False)
    companies = result.companies.set_index("siren")
    assert companies.index.tolist() == [SIREN_A]
    assert bool(companies.loc[SIREN_A, "closed"]) is True
    assert result.rejected["reason"].tolist() == [CLOSED_UNIT]
    assert json.loads(result.rejected["values"].iloc[0])["siren"] == SIREN_B


@pytest.mark.slow
def test_an_active_register_row_leaves_the_company_open(result):
    assert not result.companies["closed"].any()


@pytest.mark.slow
def test_source_region_places_rows_without_a_place(tmp_path, write_csv):
    write_csv(
        tmp_path / "raw" / "enquete.csv",
        [
            ["Raison sociale", "Code postal", "Segment"],
            ["Sans Adresse", None, "data"],
            ["Montpelliéraine", "34000", "data"],
            ["Code Faux", "99999", "data"],
        ],
    )
    (tmp_path / "raw" / "source.yml").write_text("region: 76\n", encoding="utf-8")
    result = clean_directory(tmp_path / "raw", as_of="2023-06-30", show_progress=False)
    by_name = result.companies.set_index("name")
    assert by_name.loc["Sans Adresse", "region_code"] == "76"
    assert pd.isna(by_name.loc["Sans Adresse", "departement_code"])
    assert by_name.loc["Montpelliéraine", "departement_code"] == "34"
    assert result.rejected["reason"].tolist() == ["code postal inconnu"]
    assert result.quality.total.location_method["région de la source (source.yml)"] == 1


def test_source_region_must_be_known(tmp_path, write_csv, capsys):
    write_csv(tmp_path / "raw" / "enquete.csv", [["Raison sociale"], ["Une"]])
    (tmp_path / "raw" / "source.yml").write_text("region: 99\n", encoding="utf-8")
    assert main(["clean", str(tmp_path / "raw"), "--out", str(tmp_path / "out"), "--quiet"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "source.yml" in err and "région code 99" in err


@pytest.mark.slow
def test_companies_round_trip_through_write_and_read(raw_dir, tmp_path):
    from santenum.core.table.store import write_companies

    companies = clean_directory(raw_dir, as_of="2023-06-30", show_progress=False).companies
    write_companies(companies, tmp_path / "a.parquet")
    again = read_companies(tmp_path / "a.parquet")
    write_companies(again, tmp_path / "b.parquet")
    pd.testing.assert_frame_equal(read_companies(tmp_path / "b.parquet"), again)
    assert again["products"].tolist() == companies["products"].tolist()


@pytest.mark.slow
def test_files_marked_skip_are_left_out(tmp_path, write_csv):
    write_csv(tmp_path / "raw" / "membres.csv", [["Nom", "Code postal"], ["Une", "34000"]])
    write_csv(tmp_path / "raw" / "counts.csv", [["region_code", "companies"], ["76", "3"]])
    (tmp_path / "raw" / "source.yml").write_text(
        "files:\n  counts.csv:\n    skip: true\n", encoding="utf-8"
    )
    result = clean_directory(tmp_path / "raw", show_progress=False)
    assert [s["source"] for s in result.quality.to_json()["sources"]] == ["membres.csv"]


@pytest.mark.slow
def test_technologies_and_value_chain_are_read_as_lists(tmp_path, write_csv):
    write_csv(
        tmp_path / "raw" / "enquete.csv",
        [
            ["Raison sociale", "Code postal", "Technologies", "Maillons de la chaîne de valeur"],
            ["Une", "34000", "Intelligence artificielle, cloud / objets connectés", "R&D / usages"],
            ["Deux", "31000", "blockchain", "fabrication"],
        ],
    )
    result = clean_directory(tmp_path / "raw", show_progress=False)
    by_name = result.companies.set_index("name")
    assert list(by_name.loc["Une", "technologies"]) == ["IA", "Cloud", "IoT"]
    assert list(by_name.loc["Une", "value_chain"]) == ["Recherche", "Usages"]
    assert list(by_name.loc["Deux", "technologies"]) == ["Cybersécurité"]
    assert list(by_name.loc["Deux", "value_chain"]) == ["Production"]
