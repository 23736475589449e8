"""How many cells a workbook makes calamine build, counted from its XML before it is opened.

calamine holds a sheet's whole rectangle in memory (about 32 bytes a cell) and walks every cell
an OpenDocument row repeats: one .xlsx cell far out (`r="XFD1048576"`, in any attribute order)
asked for 512 GB; an 875-byte .ods of repeated rows took 1.6 GB and 55 s. Both are counted here
from a stream of the XML (never held whole), and a workbook above MAX_CELLS is refused.
`<dimension>` is not read: it is what the file says of itself.
"""

import re
import zipfile
from pathlib import Path
from xml.parsers import expat

from santenum.core.errors import InputError

# A million rows of 20 columns.
MAX_CELLS = 20_000_000
MAX_SHEET_BYTES = 2_000_000_000  # XML a sheet may unpack to
_CHUNK = 1 << 20
# An element's start tag with its r="…" attribute wherever it stands (namespace prefix, either
# quote, spaces around =); rows without r follow each other.
_PREFIX = rb"<(?:[A-Za-z_][\w.-]*:)?"
_ATTRIBUTE_R = rb"""[^>]*?\sr\s*=\s*["']"""
_CELL = re.compile(_PREFIX + rb"c\b" + _ATTRIBUTE_R + rb"([A-Z]{1,3})([0-9]+)")
_ROW = re.compile(_PREFIX + rb"row\b(" + _ATTRIBUTE_R + rb"([0-9]+))?")


def _refused(path: Path, rows: int, columns: int, cells: int) -> InputError:
    return InputError(
        path,
        f"a sheet spans {rows} rows × {columns} columns ({cells} cells; at most {MAX_CELLS}): "
        "is a cell far outside the data?",
    )


def _stream(book: zipfile.ZipFile, entry: zipfile.ZipInfo, path: Path):
    """The entry's bytes in chunks, refused past MAX_SHEET_BYTES (whatever its header says)."""
    if entry.file_size > MAX_SHEET_BYTES:
        raise InputError(path, f"a sheet unpacks to {entry.file_size} bytes: too large")
    read = 0
    with book.open(entry) as stream:
        while chunk := stream.read(_CHUNK):
            read += len(chunk)
            if read > MAX_SHEET_BYTES:
                raise InputError(path, f"a sheet unpacks to more than {MAX_SHEET_BYTES} bytes")
            yield chunk


def check_xlsx(path: Path) -> None:
    """InputError if a sheet of the .xlsx spans more than MAX_CELLS (its furthest row and column,
    from every cell's and row's reference; rows without one counted in order)."""
    with zipfile.ZipFile(path) as book:
        for entry in book.infolist():
            if not entry.filename.endswith(".xml"):
                continue
            rows, columns, counted, pending = 0, 0, 0, b""
            for chunk in _stream(book, entry, path):
                pending += chunk
                cut = pending.rfind(b"<")  # a tag cut by the chunk's end waits for the next
                if cut <= 0:
                    continue
                rows, columns, counted = _scan(pending[:cut], rows, columns, counted)
                pending = pending[cut:]
            rows, columns, counted = _scan(pending, rows, columns, counted)
            rows = max(rows, counted)
            if rows * columns > MAX_CELLS:
                raise _refused(path, rows, columns, rows * columns)


def _scan(xml: bytes, rows: int, columns: int, counted: int) -> tuple:
    for match in _ROW.finditer(xml):
        counted = int(match[2]) if match[2] else counted + 1
        rows = max(rows, counted)
    for letters, number in set(_CELL.findall(xml)):
        columns, rows = max(columns, _column_number(letters)), max(rows, int(number))
    return rows, columns, counted


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - ord("A") + 1
    return number


_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0 "
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0 "
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0 "


def _repeat(attributes: dict, name: str) -> int:
    try:
        return max(1, int(attributes.get(_TABLE + name, 1)))
    except ValueError:
        return 1


class _OdsCount:
    """Cells calamine walks in an .ods: every cell of every row up to the last row that holds
    something, each row and cell times its repetition (trailing empty rows are skipped)."""

    def __init__(self, path: Path):
        self.path = path
        self.walked = 0  # cells up to the last row with content
        self.pending = 0  # cells of empty rows since then
        self.rows = self.row_cells = self.row_repeat = self.columns = 0
        self.content = False

    def start(self, name: str, attributes: dict) -> None:
        if name == _TABLE + "table":
            self.pending = 0
        elif name == _TABLE + "table-row":
            self.row_repeat, self.row_cells, self.content = (
                _repeat(attributes, "number-rows-repeated"),
                0,
                False,
            )
        elif name in (_TABLE + "table-cell", _TABLE + "covered-table-cell"):
            self.row_cells += _repeat(attributes, "number-columns-repeated")
            if _OFFICE + "value-type" in attributes:
                self.content = True
        elif name == _TEXT + "p":
            self.content = True

    def end(self, name: str) -> None:
        if name != _TABLE + "table-row":
            return
        self.pending += self.row_repeat * self.row_cells
        self.rows += self.row_repeat
        self.columns = max(self.columns, self.row_cells)
        if self.content:
            self.walked += self.pending
            self.pending = 0
            if self.walked > MAX_CELLS:
                raise _refused(self.path, self.rows, self.columns, self.walked)


def check_ods(path: Path) -> None:
    """InputError if the .ods's content.xml makes calamine walk more than MAX_CELLS cells."""

    def refuse(*args):
        raise InputError(path, "content.xml declares a DOCTYPE or entities: not read")

    with zipfile.ZipFile(path) as book:
        try:
            entry = book.getinfo("content.xml")
        except KeyError:
            return  # calamine says what is wrong
        count = _OdsCount(path)
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.StartElementHandler = count.start
        parser.EndElementHandler = count.end
        parser.StartDoctypeDeclHandler = refuse
        parser.EntityDeclHandler = refuse
        try:
            for chunk in _stream(book, entry, path):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except expat.ExpatError as exc:
            raise InputError(path, f"content.xml is not well-formed XML ({exc})") from None
