"""Identify companies known by name and place in INSEE's register (StockUniteLegale, StockEtablissement).

identify() takes the companies to look up (one row each, built by clean from rows without a valid
SIREN) and returns, for each, a decision (decide.Status), the SIREN and SIRET chosen when the match
is unambiguous, up to three candidates otherwise, and the register's attributes of what it chose.
An analyst's decisions (a SIREN confirmed, or every candidate rejected) are applied first.
Nothing from the register's person columns is read (core.insee.PERSON_COLUMNS).
"""

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from santenum.core import reference
from santenum.sirene import index
from santenum.sirene.candidates import find_candidates
from santenum.sirene.decide import SHOWN_CANDIDATES, Status, decide
from santenum.sirene.register import Register, open_stock
from santenum.sirene.stock import connect, reading_errors

# The columns identify() needs in `queries` (text unless said): a query number (int), the name's
# match words (core.text.match_words), the place as the list gives it (current commune code,
# 5-digit postal or CEDEX code, département and région codes), a rounded SIRET's digits and how
# many of its last digits are rounding zeros (int), the creation year (int) and NAF code without
# its dot ("6201Z") the list gives, and an analyst's decision: a SIREN confirmed, "" for every
# candidate rejected, missing for none.
QUERY_COLUMNS = (
    "query",
    "words",
    "commune_code",
    "postal_code",
    "departement_code",
    "region_code",
    "rounded_digits",
    "rounded_zeros",
    "creation_year",
    "naf_code",
    "decision",
)
# What the register tells of a chosen SIREN (and its establishment), for enrichment.
ATTRIBUTES = (
    "siren",
    "siret",
    "register_name",
    "legal_category",
    "creation_date",
    "headcount_band",
    "size_category",
    "naf",
    "unit_state",
    "commune",
    "postal",
)
STATES = {"A": "active", "C": "cessée"}


@dataclass(frozen=True)
class Identification:
    """decisions: one row per query (query, status, siren, siret, score, candidate_<i>_* columns);
    attributes: ATTRIBUTES of each query identified (indexed by query); registered: ATTRIBUTES of
    the SIRENs a list gave (indexed by SIREN; those the register does not hold are absent)."""

    decisions: pd.DataFrame
    attributes: pd.DataFrame
    registered: pd.DataFrame = field(default_factory=pd.DataFrame)


def check_register(register: Register) -> None:
    """Raise InputError (one line, exit 2) unless both stock files open with INSEE's columns."""
    with duckdb.connect() as con:
        open_stock(con, register)


def _shown_name(rows: pd.DataFrame) -> pd.Series:
    """The register's name of a candidate: its denomination, else the trade name that matched."""
    return rows["denomination"].fillna(rows["matched_name"])


def _commune_label(codes: pd.Series) -> pd.Series:
    names = reference.current_communes().set_index("commune_code")["commune_name"]
    return (codes.map(names).fillna("?") + " (" + codes + ")").where(codes.notna())


def _state_label(rows: pd.DataFrame) -> pd.Series:
    label = rows["unit_state"].map(STATES).fillna("état inconnu")
    closed = rows["unit_state"].eq("A") & rows["establishment_state"].eq("F")
    return label.mask(closed, "active, établissement fermé")


def _candidate_columns(ranked: pd.DataFrame) -> pd.DataFrame:
    """candidate_<i>_{siren,name,commune,state,score} for the first SHOWN_CANDIDATES of each query."""
    shown = ranked[ranked["rank"] < SHOWN_CANDIDATES].assign(
        name=_shown_name(ranked),
        commune_label=_commune_label(ranked["commune"]),
        state=_state_label(ranked),
    )
    parts = []
    for rank in range(SHOWN_CANDIDATES):
        one = shown[shown["rank"] == rank].set_index("query")
        parts.append(
            pd.DataFrame(
                {
                    f"candidate_{rank + 1}_siren": one["siren"],
                    f"candidate_{rank + 1}_name": one["name"],
                    f"candidate_{rank + 1}_commune": one["commune_label"],
                    f"candidate_{rank + 1}_state": one["state"],
                    f"candidate_{rank + 1}_score": one["score"],
                }
            )
        )
    return pd.concat(parts, axis=1)


def _units(con, sirens: list) -> pd.DataFrame:
    """Attributes of SIRENs an analyst chose: the unit and its siège (else its first establishment)."""
    con.register("chosen", pd.DataFrame({"siren": pd.Series(sirens, dtype="string")}))
    return con.execute("""
        SELECT u.siren, e.siret, u.denomination, e.enseigne1Etablissement AS matched_name,
               u.legal_category, u.creation_date, u.headcount_band, u.size_category, u.naf,
               u.unit_state, e.commune, e.postal, e.state AS establishment_state
        FROM units u JOIN etab_places e USING (siren)
        WHERE u.siren IN (SELECT siren FROM chosen)
        QUALIFY row_number() OVER (PARTITION BY u.siren ORDER BY e.head_office DESC, e.siret) = 1
    """).df()


def _attributes(rows: pd.DataFrame) -> pd.DataFrame:
    """ATTRIBUTES of candidate rows (indexed by query), as text."""
    if rows.empty:
        return pd.DataFrame(columns=list(ATTRIBUTES), dtype="string")
    out = rows.assign(register_name=_shown_name(rows))
    return out[list(ATTRIBUTES)].astype("string")


def _engine_decisions(decided: pd.DataFrame, index: pd.Index) -> pd.DataFrame:
    """status, siren, siret and score of each query from decide()'s best candidates."""
    identified = decided["status"] == Status.IDENTIFIED.value
    return pd.DataFrame(
        {
            "status": decided["status"].reindex(index).fillna(Status.NOT_FOUND.value),
            "siren": decided["siren"].where(identified).reindex(index),
            "siret": decided["siret"].where(identified).reindex(index),
            "score": decided["score"].reindex(index),
        },
        index=index,
    )


def _apply_decisions(
    con, queries: pd.DataFrame, decisions: pd.DataFrame, ranked: pd.DataFrame
) -> pd.DataFrame:
    """The analyst's word over the engine's (decisions changed in place); returns the register's
    rows of the SIRENs confirmed (a candidate's, else the unit's and its siège's)."""
    given = queries.set_index("query")["decision"].dropna()
    rejected = given.index[given == ""]
    confirmed = given[given != ""]
    decisions.loc[rejected, ["status", "siren", "siret"]] = [Status.REJECTED.value, pd.NA, pd.NA]
    units = _units(con, sorted(set(confirmed))).set_index("siren", drop=False)
    rows = []
    for query, siren in confirmed.items():
        among = ranked[(ranked["query"] == query) & (ranked["siren"] == siren)]
        row = among.iloc[0] if len(among) else units.loc[siren] if siren in units.index else None
        decisions.loc[query, ["status", "siren"]] = [Status.CONFIRMED.value, siren]
        if row is not None:
            decisions.loc[query, "siret"] = row["siret"]
            rows.append(row.to_frame().T.assign(query=query))
    return pd.concat(rows).set_index("query") if rows else pd.DataFrame()


def identify(queries: pd.DataFrame, register: Register, known: tuple = ()) -> Identification:
    """Decide every query (columns QUERY_COLUMNS) against the register (see module docstring), and
    read the register's attributes of the `known` SIRENs (a list's valid ones: its name when the
    list gives none, its size, age and state)."""
    queries = queries[list(QUERY_COLUMNS)]
    scratch = Path(tempfile.mkdtemp(prefix="santenum-identify-"))
    try:
        with reading_errors(register.unites_legales, register.etablissements):
            searched = queries[queries["decision"].isna() & queries["words"].notna()]
            # No name to search (the analyst decided them all): no index is worth building.
            use_index = register.use_index and not searched.empty
            folder = index.ready(register) if use_index else None
            con = connect(register.memory_limit, False, scratch)
            if folder is None:
                open_stock(con, register)
            else:
                index.open_index(con, folder)
            candidates = find_candidates(
                con, searched.drop(columns="decision"), names_ready=folder is not None
            )
            decided, ranked = decide(candidates)
            decisions = _engine_decisions(decided, pd.Index(queries["query"], name="query"))
            confirmed = _apply_decisions(con, queries, decisions, ranked)
            registered = _attributes(_units(con, sorted(set(known))))
            con.close()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)  # DuckDB's spill files: ours, not outputs
    shown = _candidate_columns(ranked).reindex(decisions.index)
    shown[decisions["status"] != Status.TO_CHECK.value] = pd.NA
    engine = decided[decided["status"] == Status.IDENTIFIED.value]
    attributes = pd.concat([_attributes(engine), _attributes(confirmed)])
    return Identification(
        pd.concat([decisions, shown], axis=1).reset_index(),
        attributes.sort_index(),
        registered.set_index("siren", drop=False),
    )
