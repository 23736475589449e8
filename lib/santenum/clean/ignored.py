"""Columns a cleaning run left unused: each with the known field it is closest to, and a source.yml
block that maps those that look like a field (nothing is silently ignored)."""

from dataclasses import dataclass
from pathlib import PurePosixPath

import pandas as pd

from santenum.clean.fields import FIELD_OF_KEY
from santenum.clean.readers.base import named_by_position
from santenum.clean.values import fits
from santenum.core.insee import ETABLISSEMENT_COLUMNS, UNITE_LEGALE_COLUMNS
from santenum.core.quality import QualityReport
from santenum.core.text import header_key

LOOKS_LIKE = 80  # header similarity (0-100) from which an unused column may be proposed
# INSEE's own columns that santenum knowingly leaves unused (address lines, NIC, years…).
_INSEE = set(UNITE_LEGALE_COLUMNS) | set(ETABLISSEMENT_COLUMNS)


@dataclass(frozen=True)
class Ignored:
    source: str
    file: str  # path in the raw directory
    header: str
    field: str
    score: int
    looks_like_a_field: bool  # its header is close to the field's and its values fit the field


def closest_field(header: str) -> tuple:
    """(field, similarity 0-100) of the known header key closest to this header."""
    from rapidfuzz import fuzz, process

    match = process.extractOne(header_key(header), list(FIELD_OF_KEY), scorer=fuzz.ratio)
    return FIELD_OF_KEY[match[0]], round(match[1])


def suggestions(unused: list, frame: pd.DataFrame) -> dict:
    """Unused header -> the field to propose for it: a header close to the field's names whose
    values fit the field (« Site web entreprise » is close to a SIREN's header, not its values)."""
    out = {}
    for header in unused:
        field, score = closest_field(header)
        if header not in _INSEE and score >= LOOKS_LIKE and fits(field, frame[header]):
            out[header] = field
    return out


def ignored_columns(quality: QualityReport, files: dict) -> list:
    """Every unused column of every source but INSEE's known columns and the numbered columns of a
    file without a header row or of a blank header (no header to compare); `files`: label -> path."""
    found = []
    for source in quality.sources:
        label = source.source
        proposed = source.suggested_columns
        numbered = source.reading.get("header_row") == 0
        for header in source.ignored_columns:
            if header not in _INSEE and not numbered and not named_by_position(header):
                field, score = closest_field(header)
                looks = proposed.get(header) == field
                found.append(Ignored(label, files.get(label, label), header, field, score, looks))
    return found


def source_yml(items: list) -> str:
    """A source.yml block per folder mapping the columns that look like a field (to check, then paste)."""
    blocks = {}
    for item in items:
        if item.looks_like_a_field:
            path = PurePosixPath(item.file)
            blocks.setdefault(str(path.parent), {}).setdefault(path.name, []).append(item)
    text = []
    for folder, files in sorted(blocks.items()):
        text.append(f"# {folder}/source.yml" if folder != "." else "# source.yml")
        text.append("files:")
        for name, found in sorted(files.items()):
            columns = ", ".join(f'"{i.header}": {i.field}' for i in found)
            text += [f"  {name}:", f"    columns: {{{columns}}}"]
    return "\n".join(text)
