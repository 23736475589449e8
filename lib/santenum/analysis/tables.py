"""Tables a notebook shows, saved for analysts: one CSV each (machine column names, stable), and
one workbook for a whole run (French headers, numbers as numbers — shares as fractions with a
percent format in every sheet, a share on too few companies « n trop faible » —, columns sized to
their content, sheets named after the reports, and the annuaire of companies).
"""

import json
import re
from pathlib import Path

import pandas as pd

from santenum.core import french, reference, rules
from santenum.core.errors import InputError
from santenum.core.files import SHEET_NAME_MAX, restore_text, write_csv, write_workbook
from santenum.core.text import fold
from santenum.core.vocabulary import (
    CODES,
    FIGURES,
    PERCENT_UNIT,
    UNIT_COLUMNS,
    header,
    is_share,
    share_base,
)

TABLES_DIR = "tables"
WORKBOOK = "tables.xlsx"
TITLES = "__titres.json"  # <notebook>__titres.json beside its CSV files: table name -> title
# Excel number formats (invariant codes; French Excel shows '1 234', '42,3 %', '1 234,57').
PERCENT = "0.0 %"
WHOLE = "#,##0"
DECIMAL = "#,##0.00"
YEAR = "0"
DATE = "dd/mm/yyyy"
DIRECTORY_SHEET = "annuaire"
YEAR_COLUMNS = frozenset({"year", "edition"})
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_LEADING_ZERO = re.compile(r"0\d")


def table_path(output_dir, notebook: str, name: str) -> Path:
    """output_dir/tables/<notebook>__<name>.csv (names made of letters, digits, _ and -)."""
    for part in (notebook, name):
        if not re.fullmatch(r"[A-Za-z0-9_-]+", part):
            raise InputError(part, "table and notebook names use letters, digits, _ and - only")
    return Path(output_dir) / TABLES_DIR / f"{notebook}__{name}.csv"


def save_table(frame: pd.DataFrame, output_dir, notebook: str, name: str, title: str = "") -> Path:
    """Write the table as CSV (files.write_csv: formula-like text neutralised) and record its
    title for the workbook's contents sheet."""
    path = table_path(output_dir, notebook, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    titles_path = path.parent / f"{notebook}{TITLES}"
    titles = _titles(titles_path)
    titles[name] = title
    titles_path.write_text(
        json.dumps(titles, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    return write_csv(frame, path)


def _titles(path: Path) -> dict:
    """A notebook's table name -> title record (empty before its first table)."""
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def typed_column(name: str, cells: pd.Series) -> tuple:
    """(values for the workbook, Excel number format) of a CSV column read as text.

    A column is numbers only when every filled cell is one and none is a code ('03', a SIREN):
    shares as percentages, years without separator, whole numbers and decimals with thousands
    separated. ISO dates become dates, True/False oui/non; anything else stays text.
    """
    filled = cells[cells != ""]
    blank = [None] * len(cells)
    if filled.empty:
        return blank, None
    if name in CODES or filled.str.match(_LEADING_ZERO).any():
        return _with_blanks(cells, cells.map(restore_text)), None
    if filled.isin(["True", "False"]).all():
        return _with_blanks(cells, cells.map({"True": "oui", "False": "non"})), None
    if filled.str.fullmatch(_DATE).all():
        return _with_blanks(cells, pd.to_datetime(cells, errors="coerce").dt.to_pydatetime()), DATE
    numbers = pd.to_numeric(filled, errors="coerce")
    if numbers.isna().any():
        return _with_blanks(cells, cells.map(restore_text)), None
    values = pd.to_numeric(cells.where(cells != ""), errors="coerce")
    whole = bool((numbers == numbers.round()).all())
    if is_share(name):
        number_format = PERCENT
    elif name in YEAR_COLUMNS and whole:
        number_format = YEAR
    else:
        number_format = WHOLE if whole else DECIMAL
    if whole:
        values = values.astype("Int64")
    return _with_blanks(cells, values), number_format


def _percent_format(decimals: int) -> str:
    return "0 %" if decimals == 0 else f"0.{'0' * decimals} %"


def _figures(table: pd.DataFrame, column: str, values: list, formats: list) -> tuple:
    """A figure column (vocabulary.FIGURES), row by row: where the row's unit is « % », the value
    as a fraction with a percent format keeping the decimals it was written with (11.25 ->
    0.1125, '0.00 %'); elsewhere a whole number or a decimal."""
    if column not in FIGURES:
        return values, formats
    unit = next((c for c in UNIT_COLUMNS if c in table), None)
    units = table[unit] if unit else pd.Series("", index=table.index)
    values, formats = list(values), list(formats)
    for row, (text, unit_text) in enumerate(zip(table[column], units, strict=True)):
        value = values[row]
        if not isinstance(value, int | float):
            continue
        decimals = len(text.partition(".")[2].rstrip("0"))
        if unit_text == PERCENT_UNIT:
            values[row], formats[row] = value / 100, _percent_format(decimals)
        else:
            formats[row] = WHOLE if decimals == 0 else DECIMAL
    return values, formats


def _withheld(table: pd.DataFrame, column: str, values: list, formats: list) -> tuple:
    """A share column's rows resting on too few companies (rules) as « n trop faible »."""
    base = share_base(column, table.columns)
    if base is None:
        return values, formats
    values, formats = list(values), list(formats)
    counts = pd.to_numeric(table[base].where(table[base] != ""), errors="coerce")
    for row, (value, n) in enumerate(zip(values, counts, strict=True)):
        if value is not None and rules.too_few(n):
            values[row], formats[row] = rules.TOO_FEW, None
    return values, formats


def typed_table(table: pd.DataFrame) -> list:
    """(values, formats) of each column of a CSV table read as text: typed_column, then the rules
    that need the other columns (a figure's unit, a share's base); formats one per row."""
    typed = []
    for column in table.columns:
        values, number_format = typed_column(column, table[column])
        formats = [number_format] * len(values)
        values, formats = _figures(table, column, values, formats)
        values, formats = _withheld(table, column, values, formats)
        typed.append((values, formats))
    return typed


def _with_blanks(cells: pd.Series, values) -> list:
    """Values as Python objects, None where the CSV cell was empty."""
    empty = (cells == "").to_numpy()
    return [None if gap or pd.isna(v) else _plain(v) for v, gap in zip(values, empty, strict=True)]


def _plain(value):
    """numpy and pandas scalars as the Python numbers openpyxl writes."""
    return value.item() if hasattr(value, "item") else value


def base_text(table: pd.DataFrame) -> str:
    """What the table's figures rest on, from its n and base columns: 'n = 229 (entreprises
    renseignées)', 'n = 100 à 229' when rows differ; empty when the table says nothing."""
    parts = []
    if "n" in table:
        n = pd.to_numeric(table["n"], errors="coerce").dropna()
        if len(n):
            low, high = french.number(n.min()), french.number(n.max())
            parts.append(f"n = {low}" if low == high else f"n = {low} à {high}")
    if "base" in table:
        bases = [b for b in dict.fromkeys(table["base"]) if b]
        if len(bases) == 1:
            parts.append(f"({bases[0]})" if parts else bases[0])
    return " ".join(parts)


def sheet_names(stems: list) -> list:
    """One sheet name per table file stem, after its report: '03_taille_age__emplois' ->
    '03 emplois'; cut to Excel's 31 characters, a name already taken gets ' (2)'."""
    names, taken = [], set()
    for stem in stems:
        notebook, _, name = stem.partition("__")
        number = notebook.split("_", 1)[0]
        base = f"{number} {name.replace('_', ' ')}"[:SHEET_NAME_MAX]
        sheet, copy = base, 1
        while sheet in taken:
            copy += 1
            suffix = f" ({copy})"
            sheet = base[: SHEET_NAME_MAX - len(suffix)] + suffix
        taken.add(sheet)
        names.append(sheet)
    return names


def directory_table(region: pd.DataFrame) -> pd.DataFrame:
    """The annuaire: every active company with a name (a natural person without a trade name has
    none, by cleaning's rule), sorted by name as a reader would (accents, case and punctuation
    ignored): name, SIREN, commune, département (« Hérault (34) »), segment, products, band
    label; missing where the data gives no value."""
    named = region[region["name"].fillna("").str.strip() != ""]
    named = named.assign(_key=fold(named["name"]).fillna("")).sort_values(["_key", "company_id"])
    communes = reference.table("communes").drop_duplicates("commune_code")
    products = [
        " ; ".join(items) if items is not None and len(items) else None
        for items in named["products"]
    ]
    columns = {
        "name": named["name"],
        "siren": named["siren"] if "siren" in named else None,
        "commune_name": named["commune_code"].map(
            communes.set_index("commune_code")["commune_name"]
        ),
        "departement_name": named["departement_code"].map(reference.departement_labels())
        if "departement_code" in named
        else None,
        "segment": named["segment"],
        "products": products,
        "band_label": named["headcount_band"].map(reference.band_labels()),
    }
    out = pd.DataFrame({k: v for k, v in columns.items() if v is not None}, index=named.index)
    return out.astype("string").reset_index(drop=True)


def _directory_sheet(directory: pd.DataFrame) -> list:
    """The annuaire's rows with French headers (text only: a SIREN stays text; a value the data
    does not give is a blank cell)."""
    headers = [DIRECTORY_HEADERS[column] for column in directory.columns]
    rows = [
        [None if pd.isna(value) else restore_text(value) for value in row]
        for row in directory.itertuples(index=False)
    ]
    return [headers, *rows]


DIRECTORY_HEADERS = {  # the annuaire's columns as readers see them, in the study and the workbook
    "name": "entreprise",
    "siren": "SIREN",
    "commune_name": "commune",
    "departement_name": "département",
    "segment": "segment",
    "products": "produits et services",
    "band_label": "tranche d'effectifs",
}


def write_tables_workbook(output_dir, directory: pd.DataFrame | None = None) -> Path:
    """tables.xlsx: a contents sheet (each table's sheet, title, base, report and CSV file),
    then one sheet per CSV under output_dir/tables in name order, French headers, typed values,
    and the annuaire (directory_table) when given."""
    folder = Path(output_dir) / TABLES_DIR
    files = sorted(folder.glob("*.csv"))
    contents = [["feuille", "titre", "base", "rapport", "fichier CSV"]]
    sheets, formats, titles = {}, {}, {}
    for path, sheet in zip(files, sheet_names([p.stem for p in files]), strict=True):
        notebook, _, name = path.stem.partition("__")
        if notebook not in titles:
            titles[notebook] = _titles(folder / f"{notebook}{TITLES}")
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
        typed = typed_table(table)
        rows = [list(row) for row in zip(*(values for values, _ in typed), strict=True)]
        sheets[sheet] = [[header(column) for column in table.columns], *rows]
        formats[sheet] = [column_formats for _, column_formats in typed]
        title = titles[notebook].get(name) or name.replace("_", " ")
        contents.append([sheet, title, base_text(table), notebook, f"{TABLES_DIR}/{path.name}"])
    if directory is not None:
        sheets[DIRECTORY_SHEET] = _directory_sheet(directory)
        formats[DIRECTORY_SHEET] = [None] * len(directory.columns)
        contents.append(
            [
                DIRECTORY_SHEET,
                "Annuaire des entreprises actives de la région, par ordre alphabétique",
                f"n = {french.number(len(directory))} entreprises",
                "étude",
                "",
            ]
        )
    return write_workbook(
        Path(output_dir) / WORKBOOK,
        {"sommaire": contents, **sheets},
        {"sommaire": [None] * 5, **formats},
    )
