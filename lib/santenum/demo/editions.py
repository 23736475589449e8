"""The demo's previous edition (2022-06-30) and the churn between it and the current one.

The current edition stays calibrated on the study; the previous one is derived from it, as an
observatory would have found the filière a year earlier:
- creations: companies created after 2022-06-30 are absent;
- newly found: a share of older companies were missed by the previous edition;
- closures: companies of the previous edition have ceased since; their cluster list still names
  them, and the current SIRENE extract says so (etatAdministratifUniteLegale = C);
- departures: a few members of the previous edition are named by no list now (not found again);
- moves: some companies were elsewhere (another département, a few another région);
- growth: exact headcounts were smaller (band and revenue follow).
"""

import numpy as np
import pandas as pd

from santenum.core import config, reference
from santenum.core.text import fold
from santenum.demo import calibration as cal
from santenum.demo.names import company_names
from santenum.demo.population import WITH_SIREN, _communes, pick, postal_codes_by_commune
from santenum.demo.synthetic import head_office_sirets, random_sirens

PREVIOUS_DATE = pd.Timestamp(config.PREVIOUS_AS_OF)
NEWLY_FOUND_RATE = 0.06  # older companies of the current edition the previous one missed
CEASED_RATE = 0.04  # companies of the previous edition that have ceased since
GONE_RATE = 0.01  # members of the previous edition that no list names now (not found again)
MOVED_RATE = 0.04  # companies found elsewhere at the previous edition
OTHER_REGION_SHARE = 0.25  # of those moves, the share that came from another région
GROWTH = (1.0, 1.5)  # current headcount / previous headcount, drawn uniformly


def ceased_companies(rng, companies: pd.DataFrame) -> pd.DataFrame:
    """Members with a SIREN who have ceased since the previous edition (`ceased` true)."""
    ceased = _new_members(rng, companies, companies, CEASED_RATE)
    ceased["ceased"] = True
    return ceased


def _new_members(rng, companies: pd.DataFrame, pool: pd.DataFrame, rate: float) -> pd.DataFrame:
    """rate × len(companies) copies of registered cluster members of `pool` created before the
    previous edition, spread over the régions as they are (so every attribute stays coherent),
    with names and SIRENs that no company of `companies` has."""
    templates = pool[
        (pool["pattern"] == "cluster+sirene")
        & (pool["creation_date"] < PREVIOUS_DATE - pd.DateOffset(years=1))
    ]
    per_region = templates.groupby("region_code").size()
    wanted = (per_region / per_region.sum() * rate * len(companies)).round().astype(int)
    chosen = [
        rng.choice(templates.index[templates["region_code"] == region], size=k, replace=False)
        for region, k in wanted.items()
        if k
    ]
    copies = companies.loc[np.concatenate(chosen)].copy().reset_index(drop=True)
    taken = set(companies["name"])
    names = [n for n in company_names(rng, len(companies) + len(copies)) if n not in taken]
    copies["name"] = names[: len(copies)]
    copies["plain_name"] = copies["name"].str.upper()
    used = set(companies["siren"].dropna())
    sirens = [s for s in random_sirens(len(companies) + len(copies), rng) if s not in used]
    copies["siren"] = pd.array(sirens[: len(copies)], dtype="string")
    copies["siret"] = head_office_sirets(copies["siren"])
    return copies


def _grow_back(rng, frame: pd.DataFrame) -> None:
    """Smaller exact headcounts a year earlier; band, size class and revenue follow."""
    known = frame.index[frame["headcount"].notna() & (frame["headcount"] > 0)]
    ratio = rng.uniform(*GROWTH, size=len(known))
    before = np.floor(frame.loc[known, "headcount"].to_numpy(float) / ratio).astype(int)
    frame.loc[known, "headcount"] = before
    frame.loc[known, "revenue_eur"] = frame.loc[known, "revenue_eur"] / ratio
    table = reference.bands().dropna(subset=["min"])
    table = table[table["code"] != "NN"].sort_values("min")
    position = np.searchsorted(table["min"].to_numpy(float), before, side="right") - 1
    frame.loc[known, "band"] = table["code"].to_numpy()[position]
    small = frame.loc[known, "size_class"].isin(["under 10", "10 to 249"])
    frame.loc[known[small], "size_class"] = np.where(before[small] < 10, "under 10", "10 to 249")


def _move_back(rng, frame: pd.DataFrame) -> None:
    """Another commune at the previous edition: another département, or another région."""
    located = frame.index[frame["commune_code"].notna() & frame["pattern"].isin(WITH_SIREN)]
    moved = rng.choice(located, size=round(MOVED_RATE * len(frame)), replace=False)
    communes = _communes()
    for index in moved:
        here = communes.loc[communes["commune_code"] == frame.at[index, "commune_code"]].iloc[0]
        elsewhere = rng.random() < OTHER_REGION_SHARE
        if not elsewhere:
            pool = communes[
                (communes["region_code"] == here["region_code"])
                & (communes["departement_code"] != here["departement_code"])
            ]
        elif here["region_code"] != cal.OCCITANIE and rng.random() < 0.5:
            pool = communes[communes["region_code"] == cal.OCCITANIE]  # the demo's région of study
        else:
            pool = communes[communes["region_code"] != here["region_code"]]
        if pool.empty:
            continue
        weights = pool["population"].to_numpy(float)
        there = pool.iloc[int(rng.choice(len(pool), p=weights / weights.sum()))]
        frame.at[index, "commune_code"] = there["commune_code"]
        frame.at[index, "commune_name"] = there["commune_name"]
        frame.at[index, "plain_commune"] = fold(pd.Series([there["commune_name"]])).str.upper()[0]
        frame.at[index, "region_code"] = there["region_code"]
        frame.at[index, "postal_code"] = pick(rng, postal_codes_by_commune()[there["commune_code"]])


def previous_population(rng, companies: pd.DataFrame) -> pd.DataFrame:
    """The previous edition's companies, from the current ones (ceased ones included, active then),
    and members that no list names any more (not found again; SIRENE does not say they ceased)."""
    frame = companies[~(companies["creation_date"] > PREVIOUS_DATE)].copy()
    older = frame.index[~frame["ceased"]]
    missed = rng.choice(older, size=round(NEWLY_FOUND_RATE * len(older)), replace=False)
    frame = frame.drop(index=missed)
    frame["ceases_later"] = frame["ceased"]
    frame["gone_later"] = False
    frame["ceased"] = False
    _grow_back(rng, frame)
    _move_back(rng, frame)
    gone = _new_members(rng, companies, companies[~companies["ceased"]], GONE_RATE)
    gone.index = gone.index + frame.index.max() + 1
    return pd.concat(
        [frame.sort_index(kind="stable"), gone.assign(ceases_later=False, gone_later=True)]
    )
