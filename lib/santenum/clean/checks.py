"""A Column's Check (core.table.columns) evaluated on values, in one place: the schema validates
the company table with it, and `conform` applies it to the parsed rows first, so that a value
outside its column's domain (a postal code « 01 », a negative amount, a share of 150 %) becomes
an unparsed value listed in quality.json, never a schema error."""

from functools import cache

import pandas as pd

from santenum.clean.normalise.identifiers import siren_is_valid
from santenum.core import reference
from santenum.core.table.columns import COLUMNS, FIELDS, Check
from santenum.core.text import truth

CATEGORIES = ("PME", "ETI", "GE")


@cache
def allowed(among: str) -> frozenset:
    """The values a reference name allows: départements, régions, INSEE bands, catégories, or the
    labels of a taxonomy."""
    if among == "departements":
        return frozenset(reference.table("departements")["departement_code"])
    if among == "regions":
        return frozenset(reference.region_names().index)
    if among == "bands":
        return frozenset(reference.bands()["code"])
    if among == "categories":
        return frozenset(CATEGORIES)
    return frozenset(reference.labels(among))


def passes(check: Check, values: pd.Series) -> pd.Series:
    """True where a (non-missing) value satisfies the check; missing values pass."""
    ok = pd.Series(True, index=values.index)
    present = values.notna()
    if not present.any():
        return ok
    given = values[present]
    good = pd.Series(True, index=given.index)
    if check.pattern is not None:
        good &= truth(given.astype("string").str.fullmatch(check.pattern))
    if check.minimum is not None:
        good &= truth(given >= check.minimum)
    if check.maximum is not None:
        good &= truth(given <= check.maximum)
    if check.among is not None:
        good &= given.isin(allowed(check.among))
    if check.siren:
        good &= siren_is_valid(given.astype("string")).to_numpy()
    ok[given.index] = good
    return ok


def column_checks() -> dict:
    """Column name -> its Check, a taxonomy column's labels included."""
    found = {c.name: c.check for c in COLUMNS if c.check is not None}
    for column in COLUMNS:
        if column.taxonomy and not column.is_list:
            found[column.name] = Check(among=column.taxonomy)
    return found


def conform(rows: pd.DataFrame, unparsed: pd.DataFrame, as_of: pd.Timestamp) -> None:
    """Make missing, in place, every value outside its column's Check, and a creation date after
    `as_of` (the company did not exist at the edition's date), flagging each as an unparsed value
    of the field that filled it (quality.json lists them). List columns are conformed by their
    taxonomy mapping."""
    checks = column_checks()
    for field in FIELDS:
        column = field.column
        if column not in rows.columns or field.name not in unparsed.columns:
            continue
        bad = ~passes(checks[column], rows[column]) if column in checks else False
        if column == "creation_date":
            bad = truth(rows[column] > as_of)
        if truth(pd.Series(bad, index=rows.index)).any():
            rows[column] = rows[column].mask(bad)
            unparsed[field.name] |= bad
