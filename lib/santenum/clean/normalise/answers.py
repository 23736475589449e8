"""Yes/no survey answers ('oui', 'non', 'NSP'), vectorised."""

import pandas as pd

from santenum.core.text import fold, per_distinct, truth

_TRUE = {"oui", "o", "yes", "y", "vrai", "true", "1", "x"}
_FALSE = {"non", "n", "no", "faux", "false", "0"}
_UNKNOWN = {
    "nsp",
    "ne sait pas",
    "ne sais pas",
    "ns",
    "nr",
    "non renseigne",
    "inconnu",
    "je ne sais pas",
    "na",
}


@per_distinct
def is_unknown_answer(values) -> pd.Series:
    """True for answers that say 'I don't know' ('NSP', 'ne sait pas')."""
    return truth(fold(values).isin(_UNKNOWN))


@per_distinct
def parse_yes_no(values) -> pd.Series:
    """oui/non answers -> nullable boolean; 'NSP' and unreadable answers are missing."""
    s = fold(values)
    out = pd.Series(pd.NA, index=s.index, dtype="boolean")
    out[truth(s.isin(_TRUE))] = True
    out[truth(s.isin(_FALSE))] = False
    return out
