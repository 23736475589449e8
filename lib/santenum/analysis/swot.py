"""Material for the analyst's AFOM (SWOT): the indicators where the région is clearly among the top
or bottom three of the régions that have data. Figures with their rank and n, not prose.

The ranking follows core/rules.py: régions whose figure rests on too few companies are not ranked,
a sample's figure (what companies declare) is ranked on its Wilson interval — a région is among
the top three only when at most two régions could be ahead of it —, « Autres » is never ranked,
and a specialisation index is a strength only above 1 beyond its interval (1 = like France).
"""

import numpy as np
import pandas as pd

from santenum.analysis import stats
from santenum.core import rules
from santenum.core.vocabulary import INDICATORS

EDGE = 3  # top three and bottom three
SPECIALISATION_UNIT = "indice (1 = comme la France)"
TOP, BOTTOM = "3 premières", "3 dernières"


def _interval(share_row: pd.Series) -> tuple:
    """(value, n, low, high) of a stats share row; low/high the value itself for a census."""
    value, n = share_row["share"], share_row["n"]
    if pd.isna(share_row["ci_low"]):
        return value, n, value, value
    return value, n, share_row["ci_low"], share_row["ci_high"]


def _per_region(companies: pd.DataFrame, population: pd.Series, as_of) -> dict:
    """indicator -> {région: (value, n, low, high)}."""
    density = stats.per_100k(companies["region_code"].value_counts(), population)
    out = {column: {} for column in INDICATORS}
    for code, mine in companies.groupby("region_code"):
        dynamics = stats.recent_creations(mine.assign(_all="all"), as_of, by="_all")
        located = mine.dropna(subset=["departement_code"])
        recent, previous = (
            (dynamics.iloc[0]["recent"], dynamics.iloc[0]["previous"]) if len(dynamics) else (0, 0)
        )
        growth = recent / previous - 1 if previous else float("nan")
        concentration = stats.top_share(located["departement_code"].value_counts())
        out["per_100k"][code] = (density[code], len(mine), density[code], density[code])
        out["young_share"][code] = _interval(stats.young_share(mine["age_years"]).iloc[0])
        out["ai_share"][code] = _interval(stats.share(mine["uses_ai"], "IA").iloc[0])
        out["under_ten_share"][code] = _interval(stats.under_ten_share(mine).iloc[0])
        out["growth"][code] = (growth, recent + previous, growth, growth)
        out["top_two_share"][code] = (concentration, len(located), concentration, concentration)
    return out


def _specialisation(companies: pd.DataFrame) -> dict:
    """(label, unit) -> {région: (location quotient, n, low, high)} for each segment that may be
    ranked; the interval is the région's share's (a sample) over the national share."""
    out = {}
    for code in sorted(companies["region_code"].dropna().unique()):
        quotients = stats.location_quotients(companies, code)
        low, high = stats.wilson_interval(quotients["count"], quotients["n"])
        national = quotients["national_share"].to_numpy(dtype=float)
        for row, lo, hi, base in zip(quotients.itertuples(), low, high, national, strict=True):
            if not rules.is_ranked(row.segment):
                continue
            key = (f"spécialisation : {row.segment}", SPECIALISATION_UNIT)
            out.setdefault(key, {})[code] = (row.location_quotient, row.n, lo / base, hi / base)
    return out


def _position(ranked: pd.DataFrame, code: str, specialisation: bool) -> str | None:
    """TOP when at most EDGE − 1 régions could be ahead (clearly ahead or tied), BOTTOM likewise
    behind; a specialisation index only above (below) 1 beyond its interval."""
    mine = ranked.loc[code]
    if int(mine["ahead"]) + int(mine["tied"]) < EDGE and (not specialisation or mine["low"] > 1):
        return TOP
    if int(mine["behind"]) + int(mine["tied"]) < EDGE and (not specialisation or mine["high"] < 1):
        return BOTTOM
    return None


def edge_indicators(
    companies: pd.DataFrame, region_code: str, population: pd.Series, as_of
) -> pd.DataFrame:
    """afom_indicateurs: indicateur, chiffre, unite, rank (1 + the régions clearly ahead; 1 =
    highest), tied (régions it cannot be told from), regions ranked, n, position.

    Régions whose indicator rests on too few companies (a share, a density, a growth or an
    index; rules.too_few, n = 0 included) are not ranked.
    """
    table = _per_region(companies, population, as_of)
    indicators = {INDICATORS[column]: table[column] for column in INDICATORS}
    indicators.update(_specialisation(companies))
    rows = []
    for (label, unit), by_region in indicators.items():
        usable = {  # a figure on too few companies — share, density, growth, index — unranked
            code: figure
            for code, figure in by_region.items()
            if pd.notna(figure[0]) and not rules.too_few(figure[1])
        }
        if region_code not in usable or len(usable) <= 2 * EDGE:
            continue
        frame = pd.DataFrame(usable, index=["value", "n", "low", "high"]).T.astype(float)
        ranked = frame.join(rules.ranks(frame["value"], frame["low"], frame["high"]))
        position = _position(ranked, region_code, unit == SPECIALISATION_UNIT)
        if position is None:
            continue
        mine = ranked.loc[region_code]
        rows.append(
            {
                "indicateur": label,
                "chiffre": stats.rounded(
                    float(mine["value"]) * (100 if unit == "%" else 1), 1 if unit == "%" else 2
                ),
                "unite": unit,
                "rank": int(mine["rank"]),
                "tied": int(mine["tied"]),
                "regions": len(frame),
                "n": int(mine["n"]),
                "position": position,
            }
        )
    columns = ["indicateur", "chiffre", "unite", "rank", "tied", "regions", "n", "position"]
    return (
        pd.DataFrame(rows, columns=columns)
        .sort_values(["position", "rank"], kind="stable")
        .reset_index(drop=True)
        .astype({"chiffre": np.float64})
    )
