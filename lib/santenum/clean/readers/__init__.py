"""Readers of raw files, registered by file suffix: adding a format is one module and one line here."""

from pathlib import Path

from santenum.clean.readers.base import RawTable
from santenum.clean.readers.delimited import read_delimited
from santenum.clean.readers.parquet import read_parquet
from santenum.clean.readers.spreadsheet import read_spreadsheet
from santenum.core.errors import InputError

# Suffix -> reader(path, options) returning a RawTable.
READERS = {
    ".csv": read_delimited,
    ".tsv": read_delimited,
    ".txt": read_delimited,  # a text export (Excel: « Texte (séparateur : tabulation) »)
    ".xlsx": read_spreadsheet,
    ".xls": read_spreadsheet,
    ".ods": read_spreadsheet,
    ".parquet": read_parquet,
}


def supported() -> str:
    """The readable suffixes, for messages: '.csv, .tsv, .xlsx, .parquet'."""
    return ", ".join(READERS)


def read_table(path: Path, options: dict) -> RawTable:
    """Dispatch on the file suffix; every failure is an InputError naming the file."""
    suffix = path.suffix.lower()
    try:
        table = READERS[suffix](path, options)
    except InputError:
        raise
    except Exception as exc:  # a library's own message, made one line and tied to the file
        raise InputError(
            path, f"unreadable {suffix} file ({type(exc).__name__}: {str(exc).splitlines()[0]})"
        ) from None
    if table.frame.empty and not table.malformed:
        raise InputError(path, "empty file (a header but no data rows)")
    return table
