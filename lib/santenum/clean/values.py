"""What a column's values say it is: whether they read as a field (before a column is proposed for
it), and identifier columns told by their check digits whatever their header."""

import pandas as pd

from santenum.clean.normalise.answers import parse_yes_no
from santenum.clean.normalise.dates import parse_date
from santenum.clean.normalise.geography import normalise_commune_code, normalise_postal_code
from santenum.clean.normalise.identifiers import compact_digits, siren_is_valid, siret_is_valid
from santenum.clean.normalise.numbers import parse_amount, parse_share
from santenum.clean.normalise.size import parse_band, parse_category, parse_headcount
from santenum.core import reference
from santenum.core.text import restore_leading_zero


def _share(check):
    return lambda values: check(values).fillna(False).astype(bool)


def _parsed(parse):
    return lambda values: parse(values).notna()


def _identifier(width: int, valid):
    return lambda values: valid(restore_leading_zero(compact_digits(values), width))


def _text(values: pd.Series) -> pd.Series:
    """Words, not a number, an address on the web or an e-mail."""
    return ~values.str.contains(r"^[\d\s.,%€+-]*$|https?://|www\.|@", regex=True)


# Field -> what a value must satisfy for a column to be proposed as that field; a field not
# listed takes any text.
FITS = {
    "siren": _identifier(9, siren_is_valid),
    "siret": _identifier(14, siret_is_valid),
    "postal_code": lambda v: normalise_postal_code(v).isin(
        set(reference.table("postal_codes")["postal_code"])
    ),
    "commune_code": lambda v: normalise_commune_code(v).isin(
        set(reference.table("communes")["commune_code"])
    ),
    "creation_date": _parsed(parse_date),
    "headcount": lambda v: parse_headcount(v)["headcount_band"].notna(),
    "headcount_band": _parsed(parse_band),
    "size_category": _parsed(parse_category),
    "revenue": _parsed(parse_amount),
    "uses_ai": _parsed(parse_yes_no),
    "digital_health_share": _parsed(parse_share),
    "naf_code": lambda v: v.str.fullmatch(r"\d{2}\.?\d{2}[A-Za-z]"),
    "head_office": lambda v: v.str.lower().isin(["true", "false", "oui", "non", "vrai", "faux"]),
    "name": _text,
    "commune_name": _text,
}
FIT_SHARE = 0.5  # of a column's first values that must fit the field
FIT_SAMPLE = 200


def fits(field: str, values: pd.Series) -> bool:
    """True when at least half of the column's first non-blank values read as `field`."""
    sample = values.dropna().astype("string").head(FIT_SAMPLE)
    if sample.empty:
        return False
    check = FITS.get(field)
    return check is None or _share(check)(sample).mean() >= FIT_SHARE


IDENTIFIER_SHARE = 0.9  # of a column's first values that must pass their check digits
MIN_IDENTIFIERS = 5


def identifier_columns(frame: pd.DataFrame, candidates: list) -> dict:
    """Header -> 'siret' or 'siren' for the candidate columns whose first values (five at least)
    nearly all pass a SIRET's, else a SIREN's, check digits (« Identifiant », « N° »): a check a
    column of other numbers passes one time in ten."""
    found = {}
    for header in candidates:
        sample = frame[header].dropna().astype("string").head(FIT_SAMPLE)
        if len(sample) < MIN_IDENTIFIERS:
            continue
        for field in ("siret", "siren"):
            if _share(FITS[field])(sample).mean() >= IDENTIFIER_SHARE:
                found[header] = field
                break
    return found
