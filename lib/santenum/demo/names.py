"""Invented company names: a medical stem, a whimsical French ending and sometimes a second word.

"Cardioplume", "Neurogalet Santé": made-up words, so that no name reads as a real company's.
"""

import numpy as np

from santenum.core.errors import InputError

STEMS = (
    "Cardio",
    "Neuro",
    "Médi",
    "Onco",
    "Théra",
    "Pneumo",
    "Derma",
    "Géria",
    "Kiné",
    "Ortho",
    "Pédia",
    "Psycho",
    "Radio",
    "Immuno",
    "Nutri",
    "Dento",
    "Ophta",
    "Hémo",
    "Gastro",
    "Endo",
    "Rhuma",
    "Néphro",
    "Uro",
    "Vita",
)
ENDINGS = (
    "plume",
    "galet",
    "lutin",
    "flocon",
    "bulle",
    "brindille",
    "luciole",
    "cerise",
    "muguet",
    "noisette",
    "pivoine",
    "grelot",
    "lanterne",
    "moulin",
    "escargot",
    "papillon",
    "sablier",
    "tambour",
    "violon",
    "comète",
)
SECOND_WORDS = (
    "",
    "",
    "",
    " Santé",
    " Solutions",
    " Labs",
    " Systèmes",
    " Numérique",
    " Connect",
    " Data",
)


def company_names(rng: np.random.Generator, n: int) -> list:
    """n distinct invented names (at most len(STEMS) × len(ENDINGS) × len(set(SECOND_WORDS)))."""
    seconds = sorted(set(SECOND_WORDS))
    space = len(STEMS) * len(ENDINGS) * len(seconds)
    if n > space:
        raise InputError(
            "--scale", f"the demo invents at most {space} distinct names, this scale needs {n}"
        )
    weights = np.array([SECOND_WORDS.count(w) for w in seconds], dtype=float)
    draws = rng.choice(
        space,
        size=space,
        replace=False,
        p=np.tile(weights / weights.sum(), space // len(seconds)) / (space // len(seconds)),
    )[:n]
    names = []
    for draw in draws:
        stem, rest = divmod(int(draw), len(ENDINGS) * len(seconds))
        ending, second = divmod(rest, len(seconds))
        names.append(STEMS[stem] + ENDINGS[ending] + seconds[second])
    return names
