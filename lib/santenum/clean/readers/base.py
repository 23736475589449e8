"""What every reader returns (RawTable) and the steps they share: header row, unique headers, blank rows."""

import re
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from santenum.clean.fields import count_known, field_of
from santenum.clean.readers.realign import shape as value_shape
from santenum.clean.reasons import (
    EMPTY_ROW,
    PAGE_NUMBER,
    REPEATED_HEADER,
    TABLE_NOTE,
    TITLE_ROW,
    TOTAL_ROW,
)
from santenum.core.insee import NON_DIFFUSIBLE
from santenum.core.privacy import mask_nir, mask_nir_text
from santenum.core.text import CONTROL_CHARACTERS

HEADER_SCAN_ROWS = 30
_NOTE = r"(?i)(?:sources?|notes?|lecture|champ|mise à jour|données au)\s*:"
# A total line's first cell, as spreadsheets write it (a set: the check costs one hash per row).
_TOTALS = {
    spelling
    for word in ("total", "totaux", "total général", "total general", "sous-total", "sous total")
    for written in (word, word.capitalize(), word.upper())
    for spelling in (written, written + " :", written + ":")
}
_PAGE = r"(?i)^(?:page\s*)?-?\s*\d{1,4}\s*(?:/|sur|of)\s*\d{1,4}\s*-?$|^(?i:page)\s*\d{1,4}$"


@dataclass
class RawTable:
    """Text cells of one file, with each row's number in the file and the rows it could not use."""

    frame: pd.DataFrame
    rows: pd.Series
    malformed: list = field(default_factory=list)  # (row number, reason, original text)
    meta: dict = field(default_factory=dict)


def header_index(rows: list, forced: int | None, header: bool = True) -> int | None:
    """0-based index of the header row, or None for a file without one (its first row is data):
    forced (1-based), or none when source.yml says `header: false`; else the first row naming ≥ 2
    known fields; else the first naming one known field among ≥ 2 filled cells (a title above has
    one); else the first row as filled as the widest. But a first row that fits the values below
    it (first_row_is_data) is no header: the file has none."""
    if not header:
        return None
    if forced is not None:
        return int(forced) - 1
    cells = [[str(c) for c in row if c not in (None, "")] for row in rows[:HEADER_SCAN_ROWS]]
    first = next((i for i, row in enumerate(cells) if row), 0)
    if first_row_is_data(rows[first : first + DATA_SAMPLE + 1]):
        return None
    known = [count_known(row) for row in cells]
    if any(n >= 2 for n in known):
        return next(i for i, n in enumerate(known) if n >= 2)
    for i, row in enumerate(cells):
        if known[i] == 1 and len(row) >= 2:
            return i
    widest = max(map(len, cells), default=0)
    return next((i for i, row in enumerate(cells) if widest and len(row) == widest), 0)


DATA_SAMPLE = 200  # rows below the first that tell whether it is data
GROUPS = ("address",)  # fields whose header may stand over a group of columns
TYPED = {"date", "siret", "siren", "nombre", "adresse web", "e-mail"}
TYPED_SHARE = 0.8  # of a column's values of one typed shape for the column to be of that shape


def first_row_is_data(rows: list) -> bool:
    """True when the first row fits the values of the rows below it, so the file has no header row:
    a cell of it repeats a value of its column below (« 2020 » above « 2020 »), or is of the typed
    shape its column holds (a date above dates, a web address above web addresses), or the row
    holds the same label twice; and no cell of it is a header santenum knows by name, none is a
    label above typed values, and the row does not come back below (a header repeated each page)."""
    if not rows:
        return False
    head = [str(c).strip() if c not in (None, "") else "" for c in rows[0]]
    body = [[str(c).strip() if c not in (None, "") else "" for c in row] for row in rows[1:]]
    filled = [c for c in head if c]
    if not filled or any(field_of(c)[1] == "nom connu" for c in filled) or head in body:
        return False
    evidence = len(set(filled)) < len(filled)
    for j, cell in enumerate(head):
        column = [row[j] for row in body if j < len(row) and row[j]]
        if not cell or len(column) < 3:
            continue
        if cell in set(column):
            evidence = True
            continue
        shape, count = Counter(map(value_shape, column)).most_common(1)[0]
        if shape in TYPED and count >= TYPED_SHARE * len(column):
            if value_shape(cell) != shape:
                return False  # a label above typed values: a header
            evidence = True
    return evidence


def synthetic_headers(width: int) -> list:
    """The columns of a file without a header row: « colonne 1 », « colonne 2 »…"""
    return [f"colonne {i + 1}" for i in range(width)]


def above_header(rows: list, numbers: list) -> list:
    """Malformed records (row number, TITLE_ROW, text) of the non-empty rows above the header: a
    title, a note, a date — never data lost without a trace."""
    return [
        (number, TITLE_ROW, ";".join(str(c) for c in row if c not in (None, "")))
        for number, row in zip(numbers, rows, strict=True)
        if any(c not in (None, "") for c in row)
    ]


def _filled(cell) -> bool:
    return cell not in (None, "")


def header_rows(rows: list, at: int) -> tuple:
    """(header cells, rows the header takes): the header row, completed by the row below when that
    one names known fields only under the header's blank, unknown or grouping cells (« Adresse »
    merged over « Code postal » and « Ville »); a data row, which fills the known columns too,
    never does."""
    header = list(rows[at])
    below = list(rows[at + 1]) if at + 1 < len(rows) else []
    below += [None] * (len(header) - len(below))
    known = [_filled(c) and field_of(str(c))[0] not in (None, *GROUPS) for c in header]
    named = [i for i, c in enumerate(below) if _filled(c) and count_known([str(c)]) == 1]
    under_known = [i for i, c in enumerate(below) if _filled(c) and i < len(known) and known[i]]
    if not named or under_known:
        return header, 1
    return [below[i] if _filled(below[i]) else c for i, c in enumerate(header)], 2


def named_by_position(header: str) -> bool:
    """A header unique_headers gave a blank column (« colonne_7 »): no header to compare."""
    return re.fullmatch(r"colonne_[0-9]+(\.[0-9]+)?", header) is not None


def unique_headers(headers: list) -> list:
    """Headers as every reader gives them: control characters removed, social-security numbers
    masked (privacy.mask_nir_text: a header is copied to quality.json and every output's
    columns), blanks named by their position, repeats numbered."""
    seen, out = {}, []
    for i, h in enumerate(headers):
        h = re.sub(CONTROL_CHARACTERS, "", str(h)).strip() if h not in (None, "") else ""
        h = mask_nir_text(h)
        h = h or f"colonne_{i + 1}"
        seen[h] = seen.get(h, 0) + 1
        out.append(h if seen[h] == 1 else f"{h}.{seen[h]}")
    return out


def blank_to_na(frame: pd.DataFrame, controls: bool = True) -> pd.DataFrame:
    """Text cells, stripped; blank cells and INSEE's non-diffusible mark [ND] are missing;
    social-security numbers are masked (privacy.mask_nir), so no output can copy them; control
    characters are removed (controls=False: the reader knows the file has none).

    Column by column for a tall table; in one pass over every cell for a wide one (thousands of
    columns), so that the cost follows the number of cells either way.
    """
    if len(frame.columns) <= max(len(frame), 1):
        frame = frame.astype("string")
        for column in frame.columns:
            frame[column] = _blank_cells(frame[column], controls)
        return frame
    cells = _blank_cells(pd.Series(frame.to_numpy(dtype=object).ravel(), dtype="string"), controls)
    values = cells.to_numpy(dtype=object).reshape(frame.shape)
    return pd.DataFrame(values, index=frame.index, columns=frame.columns, dtype="string")


def _blank_cells(cells: pd.Series, controls: bool) -> pd.Series:
    if controls:
        cells = cells.str.replace(CONTROL_CHARACTERS, "", regex=True)
    stripped = cells.str.strip()
    return mask_nir(stripped.mask((stripped == "") | (stripped == NON_DIFFUSIBLE)))


def _furniture(frame: pd.DataFrame) -> pd.Series:
    """Why a row is a document's furniture rather than data, else missing: the header repeated
    (each page of a document converted from PDF), a page number, a note under the table
    (« Source : … », « Lecture : … ») or a total line."""
    reason = pd.Series(pd.NA, index=frame.index, dtype="object")
    # Rows whose first cell repeats its header (as written, in capitals or in lower case), then
    # every cell of those rows only: the cost stays that of one column.
    first = frame.iloc[:, 0]
    header = str(frame.columns[0])
    maybe = frame[first.isin({header, header.upper(), header.lower()}).to_numpy()]
    if len(maybe):
        same = pd.DataFrame(
            {c: maybe[c].str.casefold() == str(c).strip().casefold() for c in frame.columns},
            index=maybe.index,
        ).fillna(False)
        repeated = (same | maybe.isna()).all(axis=1) & (same.sum(axis=1) >= 2)
        reason[repeated[repeated].index] = REPEATED_HEADER
    filled = frame.notna().sum(axis=1)
    single = frame[(filled == 1).to_numpy()].stack().dropna()  # the one value of such rows
    rows = single.index.get_level_values(0)
    reason[rows[single.str.fullmatch(_PAGE).fillna(False).to_numpy()]] = PAGE_NUMBER
    if len(frame.columns) >= 3:
        reason[rows[single.str.match(_NOTE).fillna(False).to_numpy()]] = TABLE_NOTE
    total = first.isin(_TOTALS).to_numpy()
    if total.any():
        rest = frame[total].iloc[:, 1:].stack().dropna()
        words = rest[~rest.str.fullmatch(r"[\d\s.,%€+-]*")].index.get_level_values(0)
        reason[frame.index[total].difference(words)] = TOTAL_ROW
    return reason


def split_empty(frame: pd.DataFrame, rows: pd.Series, malformed: list) -> RawTable:
    """Blank rows inside the data are quarantined, and so is a document's furniture (_furniture);
    blank rows at the end are not data."""
    empty = frame.isna().all(axis=1).to_numpy().copy()
    last = len(empty) - next((i for i, e in enumerate(empty[::-1]) if not e), len(empty))
    empty[last:] = False
    furniture = _furniture(frame) if len(frame.columns) else pd.Series(pd.NA, index=frame.index)
    found = furniture.notna().to_numpy()
    keep = ~(empty | found)
    malformed = [(row, reason, mask_nir_text(text)) for row, reason, text in malformed]
    malformed += [(int(r), EMPTY_ROW, "") for r in rows[empty]]
    cells = frame[found].stack().dropna().groupby(level=0).agg(";".join)
    malformed += [
        (int(r), why, text)
        for r, why, text in zip(rows[found], furniture[found], cells, strict=True)
    ]
    frame = frame.iloc[:last][keep[:last]].reset_index(drop=True)
    return RawTable(frame, rows.iloc[:last][keep[:last]].reset_index(drop=True), sorted(malformed))
