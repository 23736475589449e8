"""The date figures are computed at (--as-of): a real day between EARLIEST and today."""

import pandas as pd

# INSEE's register dates no unit before 1900: an earlier --as-of is a typo, not a study date.
EARLIEST = pd.Timestamp("1900-01-01")


def as_of_date(text) -> pd.Timestamp:
    """The date given as YYYY-MM-DD, else ValueError saying what is expected."""
    try:
        day = pd.Timestamp(str(text)).normalize()
        day.date()  # a Timestamp outside Python's dates (year -1) has none
    # NaT has no normalize (AttributeError); a Timestamp of year -1 has no date (NotImplemented…)
    except (ValueError, TypeError, OverflowError, AttributeError, NotImplementedError):
        day = pd.NaT
    if pd.isna(day):
        raise ValueError(f"not a date (expected YYYY-MM-DD): {str(text)[:40]!r}")
    if not EARLIEST <= day <= pd.Timestamp.today().normalize():
        raise ValueError(
            f"{day.date().isoformat()} is not between {EARLIEST.date().isoformat()} and today"
        )
    return day
