"""Creation dates written as 'dd/mm/yyyy', 'yyyy-mm-dd' or a year alone, vectorised."""

import pandas as pd

from santenum.core.text import as_text, per_distinct, truth

_DATE_FORMATS = (
    (r"\d{1,2}/\d{1,2}/\d{4}", "%d/%m/%Y"),
    (r"\d{1,2}-\d{1,2}-\d{4}", "%d-%m-%Y"),
    (r"\d{1,2}\.\d{1,2}\.\d{4}", "%d.%m.%Y"),
    (r"\d{4}-\d{2}-\d{2}", "%Y-%m-%d"),
    (r"\d{4}", "%Y"),
)


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
    return out.mask(out > pd.Timestamp.today())
