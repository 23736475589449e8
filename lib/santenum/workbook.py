"""Byte-reproducible .xlsx workbooks: the same cells always give the same file."""
import io
import re
import zipfile
from datetime import datetime
from pathlib import Path

import pandas as pd

# openpyxl stamps the save time into docProps/core.xml and into every zip entry; both are pinned.
FIXED_TIME = datetime(2000, 1, 1)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_MODIFIED = re.compile(rb"<dcterms:modified([^>]*)>[^<]*</dcterms:modified>")
SHEET_NAME_MAX = 31  # Excel's limit


def write_workbook(path, sheets: dict) -> Path:
    """Write sheets (name -> list of rows, each a list of cell values) as a reproducible .xlsx."""
    import openpyxl  # imported here: notebooks that only save CSV tables do not pay for it

    book = openpyxl.Workbook()
    book.remove(book.active)
    book.properties.creator = "santenum"
    book.properties.created = FIXED_TIME
    for name, rows in sheets.items():
        sheet = book.create_sheet(name[:SHEET_NAME_MAX])
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    path = Path(path)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = source.read(entry.filename)
            if entry.filename == "docProps/core.xml":
                data = _MODIFIED.sub(rb"<dcterms:modified\1>" + stamp + rb"</dcterms:modified>", data)
            target.writestr(zipfile.ZipInfo(entry.filename, date_time=_ZIP_TIME), data,
                            compress_type=zipfile.ZIP_DEFLATED)
    return path


def frame_rows(frame: pd.DataFrame) -> list:
    """A header row then the values, missing values as empty cells."""
    values = frame.astype(object).where(frame.notna(), None).values.tolist()
    return [list(map(str, frame.columns)), *values]
