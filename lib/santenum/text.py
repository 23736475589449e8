"""Vectorised text normalisation: display names, folded text and company-name match keys."""
import re
from functools import cache

import pandas as pd

# Legal-form abbreviations recognised at the start or end of a company name.
LEGAL_FORMS = (
    "sas", "sasu", "sarl", "eurl", "sa", "sca", "scs", "snc", "sci", "scop", "scic", "sem", "gie",
    "selarl", "selas", "selafa", "selca", "sarlu", "ei", "eirl", "sc", "association", "ste", "societe",
)
_FORMS = "|".join(sorted(LEGAL_FORMS, key=len, reverse=True))
_TRAILING_FORMS = rf"(?:\s+(?:{_FORMS}))+$"
_LEADING_FORMS = rf"^(?:(?:{_FORMS})\s+)+"
_SPACES = r"[\s\u00a0\u202f]+"


def as_text(values) -> pd.Series:
    """Return a string Series with blank cells as missing values."""
    s = pd.Series(values, dtype="string") if not isinstance(values, pd.Series) else values.astype("string")
    s = s.str.strip()
    return s.mask(s == "")


def display_name(values: pd.Series) -> pd.Series:
    """Unicode NFC, inner white space collapsed; accents and case kept."""
    s = as_text(values).str.normalize("NFC").str.replace(_SPACES, " ", regex=True)
    return s.mask(s == "")


def fold(values: pd.Series) -> pd.Series:
    """Accent-free, lower-case text with punctuation turned into single spaces."""
    s = as_text(values).str.normalize("NFKD").str.replace(r"[\u0300-\u036f]", "", regex=True)
    s = s.str.casefold().str.replace("œ", "oe").str.replace("æ", "ae")
    s = s.str.replace(r"(?<=\w)\.(?=\w)", "", regex=True)  # S.A.S. -> SAS
    s = s.str.replace(r"[\W_]+", " ", regex=True).str.strip()
    return s.mask(s == "")


def name_key(values: pd.Series) -> pd.Series:
    """Match key of a company name: folded, legal-form words removed at either end, no spaces."""
    s = fold(values)
    s = s.str.replace(_TRAILING_FORMS, "", regex=True)
    s = s.str.replace(_LEADING_FORMS, "", regex=True).str.replace(" ", "")
    return s.mask(s == "")


@cache
def header_key(header: str) -> str:
    """Folded header without spaces; units in parentheses and a trailing year dropped."""
    words = fold(pd.Series([re.sub(r"\(.*?\)", " ", str(header))])).iloc[0]
    if pd.isna(words):
        return ""
    parts = words.split(" ")
    if len(parts) > 1 and re.fullmatch(r"(19|20)\d\d", parts[-1]):
        parts = parts[:-1]
    return "".join(parts)


def truth(mask) -> pd.Series:
    """A boolean mask with missing values taken as False."""
    return mask.astype("boolean").fillna(False).astype(bool)
