"""Group rows that describe the same company and combine them by a documented precedence."""

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from santenum.clean.normalise.identifiers import near_identifier
from santenum.core.table.columns import LIST_FIELDS, PRECEDENCE, REGISTER_FIRST, SURVEY_FIRST
from santenum.core.table.lists import as_arrow, singletons, text_lists
from santenum.core.text import truth

# Columns compared to count conflicts, those the register decides first (names are compared by
# their match key; the columns that follow from the commune are not compared).
_FOLLOW_COMMUNE = ("postal_code", "departement_code", "region_code", "metropole")
CONFLICT_COLUMNS = {
    "name": "name_key",
    **{
        c: c
        for c in sorted(PRECEDENCE, key=lambda c: PRECEDENCE[c] == SURVEY_FIRST)
        if c not in ("name", *_FOLLOW_COMMUNE)
    },
}


def link_keys(rows: pd.DataFrame) -> list:
    """Keys that make two rows the same company: SIREN, or name in the same commune or postal code,
    or name and an identifier that failed its check (salvaged_links), or name within one file
    when nothing else is given (unplaced_namesakes).

    Only keys that two rows or more share are returned (no other key can link anything); a name
    key shared by rows of different SIRENs links nothing.
    """
    keys = [rows["siren"][_shared_sirens(rows["siren"])]]
    keys.append(salvaged_links(rows))
    keys.append(unplaced_namesakes(rows))
    named = rows[rows["name_key"].notna() & rows["name_key"].duplicated(keep=False)]
    for place in ("commune_code", "postal_code"):
        key = named["name_key"] + "|" + named[place]
        shared = key[key.notna() & key.duplicated(keep=False)]
        distinct_sirens = named.loc[shared.index, "siren"].groupby(shared).transform("nunique")
        keys.append(shared.mask(truth(distinct_sirens > 1)).dropna())
    return keys


def _shared_sirens(sirens: pd.Series) -> np.ndarray:
    """True for a SIREN two rows or more share, compared as numbers (nine digits each: a
    million numbers hash many times faster than a million texts)."""
    present = sirens.notna().to_numpy()
    given = sirens[present]
    text = as_arrow(given.astype("string"), pa.large_string())
    if len(text) and pc.all(pc.match_substring_regex(text, "^[0-9]{9}$")).as_py():
        given = pd.Series(pc.cast(text, pa.int64()).to_numpy())
    shared = np.zeros(len(sirens), dtype=bool)
    shared[present] = given.duplicated(keep=False).to_numpy()
    return shared


def salvaged_links(rows: pd.DataFrame) -> pd.Series:
    """A row kept by its name although its identifier failed its check is the company of the same
    name whose SIREN that identifier is a typo or a rounding of (near_identifier), and the same
    company as another such row of the same name giving the same identifier."""
    salvaged = rows[
        rows["siren"].isna() & rows["identifier_value"].notna() & rows["name_key"].notna()
    ]
    if salvaged.empty:
        return pd.Series(dtype="string")
    given = salvaged["identifier_value"].str.replace(r"[\s\u00a0\u202f.-]", "", regex=True)
    same = "=" + salvaged["name_key"] + "|" + given
    keys = same[same.duplicated(keep=False)]
    valid = rows[rows["siren"].notna() & rows["name_key"].isin(set(salvaged["name_key"]))]
    sirens = valid.groupby("name_key")["siren"].unique()
    for index, name, value in zip(
        salvaged.index, salvaged["name_key"], salvaged["identifier_value"], strict=True
    ):
        near = [siren for siren in sirens.get(name, []) if near_identifier(value, siren)]
        if len(near) == 1:
            keys[index] = "~" + near[0]
    linked = set(keys[keys.str.startswith("~")].str[1:])
    mates = valid[valid["siren"].isin(linked)]
    return pd.concat([keys, "~" + mates["siren"]]).astype("string")


def unplaced_namesakes(rows: pd.DataFrame) -> pd.Series:
    """Rows of one file with the same name and no identifier, whose places do not tell them apart —
    none given, or the same département with at most one commune among them (« M2M ORGANISATION »
    in the 52, once with its commune and once without) — are one company named several times (a
    register of declarations, of controls: one line per event). Rows of different files, or in
    different communes, link only by the other keys."""
    alone = rows["name_key"].notna() & rows["siren"].isna() & rows["identifier_value"].isna()
    group = rows.loc[alone, ["source", "name_key", "departement_code", "commune_code"]].fillna(
        {"departement_code": "", "commune_code": ""}
    )
    keys = "@" + group["source"] + "|" + group["name_key"] + "|" + group["departement_code"]
    communes = group.groupby(keys)["commune_code"].transform(lambda c: c[c != ""].nunique())
    keys = keys[(communes <= 1).to_numpy()]
    return keys[keys.duplicated(keep=False)]


def assign_companies(rows: pd.DataFrame) -> pd.Series:
    """Connected components over the link keys, labelled by their first row position."""
    label = pd.Series(np.arange(len(rows)), index=rows.index)
    keys = link_keys(rows)
    while True:
        before = label.copy()
        for key in keys:
            label[key.index] = label[key.index].groupby(key).transform("min")
        if label.equals(before):
            return label


def _ordered(rows: pd.DataFrame, order: tuple) -> pd.DataFrame:
    rank = rows["kind"].map({kind: i for i, kind in enumerate(order)})
    return rows.assign(_rank=rank).sort_values(
        ["company", "_rank", "_head_office_rank", "_source_order", "row"]
    )


def combine(rows: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series, dict]:
    """One row per company, the representative row of each company, and conflicts per column.

    `rows` needs a `company` column (see assign_companies) and the PRECEDENCE columns.
    """
    rows = rows.assign(_head_office_rank=(~truth(rows["head_office"])).astype(int))
    shared = rows.duplicated("company", keep=False)
    multi, single = rows[shared], rows[~shared]
    representative = single.index.union(
        _ordered(multi, REGISTER_FIRST).drop_duplicates("company").index
    )

    columns = list(PRECEDENCE)
    merged = []
    for order in sorted(set(PRECEDENCE.values())):
        wanted = [c for c in columns if PRECEDENCE[c] == order]
        merged.append(_ordered(multi, order).groupby("company", sort=True)[wanted].first())
    companies = pd.concat(
        [single.set_index("company")[columns], pd.concat(merged, axis=1)[columns]]
    )

    sources = multi[["company", "source"]].drop_duplicates().sort_values(["company", "source"])
    listed = sources.groupby("company")["source"].agg(list)
    companies["sources"] = pd.concat(
        [
            singletons(single.set_index("company")["source"]),
            text_lists(listed.tolist(), listed.index),
        ]
    )

    compared = multi.assign(**{field: multi[field].astype("string") for field in LIST_FIELDS})
    conflicts = {
        column: int((compared.groupby("company")[source].nunique() > 1).sum())
        for column, source in CONFLICT_COLUMNS.items()
    }
    return (
        companies.sort_index(),
        pd.Series(rows.index.isin(representative), index=rows.index),
        conflicts,
    )
