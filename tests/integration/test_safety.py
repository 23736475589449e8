"""Nothing leaked: formula-like text is neutralised in every file santenum writes, and natural
persons' names and INSEE's non-diffusible values never become a company name or an output."""

import json

import openpyxl
import pandas as pd
import pytest

from santenum.clean import clean_directory, write_outputs
from santenum.core.files import FORMULA_START, neutralise, restore_text, write_csv, write_workbook
from santenum.core.insee import UNITE_LEGALE_COLUMNS
from tests.helpers import SIREN_A, SIREN_B

HOSTILE = [
    '=HYPERLINK("http://example.org","Cliquez")',
    "+33 Santé",
    "-Moins",
    "@SUM(A1)",
    "\tTab",
    "=1+2",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_formula_like_text_gets_an_apostrophe_and_comes_back(text):
    assert neutralise(text) == "'" + text and restore_text(neutralise(text)) == text


@pytest.mark.parametrize(
    "value", ["-12", "-12,5", "+3.5", "-0.25", "1e-3", -4, 2.5, "Santé", "", None]
)
def test_numbers_and_plain_text_are_left_alone(value):
    assert neutralise(value) == value


def test_csv_keeps_negative_numbers_as_numbers(tmp_path):
    frame = pd.DataFrame(
        {"name": ["=1+2", "Médi-Q"], "growth": [-0.25, 0.5], "text": ["-0,25", "x"]}
    )
    write_csv(frame, tmp_path / "t.csv")
    assert (tmp_path / "t.csv").read_text(encoding="utf-8").splitlines() == [
        "name,growth,text",
        '\'=1+2,-0.25,"-0,25"',
        "Médi-Q,0.5,x",
    ]


def test_xlsx_cells_are_typed_strings_never_formulas(tmp_path):
    path = write_workbook(tmp_path / "t.xlsx", {"s": [["name", "n"], ["=1+2", -3], ["+A1", 4]]})
    sheet = openpyxl.load_workbook(path)["s"]
    assert [(c.value, c.data_type) for c in sheet["A"]] == [
        ("name", "s"),
        ("=1+2", "s"),
        ("+A1", "s"),
    ]
    assert sheet["B2"].value == -3 and sheet["B2"].data_type == "n"


def _stock(tmp_path):
    """A StockUniteLegale in INSEE's published layout, with a person and a partially diffusible unit."""
    rows = [
        {
            "siren": SIREN_A,
            "categorieJuridiqueUniteLegale": "1000",
            "nomUniteLegale": "DUPONT",
            "prenom1UniteLegale": "Jeanne",
            "prenomUsuelUniteLegale": "Jeanne",
            "sexeUniteLegale": "F",
            "statutDiffusionUniteLegale": "O",
            "etatAdministratifUniteLegale": "A",
        },
        {
            "siren": SIREN_B,
            "categorieJuridiqueUniteLegale": "5710",
            "denominationUniteLegale": "[ND]",
            "denominationUsuelle1UniteLegale": "TELESANTE SUD",
            "nomUniteLegale": "[ND]",
            "statutDiffusionUniteLegale": "P",
            "etatAdministratifUniteLegale": "A",
            "trancheEffectifsUniteLegale": "[ND]",
        },
        {
            "siren": "356000000",
            "categorieJuridiqueUniteLegale": "1000",
            "nomUniteLegale": "MARTIN",
            "prenom1UniteLegale": "Paul",
            "statutDiffusionUniteLegale": "O",
            "etatAdministratifUniteLegale": "C",
        },
    ]
    frame = pd.DataFrame(rows, columns=list(UNITE_LEGALE_COLUMNS), dtype=object).fillna("")
    (tmp_path / "raw").mkdir()
    frame.to_csv(tmp_path / "raw" / "StockUniteLegale_utf8.csv", index=False)
    return tmp_path / "raw"


@pytest.mark.slow
def test_a_person_and_a_non_diffusible_value_are_never_shown(tmp_path):
    result = clean_directory(_stock(tmp_path), as_of="2023-06-30", show_progress=False)
    write_outputs(tmp_path / "out", result)
    names = result.companies.set_index("siren")["name"]
    assert pd.isna(names[SIREN_A])  # counted, never named (issue 29, item 4)
    assert names[SIREN_B] == "TELESANTE SUD"
    assert result.companies.set_index("siren").loc[SIREN_B, "headcount_band"] is pd.NA
    written = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "out").glob("*.[cj]s*"))
    written += result.companies.to_csv()
    for secret in ("DUPONT", "Jeanne", "MARTIN", "Paul", "[ND]"):
        assert secret not in written, secret
    assert (
        json.loads((tmp_path / "out" / "quality.json").read_text())["total"]["rejected"] == 1
    )  # closed unit


@pytest.mark.slow
def test_hostile_names_leave_no_formula_in_any_report_file(tmp_path, write_csv):
    from santenum.report.run import ReportOptions, run_report

    rows = [["Raison sociale", "Code postal", "Effectif", "Segment"]]
    rows += [[name, "34000", str(500 + i), "Télémédecine"] for i, name in enumerate(HOSTILE[:4])]
    rows += [["Clinique du Parc", "31000", "12", "Silver tech"]]
    write_csv(tmp_path / "raw" / "liste.csv", rows, delimiter=";")
    (tmp_path / "raw" / "source.yml").write_text("perimeter: lauréats\n", encoding="utf-8")
    result = clean_directory(tmp_path / "raw", as_of="2023-06-30", show_progress=False)
    write_outputs(tmp_path / "processed", result)
    runs = run_report(
        ReportOptions(
            study_pdf=False,
            data=tmp_path / "processed" / "companies.parquet",
            region="76",
            as_of="2023-06-30",
            out=tmp_path / "run",
            jobs=2,
            progress=False,
        )
    )
    assert not runs[0].failed, runs[0].notebooks
    largest = (tmp_path / "run" / "tables" / "01_apercu__plus_grandes_entreprises.csv").read_text()
    assert "'=HYPERLINK" in largest and "'@SUM(A1)" in largest  # the names are there, neutralised
    for path in (tmp_path / "run" / "tables").glob("*.csv"):
        cells = pd.read_csv(path, dtype=str, keep_default_na=False).to_numpy().ravel()
        assert not [c for c in cells if c.startswith(("=", "+", "@")) and c != neutralise(c)], (
            path.name
        )
    book = openpyxl.load_workbook(tmp_path / "run" / "tables.xlsx")
    assert not [
        c.coordinate for s in book for row in s.iter_rows() for c in row if c.data_type == "f"
    ]
    shown = [c.value for s in book for row in s.iter_rows() for c in row]
    assert HOSTILE[0] in shown  # typed string, as written
    html = (tmp_path / "run" / "01_apercu.html").read_text(encoding="utf-8")
    assert (
        '=HYPERLINK("http://example.org","Cliquez")' in html
        and 'href="http://example.org' not in html
    )


def test_the_one_csv_writer_quotes_line_breaks_and_drops_control_characters(tmp_path):
    """Issue 29, item 7: a name beginning with a carriage return was written bare, so the record
    split and the next line began with a live =1+1; NUL bytes were copied through."""
    import csv

    frame = pd.DataFrame(
        {"siren": ["1", "2", "3"], "name": ["\r=1+1", "Télé\x00Santé\x1b", "  =2+2"]},
        dtype="string",
    )
    write_csv(frame, tmp_path / "t.csv")
    data = (tmp_path / "t.csv").read_bytes()
    assert b"\x00" not in data and b"\x1b" not in data and b"\r" not in data
    records = list(csv.reader(open(tmp_path / "t.csv", encoding="utf-8", newline="")))
    assert records == [["siren", "name"], ["1", "'\n=1+1"], ["2", "TéléSanté"], ["3", "'  =2+2"]]
    assert not [cell for row in records for cell in row if cell.startswith(FORMULA_START)]


@pytest.mark.slow
def test_the_sirene_extract_goes_through_the_one_writer(tmp_path):
    """A stock name beginning with a carriage return split the extract's record."""
    import csv

    from santenum.sirene import extract_candidates
    from tests.helpers import DATA

    stock = DATA / "identify"
    units = pd.read_csv(stock / "StockUniteLegale.csv", dtype=str, keep_default_na=False)
    units.loc[0, "denominationUniteLegale"] = "\r=1+1"
    units.to_csv(tmp_path / "ul.csv", index=False, quoting=csv.QUOTE_ALL)
    written = extract_candidates(
        stock / "StockEtablissement.csv", tmp_path / "ul.csv", "all", tmp_path / "out",
        progress=False,
    )  # fmt: skip
    assert sum(written.values())
    for path in (tmp_path / "out").glob("*.csv"):
        assert b"\r" not in path.read_bytes()
        records = list(csv.reader(open(path, encoding="utf-8", newline="")))
        assert {len(record) for record in records} == {len(records[0])}  # no record split
        assert not [cell for row in records for cell in row if cell.startswith(FORMULA_START)]
