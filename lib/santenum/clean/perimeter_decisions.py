"""The analyst's perimeter decisions: RAW/perimetre_decisions.csv, read and checked.

One line per company: `siren`, or `name` and `commune` (a name, or a code in `commune` or
`commune_code`); `decision` `oui` or `non`; optional `segment` and `note`; separated by `;` or `,`;
UTF-8 (with or without its mark) or Windows-1252. Other columns are left unread, so that
perimetre.csv, its `decision` column filled in, is a decisions file; a line with a blank decision
decides nothing. A file that cannot be read this way is one InputError (one line, exit 2).
"""

import csv
import io
import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from santenum.clean.discover import PERIMETER_DECISIONS_NAME
from santenum.clean.normalise.identifiers import resolve_siren
from santenum.clean.normalise.taxonomy import map_label
from santenum.core import reference
from santenum.core.errors import InputError
from santenum.core.files import read_user_file
from santenum.core.text import fold, fold_one, header_key, name_key, printable

YES, NO = "oui", "non"
MAX_BYTES = 64 * 1024 * 1024  # a decision a line: far more lines than any région has companies
# Column -> the header keys (core.text.header_key) it is read from.
HEADERS = {
    "siren": ("siren",),
    "name": ("name", "nom", "raisonsociale"),
    "commune": ("commune", "ville"),
    "commune_code": ("communecode", "codecommune"),
    "decision": ("decision",),
    "segment": ("segment",),
    "note": ("note", "commentaire"),
}
COLUMNS = ["line", "siren", "name_key", "commune_code", "commune_name", "decision", "segment"]
COLUMNS += ["note"]


@dataclass(frozen=True)
class Decisions:
    """The decisions of the file (one row each, `decision` True for oui), in file order."""

    path: Path | None
    table: pd.DataFrame  # COLUMNS: line, siren, name_key, commune_code, commune_name (folded)…

    @property
    def read(self) -> int:
        return len(self.table)


def _decisions_text(path: Path, raw_dir: Path) -> str:
    """The file's text, read without following a link and at most MAX_BYTES long (the one place
    it is opened); UTF-8, else Windows-1252. An empty file is refused: a failed save may have
    erased the decisions, and a person should know."""
    data = read_user_file(path, limit=MAX_BYTES, what=PERIMETER_DECISIONS_NAME, root=raw_dir)
    if not data.strip():
        raise InputError(
            path, "empty file: give its header (siren;name;commune;decision), or delete it"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def _records(path: Path, raw_dir: Path) -> tuple[dict, list]:
    """(column -> index in the header, [(line, cells)]) of the file; InputError if unreadable."""
    text = _decisions_text(path, raw_dir)
    first = text.split("\n", 1)[0]
    reader = csv.reader(
        io.StringIO(text), delimiter=";" if first.count(";") > first.count(",") else ","
    )
    try:
        header = next(reader, [])
        rows = [(reader.line_num, cells) for cells in reader if any(c.strip() for c in cells)]
    except csv.Error as exc:
        raise InputError(path, f"unreadable CSV ({exc})") from None
    keys = [header_key(h) for h in header]
    found = {
        column: keys.index(key)
        for column, accepted in HEADERS.items()
        for key in accepted
        if key in keys
    }
    if "decision" not in found:
        raise InputError(path, "no `decision` column (oui / non)")
    if "siren" not in found and "name" not in found:
        raise InputError(path, "no `siren` column, nor `name` and `commune`")
    return found, rows


def _cell(cells: list, found: dict, column: str) -> str:
    index = found.get(column)
    return cells[index].strip() if index is not None and index < len(cells) else ""


def read_decisions(raw_dir: Path) -> Decisions:
    """RAW/perimetre_decisions.csv, checked, or no decision when there is no such file."""
    path = Path(raw_dir) / PERIMETER_DECISIONS_NAME
    if not os.path.lexists(path):
        return Decisions(None, pd.DataFrame(columns=COLUMNS))
    found, rows = _records(path, Path(raw_dir))
    lines = []
    for line, cells in rows:
        get = lambda column, cells=cells: _cell(cells, found, column)  # noqa: E731
        decision = fold_one(get("decision"))
        if not decision:
            continue  # a worklist's line not decided yet
        if decision not in (YES, NO):
            raise InputError(
                path,
                f"line {line}: decision {printable(get('decision'), 40)!r}: expected oui or non",
            )
        if not get("siren") and not get("name"):
            raise InputError(path, f"line {line}: a decision needs a SIREN, or a name and commune")
        lines.append({column: get(column) for column in HEADERS} | {"line": line})
    given = pd.DataFrame(lines, columns=["line", *HEADERS], dtype="object")
    return Decisions(path, _checked(path, given))


def _checked(path: Path, given: pd.DataFrame) -> pd.DataFrame:
    """The decisions with their SIREN checked, name key, commune and segment label."""
    blank = pd.Series(pd.NA, index=given.index, dtype="string")
    siren = given["siren"].astype("string").mask(given["siren"].eq(""))
    checked = resolve_siren(siren, blank)
    wrong = siren.notna() & checked["siren"].isna()
    if wrong.any():
        first = wrong.idxmax()
        raise InputError(
            path,
            f"line {given.at[first, 'line']}: not a valid SIREN: {printable(siren[first], 20)!r}",
        )
    segment = given["segment"].astype("string").mask(given["segment"].eq(""))
    label = map_label(segment, "segments")
    unknown = segment.notna() & label.isna()
    if unknown.any():
        first = unknown.idxmax()
        raise InputError(
            path,
            f"line {given.at[first, 'line']}: segment {printable(segment[first], 40)!r} is none of "
            "segments.yml",
        )
    code = given["commune_code"].where(given["commune_code"].ne(""), given["commune"])
    is_code = code.str.fullmatch(r"\d{5}|2[ABab]\d{3}")
    table = pd.DataFrame(
        {
            "line": given["line"].astype(int),
            "siren": checked["siren"].astype("string"),
            "name_key": name_key(given["name"].astype("string")),
            "commune_code": code.str.upper().where(is_code).astype("string"),
            "commune_name": fold(given["commune"].astype("string").where(~is_code)),
            "decision": given["decision"].map(fold_one).eq(YES),
            "segment": label.astype("string"),
            "note": given["note"].astype("string").mask(given["note"].eq("")),
        },
        columns=COLUMNS,
    )
    _refuse_contradictions(path, table)
    return table


def _refuse_contradictions(path: Path, table: pd.DataFrame) -> None:
    """Two lines that name the same company (same SIREN, or same name and commune without SIREN)
    and decide differently: InputError naming both lines."""
    named = table["siren"].fillna(
        "nom:"
        + table["name_key"].fillna("")
        + "|"
        + table["commune_code"].fillna("")
        + "|"
        + table["commune_name"].fillna("")
    )
    for _, lines in table.groupby(named, sort=False):
        if lines["decision"].nunique() > 1:
            first, second = lines["line"].iloc[:2]
            raise InputError(
                path, f"lines {first} and {second} decide the same company differently"
            )


@dataclass(frozen=True)
class Matched:
    """The decisions applied (index: company label; decision, segment, note, line), and the lines
    that fit no company of this edition or several: reported, never dropped in silence."""

    decided: pd.DataFrame
    unmatched: list
    ambiguous: list


def _commune_names(codes: pd.Series) -> pd.Series:
    names = reference.table("communes").set_index("commune_code")["commune_name"]
    return fold(codes.map(names).astype("string"))


def _fits(decision, labels: list, companies: pd.DataFrame, folded_commune: pd.Series) -> list:
    """The companies of `labels` in the decision's commune (a code, a name, or none given)."""
    if pd.notna(decision.commune_code):
        return [c for c in labels if companies.at[c, "commune_code"] == decision.commune_code]
    if pd.notna(decision.commune_name):
        return [c for c in labels if folded_commune[c] == decision.commune_name]
    return [c for c in labels if pd.isna(companies.at[c, "commune_code"])]


def match(given: Decisions, companies: pd.DataFrame, rows: pd.DataFrame) -> Matched:
    """Each decision's company: by SIREN, else by name key (any of its rows' names) and commune —
    among the companies without a SIREN when the decision gives one this edition does not know.
    Two lines that decide one company differently: InputError naming them."""
    by_siren = pd.Series(companies.index, index=companies["siren"]).loc[lambda s: s.index.notna()]
    named = rows["name_key"].isin(given.table["name_key"].dropna())
    keys = rows.loc[named, ["company", "name_key"]].drop_duplicates()
    by_key = {key: list(group) for key, group in keys.groupby("name_key")["company"]}
    named_companies = sorted({c for group in by_key.values() for c in group})
    folded_commune = _commune_names(companies.loc[named_companies, "commune_code"])
    chosen, unmatched, ambiguous = {}, [], []
    for decision in given.table.itertuples():
        if pd.notna(decision.siren) and decision.siren in by_siren.index:
            fits = [by_siren[decision.siren]]
        elif pd.notna(decision.name_key):
            named = by_key.get(decision.name_key, [])
            if pd.notna(decision.siren):  # another SIREN is another company
                named = [c for c in named if pd.isna(companies.at[c, "siren"])]
            fits = _fits(decision, named, companies, folded_commune)
        else:
            fits = []
        if len(fits) > 1:
            ambiguous.append(decision.line)
        elif not fits:
            unmatched.append(decision.line)
        elif fits[0] in chosen and chosen[fits[0]].decision != decision.decision:
            raise InputError(
                given.path,
                f"lines {chosen[fits[0]].line} and {decision.line} decide the same company "
                "differently",
            )
        else:
            chosen.setdefault(fits[0], decision)
    decided = pd.DataFrame(
        [(c, d.decision, d.segment, d.note, d.line) for c, d in chosen.items()],
        columns=["company", "decision", "segment", "note", "line"],
    ).set_index("company")
    decided["segment"] = decided["segment"].astype("string")
    decided["note"] = decided["note"].astype("string")
    return Matched(decided, unmatched, ambiguous)
