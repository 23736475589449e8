"""Company ages from creation dates."""

import pandas as pd

from santenum.core.table.perimeter import in_perimeter


def age_in_years(born: pd.Series, as_of: pd.Timestamp) -> pd.Series:
    """Completed years between each date and as_of; missing for dates after as_of."""
    years = as_of.year - born.dt.year
    before_birthday = (born.dt.month > as_of.month) | (
        (born.dt.month == as_of.month) & (born.dt.day > as_of.day)
    )
    age = (years - before_birthday.astype(int)).astype("Int64")
    return age.where(born <= as_of)


def active_with_ages(companies: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """The companies analyses count — active (not closed per SIRENE) and in the perimeter (not
    those à qualifier or hors périmètre) — with age_years at as_of."""
    active = companies[~companies["closed"] & in_perimeter(companies)].reset_index(drop=True)
    return active.assign(age_years=age_in_years(pd.to_datetime(active["creation_date"]), as_of))
