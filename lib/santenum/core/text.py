"""Vectorised text normalisation: display names, folded text and company-name match keys."""

import re
import unicodedata
from functools import cache, wraps

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

# Legal-form abbreviations recognised at the start or end of a company name.
LEGAL_FORMS = (
    "sas",
    "sasu",
    "sarl",
    "eurl",
    "sa",
    "sca",
    "scs",
    "snc",
    "sci",
    "scop",
    "scic",
    "sem",
    "gie",
    "selarl",
    "selas",
    "selafa",
    "selca",
    "sarlu",
    "ei",
    "eirl",
    "sc",
    "association",
    "ste",
    "societe",
)
_FORMS = "|".join(sorted(LEGAL_FORMS, key=len, reverse=True))
# Patterns run on folded text (single spaces). Literal characters rather than escapes such as
# \s or \u keep them within what pyarrow's regex engine takes; otherwise pandas falls back to
# Python's re, row by row, many times slower.
TRAILING_FORMS = rf"(?: (?:{_FORMS}))+$"
LEADING_FORMS = rf"^(?:(?:{_FORMS}) )+"
_SPACES = "[ \t\n\r\xa0\u202f]+"
_SPACES_TO_FIX = "  |[\t\n\r\xa0\u202f]"


def as_text(values) -> pd.Series:
    """Return a string Series with blank cells as missing values."""
    s = (
        pd.Series(values, dtype="string")
        if not isinstance(values, pd.Series)
        else values.astype("string")
    )
    s = s.str.strip()
    return s.mask(s == "")


def where_matches(s: pd.Series, trigger: str, func) -> pd.Series:
    """Apply func only to the values where the regex `trigger` is found.

    A regex search costs a fraction of a regex replacement, and most values need no change.
    """
    hit = truth(s.str.contains(trigger, regex=True))
    if hit.any():
        s = s.copy()
        s[hit] = func(s[hit])
    return s


def substitute(s: pd.Series, pattern: str, repl: str, trigger: str | None = None) -> pd.Series:
    """Regex replacement applied only to the values where `trigger` (default: pattern) is found."""
    return where_matches(
        s, trigger or pattern, lambda hit: hit.str.replace(pattern, repl, regex=True)
    )


def _on_non_ascii(s: pd.Series, func) -> pd.Series:
    """Apply func only to the values with non-ASCII characters (Unicode work is slow)."""
    return where_matches(s, r"[^\x00-\x7f]", func)


def _strip_accents(s: pd.Series) -> pd.Series:
    s = s.str.normalize("NFKD").str.replace(r"[\u0300-\u036f]", "", regex=True)
    return (
        s.str.replace("œ", "oe")
        .str.replace("Œ", "OE")
        .str.replace("æ", "ae")
        .str.replace("Æ", "AE")
    )


def display_name(values: pd.Series) -> pd.Series:
    """Unicode NFC, inner white space collapsed; accents and case kept."""
    s = _on_non_ascii(as_text(values), lambda wide: wide.str.normalize("NFC"))
    s = substitute(s, _SPACES, " ", trigger=_SPACES_TO_FIX)
    return s.mask(s == "")


def fold(values: pd.Series) -> pd.Series:
    """Accent-free, lower-case text with punctuation turned into single spaces."""
    s = _on_non_ascii(as_text(values), _strip_accents).str.lower()
    s = s.str.replace(".", "", regex=False)  # S.A.S. -> SAS
    s = substitute(s, r"[\W_]+", " ", trigger=r"[^a-z0-9 ]|  ").str.strip()
    return s.mask(s == "")


def name_words(values: pd.Series) -> pd.Series:
    """Folded company name with legal-form words removed at either end (words kept apart)."""
    s = substitute(fold(values), TRAILING_FORMS, "")
    s = substitute(s, LEADING_FORMS, "")
    return s.mask(s == "")


def name_key(values: pd.Series) -> pd.Series:
    """Match key of a company name: name_words() without spaces."""
    return name_words(values).str.replace(" ", "", regex=False)


# Words left out when a name is looked up in the register ("Durand & Fils" = "Durand et Fils").
MATCH_STOP_WORDS = ("et", "and", "de", "du", "des", "la", "le", "les", "l", "d", "en")
STOP_WORDS_PATTERN = rf"(?:^| )(?:{'|'.join(MATCH_STOP_WORDS)})(?= |$)"


# A name is compared on its first COMPARED_NAME_LENGTH characters, a list's (match_words() here)
# as the register's (sirene.names, in SQL): an edit distance costs the product of two names'
# lengths (two names of 15 000 characters took 2 GB), and no company's name is that long.
COMPARED_NAME_LENGTH = 200


# Abbreviations written for a word of a company name ("Labo Martin" = "LABORATOIRE MARTIN").
NAME_ABBREVIATIONS = {
    "labo": "laboratoire",
    "labos": "laboratoires",
    "ets": "etablissements",
    "st": "saint",
    "intl": "international",
    "cie": "compagnie",
    "assoc": "association",
    "grpe": "groupe",
}


def match_words(values: pd.Series) -> pd.Series:
    """name_words() without the stop words, abbreviations written out: the form compared with
    the register's names; only the first COMPARED_NAME_LENGTH characters are read."""
    first = pd.Series(values, dtype="string").str.slice(0, COMPARED_NAME_LENGTH)
    s = substitute(name_words(first), STOP_WORDS_PATTERN, "").str.strip()
    s = s.str.replace(" +", " ", regex=True)
    for short, full in NAME_ABBREVIATIONS.items():
        s = substitute(s, rf"(?:^|(?<= )){short}(?= |$)", full)
    return s.mask(s == "")


def fold_one(text: str) -> str:
    """fold() for one string, without pandas (headers: thousands of them in a wide file)."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c))
    for wide, narrow in (("œ", "oe"), ("Œ", "OE"), ("æ", "ae"), ("Æ", "AE")):
        text = text.replace(wide, narrow)
    return re.sub(r"[\W_]+", " ", text.lower().replace(".", "")).strip()


@cache
def header_key(header: str) -> str:
    """Folded header without spaces; units in parentheses and a trailing year dropped."""
    words = fold_one(re.sub(r"\(.*?\)", " ", str(header)))
    if not words:
        return ""
    parts = words.split(" ")
    if len(parts) > 1 and re.fullmatch(r"(19|20)\d\d", parts[-1]):
        parts = parts[:-1]
    return "".join(parts)


def restore_leading_zero(s: pd.Series, width: int) -> pd.Series:
    """Put back the leading zero a spreadsheet dropped from a code of `width` digits ('1000' -> '01000')."""
    return s.mask(truth(s.str.fullmatch(rf"\d{{{width - 1}}}")), "0" + s)


def truth(mask) -> pd.Series:
    """A boolean mask with missing values taken as False."""
    return mask.astype("boolean").fillna(False).astype(bool)


def among(values: pd.Series, keys: frozenset) -> pd.Series:
    """True where a value is one of a large, cached set of texts (the reference's commune names,
    postal codes): Arrow's is_in against the set converted once. pandas' isin converts every key
    on every call (50 ms for 37 000 names, called once per column of every file)."""
    text = values.astype("string")
    array = pa.array(text).cast(pa.large_string())
    found = pc.is_in(array, value_set=_arrow_keys(keys))
    return pd.Series(found.to_numpy(zero_copy_only=False), index=values.index, dtype=bool)


@cache
def _arrow_keys(keys: frozenset) -> pa.Array:
    return pa.array(sorted(keys), type=pa.large_string())


def per_distinct(func):
    """Run a vectorised parser once per distinct value and spread the result back.

    Columns such as bands, categories, dates or yes/no answers hold few distinct values
    among many rows; the wrapped function returns a Series or a DataFrame aligned on its input.
    """

    @wraps(func)
    def wrapper(values, *args, **kwargs):
        text = as_text(values)
        codes, uniques = pd.factorize(text)
        distinct = pd.Series(list(uniques) + [pd.NA], dtype="string")
        result = func(distinct, *args, **kwargs)
        codes = np.where(codes < 0, len(uniques), codes)
        return result.iloc[codes].set_axis(text.index)

    return wrapper


# Control characters no spreadsheet or page can hold (tab, newline and carriage return are kept):
# removed from every cell and header as a file is read, and from every cell written to CSV.
CONTROL_CHARACTERS = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
# Characters that would act on a terminal or a file rather than print: controls (newlines, ANSI
# escapes), format characters (bidirectional overrides) and unassigned code points.
_UNPRINTABLE = ("Cc", "Cf", "Cn", "Co", "Cs")


def printable(text, limit: int = 300) -> str:
    """Text from the data or the user, safe on one line of a terminal or log: every control or
    format character shown as an escape (\\n, \\x1b…), cut to `limit` characters."""
    text = str(text)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return "".join(
        c.encode("unicode_escape").decode("ascii") if unicodedata.category(c) in _UNPRINTABLE else c
        for c in text
    )
