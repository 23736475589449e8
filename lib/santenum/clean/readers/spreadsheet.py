"""Spreadsheets: Excel .xlsx and .xls, OpenDocument .ods (LibreOffice), read with python-calamine.

The sheet source.yml names, else the first whose header names a company's name or identifier (a
workbook often opens on a notice, « Lisez-moi » or « Sommaire »), else the first; the header row
is found as in CSV files. calamine
reads all three formats with one Rust parser, in time proportional to the cells: on a 20 000-row
survey export it loads the cells 12 times faster than openpyxl (benchmarks/bench_readers.py).
"""

import zipfile
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from santenum.clean.fields import names_identity
from santenum.clean.readers.base import (
    HEADER_SCAN_ROWS,
    RawTable,
    above_header,
    blank_to_na,
    header_index,
    header_rows,
    split_empty,
    synthetic_headers,
    unique_headers,
)
from santenum.clean.readers.extent import check_ods, check_xlsx
from santenum.core.errors import InputError
from santenum.core.privacy import mask_nir_text


def _cell_text(value) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return (
            value.date().isoformat()
            if value.time() == datetime.min.time()
            else value.isoformat(sep=" ")
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


COUNTED = {"xlsx": check_xlsx, "ods": check_ods}


def _cells(book, name: str) -> list:
    return [
        [_cell_text(v) for v in row]
        for row in book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    ]


def _data_sheet(book, named: str | None) -> tuple:
    """(sheet name, its cells): the one named, else the first whose header row (as header_index
    finds it) names a company's name, SIREN or SIRET, else the first sheet."""
    if named is not None:
        return named, _cells(book, named)
    first = None
    for name in book.sheet_names:
        cells = _cells(book, name)
        first = first or (name, cells)
        filled = [row for row in cells[:HEADER_SCAN_ROWS] if any(c not in (None, "") for c in row)]
        at = header_index(cells, None)
        if filled and at is not None and names_identity(cells[at]):
            return name, cells
    return first


def read_spreadsheet(path: Path, options: dict) -> RawTable:
    from python_calamine import CalamineError, CalamineWorkbook

    kind = path.suffix.lower().lstrip(".")
    if kind in COUNTED and zipfile.is_zipfile(path):
        COUNTED[kind](path)  # a workbook too large for calamine is refused before it opens
    try:
        book = CalamineWorkbook.from_path(str(path))
    except (CalamineError, ValueError, OSError) as exc:
        raise InputError(path, f"not a readable .{kind} workbook ({type(exc).__name__})") from None
    sheet_name = options.get("sheet")
    if sheet_name is not None and sheet_name not in book.sheet_names:
        raise InputError(
            path, f"no sheet named {sheet_name!r} (sheets: {', '.join(book.sheet_names)})"
        )
    sheet_name, cells = _data_sheet(book, sheet_name)
    if not any(any(c not in (None, "") for c in row) for row in cells):
        raise InputError(path, f"empty sheet {sheet_name!r}")
    header_at = header_index(cells, options.get("header_row"), options.get("header", True))
    if header_at is None:  # no header row: every row is data
        headers = synthetic_headers(max(map(len, cells), default=0))
        first, span, titles = 0, 0, []
    else:
        names, span = header_rows(cells, header_at)
        headers = unique_headers(names)
        first = header_at + span  # 0-based index of the first data row
        titles = above_header(cells[:header_at], list(range(1, header_at + 1)))
    body = [(row + [None] * len(headers))[: len(headers)] for row in cells[first:]]
    frame = blank_to_na(pd.DataFrame(body, columns=headers, dtype="string"))
    rows = pd.Series(range(first + 1, first + 1 + len(body)), dtype=int)
    table = split_empty(frame, rows, titles)
    header_row = 0 if header_at is None else header_at + 1
    table.meta = {"format": kind, "sheet": mask_nir_text(sheet_name), "header_row": header_row}
    if span > 1:
        table.meta["header_rows"] = span
    return table
