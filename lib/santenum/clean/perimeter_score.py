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


def _joined(frame: pd.DataFrame, headers: list) -> pd.Series:
    text = pd.Series("", index=frame.index, dtype="string")
    for header in headers:
        text = text + " " + frame[header].astype("string").fillna("")
    return text


def row_texts(rows: pd.DataFrame, fields: pd.DataFrame, sources: list) -> pd.Series:
    """Per row, the text the score reads: its names (trade names only on a natural person's row),
    its activity or project texts, its taxonomy fields' raw text and its name as cleaned. Sources
    whose text columns are the same (a header group's files) are joined as one table."""
    parts = []
    present = rows["_source_order"].unique()
    alike = {}
    for order in sorted(int(o) for o in present):
        alike.setdefault(_text_columns(sources[order]), []).append(order)
    for (names, trade, texts), orders in alike.items():
        mine = rows[rows["_source_order"].isin(orders)]
        frame = _rows_of(mine, [sources[o].table.frame[[*names, *texts]] for o in orders], orders)
        text = _joined(frame, [*names, *texts])
        if trade != names:
            person = mine["_natural_person"].to_numpy(dtype=bool)
            text = text.where(~person, _joined(frame, [*trade, *texts]))
        parts.append(pd.Series(text.to_numpy(), index=mine.index, dtype="string"))
    texts = pd.concat(parts) if parts else pd.Series(dtype="string")
    given = _joined(fields.loc[rows.index], list(TEXT_FIELDS))
    return texts.reindex(rows.index).fillna("") + given + " " + rows["name"].fillna("")


def _text_columns(source) -> tuple:
    """(name columns, trade-name columns, activity columns) of a source."""
    names = source.mapping.get("name", [])
    trade = [h for h in names if h not in source.own_names]
    return tuple(names), tuple(trade), tuple(activity_columns(source))


def _rows_of(mine: pd.DataFrame, frames: list, orders: list) -> pd.DataFrame:
    """The cells of `mine`'s rows (their `_position` in their source's table), from the tables of
    the sources `orders`, stacked in that order."""
    if len(frames) == 1:
        return frames[0].iloc[mine["_position"].to_numpy()]
    offsets = pd.Series(np.cumsum([0, *(len(f) for f in frames[:-1])]), index=orders)
    stacked = pd.concat(frames, ignore_index=True)
    return stacked.iloc[
        offsets.loc[mine["_source_order"]].to_numpy() + mine["_position"].to_numpy()
    ]


def _loose(pattern: str) -> str:
    """The pattern without its lookarounds, for RE2 (which has none): it matches every text the
    pattern matches, and a few more (a prefix's exceptions)."""
    return re.sub(r"\(\?![^()]*\)", "", pattern.replace("(?= |$)", "(?: |$)"))


def _matched(texts: pd.Series) -> pd.DataFrame:
    """Per text, which groups it holds (one boolean column per group), computed once per text:
    each group's loose pattern over all the texts at once (Arrow's RE2), then the exact pattern on
    the few that it finds (most names hold no group's words)."""
    folded = fold(texts).fillna("")
    distinct = folded.unique()
    arrow = pa.array(distinct, type=pa.string())
    found = {}
    for g in groups():
        maybe = np.asarray(pc.match_substring_regex(arrow, _loose(g.pattern.pattern)), dtype=bool)
        held = np.zeros(len(distinct), dtype=bool)
        held[maybe] = [bool(g.pattern.search(t)) for t in distinct[maybe]]
        found[g.label] = held
    table = pd.DataFrame(found, index=distinct)
    return table.reindex(folded.to_numpy()).set_axis(texts.index)


def naf_points(naf: pd.Series) -> pd.Series:
    """Points of each activity code: its code, else the longest first characters listed."""
    table = reference.document("perimeter_words")["naf"]
    points = pd.Series(0, index=naf.index, dtype=int)
    given = pd.Series(False, index=naf.index)
    for key in sorted(table, key=len, reverse=True):
        fits = naf.astype("string").str.startswith(key).fillna(False).astype(bool) & ~given
        points[fits] = int(table[key])
        given |= fits
    return points


@dataclass(frozen=True)
class Score:
    """Per company: its score (0-100), the segment its words propose and that segment's words."""

    score: pd.Series
    segment: pd.Series
    because: pd.Series  # the group whose words propose the segment


def score_companies(rows: pd.DataFrame, texts: pd.Series, naf: pd.Series) -> Score:
    """The score of each company of `naf` (index: company) from its rows' texts."""
    held = _matched(texts).groupby(rows["company"]).any().reindex(naf.index, fill_value=False)
    segments = [g for g in groups() if g.segment]
    words = sum(held[g.label] * g.points for g in groups() if not g.segment)
    by_segment = held[[g.label for g in segments]]
    any_segment = by_segment.any(axis=1)
    words = words + any_segment * (segments[0].points if segments else 0)
    first = by_segment.idxmax(axis=1).where(any_segment)
    segment_of = {g.label: g.segment for g in segments}
    score = (words + naf_points(naf)).clip(upper=MAX_SCORE).astype(int)
    return Score(score, first.map(segment_of).astype("string"), first.astype("string"))
