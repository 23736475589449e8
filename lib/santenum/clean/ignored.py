"""Columns a cleaning run left unused: each with the known field it is closest to, and a source.yml
block that maps those that look like a field (nothing is silently ignored)."""

from dataclasses import dataclass
from pathlib import PurePosixPath

from santenum.clean.fields import FIELD_OF_KEY
from santenum.core.insee import ETABLISSEMENT_COLUMNS, UNITE_LEGALE_COLUMNS
from santenum.core.text import header_key

LOOKS_LIKE = 80  # similarity (0-100) above which an unused column looks like a known field
# INSEE's own columns that santenum knowingly leaves unused (address lines, NIC, years…).
_INSEE = set(UNITE_LEGALE_COLUMNS) | set(ETABLISSEMENT_COLUMNS)


@dataclass(frozen=True)
class Ignored:
    source: str
    file: str  # path in the raw directory
    header: str
    field: str
    score: int

    @property
    def looks_like_a_field(self) -> bool:
        return self.score >= LOOKS_LIKE


def closest_field(header: str) -> tuple:
    """(field, similarity 0-100) of the known header key closest to this header."""
    from rapidfuzz import fuzz, process

    match = process.extractOne(header_key(header), list(FIELD_OF_KEY), scorer=fuzz.ratio)
    return FIELD_OF_KEY[match[0]], round(match[1])


def ignored_columns(quality: dict, files: dict) -> list:
    """Every unused column of every source but INSEE's known columns; `files`: label -> path."""
    found = []
    for source in quality["sources"]:
        label = source["source"]
        for header in source["ignored_columns"]:
            if header not in _INSEE:
                found.append(
                    Ignored(label, files.get(label, label), header, *closest_field(header))
                )
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
