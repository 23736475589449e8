"""Read one raw file (CSV, Excel .xlsx, Parquet) into a frame of text cells with row numbers."""
import codecs
import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq
import yaml

from santenum.errors import InputError
from santenum.headers import count_known

DATA_SUFFIXES = {".csv", ".tsv", ".xlsx", ".parquet"}
IGNORED_SUFFIXES = {".md", ".yml", ".yaml"}
CONFIG_NAME = "source.yml"
CONFIG_KEYS = {"kind", "label", "encoding", "delimiter", "sheet", "header_row", "columns", "region", "skip"}
KINDS = ("sirene", "survey", "list")
DELIMITERS = (";", ",", "\t")
HEADER_SCAN_ROWS = 30
EMPTY_ROW = "ligne vide"
RAGGED_ROW = "nombre de champs différent de l'en-tête"


@dataclass
class RawTable:
    """Text cells of one file, with each row's number in the file and the rows it could not use."""

    frame: pd.DataFrame
    rows: pd.Series
    malformed: list = field(default_factory=list)  # (row number, reason, original text)
    meta: dict = field(default_factory=dict)


def discover(raw_dir: Path) -> list:
    """Every data file under raw_dir, sorted; refuses files of an unknown format."""
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise InputError(raw_dir, "not a directory")
    files = []
    for path in sorted(p for p in raw_dir.rglob("*") if p.is_file()):
        relative = path.relative_to(raw_dir)
        if any(part.startswith(".") for part in relative.parts) or path.name.upper().startswith("README"):
            continue
        suffix = path.suffix.lower()
        if suffix in DATA_SUFFIXES:
            files.append(path)
        elif suffix not in IGNORED_SUFFIXES:
            raise InputError(path, f"unsupported format '{suffix or path.name}' (use .csv, .tsv, .xlsx or .parquet)")
    if not files:
        raise InputError(raw_dir, "no data file (.csv, .tsv, .xlsx, .parquet) found")
    return files


def load_options(path: Path) -> dict:
    """Options for one file from the source.yml beside it: top-level defaults, `files:` overrides."""
    config_path = path.parent / CONFIG_NAME
    if not config_path.exists():
        return {}
    try:
        config = yaml.safe_load(config_path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise InputError(config_path, f"not valid YAML ({str(exc).splitlines()[0]})") from None
    if not isinstance(config, dict):
        raise InputError(config_path, "expected a mapping of options")
    options = {k: v for k, v in config.items() if k != "files"}
    options.update((config.get("files") or {}).get(path.name) or {})
    unknown = set(options) - CONFIG_KEYS
    if unknown:
        raise InputError(config_path, f"unknown option(s) {sorted(unknown)}; allowed: {sorted(CONFIG_KEYS)}")
    if options.get("kind") not in (None, *KINDS):
        raise InputError(config_path, f"kind must be one of {KINDS}, not {options['kind']!r}")
    return options


def read_table(path: Path, options: dict) -> RawTable:
    """Dispatch on the file suffix; every failure is an InputError naming the file."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".xlsx":
            table = _read_xlsx(path, options)
        elif suffix == ".parquet":
            table = _read_parquet(path)
        else:
            table = _read_delimited(path, options)
    except InputError:
        raise
    except Exception as exc:  # a library's own message, made one line and tied to the file
        raise InputError(path, f"unreadable {suffix} file ({type(exc).__name__}: {str(exc).splitlines()[0]})") from None
    if table.frame.empty and not table.malformed:
        raise InputError(path, "empty file (a header but no data rows)")
    return table


def _header_index(rows: list, forced: int | None) -> int:
    """0-based index of the header row: forced (1-based) or the first row naming ≥ 2 known fields."""
    if forced is not None:
        return int(forced) - 1
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        if count_known([str(c) for c in row if c not in (None, "")]) >= 2:
            return i
    return next((i for i, row in enumerate(rows) if any(c not in (None, "") for c in row)), 0)


def _unique_headers(headers: list) -> list:
    seen, out = {}, []
    for i, h in enumerate(headers):
        h = str(h).strip() if h not in (None, "") else f"colonne_{i + 1}"
        seen[h] = seen.get(h, 0) + 1
        out.append(h if seen[h] == 1 else f"{h}.{seen[h]}")
    return out


def _blank_to_na(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.astype("string")
    for column in frame.columns:
        stripped = frame[column].str.strip()
        frame[column] = stripped.mask(stripped == "")
    return frame


def _split_empty(frame: pd.DataFrame, rows: pd.Series, malformed: list) -> RawTable:
    """Blank rows inside the data are quarantined; blank rows at the end are not data."""
    empty = frame.isna().all(axis=1).to_numpy().copy()
    last = len(empty) - next((i for i, e in enumerate(empty[::-1]) if not e), len(empty))
    empty[last:] = False
    keep = ~empty
    malformed = malformed + [(int(r), EMPTY_ROW, "") for r in rows[empty]]
    frame = frame.iloc[:last][keep[:last]].reset_index(drop=True)
    return RawTable(frame, rows.iloc[:last][keep[:last]].reset_index(drop=True), sorted(malformed))


# --- delimited text -------------------------------------------------------------------------

def _detect_encoding(path: Path, data: bytes, forced: str | None) -> str:
    if forced:
        try:
            codecs.lookup(forced)
            data.decode(forced)
        except (LookupError, UnicodeDecodeError) as exc:
            raise InputError(path, f"cannot be read as {forced} ({exc})") from None
        return forced
    if b"\x00" in data[:65536]:
        raise InputError(path, "binary content: not a text file (UTF-16 and Excel .xls are not supported)")
    for encoding in ("utf-8", "cp1252"):
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else encoding
    raise InputError(path, "unknown encoding (neither UTF-8 nor Windows-1252)")


def _detect_delimiter(lines: list, forced: str | None) -> str:
    if forced:
        return {"tab": "\t", "\\t": "\t"}.get(forced, forced)
    counts = {d: max((line.count(d) for line in lines), default=0) for d in DELIMITERS}
    return max(DELIMITERS, key=lambda d: counts[d])  # ';' for a one-column file: no matter


def _read_delimited(path: Path, options: dict) -> RawTable:
    data = path.read_bytes()
    encoding = _detect_encoding(path, data, options.get("encoding"))
    text = data.decode(encoding)
    if not text.strip():
        raise InputError(path, "empty file")
    head = text[:200_000].splitlines()[: HEADER_SCAN_ROWS + 1]
    delimiter = _detect_delimiter([line for line in head if line.strip()], options.get("delimiter"))
    header_at = _header_index([line.split(delimiter) for line in head], options.get("header_row"))
    meta = {"format": "csv", "encoding": encoding, "delimiter": delimiter, "header_row": header_at + 1}
    try:
        frame, rows = _read_fast(data, encoding, delimiter, header_at)
        malformed = []
    except pa.ArrowInvalid:
        frame, rows, malformed = _read_careful(text, delimiter, header_at)
    table = _split_empty(_blank_to_na(frame), rows, malformed)
    table.meta = meta
    return table


def _read_fast(data: bytes, encoding: str, delimiter: str, header_at: int):
    """pyarrow reader; raises ArrowInvalid on a row with the wrong number of fields."""
    if encoding.replace("_", "-").lower().startswith("utf-8"):
        encoding = "utf8"
        data = data.removeprefix(codecs.BOM_UTF8)
    read = pa_csv.ReadOptions(encoding=encoding, skip_rows=header_at, autogenerate_column_names=True,
                              block_size=1 << 24)
    parse = pa_csv.ParseOptions(delimiter=delimiter, newlines_in_values=True, ignore_empty_lines=False)
    convert = pa_csv.ConvertOptions(strings_can_be_null=False, quoted_strings_can_be_null=False,
                                    column_types=None, auto_dict_encode=False)
    table = pa_csv.read_csv(io.BytesIO(data), read_options=read, parse_options=parse, convert_options=convert)
    table = table.cast(pa.schema([(name, pa.string()) for name in table.column_names]))
    frame = table.to_pandas()
    headers = _unique_headers(frame.iloc[0].tolist()) if len(frame) else []
    frame = frame.iloc[1:].reset_index(drop=True)
    frame.columns = headers
    # Line number of each record: header line + records before it + newlines inside earlier values
    # (counted only when the file has more line breaks than records).
    rows = pd.Series(range(header_at + 2, header_at + 2 + len(frame)), index=frame.index)
    if data.count(b"\n") > header_at + 1 + len(frame):
        inner_newlines = sum(frame[c].str.count("\n").fillna(0) for c in frame.columns)
        rows += pd.Series(inner_newlines, index=frame.index).astype(int).shift(fill_value=0).cumsum()
    return frame, rows.astype(int)


def _read_careful(text: str, delimiter: str, header_at: int):
    """csv-module reader for files with ragged rows: those rows are returned as malformed."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter)
    records, rows, malformed, headers, start = [], [], [], None, 1
    for record in reader:
        line, start = start, reader.line_num + 1
        if line <= header_at:
            continue
        if headers is None:
            headers = _unique_headers(record)
            continue
        if record and len(record) != len(headers):
            malformed.append((line, RAGGED_ROW, delimiter.join(record)))
            continue
        records.append(record or [""] * len(headers))
        rows.append(line)
    frame = pd.DataFrame(records, columns=headers or [], dtype="string")
    return frame, pd.Series(rows, dtype=int), malformed


# --- Excel and Parquet ------------------------------------------------------------------------

def _cell_text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_xlsx(path: Path, options: dict) -> RawTable:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise InputError(path, f"not a readable .xlsx workbook ({type(exc).__name__})") from None
    try:
        sheet_name = options.get("sheet") or book.sheetnames[0]
        if sheet_name not in book.sheetnames:
            raise InputError(path, f"no sheet named {sheet_name!r} (sheets: {', '.join(book.sheetnames)})")
        cells = [[_cell_text(v) for v in row] for row in book[sheet_name].iter_rows(min_row=1, values_only=True)]
    finally:
        book.close()
    if not any(any(c not in (None, "") for c in row) for row in cells):
        raise InputError(path, f"empty sheet {sheet_name!r}")
    header_at = _header_index(cells, options.get("header_row"))
    headers = _unique_headers(cells[header_at])
    body = [(row + [None] * len(headers))[: len(headers)] for row in cells[header_at + 1:]]
    frame = _blank_to_na(pd.DataFrame(body, columns=headers, dtype="string"))
    rows = pd.Series(range(header_at + 2, header_at + 2 + len(body)), dtype=int)
    table = _split_empty(frame, rows, [])
    table.meta = {"format": "xlsx", "sheet": sheet_name, "header_row": header_at + 1}
    return table


def _read_parquet(path: Path) -> RawTable:
    table = pq.read_table(path)
    table = table.cast(pa.schema([(name, pa.string()) for name in table.column_names]))
    frame = _blank_to_na(table.to_pandas())
    rows = pd.Series(range(1, len(frame) + 1), dtype=int)
    out = _split_empty(frame, rows, [])
    out.meta = {"format": "parquet"}
    return out
