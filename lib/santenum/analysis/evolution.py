"""Two editions of the company table side by side: entries, exits, moves, growth and survival.

Companies are matched by SIREN, else (when one edition lacks the SIREN) by the name key cleaning
uses plus the commune, else plus the postal code. A key shared by several companies of an edition
matches nothing: those companies are listed as ambiguous, never guessed.
"""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from santenum.analysis import stats
from santenum.core import rules
from santenum.core.table.ages import age_in_years
from santenum.core.table.store import read_companies, read_quality
from santenum.core.text import name_key

ENTRIES, EXITS, BOTH = "entrées", "sorties", "présentes aux deux éditions"
CREATED = "créées depuis l'édition précédente"
ARRIVED = "arrivées d'une autre région"
FOUND = "existantes, nouvellement recensées"
CLOSED = "cessées (SIRENE)"
LEFT = "parties dans une autre région"
LOST = "non retrouvées"
UNKNOWN = rules.UNKNOWN
CATEGORIES = (*stats.CATEGORIES, UNKNOWN)


@dataclass
class Editions:
    """Both tables (all companies, closed ones included) and the matched pairs of company_id."""

    previous: pd.DataFrame
    current: pd.DataFrame
    previous_as_of: pd.Timestamp
    pairs: pd.DataFrame  # previous_id, current_id, how ("SIREN", "nom et commune", …)
    ambiguous: pd.DataFrame  # name, place and the company_ids a shared key could not tell apart
    flows: dict = field(default_factory=dict, repr=False)  # région -> _region_flow, computed once


# Keys tried in turn after the SIREN: the name with the commune, with the postal code, then, for a
# company that both editions place by its région alone (no commune, no postal code), the région.
PLACE_KEYS = (
    ("commune_code", "nom et commune"),
    ("postal_code", "nom et code postal"),
    ("region_code", "nom et région"),
)


def edition_date(path, companies: pd.DataFrame | None = None) -> pd.Timestamp:
    """The date of an edition (a companies.parquet): the one its quality.json records, else its
    latest creation date (`companies`: the table, when already read)."""
    quality = read_quality(path)
    if quality:
        return pd.Timestamp(quality.as_of)
    return pd.Timestamp(
        (read_companies(path) if companies is None else companies)["creation_date"].max()
    )


def _keys(frame: pd.DataFrame, place: str) -> pd.Series:
    key = name_key(frame["name"]) + "|" + frame[place]
    if place == "region_code":
        key = key.where(frame["commune_code"].isna() & frame["postal_code"].isna())
    return key


def match(previous: pd.DataFrame, current: pd.DataFrame, previous_as_of) -> Editions:
    """Pair the companies of two editions (see module docstring)."""
    by_siren = previous.dropna(subset=["siren"]).merge(
        current.dropna(subset=["siren"]), on="siren", suffixes=("_prev", "_cur")
    )
    pairs = [
        pd.DataFrame(
            {
                "previous_id": by_siren["company_id_prev"],
                "current_id": by_siren["company_id_cur"],
                "how": "SIREN",
            }
        )
    ]
    ambiguous = []
    for place, how in PLACE_KEYS:
        done_prev = pd.concat(pairs)["previous_id"]
        done_cur = pd.concat(pairs)["current_id"]
        left = previous[~previous["company_id"].isin(done_prev)]
        right = current[~current["company_id"].isin(done_cur)]
        keyed = pd.concat(
            [
                left.assign(key=_keys(left, place), edition="previous"),
                right.assign(key=_keys(right, place), edition="current"),
            ]
        ).dropna(subset=["key"])
        counts = keyed.groupby(["key", "edition"]).size().unstack(fill_value=0)
        counts = counts.reindex(columns=["previous", "current"], fill_value=0)
        both = counts[(counts["previous"] > 0) & (counts["current"] > 0)]
        unique = both.index[(both["previous"] == 1) & (both["current"] == 1)]
        chosen = keyed[keyed["key"].isin(unique)][["key", "edition", "company_id", "siren"]]
        side = {name: part.drop(columns="edition") for name, part in chosen.groupby("edition")}
        empty = pd.DataFrame(columns=["key", "company_id", "siren"])
        wide = side.get("previous", empty).merge(
            side.get("current", empty), on="key", suffixes=("_prev", "_cur")
        )
        # Two SIRENs that differ are two companies, whatever their names.
        wide = wide[wide["siren_prev"].isna() | wide["siren_cur"].isna()]
        pairs.append(
            pd.DataFrame(
                {
                    "previous_id": wide["company_id_prev"],
                    "current_id": wide["company_id_cur"],
                    "how": how,
                }
            )
        )
        unclear = keyed[keyed["key"].isin(both.index.difference(unique))]
        ambiguous.append(
            unclear[["edition", "company_id", "name", place]].rename(columns={place: "lieu"})
        )
    listed = pd.concat(ambiguous).drop_duplicates("company_id")
    return Editions(
        previous,
        current,
        pd.Timestamp(previous_as_of),
        pd.concat(pairs, ignore_index=True),
        listed.sort_values(["name", "edition"], kind="stable").reset_index(drop=True),
    )


def _region_flow(editions: Editions, region_code: str) -> pd.DataFrame:
    """One row per company of either edition that was active in the région at that edition.

    Columns: previous_id, current_id, flow (ENTRIES, EXITS or BOTH) and its reason. Computed once
    per région (every table of the evolution report starts from it).
    """
    if region_code not in editions.flows:
        editions.flows[region_code] = _flow(editions, region_code)
    return editions.flows[region_code]


def _flow(editions: Editions, region_code: str) -> pd.DataFrame:
    prev, cur, pairs = editions.previous, editions.current, editions.pairs
    prev_in = prev[~prev["closed"] & (prev["region_code"] == region_code)]
    cur_in = cur[~cur["closed"] & (cur["region_code"] == region_code)]
    now = cur.set_index("company_id")
    then = prev.set_index("company_id")
    to_current = pairs.set_index("previous_id")["current_id"]
    to_previous = pairs.set_index("current_id")["previous_id"]

    rows = []
    for company in prev_in["company_id"]:
        later = to_current.get(company)
        if later is None:
            rows.append((company, None, EXITS, LOST))
        elif now.at[later, "closed"]:
            rows.append((company, later, EXITS, CLOSED))
        elif now.at[later, "region_code"] != region_code:
            left = pd.notna(now.at[later, "region_code"])
            rows.append((company, later, EXITS, LEFT if left else LOST))
        else:
            rows.append((company, later, BOTH, BOTH))
    for company in cur_in["company_id"]:
        earlier = to_previous.get(company)
        if (
            earlier is not None
            and then.at[earlier, "region_code"] == region_code
            and not bool(then.at[earlier, "closed"])
        ):
            continue  # already counted as present in both
        created = now.at[company, "creation_date"]
        if pd.notna(created) and created > editions.previous_as_of:
            reason = CREATED
        elif earlier is not None and not bool(then.at[earlier, "closed"]):
            reason = ARRIVED if pd.notna(then.at[earlier, "region_code"]) else FOUND
        else:
            reason = FOUND
        rows.append((earlier, company, ENTRIES, reason))
    return pd.DataFrame(rows, columns=["previous_id", "current_id", "flow", "reason"])


def entries_exits(editions: Editions, region_code: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(entrees_sorties: indicateur, count; motifs: indicateur, motif, count, share of the flow)."""
    flow = _region_flow(editions, region_code)
    counts = flow["flow"].value_counts()
    totals = pd.DataFrame(
        {
            "indicateur": [ENTRIES, EXITS, BOTH],
            "count": [int(counts.get(label, 0)) for label in (ENTRIES, EXITS, BOTH)],
        }
    )
    reasons = {ENTRIES: (CREATED, ARRIVED, FOUND), EXITS: (CLOSED, LEFT, LOST)}
    rows = []
    for flow_name, labels in reasons.items():
        mine = flow.loc[flow["flow"] == flow_name, "reason"].value_counts()
        total = int(mine.sum())
        for label in labels:
            count = int(mine.get(label, 0))
            rows.append((flow_name, label, count, total, count / total if total else np.nan))
    motifs = pd.DataFrame(rows, columns=["indicateur", "motif", "count", "n", "share"])
    return totals, motifs


def _active_in(frame: pd.DataFrame, region_code: str) -> pd.DataFrame:
    return frame[~frame["closed"] & (frame["region_code"] == region_code)]


def _labels(frame: pd.DataFrame, column: str) -> pd.Series:
    """The column's values, UNKNOWN where missing; a located company outside every métropole is
    « hors métropole », not unknown."""
    values = frame[column].astype("object")
    if column == "metropole":
        values = values.where(
            values.notna() | frame["departement_code"].isna(), rules.OUTSIDE_METROPOLE
        )
    return values.fillna(UNKNOWN)


def counts_then_and_now(editions: Editions, region_code: str, column: str) -> pd.DataFrame:
    """Companies by `column` at each edition, the change and the growth rate; labels never
    ranked (« Autres », « hors métropole », « non renseigné ») then `ensemble` last."""
    before = _labels(_active_in(editions.previous, region_code), column).value_counts()
    after = _labels(_active_in(editions.current, region_code), column).value_counts()
    table = pd.concat([before.rename("avant"), after.rename("apres")], axis=1).fillna(0)
    table = table.astype(int).sort_values(["apres", "avant"], ascending=False, kind="stable")
    table = table.reindex(stats.ranked_first(table.index))
    table.loc["ensemble"] = table.sum()
    table["variation"] = table["apres"] - table["avant"]
    table["growth"] = (table["variation"] / table["avant"].where(table["avant"] > 0)).astype(
        "Float64"
    )
    return table.rename_axis(column).reset_index()


def _present(editions: Editions, region_code: str) -> pd.DataFrame:
    """Companies present in both editions in the région: previous and current columns side by side."""
    flow = _region_flow(editions, region_code)
    both = flow[flow["flow"] == BOTH]
    then = editions.previous.set_index("company_id").loc[both["previous_id"]].reset_index()
    now = editions.current.set_index("company_id").loc[both["current_id"]].reset_index()
    return then.add_suffix("_avant").join(now.add_suffix("_apres"))


def category_transitions(editions: Editions, region_code: str) -> pd.DataFrame:
    """Matrix: catégorie at the previous edition (rows) × now (columns), companies in both."""
    present = _present(editions, region_code)
    grid = pd.crosstab(
        present["size_category_avant"].fillna(UNKNOWN),
        present["size_category_apres"].fillna(UNKNOWN),
    )
    grid = grid.reindex(index=CATEGORIES, columns=CATEGORIES, fill_value=0)
    grid = grid.loc[grid.sum(axis=1) > 0, grid.sum(axis=0) > 0]
    return grid.rename_axis(index="catégorie avant", columns=None).reset_index()


def band_changes(editions: Editions, region_code: str, band_order: list) -> pd.DataFrame:
    """Companies in both editions whose INSEE band went up, stayed or went down (n: band known twice)."""
    present = _present(editions, region_code)
    rank = {code: i for i, code in enumerate(band_order)}
    before = present["headcount_band_avant"].map(rank)
    after = present["headcount_band_apres"].map(rank)
    known = before.notna() & after.notna()
    labels = ("tranche supérieure", "même tranche", "tranche inférieure")
    counts = [
        int((after[known] > before[known]).sum()),
        int((after[known] == before[known]).sum()),
        int((after[known] < before[known]).sum()),
    ]
    n = int(known.sum())
    return pd.DataFrame(
        {
            "indicateur": labels,
            "count": counts,
            "n": n,
            "share": [c / n if n else np.nan for c in counts],
        }
    )


def moves(editions: Editions, region_code: str) -> pd.DataFrame:
    """Companies in both editions that changed département: from, to, count."""
    present = _present(editions, region_code)
    moved = present[
        present["departement_code_avant"].notna()
        & present["departement_code_apres"].notna()
        & (present["departement_code_avant"] != present["departement_code_apres"])
    ]
    table = (
        moved.groupby(["departement_code_avant", "departement_code_apres"]).size().rename("count")
    )
    return table.reset_index().sort_values(
        ["count", "departement_code_avant"], ascending=[False, True], kind="stable"
    )


def headcount_change(editions: Editions, region_code: str) -> pd.DataFrame:
    """Exact headcounts of the companies in both editions that give one at both: n, totals, change."""
    present = _present(editions, region_code)
    known = present.dropna(subset=["headcount_avant", "headcount_apres"])
    before = int(known["headcount_avant"].sum())
    after = int(known["headcount_apres"].sum())
    return pd.DataFrame(
        {
            "indicateur": ["salariés (effectifs exacts aux deux éditions)"],
            "n": [len(known)],
            "avant": [before],
            "apres": [after],
            "variation": [after - before],
            "growth": pd.array([(after - before) / before if before else pd.NA], dtype="Float64"),
        }
    )


def survival(editions: Editions, region_code: str) -> pd.DataFrame:
    """Share of the previous edition's companies still active now, by age at the previous edition.

    Still active: found again and not closed, in the région or elsewhere. Base: the cohort's
    companies at the previous edition.
    """
    flow = _region_flow(editions, region_code)
    then = editions.previous.set_index("company_id").loc[
        flow.loc[flow["flow"] != ENTRIES, "previous_id"]
    ]
    alive = flow.loc[flow["flow"] != ENTRIES, "reason"].isin([BOTH, LEFT]).to_numpy()
    ages = stats.age_bands(age_in_years(then["creation_date"], editions.previous_as_of)).astype(
        "string"
    )
    cohort = ages.fillna("date de création inconnue").to_numpy()
    table = (
        pd.DataFrame({"age": cohort, "alive": alive})
        .groupby("age", sort=False)["alive"]
        .agg(count="sum", n="size")
    )
    table = table.reindex([*stats.AGE_LABELS, "date de création inconnue"]).dropna()
    table = table.astype(int)
    table["share"] = table["count"] / table["n"]
    return table.rename_axis("age").reset_index()
