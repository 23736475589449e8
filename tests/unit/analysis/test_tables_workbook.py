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


def test_shares_are_fractions_with_a_percent_format_in_every_sheet(tmp_path):
    """A published 11,25 % was the number 11.25 beside « % »; Corse's 100 % rested on 6."""
    recomputed = pd.DataFrame(
        {
            "indicateur": ["entreprises", "Outils de gestion"],
            "publie": ["239", "11.25"],
            "unite": ["entreprises", "%"],
            "n": [239, 160],
        }
    )
    save_table(recomputed, tmp_path, "06_benchmark", "etude_vs_recalcul", "Étude et recalcul")
    regions = pd.DataFrame(
        {"region_code": ["94", "76"], "pme_share": [1.0, 0.925], "pme_n": [6, 229]}
    )
    save_table(regions, tmp_path, "06_benchmark", "regions", "Régions")
    book = openpyxl.load_workbook(write_tables_workbook(tmp_path))
    figures = book["06 etude vs recalcul"]
    assert (figures["B2"].value, figures["B2"].number_format) == (239, "#,##0")
    assert abs(figures["B3"].value - 0.1125) < 1e-9 and figures["B3"].number_format == "0.00 %"
    shares = book["06 regions"]
    assert shares["B2"].value == "n trop faible"
    assert shares["B3"].value == 0.925 and shares["B3"].number_format == "0.0 %"


def test_columns_are_sized_to_their_content(tmp_path):
    sheet = _book(tmp_path)["03 categories"]
    widths = {c: sheet.column_dimensions[c].width for c in "ABE"}
    # « entreprises renseignées » (24 characters) is wider than « catégorie » and « PME »
    assert widths["E"] > widths["A"] and widths["E"] >= 24


def test_the_annuaire_is_a_sheet_with_siren_departement_and_segment(tmp_path):
    from santenum.analysis.tables import directory_table

    region = pd.DataFrame(
        {
            "company_id": ["1", "2"],
            "name": ["Zeta santé", "alpha data"],
            "siren": pd.array(["012345678", None], dtype="string"),
            "commune_code": pd.array(["34172", None], dtype="string"),
            "departement_code": pd.array(["34", None], dtype="string"),
            "segment": pd.array(["Silver tech", None], dtype="string"),
            "products": [["Logiciel"], None],
            "headcount_band": pd.array(["11", None], dtype="string"),
        }
    )
    save_table(pd.DataFrame({"n": [1]}), tmp_path, "01_apercu", "t")
    book = openpyxl.load_workbook(write_tables_workbook(tmp_path, directory_table(region)))
    rows = [[c.value for c in row] for row in book["annuaire"].iter_rows()]
    assert rows[0][:4] == ["entreprise", "SIREN", "commune", "département"]
    assert rows[1][0] == "alpha data" and rows[2][:4] == [
        "Zeta santé",
        "012345678",  # a code: text, its leading zero kept
        "Montpellier",
        "Hérault (34)",
    ]
    assert rows[2][4:] == ["Silver tech", "Logiciel", "10 à 19 salariés"]
    assert rows[1][1:] == [None] * 6  # what the data does not give: a blank cell, not « – »
    assert ["annuaire"] == [r[0] for r in book["sommaire"].iter_rows(values_only=True)][-1:]
