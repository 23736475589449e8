"""Small delimited files that share their first line, read as one table (a folder of thousands of
survey exports): one read, then each file's rows handed back with its own line numbers.

Only where reading them together gives what reading each alone would: a member with no data
line, bare carriage returns or another encoding than the first member's is read alone, and so is
every member when their text is not plain (ragged rows, a header on two records:
readers.delimited.NotPlain) or cannot be read.
"""

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from santenum.clean.readers.base import RawTable
from santenum.clean.readers.delimited import NotPlain, file_encoding, read_delimited_bytes
from santenum.clean.reasons import EMPTY_ROW
from santenum.core.errors import InputError

SUFFIXES = (".csv", ".tsv", ".txt")
MAX_BYTES = 1 << 20  # a larger file is read alone: its read costs more than a file's set-up
_ENCODINGS = ("utf-8", "utf-8-sig", "cp1252")  # read by pyarrow as they are (not re-encoded)


def header_key(path: Path) -> bytes | None:
    """The first record of a small delimited file (its header, as bytes, over several lines when a
    quoted cell holds a line break): files sharing it may be read together; None for a file read
    alone (another format, too large, no first record)."""
    if path.suffix.lower() not in SUFFIXES or path.stat().st_size > MAX_BYTES:
        return None
    with open(path, "rb") as fh:
        head = fh.read(_HEAD_BYTES)
    end = _first_record_end(head)
    if end is None:
        return None
    return head[:end].rstrip(b"\r\n") or None


_HEAD_BYTES = 1 << 16  # a header record longer than this is read alone


def _first_record_end(data: bytes) -> int | None:
    """Where the first record ends, after its line break (quotes balanced), or None."""
    end = quotes = 0
    while (newline := data.find(b"\n", end, _HEAD_BYTES)) >= 0:
        quotes += data.count(b'"', end, newline)
        end = newline + 1
        if quotes % 2 == 0:
            return end
    return None


@dataclass(frozen=True)
class Together:
    """Each file's table, in the order given (None for a file to read alone), and the rows of all
    those read together in one frame (their columns' roles are told once, on all their values)."""

    tables: list
    frame: pd.DataFrame | None


def read_together(paths: list, options: dict) -> Together:
    """Read files whose first line is the same as one table, then split it back by file."""
    alone = Together([None] * len(paths), None)
    datas = [path.read_bytes() for path in paths]
    bodies = [_body(data) for data in datas]
    encodings = [_encoding(path, data, options) for path, data in zip(paths, datas, strict=True)]
    usable = [i for i, body in enumerate(bodies) if body is not None and encodings[i]]
    members = [i for i in usable if encodings[i] == encodings[usable[0]]] if usable else []
    if len(members) < 2:
        return alone
    header = datas[members[0]][: _first_record_end(datas[members[0]])]
    after = header.count(b"\n") + 1  # the line each file's data starts on
    counts = [bodies[i].count(b"\n") for i in members]
    starts = after + np.cumsum([0, *counts[:-1]])  # the line each member's data starts on, together
    try:
        table = read_delimited_bytes(
            paths[members[0]], b"".join([header, *(bodies[i] for i in members)]), options, True
        )
    except (NotPlain, InputError):
        return alone
    rows = table.rows.to_numpy()
    member = np.searchsorted(starts, rows, side="right") - 1
    malformed = {k: [] for k in range(len(members))}
    for line, why, text in table.malformed:
        k = int(np.searchsorted(starts, line, side="right") - 1)
        malformed[k].append((int(line - starts[k] + after), why, text))
    tables = list(alone.tables)
    bounds = np.searchsorted(member, np.arange(len(members) + 1))  # rows are in line order
    for k, i in enumerate(members):
        mine = slice(bounds[k], bounds[k + 1])
        own = pd.Series(rows[mine] - starts[k] + after, dtype=int)
        kept = _without_trailing_blanks(malformed[k], own)
        if len(own) or kept:
            tables[i] = RawTable(
                table.frame.iloc[mine].reset_index(drop=True), own, kept, dict(table.meta)
            )
    return Together(tables, table.frame)


def _without_trailing_blanks(malformed: list, rows: pd.Series) -> list:
    """A file's blank rows after its last row of anything else are not data (read alone, the
    reader drops them; together, they were inside the data)."""
    others = [line for line, why, _ in malformed if why != EMPTY_ROW]
    last = max([*others, *rows.tolist(), 0])
    return sorted(m for m in malformed if m[1] != EMPTY_ROW or m[0] < last)


def _body(data: bytes) -> bytes | None:
    """A file's lines after its header record, ending with one line break; None when it cannot
    be read with others: no line after the header, or bare carriage returns (line numbers would
    differ)."""
    data = data.rstrip(b"\r\n") + b"\n"
    end = _first_record_end(data)
    if end is None or data.count(b"\r") != data.count(b"\r\n"):
        return None
    body = data[end:].rstrip(b"\r\n")
    return body + b"\n" if body else None


def _encoding(path: Path, data: bytes, options: dict) -> str | None:
    """The file's encoding when pyarrow reads it as it is, else None (the file is read alone)."""
    try:
        encoding = file_encoding(path, data, options.get("encoding"))
    except InputError:
        return None
    return encoding if encoding in _ENCODINGS else None
