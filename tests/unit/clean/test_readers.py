import shutil

import openpyxl
import pandas as pd
import pytest

from santenum.clean import clean_directory
from santenum.clean.readers import read_table
from santenum.clean.reasons import EMPTY_ROW, RAGGED_ROW, TITLE_ROW
from santenum.core.errors import InputError
from tests.helpers import DATA

ROWS = [
    ["Raison sociale", "Code postal", "Commune"],
    ["Médi-Q Santé", "34000", "Montpellier"],
    ["Œil & Cie", "31000", "Toulouse"],
]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_delimiters_and_encodings(tmp_path, write_csv, delimiter, encoding):
    table = read_table(write_csv(tmp_path / "f.csv", ROWS, delimiter, encoding), {})
    assert table.frame["Raison sociale"].tolist() == ["Médi-Q Santé", "Œil & Cie"]
    assert table.meta["encoding"] == encoding and table.meta["delimiter"] == delimiter
    assert table.rows.tolist() == [2, 3]


def test_title_rows_above_the_header_are_skipped(tmp_path, write_csv):
    table = read_table(write_csv(tmp_path / "f.csv", [["Export du 3 mars"], [], *ROWS]), {})
    assert table.meta["header_row"] == 3 and table.rows.tolist() == [4, 5]


def test_a_cell_longer_than_the_csv_modules_limit_is_read(tmp_path):
    """A free-text cell of 200 000 characters (over Python csv's 131 072) and a ragged row, so
    that the careful reader reads it too."""
    path = tmp_path / "a.csv"
    long = "x" * 200_000
    path.write_text(f"nom;siren;description\nAlpha SAS;732829320;{long}\nBeta;1;2;3\n")
    table = read_table(path, {})
    assert table.frame["description"].tolist() == [long]
    assert [line for line, _, _ in table.malformed] == [3]


def test_ragged_and_blank_rows_are_quarantined_with_their_line(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text(
        'Raison sociale;Code postal\nA;34000\nB;34000;extra\n\n"C\nsuite";31000\nD;31000\n\n'
    )
    table = read_table(path, {})
    assert table.frame["Raison sociale"].tolist() == ["A", "C\nsuite", "D"]
    assert table.rows.tolist() == [2, 5, 7]
    assert table.malformed == [(3, RAGGED_ROW, "B;34000;extra"), (4, EMPTY_ROW, "")]


def test_multiline_values_keep_line_numbers_on_the_fast_path(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text('Raison sociale;Code postal\n"A\nB\nC";34000\nD;31000\n')
    table = read_table(path, {})
    assert table.rows.tolist() == [2, 5] and not table.malformed


def test_a_header_cell_over_two_lines_counts_in_the_line_numbers(tmp_path):
    """Sarthe's subsidy list (tests/data/real) writes « "Montant\nde la subvention" » in its
    header: its first data row is on line 3 of this file, not 2."""
    path = tmp_path / "a.csv"
    path.write_text('nom;"Montant\nde la subvention"\nAlpha;100\nBeta;200\n', encoding="utf-8")
    assert read_table(path, {}).rows.tolist() == [3, 4]


def test_xlsx_header_not_on_first_row_and_named_sheet(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    sheet = book.create_sheet("Réponses")
    sheet.append(["Enquête filière santé numérique 2023"])
    for row in ROWS:
        sheet.append(row)
    sheet.append([None, None, None])
    sheet.append(["Après un blanc", 34000, "Montpellier"])
    book.save(tmp_path / "s.xlsx")
    table = read_table(tmp_path / "s.xlsx", {"sheet": "Réponses"})
    assert table.meta["header_row"] == 2
    assert table.frame["Code postal"].tolist() == ["34000", "31000", "34000"]
    assert table.rows.tolist() == [3, 4, 6]
    # the title above the header is accounted for, not dropped (issue 30: nothing lost)
    assert table.malformed == [
        (1, TITLE_ROW, "Enquête filière santé numérique 2023"),
        (5, EMPTY_ROW, ""),
    ]


def test_a_workbook_opening_on_a_notice_is_read_from_its_data_sheet(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "Lisez-moi"
    book.active.append(["Liste des adhérents au 30 juin 2023"])
    book.active.append(["Source : le cluster", "mise à jour annuelle"])
    sheet = book.create_sheet("Adhérents")
    for row in ROWS:
        sheet.append(row)
    book.create_sheet("Totaux").append(["Raison sociale", "Total"])  # a later sheet: never read
    book.save(tmp_path / "s.xlsx")
    table = read_table(tmp_path / "s.xlsx", {})
    assert table.meta["sheet"] == "Adhérents" and table.frame["Code postal"].tolist()[0] == "34000"
    only_notes = openpyxl.Workbook()
    only_notes.active.append(["Aucune donnée", "ici"])
    only_notes.save(tmp_path / "n.xlsx")
    with pytest.raises(InputError, match="n.xlsx"):  # the first sheet read, and refused
        read_table(tmp_path / "n.xlsx", {})


def test_parquet(tmp_path):
    pd.DataFrame({"siren": ["732829320"], "denominationUniteLegale": ["X"]}).to_parquet(
        tmp_path / "s.parquet"
    )
    table = read_table(tmp_path / "s.parquet", {})
    assert table.frame.iloc[0].tolist() == ["732829320", "X"] and table.rows.tolist() == [1]


def test_forced_encoding_that_does_not_fit(tmp_path, write_csv):
    path = write_csv(tmp_path / "f.csv", ROWS, encoding="cp1252")
    with pytest.raises(InputError, match="cannot be read as utf-8"):
        read_table(path, {"encoding": "utf-8"})


SPREADSHEETS = DATA / "spreadsheets"


@pytest.mark.parametrize("name", ["adherents.xls", "adherents.ods"])
def test_xls_and_ods_are_read_with_their_title_row_skipped(name):
    table = read_table(SPREADSHEETS / name, {})
    assert table.meta["format"] == name.rsplit(".", 1)[1] and table.meta["sheet"] == "Adhérents"
    assert list(table.frame.columns) == [
        "Raison sociale",
        "SIREN",
        "Code postal",
        "Effectif salarié",
        "Date de création",
    ]
    assert table.frame["SIREN"].tolist() == ["732829320", pd.NA, "552100554"]
    assert table.frame["Effectif salarié"].tolist() == ["12", "250", "3"]  # numbers, not '12.0'
    assert [reason for _, reason, _ in table.malformed] == [TITLE_ROW, "ligne vide"]


@pytest.mark.slow
def test_an_xls_and_an_ods_clean_into_companies(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ("adherents.xls", "adherents.ods"):
        shutil.copy(SPREADSHEETS / name, raw / name)
    result = clean_directory(raw, as_of="2023-06-30", show_progress=False)
    assert len(result.companies) == 3  # the two files list the same companies
    headcounts = result.companies.set_index("name")["headcount"]
    assert headcounts["Clinique du Parc"] == 250


def test_one_line_full_of_commas_does_not_make_a_semicolon_file_comma_separated(tmp_path):
    """A `;` list with one long description was read as `,`: every row quarantined, exit 0."""
    description = ", ".join(f"activité {i}" for i in range(40))
    lines = ["Nom;Code postal;Description", "Alpha Santé;31000;logiciel"]
    lines += [f"Beta {i};34000;télésuivi" for i in range(5)] + [f"Gamma;75001;{description}"]
    path = tmp_path / "liste.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    table = read_table(path, {})
    assert table.meta["delimiter"] == ";" and len(table.frame) == 7 and not table.malformed


def test_a_utf8_byte_order_mark_before_windows_1252_text(tmp_path):
    path = tmp_path / "liste.csv"
    path.write_bytes(b"\xef\xbb\xbfNom;Ville\n" + "Société Générale;Amiens\n".encode("cp1252"))
    table = read_table(path, {})
    assert list(table.frame.columns) == ["Nom", "Ville"]
    assert table.frame.iloc[0, 0] == "Société Générale"


def test_an_unquoted_french_amount_in_a_comma_file_is_joined_back(tmp_path):
    """A subsidy CSV with `100 000,00` unquoted had one field too many on every row: all lost."""
    lines = ["Nom,Code postal,Montant,Objet"]
    lines += ["Alpha Santé,31000,100 000,00,aide", "Beta Santé,34000,2 500,50,prêt"]
    lines += ["Gamma Santé,75001,12,50,25,x"]  # two fields too many: quarantined as before
    path = tmp_path / "subventions.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    table = read_table(path, {})
    assert table.frame["Montant"].tolist() == ["100 000,00", "2 500,50"]
    assert table.meta["amounts_joined"] == 2 and len(table.malformed) == 1


def test_utf8_and_windows_1252_within_one_line(tmp_path):
    """« ComitÃ© » came from a line holding both encodings."""
    path = tmp_path / "liste.csv"
    path.write_bytes(b"Nom;Ville\n" + "Comité ".encode() + "Santé;Nîmes\n".encode("cp1252"))
    table = read_table(path, {})
    assert table.frame.iloc[0].tolist() == ["Comité Santé", "Nîmes"]


def test_a_byte_neither_utf8_nor_windows_1252_names_its_line(tmp_path):
    path = tmp_path / "liste.csv"
    path.write_bytes("Nom;Ville\nÉté;Nice\n".encode() + b"Caf\xe9 \x81;Albi\n")
    with pytest.raises(InputError, match="line 3: neither UTF-8 nor Windows-1252"):
        read_table(path, {})


def test_a_merged_address_over_postal_code_and_town_is_one_header(tmp_path):
    """« Adresse » merged over two cells, « Code postal » and « Ville » on the row below."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Liste des membres"])
    sheet.append(["Raison sociale", "Adresse", None, "Effectif"])
    sheet.append([None, "Code postal", "Ville", None])
    sheet.merge_cells("B2:C2")
    sheet.append(["Alpha Santé", "31000", "Toulouse", 12])
    sheet.append(["Beta Santé", "34000", "Montpellier", 3])
    path = tmp_path / "membres.xlsx"
    book.save(path)
    table = read_table(path, {})
    assert list(table.frame.columns) == ["Raison sociale", "Code postal", "Ville", "Effectif"]
    assert table.frame["Ville"].tolist() == ["Toulouse", "Montpellier"]
    assert table.rows.tolist() == [4, 5] and table.meta["header_rows"] == 2


def test_a_documents_furniture_is_quarantined_with_its_reason_and_companies_kept(tmp_path):
    """Total lines, notes under the table, page numbers and repeated headers are no companies;
    « Total Energies » in Paris, or a « Total » with a town, is one."""
    (tmp_path / "liste.csv").write_text(
        "Raison sociale;Ville;Montant\n"
        "Alpha SAS;Albi;1 000\n"
        "Raison sociale;Ville;Montant\n"
        "Total Energies;Paris;12\n"
        "Total;Paris;\n"
        "Page 1/2;;\n"
        "TOTAL :;;1 012\n"
        "Source : conseil régional, 2023;;\n",
        encoding="utf-8",
    )
    table = read_table(tmp_path / "liste.csv", {})
    assert table.frame["Raison sociale"].tolist() == ["Alpha SAS", "Total Energies", "Total"]
    assert [(row, reason) for row, reason, _ in table.malformed] == [
        (3, "en-tête répété (page suivante d'un document converti)"),
        (6, "numéro de page (document converti)"),
        (7, "ligne de total"),
        (8, "note sous le tableau (source, lecture, champ)"),
    ]


def test_excels_unicode_text_export_is_read(tmp_path):
    """« Texte Unicode (*.txt) »: UTF-16 with its byte-order mark, tab-separated, CRLF."""
    text = "Raison sociale\tCode postal\tVille\r\nBéta Médical\t34000\tMontpellier\r\n"
    (tmp_path / "export.txt").write_bytes(text.encode("utf-16"))
    table = read_table(tmp_path / "export.txt", {})
    assert (table.meta["encoding"], table.meta["delimiter"]) == ("utf-16", "\t")
    assert table.frame.to_dict("list") == {
        "Raison sociale": ["Béta Médical"],
        "Code postal": ["34000"],
        "Ville": ["Montpellier"],
    }
    (tmp_path / "sans_bom.csv").write_bytes(text.encode("utf-16-le"))  # no mark: not told apart
    with pytest.raises(InputError, match="binary content"):
        read_table(tmp_path / "sans_bom.csv", {})
