"""Tables a notebook shows, saved for analysts: one CSV each, and one workbook for a whole run."""

import re
from pathlib import Path

import pandas as pd

from santenum.core.errors import InputError
from santenum.core.files import SHEET_NAME_MAX, frame_rows, restore_text, write_csv, write_workbook

TABLES_DIR = "tables"
WORKBOOK = "tables.xlsx"


def table_path(output_dir, notebook: str, name: str) -> Path:
    """output_dir/tables/<notebook>__<name>.csv (names made of letters, digits, _ and -)."""
    for part in (notebook, name):
        if not re.fullmatch(r"[A-Za-z0-9_-]+", part):
            raise InputError(part, "table and notebook names use letters, digits, _ and - only")
    return Path(output_dir) / TABLES_DIR / f"{notebook}__{name}.csv"


def save_table(frame: pd.DataFrame, output_dir, notebook: str, name: str) -> Path:
    """Write the table as CSV (files.write_csv: formula-like text neutralised)."""
    path = table_path(output_dir, notebook, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_csv(frame, path)


def write_tables_workbook(output_dir) -> Path:
    """tables.xlsx with a contents sheet and one sheet per CSV under output_dir/tables, in name order."""
    files = sorted((Path(output_dir) / TABLES_DIR).glob("*.csv"))
    contents = [["feuille", "table", "fichier"]]
    sheets = {}
    for i, path in enumerate(files, start=1):
        notebook, _, name = path.stem.partition("__")
        sheet = f"{i:02d} {name}"[:SHEET_NAME_MAX]
        table = pd.read_csv(path, dtype=str, keep_default_na=False).map(restore_text)
        sheets[sheet] = frame_rows(table)
        contents.append([sheet, f"{notebook} — {name}", f"{TABLES_DIR}/{path.name}"])
    return write_workbook(Path(output_dir) / WORKBOOK, {"sommaire": contents, **sheets})
