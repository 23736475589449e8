"""Look up in INSEE's register the companies a file names without a valid SIREN, and enrich them.

Rows kept without a SIREN (none given, an invalid one, a spreadsheet-rounded SIRET) become queries
for sirene.identify: their name's match words, their place as given, what a rounded SIRET still
tells, their creation year and NAF code. An identified row takes the SIREN and the register's
attributes by the table's precedence (core.table.columns), so that rows of different files that
identify to one SIREN merge. Every row looked up is listed in identification.csv with its decision.
The analyst's decisions (RAW/identification_decisions.csv: source, name, siren) are applied first.
"""

import csv
import io
import os
from pathlib import Path

import pandas as pd

from santenum.clean.discover import DECISIONS_NAME
from santenum.clean.normalise.identifiers import resolve_siren, rounded_siret
from santenum.clean.parse import ROUNDED_NOTE, parse_rows
from santenum.clean.reasons import UNKNOWN_POSTAL
from santenum.core import reference
from santenum.core.errors import InputError
from santenum.core.files import read_user_file
from santenum.core.quality import IdentificationCounts
from santenum.core.table.columns import FIELD_NAMES, PRECEDENCE
from santenum.core.text import match_words
from santenum.sirene.decide import Status
from santenum.sirene.identify import Identification, Register, identify

REJECT_WORDS = {"", "aucun", "aucune", "non", "rejet", "rejeté", "rejetée"}
BY_REGISTER = "établissement identifié dans SIRENE"
DECISIONS_MAX_BYTES = 50_000_000


def read_decisions(raw_dir: Path) -> pd.DataFrame:
    """The analyst's decisions (source, name, siren), or an empty table; InputError if unreadable.

    A file with its header alone holds no decision yet (an analyst's template); an empty file is
    refused: it may be one whose decisions a failed save erased, and a person should know."""
    path = Path(raw_dir) / DECISIONS_NAME
    if not os.path.lexists(path):
        return pd.DataFrame(columns=["source", "name", "decision"], dtype="string")
    data = read_user_file(path, limit=DECISIONS_MAX_BYTES, what=DECISIONS_NAME, root=raw_dir)
    if not data.strip():
        raise InputError(path, "empty file: give its header (source;name;siren), or delete it")
    try:
        table = pd.read_csv(
            io.BytesIO(data), dtype="string", sep=None, engine="python", encoding="utf-8-sig"
        )
    except (UnicodeDecodeError, pd.errors.ParserError, csv.Error) as exc:
        raise InputError(path, f"unreadable ({exc})") from None
    missing = {"source", "name", "siren"} - set(table.columns)
    if missing:
        raise InputError(path, f"missing column(s) {', '.join(sorted(missing))}")
    given = table["siren"].fillna("").str.strip()
    rejected = given.str.lower().isin(REJECT_WORDS)
    checked = resolve_siren(
        given.mask(rejected), pd.Series(pd.NA, index=given.index, dtype="string")
    )
    bad = ~rejected & checked["siren"].isna()
    if bad.any():
        raise InputError(path, f"not a valid SIREN: {given[bad].iloc[0]!r} (or write 'aucun')")
    return pd.DataFrame(
        {
            "source": table["source"],
            "name": table["name"],
            "decision": checked["siren"].fillna("").astype("string"),
        }
    )


def looked_up(rows: pd.DataFrame) -> pd.Series:
    """Rows to look up: kept (or quarantined only for a postal code no commune has, a CEDEX code
    the register may know), named, without a SIREN, not an individual known by a person's name."""
    return (
        (rows["reason"].isna() | rows["reason"].eq(UNKNOWN_POSTAL))
        & rows["siren"].isna()
        & rows["name"].notna()
        & ~rows["_natural_person"].astype(bool)
    )


def _departement_of(postal: pd.Series) -> pd.Series:
    """The département a 5-digit code (postal or CEDEX) names by its first digits, when it is one
    (not for Corsica's 20: 2A or 2B)."""
    departements = set(reference.current_communes()["departement_code"])
    two, three = postal.str[:2], postal.str[:3]
    code = three.where(two.isin(["97", "98"]), two)
    return code.where(code.isin(departements)).astype("string")


def queries(rows: pd.DataFrame, fields: pd.DataFrame, decisions: pd.DataFrame) -> pd.DataFrame:
    """One query per row to look up (index: the row's index), in sirene.identify's layout."""
    todo = rows[looked_up(rows)]
    given = fields.loc[todo.index]
    postal = given["postal_code"].str.extract(r"(?<!\d)(\d{5})(?!\d)")[0]
    rounded = todo["identifier_value"].where(
        todo["identifier_issue"].str.contains(ROUNDED_NOTE.strip(" ;"), regex=False).fillna(False)
    )
    parts = [rounded_siret(v) if pd.notna(v) else (None, None) for v in rounded]
    keys = pd.MultiIndex.from_arrays([todo["source"], given["name"].str.strip()])
    decision = decisions.set_index(["source", "name"])["decision"]
    decision = decision[~decision.index.duplicated(keep="last")]
    return pd.DataFrame(
        {
            "query": range(len(todo)),
            "words": match_words(given["name"]),
            "commune_code": todo["commune_code"],
            "postal_code": postal.fillna(todo["postal_code"]).astype("string"),
            "departement_code": todo["departement_code"].fillna(_departement_of(postal)),
            "region_code": todo["region_code"],
            "rounded_digits": pd.Series([d for d, _ in parts], index=todo.index, dtype="string"),
            "rounded_zeros": pd.Series([z for _, z in parts], index=todo.index, dtype="Int64"),
            "creation_year": todo["creation_date"].dt.year.astype("Int64"),
            "naf_code": given["naf_code"].str.upper().str.replace(r"[.\s]", "", regex=True),
            "decision": pd.Series(
                decision.reindex(keys).to_numpy(), index=todo.index, dtype="string"
            ),
        },
        index=todo.index,
    )


# The input field each register attribute (sirene.identify.ATTRIBUTES) is parsed as.
REGISTER_FIELDS = {
    "siren": "siren",
    "name": "register_name",
    "legal_category": "legal_category",
    "creation_date": "creation_date",
    "headcount_band": "headcount_band",
    "size_category": "size_category",
    "naf_code": "naf",
    "legal_unit_state": "unit_state",
    "commune_code": "commune",
    "postal_code": "postal",
}


def _register_rows(attributes: pd.DataFrame) -> pd.DataFrame:
    """The register's attributes parsed as a SIRENE extract's row would be (same parsers)."""
    index = attributes.index
    fields = pd.DataFrame({f: pd.Series(pd.NA, index=index, dtype="string") for f in FIELD_NAMES})
    for field, column in REGISTER_FIELDS.items():
        fields[field] = attributes[column].astype("string")
    fields["natural_person"] = False
    fields[["source", "kind", "source_region"]] = pd.NA
    fields["_source_order"], fields["row"] = 0, 0
    parsed, _ = parse_rows(fields)
    return parsed


def enrich(
    rows: pd.DataFrame, todo: pd.DataFrame, found: Identification, given: pd.Series
) -> pd.DataFrame:
    """rows with each identified row's SIREN and the register's attributes, by precedence; and
    the register's attributes of the rows whose list gave a valid SIREN (`given`: their SIRENs,
    as known() found them before identification)."""
    chosen = found.decisions.set_index("query")
    chosen.index = todo.index[chosen.index.to_numpy()]
    sirens = chosen["siren"].dropna()
    rows = rows.copy()
    rows.loc[sirens.index, "siren"] = sirens
    if not found.attributes.empty:
        at = todo.index[found.attributes.index.to_numpy(dtype=int)]
        rows = _with_register(rows, found.attributes.set_axis(at), placing=True)
    given = given[given.isin(found.registered.index)]
    if len(given):
        registered = found.registered.loc[given.to_numpy()].set_axis(given.index)
        rows = _with_register(rows, registered, placing=False)
    return rows


def known(rows: pd.DataFrame) -> pd.Series:
    """Rows with a SIREN their list gave (not a SIRENE extract's), kept or quarantined only for a
    postal code no commune has (a CEDEX code: the register places the company)."""
    kept = rows["reason"].isna() | rows["reason"].eq(UNKNOWN_POSTAL)
    return kept & rows["siren"].notna() & rows["kind"].ne("sirene")


def _with_register(rows: pd.DataFrame, attributes: pd.DataFrame, placing: bool) -> pd.DataFrame:
    """rows (changed in place and returned) with the register's attributes (indexed by row), each
    column by precedence: the register fills what a list lacks, and wins over a list it outranks.
    The register places a row an identification placed (`placing`), else one the list did not."""
    register = _register_rows(attributes)
    mine = rows.loc[attributes.index]
    unplaced = mine["commune_code"].isna()
    for column, order in PRECEDENCE.items():
        if column == "siren" or column not in register:
            continue
        theirs = register[column]
        register_wins = mine["kind"].map(lambda kind, o=order: o.index("sirene") < o.index(kind))
        value = theirs.fillna(mine[column]).where(register_wins, mine[column].fillna(theirs))
        rows.loc[attributes.index, column] = value
    placed = register["commune_code"].notna() & (placing | unplaced)
    rows.loc[placed[placed].index, "location_method"] = BY_REGISTER
    return rows


def table(
    rows: pd.DataFrame, todo: pd.DataFrame, fields: pd.DataFrame, found: Identification
) -> pd.DataFrame:
    """identification.csv: each row looked up as given, its decision and candidates."""
    given = pd.DataFrame(
        {
            "source": rows.loc[todo.index, "source"],
            "row": rows.loc[todo.index, "row"],
            "name": fields.loc[todo.index, "name"].str.strip(),
            "commune_code": todo["commune_code"],
            "postal_code": todo["postal_code"],
            "departement_code": todo["departement_code"],
        }
    ).reset_index(drop=True)
    decisions = found.decisions.sort_values("query").reset_index(drop=True).drop(columns="query")
    out = pd.concat([given, decisions], axis=1)
    return out.sort_values(["source", "row"], kind="stable").reset_index(drop=True)


def counts(found: Identification) -> IdentificationCounts:
    """quality.json's identification counts: rows looked up and each decision."""
    status = found.decisions["status"].value_counts()
    return IdentificationCounts(
        looked_up=len(found.decisions),
        **{s.name.lower(): int(status.get(s.value, 0)) for s in Status},
    )


def run(rows: pd.DataFrame, fields: pd.DataFrame, register: Register, raw_dir: Path) -> tuple:
    """(rows enriched, identification.csv table, counts) for every row to look up."""
    todo = queries(rows, fields, read_decisions(raw_dir))
    given = rows.loc[known(rows), "siren"]
    found = identify(todo.reset_index(drop=True), register, tuple(sorted(set(given))))
    enriched = enrich(rows, todo, found, given)
    # A CEDEX code no commune has is no reason to quarantine a company the register placed.
    decided = found.decisions
    placed = todo.index[decided.loc[decided["siren"].notna(), "query"].to_numpy(dtype=int)]
    registered = found.registered.index[found.registered["commune"].notna()]
    placed = placed.union(given.index[given.isin(registered)])
    placed = placed[enriched.loc[placed, "reason"].eq(UNKNOWN_POSTAL).fillna(False).to_numpy()]
    enriched.loc[placed, "reason"] = pd.NA
    return enriched, table(rows, todo, fields, found), counts(found)
