"""French-formatted numbers and euro amounts, vectorised.

Each parser returns missing values where the text cannot be read; callers count those
(non-blank in, missing out) as unparsed values in the quality report.
"""

import pandas as pd

from santenum.core.text import as_text, per_distinct

_MULTIPLIERS = {"k": 1e3, "m": 1e6, "md": 1e9}
_AMOUNT = (
    r"^(?P<number>[-+]?\d[\d.,]*)"
    r"(?P<unit>k|milliers?|m|me|millions?|md|mds|milliards?)?$"
)
_UNIT_ALIASES = {
    "millier": "k",
    "milliers": "k",
    "me": "m",
    "million": "m",
    "millions": "m",
    "mds": "md",
    "milliard": "md",
    "milliards": "md",
}


def _decimal(number: pd.Series, has_unit: pd.Series) -> pd.Series:
    """'1.234,5' -> 1234.5; '12,5' -> 12.5; '1.234' -> 1234 unless a unit follows ('1.2 M')."""
    both = number.str.contains(",", regex=False) & number.str.contains(".", regex=False)
    dot_thousands = number.str.fullmatch(r"[-+]?\d{1,3}(?:\.\d{3})+") & ~has_unit
    comma_thousands = number.str.fullmatch(r"[-+]?\d{1,3}(?:,\d{3}){2,}")
    out = number.copy()
    out = out.mask(both | dot_thousands, out.str.replace(".", "", regex=False))
    out = out.mask(comma_thousands, out.str.replace(",", "", regex=False))
    out = out.str.replace(",", ".", regex=False)
    return pd.to_numeric(out, errors="coerce").astype("Float64")


@per_distinct
def parse_amount(values) -> pd.Series:
    """French numbers and euro amounts: '1 234', '12,5', '1,2 M€', '250 k€', '3 Md€' -> Float64."""
    s = as_text(values).str.casefold()
    s = s.str.replace(r"[\s\u00a0\u202f€]|euros?|eur\b|ht\b", "", regex=True)
    parts = s.str.extract(_AMOUNT)
    unit = parts["unit"].replace(_UNIT_ALIASES)
    value = _decimal(parts["number"], unit.notna())
    factor = unit.map(_MULTIPLIERS).astype("Float64").fillna(1.0)
    return (value * factor).astype("Float64")


def parse_share(values) -> pd.Series:
    """A share of activity: '40 %', '40', '0,4' -> 0.4 (Float64); above 100 % or negative: missing.

    A number above 1 is read as a percentage ('60' -> 0.6); '1' is 100 % (a pure player)."""
    number = parse_amount(as_text(values).str.replace("%", "", regex=False))
    share = number.where(number <= 1, number / 100)
    return share.where((share >= 0) & (share <= 1)).astype("Float64")


def parse_integer(values) -> pd.Series:
    """Whole numbers written the French way ('1 234', '12,0') -> Int64; fractions are missing."""
    number = parse_amount(values)
    whole = number.round() == number
    return number.where(whole).round().astype("Int64")
