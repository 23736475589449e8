"""Natural persons' data that santenum never passes on: social-security numbers (NIR) are masked
where they are read, before any output can copy them."""

import re

import pandas as pd
from stdnum.fr import siret

NIR_MASK = "[NIR masqué]"
# A NIR as people write it, 15 characters with or without spaces: sex, year, month, département
# (2A/2B for Corsica), commune, order number, then the two-digit key, or without it (13 characters).
# A number of that shape is masked even when its key is wrong (a mistyped NIR is still a person's);
# no company identifier has 15 digits. Only a 13-digit one that is a SIRET whose leading zero a
# spreadsheet dropped is left for the identifier checks.
_NIR = re.compile(
    r"(?<![0-9A-Za-z])[12]\s?\d{2}\s?(?:0[1-9]|1[0-2]|[2-9]\d)\s?(?:\d{2}|2[AaBb])\s?\d{3}\s?\d{3}"
    r"(?:\s?\d{2})?(?![0-9A-Za-z])"
)
# Cells shorter than this cannot hold a NIR: they are not searched.
_SHORTEST = 13
# A cheap first pass over whole columns, in what pyarrow's regex engine runs itself (no
# look-around, no \\d or \\s): only the cells it finds go through _NIR.
_MAYBE = (
    r"(?:^|[^0-9A-Za-z])[12] ?[0-9]{2} ?[0-9]{2} ?(?:[0-9]{2}|2[AaBb]) ?[0-9]{3} ?[0-9]{3}"
    r"(?: ?[0-9]{2})?(?:$|[^0-9A-Za-z])"
)


def _masked(match: re.Match) -> str:
    digits = re.sub(r"\s", "", match.group(0))
    if len(digits) == 13 and siret.is_valid("0" + digits):
        return match.group(0)
    return NIR_MASK


def mask_nir_text(text: str) -> str:
    """The text with every social-security number replaced by NIR_MASK."""
    return _NIR.sub(_masked, text)


def mask_nir(cells: pd.Series) -> pd.Series:
    """String cells with every social-security number replaced by NIR_MASK (others unchanged)."""
    long = cells.str.len() >= _SHORTEST
    if not long.any():
        return cells
    candidates = cells[long.fillna(False)]
    candidates = candidates[candidates.str.contains(_MAYBE, regex=True)]
    found = candidates.str.contains(_NIR, regex=True)
    if not found.any():
        return cells
    cells = cells.copy()
    hits = found[found].index
    cells.loc[hits] = candidates.loc[hits].str.replace(_NIR, _masked, regex=True)
    return cells
