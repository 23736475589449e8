"""Score each candidate and decide: identified, to check, or not found. Precision first.

A candidate's score adds points for what agrees (documented in docs/sirene.md, tuned on
benchmarks/bench_identify.py): how alike the names are, how precisely the place agrees, whether a
spreadsheet-rounded SIRET still fits the candidate's, a creation year or NAF code the list gives
that agrees with the register's, and a penalty for a ceased unit or establishment. A company is
identified only when its best candidate scores at least ACCEPT and leads every other SIREN by
MARGIN; a best score of at least REVIEW lists up to three candidates for a person; below that,
nothing is proposed.
"""

from enum import StrEnum

import numpy as np
import pandas as pd

ACCEPT = 8.0
MARGIN = 1.0
REVIEW = 4.0
SHOWN_CANDIDATES = 3
# (lowest Jaro-Winkler similarity, points), highest first; the 0.95 tier asks for one typo at
# most (one edit between the folded names): two invented names of one pattern ("Pédialuciole
# Data", "Médiluciole Data") are as alike to Jaro-Winkler, and are two companies.
NAME_POINTS = ((0.999, 6.0), (0.95, 4.0), (0.92, 2.0), (0.0, 0.0))
TYPO_TIER, MAX_TYPO_EDITS = 0.95, 1
PLACE_POINTS = {4: 4.0, 3: 3.0, 1: 2.0, 0: 2.0}  # candidates.PLACE_LEVELS
SIRET_FITS, SIRET_CONTRADICTS = 6.0, -6.0
CEASED_UNIT, CEASED_ESTABLISHMENT = -2.0, -1.0
# The list's creation year: the register's (+1), or three years or more away from it (-1); the
# list's NAF code: the unit's or the establishment's (+1; a differing one proves little).
SAME_YEAR, FAR_YEAR, FAR_YEARS = 1.0, -1.0, 3
SAME_NAF = 1.0


class Status(StrEnum):
    """What identification concluded for one company (the French words of identification.csv)."""

    IDENTIFIED = "identifiée"
    TO_CHECK = "à vérifier"
    NOT_FOUND = "non trouvée"
    CONFIRMED = "identifiée (décision)"
    REJECTED = "écartée (décision)"


def scores(candidates: pd.DataFrame) -> pd.Series:
    """Points of each candidate row (columns of candidates.find_candidates)."""
    similarity = candidates["name_similarity"].to_numpy(float)
    edits = candidates["name_edits"].to_numpy(float)
    conditions = [
        similarity >= low if low != TYPO_TIER else (similarity >= low) & (edits <= MAX_TYPO_EDITS)
        for low, _ in NAME_POINTS
    ]
    name = np.select(conditions, [points for _, points in NAME_POINTS])
    place = candidates["place_level"].map(PLACE_POINTS).fillna(0.0).to_numpy(float)
    fits = candidates["siret_fits"].astype("boolean")
    siret = np.where(
        fits.eq(True).fillna(False),
        SIRET_FITS,
        np.where(fits.eq(False).fillna(False), SIRET_CONTRADICTS, 0.0),
    )
    ceased = np.where(
        candidates["unit_state"].eq("C"),
        CEASED_UNIT,
        np.where(candidates["establishment_state"].eq("F"), CEASED_ESTABLISHMENT, 0.0),
    )
    gap = candidates["year_gap"].astype("Float64")
    year = np.where(
        gap.eq(0).fillna(False), SAME_YEAR, np.where(gap.ge(FAR_YEARS).fillna(False), FAR_YEAR, 0.0)
    )
    naf = np.where(candidates["naf_agrees"].astype("boolean").fillna(False), SAME_NAF, 0.0)
    return pd.Series(
        name + place + siret + ceased + year + naf, index=candidates.index, name="score"
    )


def decide(candidates: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One row per query that has candidates: status, the chosen candidate (if identified), the
    best score and the margin over the next SIREN; `ranked` keeps every candidate, best first."""
    ranked = candidates.assign(score=scores(candidates)).sort_values(
        ["query", "score", "siren"], ascending=[True, False, True], kind="stable"
    )
    ranked["rank"] = ranked.groupby("query").cumcount()
    best = ranked[ranked["rank"] == 0].set_index("query")
    second = ranked[ranked["rank"] == 1].set_index("query")["score"].reindex(best.index)
    margin = (best["score"] - second).fillna(np.inf)
    status = np.where(
        (best["score"] >= ACCEPT) & (margin >= MARGIN),
        Status.IDENTIFIED.value,
        np.where(best["score"] >= REVIEW, Status.TO_CHECK.value, Status.NOT_FOUND.value),
    )
    decided = best.assign(status=status, margin=margin)
    return decided, ranked
