"""Natural persons' data that santenum never passes on: social-security numbers (NIR) are masked
where they are read, in every cell and every header, before any output can copy them.

One pattern finds a NIR however it is written (mask_nir_text; mask_nir over columns): its 13 or 15 characters
with any spacing or punctuation between them — spaces, several of them, tabs, the no-break and
narrow no-break spaces French Excel writes (U+00A0, U+202F), dots, dashes, underscores."""

import re

import pandas as pd
from stdnum.fr import siret

NIR_MASK = "[NIR masqué]"
# What people put between the digits of a NIR: any whitespace (Python's \s covers U+00A0, U+202F
# and the other Unicode spaces), dots, dashes of every kind, underscores; at most four in a row.
_SEPARATOR = r"[\s.\-\u2010-\u2015\u2212_]{0,4}"


def _nir_pattern(separator: str) -> str:
    """A NIR's characters with `separator` allowed between every two of them: sex, year, month
    (20-99 for the special cases), département (2A/2B for Corsica), commune, order number, then
    the two-digit key, or without it (13 characters)."""

    def spaced(shape: str) -> str:
        return separator.join(re.findall(r"\[[^\]]*\]|.", shape))

    return (
        separator.join(
            [
                spaced("[12][0-9][0-9]"),
                "(?:" + "|".join(map(spaced, ("0[1-9]", "1[0-2]", "[2-9][0-9]"))) + ")",
                "(?:" + spaced("[0-9][0-9]") + "|" + spaced("2[AaBb]") + ")",
                spaced("[0-9]" * 6),
            ]
        )
        + "(?:"
        + separator
        + spaced("[0-9][0-9]")
        + ")?"
    )


# A number of that shape is masked even when its key is wrong (a mistyped NIR is still a
# person's); no company identifier has 15 digits. Only a 13-digit one that is a SIRET whose
# leading zero a spreadsheet dropped is left for the identifier checks.
_NIR = re.compile(r"(?<![0-9A-Za-z])" + _nir_pattern(_SEPARATOR) + r"(?![0-9A-Za-z])")
# Cells shorter than this cannot hold a NIR: they are not searched.
_SHORTEST = 13
# A first pass over whole columns that pyarrow's regular expressions (RE2: no look-around) run
# themselves: the same shape with anything but letters and digits between the characters, so it
# finds every NIR _NIR finds (and a few more); only the cells it finds go through _NIR. A
# 14-digit SIRET does not pass it.
_MAYBE = "(?:^|[^0-9A-Za-z])" + _nir_pattern("[^0-9A-Za-z]{0,4}") + "(?:$|[^0-9A-Za-z])"


def _masked(match: re.Match) -> str:
    compact = re.sub(r"[^0-9A-Za-z]", "", match.group(0)).upper()
    if len(compact) == 13 and siret.is_valid("0" + compact):
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
    candidates = candidates[candidates.str.contains(_MAYBE, regex=True).fillna(False)]
    if candidates.empty:
        return cells
    found = candidates.map(lambda text: _NIR.search(text) is not None).astype(bool)
    if not found.any():
        return cells
    cells = cells.copy()
    hits = found[found].index
    cells.loc[hits] = candidates.loc[hits].map(mask_nir_text)
    return cells
