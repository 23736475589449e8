"""Creation dates written as 'dd/mm/yyyy', 'yyyy-mm-dd', a month and year or a year alone,
vectorised. A five-digit number is left unread: an Excel day number (45000) or a postal code
typed in the wrong column cannot be told apart."""

import pandas as pd

from santenum.core.text import as_text, fold, per_distinct, truth

_DATE_FORMATS = (
    (r"\d{1,2}/\d{1,2}/\d{4}", "%d/%m/%Y"),
    (r"\d{1,2}-\d{1,2}-\d{4}", "%d-%m-%Y"),
    (r"\d{1,2}\.\d{1,2}\.\d{4}", "%d.%m.%Y"),
    (r"\d{4}-\d{2}-\d{2}", "%Y-%m-%d"),
    (r"\d{4}", "%Y"),
    (r"\d{1,2}/\d{4}", "%m/%Y"),  # a month: its first day, as a year alone is its 1 January
)
MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("janvier", "janv"),
            ("fevrier", "fevr", "fev"),
            ("mars",),
            ("avril", "avr"),
            ("mai",),
            ("juin",),
            ("juillet", "juil"),
            ("aout",),
            ("septembre", "sept"),
            ("octobre", "oct"),
            ("novembre", "nov"),
            ("decembre", "dec"),
        ),
        start=1,
    )
    for name in names
}
_WRITTEN = r"(?:(\d{1,2})(?:er)?\s+)?([a-z]+)\.?\s+(\d{4})"  # « 1er mars 2021 », « mars 2021 »


@per_distinct
def parse_date(values) -> pd.Series:
    """'dd/mm/yyyy', 'yyyy-mm-dd' (a time part is ignored) or a year alone (-> 1 January).

    A date after today is a typo, not a creation date: it is left unparsed.
    """
    s = as_text(values).str.replace(r"[ T]\d{2}:\d{2}(:\d{2})?(\.\d+)?$", "", regex=True)
    out = pd.Series(pd.NaT, index=s.index, dtype="datetime64[s]")
    for pattern, fmt in _DATE_FORMATS:
        match = truth(s.str.fullmatch(pattern))
        if match.any():
            out[match] = pd.to_datetime(s[match], format=fmt, errors="coerce").astype(
                "datetime64[s]"
            )
    written = fold(s).str.fullmatch(_WRITTEN)
    if truth(written).any():
        parts = fold(s[truth(written)]).str.extract(_WRITTEN)
        month = parts[1].map(MONTHS).astype("Int64")  # an unknown word: missing, not 3.0
        day = parts[0].fillna("1")
        text = parts[2] + "-" + month.astype("string").str.zfill(2) + "-" + day.str.zfill(2)
        out[parts.index] = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce").astype(
            "datetime64[s]"
        )
    return out.mask(out > pd.Timestamp.today())
