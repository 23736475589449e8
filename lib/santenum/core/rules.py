"""The study's statistical rules, in one place: what a figure may say and how it is ranked.

Every table, chart, sentence, tile, AFOM line, benchmark, the national view and tables.xlsx
apply these rules through this module:

- a share resting on fewer than MIN_SHARE_N companies is not given as a percentage: TOO_FEW;
- an interval is given for a sample (what companies declare: the survey's answers), never for a
  census (the register's facts, or every company);
- « Autres » (a taxonomy's catch-all), « non renseigné » and « hors métropole » are never ranked
  nor marked: they are listed last;
- a rank, or « premier », is given only when the gap is beyond the intervals; otherwise the
  figures are TIED.
"""

import math
from functools import cache

import numpy as np
import pandas as pd

from santenum.core import french
from santenum.core.reference import catch_all
from santenum.core.table.columns import BY_NAME, SURVEY_FIRST

MIN_SHARE_N = 10
TOO_FEW = "n trop faible"
TIED = "à égalité"
UNKNOWN = "non renseigné"  # a value the data does not give
OUTSIDE_METROPOLE = "hors métropole"  # a located company outside every métropole (not unknown)
# Taxonomies whose catch-all label is never ranked.
RANKED_TAXONOMIES = ("segments", "products", "needs", "maturity", "technologies", "value_chain")


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def too_few(n) -> bool:
    """Whether a share on n companies is too fragile to be given as a percentage."""
    return _missing(n) or float(n) < MIN_SHARE_N


def share_text(value, n, decimals: int = 1) -> str:
    """The share in French ('42,3 %'), or TOO_FEW when it rests on fewer than MIN_SHARE_N."""
    return TOO_FEW if too_few(n) else french.percent(value, decimals)


def is_sample(*columns) -> bool:
    """Whether figures on these company columns rest on a sample: what companies declare (the
    survey's answers, survey-first columns), as opposed to the register's census facts."""
    return any(
        column in BY_NAME and BY_NAME[column].precedence == SURVEY_FIRST for column in columns
    )


@cache  # asked once per label ranked; the warm kernels empty it between notebooks
def unranked_labels() -> frozenset:
    """Labels never ranked nor marked: every catch-all, UNKNOWN and OUTSIDE_METROPOLE."""
    labels = {UNKNOWN, OUTSIDE_METROPOLE}
    for taxonomy in RANKED_TAXONOMIES:
        labels.update(catch_all(taxonomy))
    return frozenset(labels)


def is_ranked(label) -> bool:
    """Whether a label may be ranked or marked (not a catch-all, unknown or outside métropole)."""
    return not _missing(label) and label not in unranked_labels()


def ranked_mask(values) -> np.ndarray:
    """Whether each label may be ranked, as a boolean array (also for no label at all)."""
    return np.array([is_ranked(value) for value in values], dtype=bool)


def unranked_last(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """The frame with the rows whose `column` is never ranked moved to the end (order kept)."""
    ranked = ranked_mask(frame[column])
    return pd.concat([frame[ranked], frame[~ranked]])


def ranks(values, low=None, high=None) -> pd.DataFrame:
    """Ranks that claim no more than the data: `rank` = 1 + the items clearly ahead (whose interval
    lies wholly above this one's), `ahead`, `behind` (clearly below) and `tied` (neither).

    low / high: each value's interval (sample figures); None: a census figure, exact, tied only
    with an equal value. Missing values get no rank.
    """
    values = pd.Series(values, dtype="Float64").astype(float)
    low = values if low is None else pd.Series(low, index=values.index, dtype="Float64")
    high = values if high is None else pd.Series(high, index=values.index, dtype="Float64")
    low, high = low.astype(float).to_numpy(), high.astype(float).to_numpy()
    known = values.notna().to_numpy()
    rows = []
    for i in range(len(values)):
        if not known[i]:
            rows.append((pd.NA, pd.NA, pd.NA, pd.NA))
            continue
        others = known & (np.arange(len(values)) != i)
        ahead = int((others & (low > high[i])).sum())
        behind = int((others & (high < low[i])).sum())
        tied = int(others.sum()) - ahead - behind
        rows.append((ahead + 1, ahead, behind, tied))
    return pd.DataFrame(
        rows, index=values.index, columns=["rank", "ahead", "behind", "tied"], dtype="Int64"
    )
