"""Excel .xlsx workbooks (first sheet unless told otherwise; header row found as in CSV files)."""

from datetime import date, datetime
from pathlib import Path

import pandas as pd

from santenum.clean.readers.base import (
    RawTable,
    blank_to_na,
    header_index,
    split_empty,
    unique_headers,
)
from santenum.errors import InputError


def _cell_text(value) -> str | None:
    if value is None:
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


def read_xlsx(path: Path, options: dict) -> RawTable:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise InputError(path, f"not a readable .xlsx workbook ({type(exc).__name__})") from None
    try:
        sheet_name = options.get("sheet") or book.sheetnames[0]
        if sheet_name not in book.sheetnames:
            raise InputError(
                path, f"no sheet named {sheet_name!r} (sheets: {', '.join(book.sheetnames)})"
            )
        cells = [
            [_cell_text(v) for v in row]
            for row in book[sheet_name].iter_rows(min_row=1, values_only=True)
        ]
    finally:
        book.close()
    if not any(any(c not in (None, "") for c in row) for row in cells):
        raise InputError(path, f"empty sheet {sheet_name!r}")
    header_at = header_index(cells, options.get("header_row"))
    headers = unique_headers(cells[header_at])
    body = [(row + [None] * len(headers))[: len(headers)] for row in cells[header_at + 1 :]]
    frame = blank_to_na(pd.DataFrame(body, columns=headers, dtype="string"))
    rows = pd.Series(range(header_at + 2, header_at + 2 + len(body)), dtype=int)
    table = split_empty(frame, rows, [])
    table.meta = {"format": "xlsx", "sheet": sheet_name, "header_row": header_at + 1}
    return table
