"""Records broken by their own free text, put back together on the file's columns.

Three ways an export breaks a record: a comment holding the delimiter splits it into too many
fields, a line break inside a comment cuts it into two short lines, and a record quoted whole
(its fields inside one pair of quotes) reads as one field. The rows of the
right width tell what each column holds: the shapes of its values (a date, a SIRET, an amount, a
free text; a cell that starts with a space is a piece of text cut after a delimiter) and,
for a column of a few repeated values (« aide en numéraire »), those values. A row k fields too
long is k joins away from the header's width: of every way to join adjacent fields, the one whose
cells fit their columns best is taken when it is at least MARGIN times likelier than the next
best, else the row stays ragged (and is quarantined). Found by dynamic programming over (column,
field): the cost is the number of columns times the square of the row's fields.
"""

import csv
import math
import re
from collections import Counter

SHAPES = (
    ("vide", re.compile(r"\s*")),
    (
        "date",
        re.compile(r"\s*\d{4}-\d{2}-\d{2}(?:_\d{4}-\d{2}-\d{2})?\s*|\s*\d{1,2}/\d{1,2}/\d{4}\s*"),
    ),
    ("siret", re.compile(r"\s*\d{14}\s*")),
    ("siren", re.compile(r"\s*\d{9}\s*")),
    (
        "nombre",
        re.compile(r"\s*[€$]?\s*-?[\d\s\u00a0\u202f.,]*\d[\d\s\u00a0\u202f.,]*(?:\s*[€%$])?\s*"),
    ),
    ("adresse web", re.compile(r"\s*(?:https?://|www\.)\S+\s*")),
    ("e-mail", re.compile(r"\s*[^@\s]+@[^@\s]+\.[A-Za-z]{2,}\s*")),
)
KINDS = (*(name for name, _ in SHAPES), "texte", "suite")
MARGIN = 20.0  # how much likelier than any other the alignment taken must be
SMOOTHING = 0.5
MAX_EXTRA = 8  # rows more fields too long than this are left ragged
VOCABULARY = 12  # a column of at most this many distinct values, each seen REPEATS times on
REPEATS = 2  # average, is a column of known values
KNOWN = "valeur connue"


def shape(cell: str) -> str:
    """vide, date, siret, siren, nombre, adresse web, e-mail, texte, or suite: text that starts
    with a space, as the piece of a comment cut after a delimiter does. (One word and several are
    both texte: a one-word name « ADILE » is a name like any other.)"""
    for name, pattern in SHAPES:
        if pattern.fullmatch(cell):
            return name
    return "suite" if cell[:1].isspace() else "texte"


class ShapeModel:
    """What each column holds in the rows of the right width, as log-probabilities smoothed so
    that a shape never seen in a column is unlikely, not impossible."""

    def __init__(self, records: list, width: int):
        self.width = width
        self.enough = len(records) > 0
        self.known = []
        self.log = []
        for column in range(width):
            cells = [record[column] for record in records]
            values = Counter(cell.strip() for cell in cells if cell.strip())
            repeated = len(values) <= VOCABULARY and len(values) * REPEATS <= len(cells)
            vocabulary = set(values) if repeated else None
            self.known.append(vocabulary)
            counts = Counter(
                KNOWN if vocabulary and cell.strip() in vocabulary else shape(cell)
                for cell in cells
            )
            total = len(cells) + SMOOTHING * (len(KINDS) + 1)
            self.log.append(
                {kind: math.log((counts[kind] + SMOOTHING) / total) for kind in (*KINDS, KNOWN)}
            )

    def score(self, column: int, cell: str) -> float:
        """How likely the column is to hold this cell."""
        known = self.known[column]
        kind = KNOWN if known and cell.strip() in known else shape(cell)
        return self.log[column][kind]


def realign(record: list, model: ShapeModel, delimiter: str) -> list | None:
    """The record joined back to the model's width when one alignment clearly fits best, else
    None."""
    fields, width = len(record), model.width
    extra = fields - width
    if not model.enough or not width or not 0 < extra <= MAX_EXTRA:
        return None
    # each cell a run of adjacent fields may make, and its score in each column it may fill
    cells = {
        (a, b): delimiter.join(record[a:b])
        for a in range(fields)
        for b in range(a + 1, min(fields, a + extra + 1) + 1)
    }
    # best[c][b]: the two best (score, start of the last cell) of fields 0..b-1 on columns 0..c-1
    best = [[[] for _ in range(fields + 1)] for _ in range(width + 1)]
    best[0][0] = [(0.0, None)]
    for c in range(1, width + 1):
        for b in range(c, fields - (width - c) + 1):
            options = [
                (score + model.score(c - 1, cells[(a, b)]), a)
                for a in range(max(c - 1, b - extra - 1), b)
                if (a, b) in cells
                for score, _ in best[c - 1][a]
            ]
            best[c][b] = sorted(options, reverse=True)[:2]
    ends = best[width][fields]
    if not ends or (len(ends) > 1 and ends[0][0] - ends[1][0] < math.log(MARGIN)):
        return None
    out, b = [], fields
    for c in range(width, 0, -1):
        a = best[c][b][0][1]
        out.append(cells[(a, b)])
        b = a
    return out[::-1]


def join_broken_lines(records: list, width: int) -> tuple:
    """(records, how many were joined): two consecutive records, both short, whose fields make
    the header's width once the last field of the first and the first of the second are one (a
    line break inside an unquoted comment) are one record again. Records are (line, fields)."""
    out, joined, i = [], 0, 0
    while i < len(records):
        line, fields = records[i]
        if i + 1 < len(records):
            following = records[i + 1][1]
            if len(fields) < width and len(following) < width:
                if len(fields) + len(following) - 1 == width:
                    merged = [*fields[:-1], fields[-1] + "\n" + following[0], *following[1:]]
                    out.append((line, merged))
                    joined += 1
                    i += 2
                    continue
        out.append((line, fields))
        i += 1
    return out, joined


def unquoted(record: list, width: int, delimiter: str) -> list:
    """A record shorter than the header whose fields hold the delimiter was quoted whole (or in
    part): its fields split again, when that gives at least the header's width; else as it was."""
    if len(record) >= width or not any(delimiter in field for field in record):
        return record
    split = [part for field in record for part in next(csv.reader([field], delimiter=delimiter))]
    return split if len(split) >= width else record
