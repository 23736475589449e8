"""Identification against a hand-built register whose truth is known (tests/data/identify/README.md)."""

import shutil

import pandas as pd
import pytest

from santenum.clean import clean_directory
from santenum.clean.identification import read_decisions
from santenum.clean.pipeline import UNREGISTERED
from santenum.cli import main
from santenum.sirene.identify import Register
from tests.helpers import DATA

FIXTURE = DATA / "identify"
REGISTER = Register(FIXTURE / "StockUniteLegale.csv", FIXTURE / "StockEtablissement.csv")
AS_OF = "2024-01-01"


def clean_cli(raw, out, *options, register=REGISTER) -> int:
    """`santenum clean RAW --out OUT [options]` with the register's files (a None path is left out)."""
    stock = [
        arg
        for flag, path in (
            ("--unites-legales", register.unites_legales),
            ("--etablissements", register.etablissements),
        )
        if path is not None
        for arg in (flag, str(path))
    ]
    return main(["clean", str(raw), "--out", str(out), *options, *stock])


@pytest.fixture(scope="module")
def cleaned():
    return clean_directory(FIXTURE / "raw", as_of=AS_OF, show_progress=False, register=REGISTER)


@pytest.mark.slow
def test_every_row_is_decided_as_the_truth_says(cleaned):
    truth = pd.read_csv(FIXTURE / "truth.csv", dtype="string")
    got = cleaned.identification.set_index(["source", "name"])
    assert sorted(got.index) == sorted(zip(truth["source"], truth["name"], strict=True))
    for row in truth.itertuples():
        decided = got.loc[(row.source, row.name)].fillna("")
        expected = (row.status, "" if pd.isna(row.siren) else row.siren)
        assert (decided["status"], decided["siren"]) == expected, row.why


@pytest.mark.slow
def test_homonyms_to_check_are_listed_with_their_register_names(cleaned):
    row = cleaned.identification.set_index(["source", "name"]).loc[("laureats.csv", "Oncogrelot")]
    assert {row["candidate_1_siren"], row["candidate_2_siren"]} == {"812345767", "812345775"}
    assert {row["candidate_1_commune"], row["candidate_2_commune"]} == {
        "Sète (34301)",
        "Béziers (34032)",
    }
    assert pd.isna(row["candidate_3_siren"])


@pytest.mark.slow
def test_identified_companies_take_the_register_attributes(cleaned):
    companies = cleaned.companies.set_index("siren")
    neuro = companies.loc["812345692"]  # the active one, not its ceased namesake of 2008
    assert (str(neuro["creation_date"].date()), neuro["headcount_band"], neuro["closed"]) == (
        "2019-05-01",
        "02",
        False,
    )
    assert companies.loc["812345791", "size_category"] == "ETI"
    assert companies.loc["812345775", "naf_code"] == "70.22Z"  # the unit's, as the list gave it
    assert companies.loc["812345676", "naf_code"] == "62.01Z"  # the list gave none
    # A list's name gives way to the register's identity; a sign names the entrepreneur.
    assert companies.loc["812345718", "name"] == "SOCIETE D'EXPLOITATION DES LABORATOIRES DU MUGUET"
    assert companies.loc["812345759", "name"] == "KINE LUCIOLE"
    # Placed by the register's establishment although the list gave only a SIRET.
    assert companies.loc["812345734", "commune_code"] == "11069"


@pytest.mark.slow
def test_a_rounded_siret_stays_listed_for_correction_with_the_siren_found(cleaned):
    listed = cleaned.to_check.set_index("name").loc["Orthobulle"]
    assert listed["value"] == "8,1234573E+13"
    assert "identifiée dans SIRENE" in listed["reason"]


@pytest.mark.slow
def test_rows_of_two_files_identified_to_one_siren_merge(cleaned):
    nephro = cleaned.companies.set_index("siren").loc["812345791"]
    assert list(nephro["sources"]) == ["adherents.csv", "subventions.csv"]
    derma = cleaned.companies.set_index("siren").loc["812345726"]
    assert list(derma["sources"]) == ["laureats.csv", "transparence.csv"]
    assert cleaned.quality.total.merged == 2


@pytest.mark.slow
def test_a_cedex_code_alone_is_placed_by_the_register_or_in_its_departement(cleaned):
    placed = cleaned.companies.set_index("siren").loc["812345726"]
    assert (placed["commune_code"], placed["departement_code"]) == ("31555", "31")
    # a name the register does not know: kept, in the département its CEDEX code names (issue 30)
    unknown = cleaned.companies.set_index("name").loc["Pédiaflocon"]
    assert pd.isna(unknown["commune_code"]) and unknown["departement_code"] == "31"
    assert cleaned.rejected[cleaned.rejected["source"] == "transparence.csv"].empty


@pytest.mark.slow
def test_quality_counts_the_decisions(cleaned):
    assert cleaned.quality.to_json()["identification"] == {
        "looked_up": 14,
        "identified": 10,
        "to_check": 1,
        "not_found": 3,
        "confirmed": 0,
        "rejected": 0,
    }


@pytest.mark.slow
def test_no_person_name_from_the_register_is_read_or_written(tmp_path):
    out = tmp_path / "out"
    code = clean_cli(FIXTURE / "raw", out, "--as-of", AS_OF, "--quiet")
    assert code == 0
    written = "".join(p.read_text(errors="replace") for p in out.glob("*.csv"))
    written += (out / "quality.json").read_text()
    written += pd.read_parquet(out / "companies.parquet").astype(str).to_csv()
    assert "Ginette" not in written and "DURANDEAU" not in written
    # « Durandeau » is the list's own text, looked up and not found: the register's nomUniteLegale
    # is never a name to match.
    assert "Durandeau" in written


@pytest.mark.slow
def test_the_analysts_decisions_come_first(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(FIXTURE / "raw", raw)
    (raw / "identification_decisions.csv").write_text(
        "source;name;siren\n"
        "laureats.csv;Oncogrelot;812345775\n"
        "laureats.csv;Cardioplume SAS;aucun\n"
        "laureats.csv;Pédiacomète;812345700\n",
        encoding="utf-8",
    )
    result = clean_directory(raw, as_of=AS_OF, show_progress=False, register=REGISTER)
    got = result.identification[result.identification["source"] == "laureats.csv"]
    got = got.set_index("name")
    assert got.loc["Oncogrelot", ["status", "siren"]].tolist() == [
        "identifiée (décision)",
        "812345775",
    ]
    assert got.loc["Cardioplume SAS", "status"] == "écartée (décision)"
    assert pd.isna(got.loc["Cardioplume SAS", "siren"])
    companies = result.companies.set_index("siren")
    assert companies.loc["812345775", "commune_code"] == "34032"  # Béziers, from the register
    # A SIREN chosen outside the candidates still brings the register's facts (here: ceased).
    assert bool(companies.loc["812345700", "closed"])
    assert "812345676" not in companies.index


def test_a_decision_that_is_no_siren_fails_in_one_line(tmp_path, capsys):
    raw = tmp_path / "raw"
    shutil.copytree(FIXTURE / "raw", raw)
    (raw / "identification_decisions.csv").write_text(
        "source,name,siren\nlaureats.csv,Oncogrelot,812345776\n"
    )
    code = clean_cli(raw, tmp_path / "out", "--quiet")
    assert code == 2
    assert "812345776" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_an_empty_decisions_file_fails_in_one_line(tmp_path, capsys):
    raw = tmp_path / "raw"
    shutil.copytree(FIXTURE / "raw", raw)
    (raw / "identification_decisions.csv").write_bytes(b"\n")
    code = clean_cli(raw, tmp_path / "out", "--quiet")
    err = capsys.readouterr().err.strip()
    assert code == 2 and len(err.splitlines()) == 1
    assert "identification_decisions.csv: empty file" in err
    assert not (tmp_path / "out").exists()


def test_a_decisions_file_with_its_header_alone_holds_no_decision(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(FIXTURE / "raw", raw)
    (raw / "identification_decisions.csv").write_text("source,name,siren\n", encoding="utf-8")
    assert read_decisions(raw).empty


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: (d / "StockUniteLegale.csv").unlink(), "no such file"),
        (
            lambda d: (d / "StockEtablissement.csv").write_text("siren;nom\n812345676;x\n"),
            "missing column",
        ),
        (
            lambda d: (d / "StockUniteLegale.csv").write_bytes(b"\x00\xff\x00garbage"),
            "StockUniteLegale",
        ),
    ],
    ids=["missing", "wrong-columns", "not-insee"],
)
def test_bad_stock_files_fail_in_one_line_before_any_work(tmp_path, capsys, change, message):
    stock = tmp_path / "stock"
    stock.mkdir()
    for name in ("StockUniteLegale.csv", "StockEtablissement.csv"):
        shutil.copy(FIXTURE / name, stock / name)
    change(stock)
    register = Register(stock / "StockUniteLegale.csv", stock / "StockEtablissement.csv")
    code = clean_cli(FIXTURE / "raw", tmp_path / "out", register=register)
    err = capsys.readouterr().err
    assert code == 2
    assert message in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_one_stock_file_alone_is_refused(tmp_path, capsys):
    alone = Register(REGISTER.unites_legales, None)
    code = clean_cli(FIXTURE / "raw", tmp_path / "out", register=alone)
    assert code == 2
    assert "both stock files" in capsys.readouterr().err


@pytest.mark.slow
def test_a_siren_a_list_gives_takes_the_registers_name_size_age_and_place(tmp_path):
    """Issue 30 item 5: a list of SIRENs (no name, no size) and the register: each company gets its
    denomination, band, category, creation date and siège from StockUniteLegale/Etablissement;
    a valid SIREN the register does not hold stays nameless and is listed for a person."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "membres.csv").write_text(
        "SIREN;Structure\n812345783;\n812345676;Cardio Plume\n732829320;\n", encoding="utf-8"
    )
    assert clean_cli(raw, tmp_path / "out", "--quiet", "--as-of", AS_OF) == 0
    companies = pd.read_parquet(tmp_path / "out" / "companies.parquet").set_index("siren")
    gastro = companies.loc["812345783"]
    assert gastro["name"] == "GASTROMOULIN"
    assert (gastro["headcount_band"], gastro["size_category"]) == ("22", "PME")
    assert str(gastro["creation_date"])[:10] == "2010-10-10"
    assert gastro["commune_code"] is not None and not pd.isna(gastro["commune_code"])
    assert companies.loc["812345676", "size_category"] == "PME"
    assert pd.isna(companies.loc["732829320", "name"])
    listed = pd.read_csv(tmp_path / "out" / "a_verifier.csv", dtype=str)
    assert listed[["value", "reason"]].values.tolist() == [["732829320", UNREGISTERED]]
