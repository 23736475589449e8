"""Company names as INSEE's register writes them (upper case, no accents), for synthetic stocks.

Patterns seen in the real register, in rough proportions: an invented word (ZOLIVA), an invented
word and an activity (ZOLIVA CONSEIL), an activity and a first name (GARAGE NATHALIE) or a commune
(TRANSPORTS DE ROQUEFORT), a civil-property company (SCI DU MOULIN), initials (ABC SERVICES), two
first names (PIERRE ET MARIE), and the demo's health names (CARDIOPLUME SANTE). Common patterns
repeat across the country, as real homonyms do; invented words rarely do.
"""

from functools import cache

import numpy as np
import pandas as pd

from santenum.core import reference
from santenum.core.text import fold
from santenum.demo.names import ENDINGS, STEMS

ACTIVITIES = (
    "GARAGE", "BOULANGERIE", "TRANSPORTS", "CONSEIL", "IMMOBILIER", "PHARMACIE", "CABINET",
    "LABORATOIRE", "INFORMATIQUE", "SERVICES", "BATIMENT", "RENOVATION", "RESTAURANT",
    "BOUCHERIE", "COIFFURE", "PLOMBERIE", "ELECTRICITE", "MENUISERIE", "AGENCE", "ATELIER",
    "STUDIO", "INSTITUT", "CENTRE", "CLINIQUE", "SANTE", "MEDICAL", "DIGITAL", "SOLUTIONS",
    "SYSTEMES", "TECHNOLOGIES", "GROUPE", "HOLDING", "INVEST", "PATRIMOINE", "DISTRIBUTION",
    "LOGISTIQUE", "NETTOYAGE", "SECURITE", "FORMATION", "INGENIERIE", "COMMUNICATION", "DESIGN",
    "AUTO", "ENERGIE", "HABITAT", "PAYSAGE", "DOMAINE", "CHATEAU", "ETABLISSEMENTS", "SOCIETE",
    "INTERNATIONAL", "PHARMA", "DIAGNOSTIC", "BIOTECH",
)  # fmt: skip
ACTIVITIES_ARRAY = np.array(ACTIVITIES, dtype=object)
_CONSONANTS = np.array(list("BCDFGKLMNPRSTVZ"))
_VOWELS = np.array(list("AEIOUY"))
PATTERNS = {  # pattern -> share of names
    "invented": 0.25,
    "invented_activity": 0.15,
    "activity_first_name": 0.15,
    "activity_commune": 0.10,
    "sci": 0.10,
    "initials": 0.08,
    "health": 0.05,
    "two_first_names": 0.05,
    "two_invented": 0.07,
}
LEGAL_SUFFIXES = (" SAS", " SARL", " SA", " EURL")


@cache
def _pools() -> tuple:
    first = reference.table("first_names")["first_name"].str.upper().to_numpy(object)
    communes = fold(reference.current_communes()["commune_name"]).str.upper()
    health = [fold(pd.Series([s + e])).iloc[0].upper() for s in STEMS for e in ENDINGS]
    return first, communes.to_numpy(object), np.array(health, dtype=object)


_SYLLABLES = np.array([c + v for c in _CONSONANTS for v in _VOWELS], dtype=object)


def _invented(rng, n: int) -> pd.Series:
    """Words of two or three consonant-vowel syllables (ZOLIVA, FUGI)."""
    drawn = _SYLLABLES[rng.integers(0, len(_SYLLABLES), (n, 3))]
    word = drawn[:, 0] + drawn[:, 1]
    three = rng.random(n) < 0.5
    word[three] = word[three] + drawn[three, 2]
    return pd.Series(word)


def _made(rng, key: str, n: int, pools: tuple) -> pd.Series:
    """n names of one pattern."""
    first, communes, health = pools
    pick = lambda pool: pd.Series(pool[rng.integers(0, len(pool), n)])  # noqa: E731
    if key == "invented":
        return _invented(rng, n)
    if key == "invented_activity":
        return _invented(rng, n) + " " + pick(ACTIVITIES_ARRAY)
    if key == "activity_first_name":
        return pick(ACTIVITIES_ARRAY) + " " + pick(first)
    if key == "activity_commune":
        return pick(ACTIVITIES_ARRAY) + " DE " + pick(communes)
    if key == "sci":
        return "SCI " + pick(np.concatenate([first, communes]))
    if key == "initials":
        letters = _CONSONANTS[rng.integers(0, len(_CONSONANTS), (n, 3))].astype(object)
        return (
            pd.Series(letters[:, 0] + letters[:, 1] + letters[:, 2]) + " " + pick(ACTIVITIES_ARRAY)
        )
    if key == "health":
        return pick(health) + " " + pick(ACTIVITIES_ARRAY)
    if key == "two_first_names":
        return pick(first) + " ET " + pick(first)
    return _invented(rng, n) + " " + _invented(rng, n)


def register_names(rng: np.random.Generator, n: int) -> np.ndarray:
    """n names (object array) drawn by PATTERNS; one in ten ends with a legal form."""
    pools = _pools()
    shares = np.array(list(PATTERNS.values()))
    pattern = rng.choice(len(PATTERNS), size=n, p=shares / shares.sum())
    names = np.empty(n, dtype=object)
    for code, key in enumerate(PATTERNS):
        where = np.flatnonzero(pattern == code)
        names[where] = _made(rng, key, len(where), pools).to_numpy(object)
    legal = np.flatnonzero(rng.random(n) < 0.1)
    suffixes = np.array(LEGAL_SUFFIXES, dtype=object)[
        rng.integers(0, len(LEGAL_SUFFIXES), len(legal))
    ]
    names[legal] = names[legal] + suffixes
    return names
