"""CSV and TSV files: encoding and delimiter detected, a title above the header skipped, ragged rows quarantined."""

import codecs
import csv
import io
import re
from collections import Counter
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv

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
from santenum.clean.readers.realign import ShapeModel, join_broken_lines, realign, unquoted
from santenum.clean.reasons import RAGGED_ROW
from santenum.core.errors import InputError
from santenum.core.text import CONTROL_CHARACTERS

DELIMITERS = (";", ",", "\t", "|")
# A cell may hold a long free text (a project's description): Python's csv module refuses any
# field over 131 072 characters, which refused the whole file; a field of up to 16 MiB is read.
csv.field_size_limit(1 << 24)


def _detect_encoding(path: Path, data: bytes, forced: str | None) -> str:
    if forced:
        try:
            codecs.lookup(forced)
            data.decode(forced)
        except (LookupError, UnicodeDecodeError) as exc:
            raise InputError(path, f"cannot be read as {forced} ({exc})") from None
        return forced
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16: FF FE 00 00
        return UTF32  # starts with UTF-16's mark, FF FE: it was read as UTF-16
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return UTF16  # Excel's « Texte Unicode » export: tab-separated, with its byte-order mark
    if b"\x00" in data[:65536]:
        raise InputError(
            path,
            "binary content: not a text file (UTF-16 without its byte-order mark cannot be told "
            "from binary; a spreadsheet needs its .xlsx, .xls or .ods suffix)",
        )
    for encoding in ("utf-8", "cp1252"):
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        # a BOM before Windows-1252 text (an export that added one) is not UTF-8
        return "utf-8-sig" if encoding == "utf-8" and data.startswith(codecs.BOM_UTF8) else encoding
    try:  # where: the first byte that is neither
        data.decode("utf-8", errors="santenum-cp1252")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(path, f"line {line}: neither UTF-8 nor Windows-1252") from None
    raise InputError(path, "unknown encoding (neither UTF-8 nor Windows-1252)")


def _detect_delimiter(lines: list, forced: str | None) -> str:
    """The delimiter that splits the lines most alike into the most filled fields: the share of
    lines it splits to its most common width times the mean number of filled fields a line. A `;` file
    whose one long line is full of commas stays a `;` file, and a `,` file whose lines end in `;;`
    (an export that added empty fields) is a `,` file. ';' for a one-column file (no matter)."""
    if forced:
        return {"tab": "\t", "\\t": "\t"}.get(forced, forced)
    scores = {}
    for delimiter in DELIMITERS:
        records = list(csv.reader(lines, delimiter=delimiter))
        split = Counter(len(r) for r in records if len(r) > 1)
        if not split:
            continue
        agreeing = split.most_common(1)[0][1]
        filled = sum(sum(bool(cell.strip()) for cell in r) for r in records)
        scores[delimiter] = agreeing * filled / len(records) ** 2
    return max(scores, key=scores.get) if scores else DELIMITERS[0]


# A UTF-8 multi-byte sequence: a file that has one and fails UTF-8 elsewhere mixes encodings.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}")
MIXED = "utf-8 + cp1252 (caractère à caractère)"
UTF16 = "utf-16"
UTF32 = "utf-32"
# Decoded in Python and read again as UTF-8 by pyarrow (which reads UTF-8 fastest).
_REENCODED = (MIXED, UTF16, UTF32)


def _cp1252_fallback(error: UnicodeDecodeError) -> tuple:
    """Decode handler: the bytes that are not UTF-8 read as Windows-1252."""
    try:
        return error.object[error.start : error.end].decode("cp1252"), error.end
    except UnicodeDecodeError:  # where it happened in the file, not in the slice
        raise UnicodeDecodeError(
            "cp1252", error.object, error.start, error.end, "undefined in Windows-1252"
        ) from None


codecs.register_error("santenum-cp1252", _cp1252_fallback)


def file_encoding(path: Path, data: bytes, forced: str | None) -> str:
    """One encoding for the whole file, or MIXED for a file mixing UTF-8 and Windows-1252 (a list
    pasted together from two exports, even within a line)."""
    encoding = _detect_encoding(path, data, forced)
    if forced or encoding != "cp1252" or not _UTF8_SEQUENCE.search(data):
        return encoding
    return MIXED


def _decode(path: Path, data: bytes, forced: str | None) -> tuple:
    """(text, encoding) (file_encoding); MIXED text has each character in its own: UTF-8
    sequences as UTF-8, other bytes as Windows-1252."""
    encoding = file_encoding(path, data, forced)
    if encoding != MIXED:
        return data.decode(encoding), encoding
    # every byte is Windows-1252 (it decoded so): the handler never fails here
    return data.decode("utf-8", errors="santenum-cp1252").removeprefix("\ufeff"), MIXED


def _header_line(head: list, delimiter: str, options: dict) -> tuple:
    """(line the header starts on, its cells, records it takes, the records above it as malformed
    title rows), found among the first records (a quoted header cell may span lines: « "Raison
    \nsociale" »; a header may take two records, as a spreadsheet with merged cells saves it:
    « Localisation » over « Code postal » and « Commune »). A file without a header row: (line its
    first record starts on, None, 0, [])."""
    reader = csv.reader(head, delimiter=delimiter)
    records, starts, start = [], [], 0
    for record in reader:
        records.append(record)
        starts.append(start)
        start = reader.line_num
    index = header_index(records, options.get("header_row"), options.get("header", True))
    if index is None:
        first = next((i for i, r in enumerate(records) if any(c.strip() for c in r)), 0)
        return (starts[first] if starts else 0), None, 0, []
    if index >= len(starts):
        return index, None, 1, []
    names, span = header_rows(records, index)
    titles = above_header(records[:index], [s + 1 for s in starts[:index]])
    return starts[index], names, span, titles


def read_delimited(path: Path, options: dict) -> RawTable:
    return read_delimited_bytes(path, path.read_bytes(), options)


class NotPlain(Exception):
    """Text that needs more than the fast reader (ragged rows, a header on two records): files
    read together (readers.together) are then read each alone."""


def read_delimited_bytes(path: Path, data: bytes, options: dict, plain: bool = False) -> RawTable:
    """The table of a delimited file's bytes (path names it in messages). `plain`: NotPlain
    unless it reads with the fast reader, its header one record on the first line."""
    text, encoding = _decode(path, data, options.get("encoding"))
    if encoding in _REENCODED:
        data = text.encode("utf-8")
    if not text.strip():
        raise InputError(path, "empty file")
    head = text[:200_000].splitlines()[: HEADER_SCAN_ROWS + 1]
    delimiter = _detect_delimiter([line for line in head if line.strip()], options.get("delimiter"))
    header_at, names, span, titles = _header_line(head, delimiter, options)
    headerless = span == 0
    if plain and (span != 1 or header_at != 0 or titles):
        raise NotPlain
    meta = {
        "format": "csv",
        "encoding": encoding,
        "delimiter": delimiter,
        "header_row": 0 if headerless else header_at + 1,
    }
    try:
        frame, rows = _read_fast(
            data, "utf-8" if encoding in _REENCODED else encoding, delimiter, header_at, headerless
        )
        malformed = []
    except pa.ArrowInvalid:
        if plain:
            raise NotPlain from None
        frame, rows, malformed, repaired = _read_careful(text, delimiter, header_at, headerless)
        # quality.json: rows whose unquoted French amount was joined back, rows realigned
        meta |= {key: count for key, count in repaired.items() if count}
    if span > 1 and len(frame):  # the header's second record was read as the first data row
        frame = frame.iloc[1:].reset_index(drop=True)
        frame.columns = unique_headers((names + [None] * len(frame.columns))[: len(frame.columns)])
        rows = rows.iloc[1:].reset_index(drop=True)
        meta["header_rows"] = span
    controls = re.search(CONTROL_CHARACTERS.encode(), data) is not None
    table = split_empty(blank_to_na(frame, controls), rows, malformed + titles)
    table.meta = meta
    return table


def _read_fast(data: bytes, encoding: str, delimiter: str, header_at: int, headerless: bool):
    """pyarrow reader from line `header_at` (the header's, or the first record's of a file without
    a header row); raises ArrowInvalid on a row with the wrong number of fields."""
    if encoding.replace("_", "-").lower().startswith("utf-8"):
        encoding = "utf8"
        data = data.removeprefix(codecs.BOM_UTF8)
    read = pa_csv.ReadOptions(
        encoding=encoding, skip_rows=header_at, autogenerate_column_names=True, block_size=1 << 24
    )
    parse = pa_csv.ParseOptions(
        delimiter=delimiter, newlines_in_values=True, ignore_empty_lines=False
    )
    convert = pa_csv.ConvertOptions(
        strings_can_be_null=False,
        quoted_strings_can_be_null=False,
        column_types=None,
        auto_dict_encode=False,
    )
    table = pa_csv.read_csv(
        io.BytesIO(data), read_options=read, parse_options=parse, convert_options=convert
    )
    table = table.cast(pa.schema([(name, pa.string()) for name in table.column_names]))
    frame = table.to_pandas()
    if headerless:
        headers = synthetic_headers(len(frame.columns))
        header_at -= 1  # the first record is the first row of data
    else:
        cells = frame.iloc[0].tolist() if len(frame) else []
        headers = unique_headers(cells)
        header_at += sum(str(cell).count("\n") for cell in cells)  # a header cell's breaks
        frame = frame.iloc[1:].reset_index(drop=True)
    frame.columns = headers
    # Line number of each record: header's last line + records before it + newlines inside earlier
    # values (counted only when the file has more line breaks than records).
    rows = pd.Series(range(header_at + 2, header_at + 2 + len(frame)), index=frame.index)
    if data.count(b"\n") > header_at + 1 + len(frame):
        inner_newlines = sum(frame[c].str.count("\n").fillna(0) for c in frame.columns)
        rows += (
            pd.Series(inner_newlines, index=frame.index).astype(int).shift(fill_value=0).cumsum()
        )
    return frame, rows.astype(int)


_INTEGER_PART = re.compile(r"-?\d{1,3}(?:[ \u00a0\u202f.]\d{3})+|-?\d+")
_DECIMALS = re.compile(r"\d{1,2}(?:\s*€)?")


def _decimal_comma_joined(record: list) -> list:
    """A row one field too long in a ','-separated file because an amount was written the French
    way, unquoted (`…,100 000,00,…`): the two halves joined back when exactly one place fits (an
    integer part, then one or two decimals); else the row as it was (then quarantined)."""
    fits = [
        i
        for i in range(len(record) - 1)
        if _INTEGER_PART.fullmatch(record[i].strip()) and _DECIMALS.fullmatch(record[i + 1].strip())
    ]
    if len(fits) != 1:
        return record
    i = fits[0]
    return [*record[:i], f"{record[i]},{record[i + 1]}", *record[i + 2 :]]


def _read_careful(text: str, delimiter: str, header_at: int, headerless: bool):
    """csv-module reader for files with ragged rows. Records a line break cut in two are
    joined (realign.join_broken_lines), a record quoted whole is split again (realign.unquoted), a
    row one field too long because a French amount split it is joined back
    (_decimal_comma_joined), and a row that free text split (commas in an unquoted comment) is
    realigned when one way of joining its fields clearly fits the columns best (realign.realign);
    other ragged rows are returned as malformed. Returns (frame, row numbers, malformed, {meta
    key: count of rows repaired})."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter)
    records, headers, start = [], None, 1
    for record in reader:
        line, start = start, reader.line_num + 1
        if line <= header_at:
            continue
        if headers is None:
            headers = synthetic_headers(len(record)) if headerless else unique_headers(record)
            if not headerless:
                continue
        records.append((line, record))
    width = len(headers or [])
    records, broken = join_broken_lines(records, width)
    joined = 0
    for i, (line, record) in enumerate(records):
        record = unquoted(record, width, delimiter)
        records[i] = (line, record)
        if len(record) > width and delimiter == ",":
            amount = _decimal_comma_joined(record)
            joined += len(amount) != len(record)
            records[i] = (line, amount)
    model = ShapeModel([record for _, record in records if len(record) == width], width)
    kept, rows, malformed, realigned = [], [], [], 0
    for line, record in records:
        if len(record) > width and (fixed := realign(record, model, delimiter)) is not None:
            record, realigned = fixed, realigned + 1
        if record and len(record) != width:
            malformed.append((line, RAGGED_ROW, delimiter.join(record)))
            continue
        kept.append(record or [""] * width)
        rows.append(line)
    frame = pd.DataFrame(kept, columns=headers or [], dtype="string")
    repaired = {"lines_joined": broken, "amounts_joined": joined, "rows_realigned": realigned}
    return frame, pd.Series(rows, dtype=int), malformed, repaired
