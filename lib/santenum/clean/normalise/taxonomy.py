"""Map free-text segments and products onto the canonical labels of the YAML taxonomies."""

from functools import cache

import pandas as pd
import pyarrow as pa

from santenum.core import reference
from santenum.core.table.lists import ARROW_TYPE, from_arrow, text_lists
from santenum.core.text import fold, per_distinct

# Similarity (0-100) above which a misspelt value is taken for a synonym ("telemedcine").
FUZZY_MIN_SCORE = 88
LIST_SEPARATORS = r"[;,/|+\n]"


@cache
def synonyms(name: str) -> dict:
    """Folded label or synonym -> canonical label, for taxonomy 'segments' or 'products'."""
    pairs = [
        (str(text), entry["label"])
        for entry in reference.document(name)["values"]
        for text in [entry["label"], *entry.get("synonyms", [])]
    ]
    folded = fold(pd.Series([text for text, _ in pairs], dtype="string"))
    return dict(zip(folded, (label for _, label in pairs), strict=True))


def _lookup(folded: pd.Series, name: str) -> pd.Series:
    from rapidfuzz import process  # cleaning only: notebooks use labels() and skip the import
    from rapidfuzz.fuzz import ratio

    table = synonyms(name)
    exact = folded.map(table).astype("string")
    keys = list(table)
    misses = folded[exact.isna() & folded.notna()].unique()
    fuzzy = {}
    for value in misses:
        best = process.extractOne(value, keys, scorer=ratio, score_cutoff=FUZZY_MIN_SCORE)
        if best is not None:
            fuzzy[value] = table[best[0]]
        elif (label := _by_words(value, name)) is not None:
            fuzzy[value] = label
    return exact.fillna(folded.map(fuzzy).astype("string"))


DISTINCT_WORD = 8  # a one-word synonym this long is specific enough to be found inside a phrase


@cache
def _phrases(name: str) -> list:
    """(words, label) of the synonyms of two words or more, or one long word."""
    return [
        (frozenset(key.split()), label)
        for key, label in synonyms(name).items()
        if " " in key or len(key) >= DISTINCT_WORD
    ]


def _by_words(value: str, name: str) -> str | None:
    """The label one of whose synonyms has all its words in the value, when only one label does
    ('logiciel metier clinique' holds 'logiciel clinique'; 'suivi par telesurveillance' holds
    'telesurveillance')."""
    words = set(value.split())
    labels = {label for phrase, label in _phrases(name) if phrase <= words}
    return labels.pop() if len(labels) == 1 else None


@per_distinct
def map_label(values, name: str) -> pd.Series:
    """One canonical label per value, missing when the text matches nothing."""
    return _lookup(fold(values), name)


def map_labels(values, name: str) -> tuple[pd.Series, pd.Series]:
    """Lists of canonical labels (taxonomy order, no repeats) and lists of unmatched items."""
    given = pd.Series(values, dtype="string").dropna()  # most cells of a list field are empty
    index = pd.Series(values).index
    if given.empty:
        return from_arrow(pa.nulls(len(index), ARROW_TYPE), index), pd.Series(None, index=index)
    items = fold(given.str.split(LIST_SEPARATORS).explode()).dropna()
    mapped = _lookup(items, name)
    order = {label: i for i, label in enumerate(reference.labels(name))}
    found = pd.DataFrame({"label": mapped, "rank": mapped.map(order)}).dropna()
    found = found.reset_index().drop_duplicates().sort_values(["index", "rank"])
    grouped = found.groupby("index")["label"].agg(list)
    matched = text_lists(grouped.tolist(), grouped.index)
    unmatched = items[mapped.isna()].groupby(level=0).agg(list)
    return matched.reindex(index), unmatched.reindex(index)
