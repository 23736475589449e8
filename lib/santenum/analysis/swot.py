"""Material for the analyst's AFOM (SWOT): the indicators where the région ranks in the top or
bottom three of the régions that have data. Figures with their rank and n, not prose."""

import pandas as pd

from santenum.analysis import stats
from santenum.core.vocabulary import INDICATORS

EDGE = 3  # top three and bottom three
SPECIALISATION_UNIT = "indice (1 = comme la France)"


def _per_region(companies: pd.DataFrame, population: pd.Series, as_of) -> pd.DataFrame:
    """One row per région: each indicator's value and its n."""
    density = stats.per_100k(companies["region_code"].value_counts(), population)
    rows = {}
    for code, mine in companies.groupby("region_code"):
        dynamics = stats.recent_creations(mine.assign(_all="all"), as_of, by="_all")
        located = mine.dropna(subset=["departement_code"])
        young = stats.young_share(mine["age_years"]).iloc[0]
        ai = stats.share(mine["uses_ai"], "IA").iloc[0]
        under_ten = stats.under_ten_share(mine).iloc[0]
        recent, previous = (
            (dynamics.iloc[0]["recent"], dynamics.iloc[0]["previous"]) if len(dynamics) else (0, 0)
        )
        rows[code] = {
            "per_100k": (density[code], len(mine)),
            "young_share": (young["share"], young["n"]),
            "ai_share": (ai["share"], ai["n"]),
            "under_ten_share": (under_ten["share"], under_ten["n"]),
            "growth": (recent / previous - 1 if previous else float("nan"), recent + previous),
            "top_two_share": (
                stats.top_share(located["departement_code"].value_counts()),
                len(located),
            ),
        }
    return pd.DataFrame(rows).T


def _specialisation(companies: pd.DataFrame) -> dict:
    """(label, unit) -> {région: (location quotient, n)} for each segment."""
    out = {}
    for code in sorted(companies["region_code"].dropna().unique()):
        quotients = stats.location_quotients(companies, code)
        for row in quotients.itertuples():
            key = (f"spécialisation : {row.segment}", SPECIALISATION_UNIT)
            out.setdefault(key, {})[code] = (row.location_quotient, row.n)
    return out


def edge_indicators(
    companies: pd.DataFrame, region_code: str, population: pd.Series, as_of
) -> pd.DataFrame:
    """afom_indicateurs: indicateur, chiffre, unite, rank (1 = highest), regions ranked, n, position.

    Régions whose indicator has no base (n = 0) are not ranked.
    """
    table = _per_region(companies, population, as_of)
    indicators = {INDICATORS[column]: table[column].to_dict() for column in INDICATORS}
    indicators.update(_specialisation(companies))
    rows = []
    for (label, unit), by_region in indicators.items():
        values = pd.Series({code: pair[0] for code, pair in by_region.items() if pair[1]})
        values = pd.to_numeric(values, errors="coerce").dropna()
        if region_code not in values.index or len(values) <= 2 * EDGE:
            continue
        rank = int(values.rank(ascending=False, method="min")[region_code])
        if EDGE < rank <= len(values) - EDGE:
            continue
        rows.append(
            {
                "indicateur": label,
                "chiffre": float(values[region_code]) * (100 if unit == "%" else 1),
                "unite": unit,
                "rank": rank,
                "regions": len(values),
                "n": int(by_region[region_code][1]),
                "position": "3 premières" if rank <= EDGE else "3 dernières",
            }
        )
    columns = ["indicateur", "chiffre", "unite", "rank", "regions", "n", "position"]
    return (
        pd.DataFrame(rows, columns=columns)
        .sort_values(["position", "rank"], kind="stable")
        .reset_index(drop=True)
    )
