"""tables.xlsx as French Excel needs it: numbers as numbers with their formats, French headers,
sheets named after the reports, a contents sheet with each table's title and base (issue 23)."""

import datetime

import openpyxl
import pandas as pd

from santenum.analysis.tables import save_table, sheet_names, write_tables_workbook


def _book(tmp_path):
    categories = pd.DataFrame(
        {
            "size_category": ["PME", "ETI"],
            "count": [212, 14],
            "n": [229, 229],
            "share": [0.925764192139738, 0.0611353711790393],
            "base": ["entreprises renseignées", "entreprises renseignées"],
        }
    )
    save_table(categories, tmp_path, "03_taille_age", "categories", "Catégories d'entreprises")
    bands = pd.DataFrame(
        {"headcount_band": ["00", "03", "53"], "label": ["0 salarié", "6 à 9", "5 000 et plus"]}
    )
    save_table(bands, tmp_path, "03_taille_age", "tranches", "Tranches")
    years = pd.DataFrame(
        {
            "year": [2019, 2020],
            "count": [1234, 5],
            "creation_date": ["2019-01-07", ""],
            "strong": [True, False],
            "mean": [2.5, None],
            "name": ["=1+2", "@SUM(A1)"],
        }
    )
    save_table(years, tmp_path, "02_segments", "creations_par_an")
    path = write_tables_workbook(tmp_path)
    return openpyxl.load_workbook(path)


def test_numbers_are_numbers_with_french_excel_formats(tmp_path):
    sheet = _book(tmp_path)["03 categories"]
    assert [c.value for c in sheet[1]] == ["catégorie", "effectif", "n", "part", "base"]
    pme = sheet[2]
    assert pme[1].value == 212 and pme[1].number_format == "#,##0"
    assert abs(pme[3].value - 0.9258) < 1e-4 and pme[3].number_format == "0.0 %"
    assert pme[0].value == "PME" and pme[0].data_type == "s"
    assert sheet.freeze_panes == "A2"


def test_codes_stay_text_and_years_dates_booleans_are_typed(tmp_path):
    book = _book(tmp_path)
    bands = book["03 tranches"]
    assert [row[0].value for row in bands.iter_rows(min_row=2)] == ["00", "03", "53"]
    years = book["02 creations par an"]
    first, second = years[2], years[3]
    assert first[0].value == 2019 and first[0].number_format == "0"  # 2019, not 2 019
    assert first[1].value == 1234 and first[1].number_format == "#,##0"
    assert first[2].value == datetime.datetime(2019, 1, 7) and second[2].value is None
    assert (first[3].value, second[3].value) == ("oui", "non")
    assert first[4].value == 2.5 and second[4].value is None
    # formula-like names are typed strings, never formulas
    assert (first[5].value, first[5].data_type) == ("=1+2", "s")
    assert second[5].value == "@SUM(A1)"


def test_contents_sheet_gives_each_tables_title_and_base(tmp_path):
    contents = _book(tmp_path)["sommaire"]
    rows = [[c.value for c in row] for row in contents.iter_rows()]
    assert rows[0] == ["feuille", "titre", "base", "rapport", "fichier CSV"]
    assert rows[1] == [
        "02 creations par an",
        "creations par an",
        None,
        "02_segments",
        "tables/02_segments__creations_par_an.csv",
    ]
    assert rows[2][:3] == [
        "03 categories",
        "Catégories d'entreprises",
        "n = 229 (entreprises renseignées)",
    ]


def test_sheet_names_fit_excel_and_never_collide():
    long = "x" * 40
    names = sheet_names([f"03_taille_age__{long}", f"03_taille_age__{long}y", "ok__region"])
    assert names[0] == ("03 " + long)[:31]
    assert names[1] == ("03 " + long)[:27] + " (2)"
    assert names[2] == "ok region"
    assert all(len(n) <= 31 for n in names)
