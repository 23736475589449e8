"""How likely a company is to belong to the filière, 0 to 100, so that perimetre.csv's worklist
comes likeliest first: points for the words of its names, trade names and activity or project
texts, and for its activity code (data/reference/perimeter_words.yml). A score orders; it never
puts a company in the perimeter.

A natural person's row gives its trade names only (as cleaning reads it), and no text read here is
copied into any output: only the points, and the segment whose synonyms a text holds.
"""

import re
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from santenum.core import reference
from santenum.core.table.lists import as_arrow
from santenum.core.text import fold, fold_one

# Words of a header that names an activity or project text (« Description de l'activité »,
# « Objet de la subvention », « Intitulé du projet »): read for the score when no field reads it.
ACTIVITY_WORDS = {"activite", "activites", "description", "objet", "projet", "intitule", "resume"}
ACTIVITY_WORDS |= {"thematique", "domaine", "secteur", "programme"}
# Input fields whose raw text (a list's « Domaine d'activité », a survey's words) is read too.
TEXT_FIELDS = ("segment", "products", "technologies", "value_chain")
MAX_SCORE = 100


@dataclass(frozen=True)
class Group:
    """Words that count once: their points, and the segment they propose (segments' synonyms)."""

    label: str
    points: int
    pattern: re.Pattern
    segment: str | None = None


def _terms(terms) -> str:
    words = sorted({fold_one(t) for t in terms} - {""}, key=len, reverse=True)
    return rf"(?:^| )(?:{'|'.join(map(re.escape, words))})(?= |$)"


def _prefixes(prefixes: dict) -> str:
    """A prefix at the start of a word, unless the word starts as one of its exceptions."""
    parts = []
    for prefix, exceptions in prefixes.items():
        rests = [e[len(prefix) :] for e in exceptions or [] if e.startswith(prefix)]
        ahead = f"(?!{'|'.join(map(re.escape, rests))})" if rests else ""
        parts.append(re.escape(prefix) + ahead)
    return rf"(?:^| )(?:{'|'.join(parts)})"


@cache
def groups() -> tuple:
    """The word groups of perimeter_words.yml, then one per segment of segments.yml."""
    words = reference.document("perimeter_words")
    health, prefixes = words["groups"]["health"], words["groups"]["prefixes"]
    found = [
        Group(health["label"], health["points"], re.compile(_terms(health["terms"]))),
        Group(prefixes["label"], prefixes["points"], re.compile(_prefixes(prefixes["prefixes"]))),
    ]
    generic = {fold_one(t) for t in words["segments"]["generic"]}
    for entry in reference.document("segments")["values"]:
        if entry.get("catch_all"):
            continue
        terms = {fold_one(t) for t in [entry["label"], *entry.get("synonyms", [])]} - generic
        label = f"segment « {entry['label']} »"
        pattern = re.compile(_terms(terms))
        found.append(Group(label, words["segments"]["points"], pattern, entry["label"]))
    return tuple(found)


def activity_columns(source) -> list:
    """The source's columns that no field reads and whose header names an activity or project."""
    return [h for h in source.ignored_columns() if set(fold_one(h).split()) & ACTIVITY_WORDS]


def _source_parts(rows: pd.DataFrame, sources: list) -> list:
    """(slot, row positions, values, whether a name column) of each name and activity column of
    each source, its slot its rank among them (the text's order): a natural person's row gives
    its trade names only (its own-name columns left out). Sources whose text columns are the same
    (a header group's files) are read as one table."""
    alike = {}
    for order in sorted(int(o) for o in rows["_source_order"].unique()):
        alike.setdefault(_text_columns(sources[order]), []).append(order)
    at = pd.Series(np.arange(len(rows)), index=rows.index)
    parts = []
    for (names, trade, texts), orders in alike.items():
        mine = rows.loc[rows["_source_order"].isin(orders), ["_source_order", "_position"]]
        frame = _rows_of(mine, [sources[o].table.frame[[*names, *texts]] for o in orders], orders)
        person = rows.loc[mine.index, "_natural_person"].to_numpy(dtype=bool)
        for slot, header in enumerate([*names, *texts]):
            values = frame[header].astype("string").reset_index(drop=True)
            if header in names and header not in trade and person.any():
                values = values.mask(person)
            parts.append((slot, at[mine.index].to_numpy(), values, header in names))
    return parts


def row_texts(rows: pd.DataFrame, fields: pd.DataFrame, sources: list) -> pd.Series:
    """Per row, the folded text the score reads (core.text.fold): its names (trade names only on a
    natural person's row), its activity or project texts, its taxonomy fields' raw text and its
    name as cleaned, one space between them. Each part is folded once per distinct value (folding
    the parts and joining them is folding the text they make: fold turns every run of spaces and
    punctuation into one space), and only non-blank parts are joined.

    The name as cleaned is, unless the register renamed the row, display_name() of the first name
    the row gives (its `_given_name`), which folds as that name does: its fold is taken from there."""
    everyone = np.arange(len(rows))
    parts = _source_parts(rows, sources)
    last = max((part[0] for part in parts), default=-1)
    parts += [
        (last + 1 + i, everyone, fields.loc[rows.index, f].astype("string"), False)
        for i, f in enumerate(TEXT_FIELDS)
        if fields[f].notna().any()  # most files give none of them
    ]
    renamed = ~rows["name"].eq(rows["_given_name"]).fillna(False).to_numpy(dtype=bool)
    name_slot = last + 1 + len(TEXT_FIELDS)
    named = rows["name"].astype("string")[renamed].reset_index(drop=True)
    parts.append((name_slot, everyone[renamed], named, False))
    given = [
        (slot, at[values.notna().to_numpy()], values.dropna().reset_index(drop=True), is_name)
        for slot, at, values, is_name in parts
    ]
    given = [part for part in given if len(part[2])]
    if not given:
        return pd.Series("", index=rows.index, dtype="string")
    codes, distinct = pd.factorize(pd.concat([part[2] for part in given], ignore_index=True))
    slots = [np.full(len(part[2]), part[0]) for part in given]
    at = [part[1] for part in given]
    first = np.full(len(rows), -1)  # each row's first name: the code of its name as cleaned
    start = 0
    for _, where, values, is_name in given:
        mine = codes[start : start + len(values)]
        start += len(values)
        if is_name:
            todo = first[where] < 0
            first[where[todo]] = mine[todo]
    same = np.flatnonzero(~renamed & (first >= 0))
    codes = np.concatenate([codes, first[same]])
    folded = fold(pd.Series(distinct, dtype="string"))
    kept = folded.notna().to_numpy()[codes]  # a part of spaces or punctuation folds to nothing
    order = np.concatenate([*slots, np.full(len(same), name_slot)])[kept]
    row = np.concatenate([*at, same])[kept]
    codes = codes[kept]
    ranked = np.lexsort((order, row))  # row by row, in the text's order
    offsets = np.concatenate([[0], np.cumsum(np.bincount(row, minlength=len(rows)))])
    words = pc.take(as_arrow(folded, pa.large_string()), pa.array(codes[ranked]))
    lists = pa.LargeListArray.from_arrays(pa.array(offsets, pa.int64()), words)
    text = pc.binary_join(lists, pa.scalar(" ", words.type))
    return pd.Series(pd.arrays.ArrowStringArray(text), index=rows.index)


def _text_columns(source) -> tuple:
    """(name columns, trade-name columns, activity columns) of a source."""
    names = source.mapping.get("name", [])
    trade = [h for h in names if h not in source.own_names]
    return tuple(names), tuple(trade), tuple(activity_columns(source))


def _rows_of(mine: pd.DataFrame, frames: list, orders: list) -> pd.DataFrame:
    """The cells of `mine`'s rows (their `_position` in their source's table), from the tables of
    the sources `orders`, stacked in that order."""
    positions = mine["_position"].to_numpy()
    if len(frames) == 1 and np.array_equal(positions, np.arange(len(frames[0]))):
        return frames[0]  # every row of the table, in order
    if len(frames) == 1:
        return frames[0].iloc[positions]
    offsets = pd.Series(np.cumsum([0, *(len(f) for f in frames[:-1])]), index=orders)
    stacked = pd.concat(frames, ignore_index=True)
    return stacked.iloc[
        offsets.loc[mine["_source_order"]].to_numpy() + mine["_position"].to_numpy()
    ]


def _loose(pattern: str) -> str:
    """The pattern without its lookarounds, for RE2 (which has none): it matches every text the
    pattern matches, and a few more (a prefix's exceptions)."""
    return re.sub(r"\(\?![^()]*\)", "", pattern.replace("(?= |$)", "(?: |$)"))


def _matched(texts: pd.Series) -> tuple:
    """(rows, held): the positions of the texts that hold a group's words, and for each of them
    which groups it holds (one boolean column per group of groups()). The groups' loose patterns
    together over all the texts at once (Arrow's RE2), then, once per distinct text among the few
    it finds (most names hold no group's words), each group's loose pattern and its exact one."""
    loose = [_loose(g.pattern.pattern) for g in groups()]
    union = "|".join(f"(?:{pattern})" for pattern in loose)
    found = pc.match_substring_regex(as_arrow(texts, pa.large_string()), union) if loose else []
    rows = np.flatnonzero(np.asarray(found, dtype=bool))
    codes, distinct = pd.factorize(texts.iloc[rows])
    distinct = np.asarray(distinct, dtype=object)
    candidates = pa.array(distinct, type=pa.string())
    held = np.zeros((len(distinct), len(loose)), dtype=bool)
    for column, (g, pattern) in enumerate(zip(groups(), loose, strict=True)):
        maybe = np.flatnonzero(
            np.asarray(pc.match_substring_regex(candidates, pattern), dtype=bool)
        )
        held[maybe, column] = [bool(g.pattern.search(t)) for t in distinct[maybe]]
    return rows, held[codes]


def naf_points(naf: pd.Series) -> pd.Series:
    """Points of each activity code: its code, else the longest first characters listed (once
    per distinct code)."""
    table = reference.document("perimeter_words")["naf"]
    codes, distinct = pd.factorize(naf.astype("string"))
    distinct = pd.Series(distinct, dtype="string")
    points = np.zeros(len(distinct) + 1, dtype=int)
    given = np.zeros(len(distinct), dtype=bool)
    for key in sorted(table, key=len, reverse=True):
        fits = distinct.str.startswith(key).fillna(False).to_numpy(dtype=bool) & ~given
        points[:-1][fits] = int(table[key])
        given |= fits
    return pd.Series(points[codes], index=naf.index)


@dataclass(frozen=True)
class Score:
    """Per company: its score (0-100), the segment its words propose and that segment's words."""

    score: pd.Series
    segment: pd.Series
    because: pd.Series  # the group whose words propose the segment


def score_companies(rows: pd.DataFrame, texts: pd.Series, naf: pd.Series) -> Score:
    """The score of each company of `naf` (index: company) from its rows' folded texts."""
    rows_found, held = _matched(texts)
    company = naf.index.get_indexer(rows["company"].to_numpy()[rows_found])
    some = held.any(axis=1) & (company >= 0)
    labels = [g.label for g in groups()]
    by_company = np.zeros((len(naf), len(labels)), dtype=bool)
    found = pd.DataFrame(held[some]).groupby(company[some]).any()
    by_company[found.index.to_numpy()] = found.to_numpy()
    held = pd.DataFrame(by_company, index=naf.index, columns=labels)
    segments = [g for g in groups() if g.segment]
    words = sum(held[g.label] * g.points for g in groups() if not g.segment)
    by_segment = held[[g.label for g in segments]]
    any_segment = by_segment.any(axis=1)
    words = words + any_segment * (segments[0].points if segments else 0)
    first = by_segment.idxmax(axis=1).where(any_segment)
    segment_of = {g.label: g.segment for g in segments}
    score = (words + naf_points(naf)).clip(upper=MAX_SCORE).astype(int)
    return Score(score, first.map(segment_of).astype("string"), first.astype("string"))
