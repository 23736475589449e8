"""French number formats for report text and tables: "1 234", "42,3 %", "1,2 M€".

Numbers are rounded half up, as French practice (and the published study) does: 11,25 -> 11,3;
Python's round() and format() round half to even on the binary value instead.
"""

import math
import re
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

NBSP = "\u00a0"  # no-break space: thousands separator and before % and €
MINUS = "\u2212"  # the minus sign of French typography (« −11,8 % »), not a hyphen


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def half_up(value, decimals: int = 0) -> Decimal:
    """value rounded half up to `decimals` (18/160 in percent, 11,25 -> 11,3). The value is first
    read to 15 significant digits, so that 11.249999999999998 (11,25 computed in binary) is 11,25."""
    exact = Decimal(f"{float(value):.15g}")
    return exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def number(value, decimals: int = 0) -> str:
    """1234.5 -> '1 234,5', -0.1 -> '−0,1' (decimals fixed, rounded half up); missing -> '–'."""
    if _missing(value):
        return "–"
    rounded = half_up(value, decimals)
    text = f"{rounded + 0:,.{decimals}f}"  # + 0: no '-0'
    return text.replace(",", NBSP).replace(".", ",").replace("-", MINUS)


def percent(share, decimals: int = 1) -> str:
    """0.4229 -> '42,3 %' (a share between 0 and 1)."""
    return "–" if _missing(share) else f"{number(100 * float(share), decimals)}{NBSP}%"


def counted(n, singular: str, plural: str | None = None) -> str:
    """A count with its noun agreed: '1 entreprise', '0 entreprise', '1 234 entreprises'."""
    noun = singular if _missing(n) or abs(float(n)) < 2 else (plural or f"{singular}s")
    return f"{number(n)} {noun}"


def enumeration(items: list) -> str:
    """'a', 'a et b', 'a, b et c'."""
    items = [str(item) for item in items]
    return " et ".join([", ".join(items[:-1]), items[-1]] if len(items) > 1 else items)


def euros(value) -> str:
    """Amounts in € with k€ / M€ units: 350000 -> '350 k€', 1200000 -> '1,2 M€'."""
    if _missing(value):
        return "–"
    value = float(value)
    if abs(value) >= 1e6:
        return f"{number(value / 1e6, 1)}{NBSP}M€"
    if abs(value) >= 1e3:
        return f"{number(value / 1e3)}{NBSP}k€"
    return f"{number(value)}{NBSP}€"


def interval(low, high, decimals: int = 1) -> str:
    """A share interval: '[38,1 ; 46,6] %', with no-break spaces (it never wraps in a cell)."""
    if _missing(low) or _missing(high):
        return "–"
    return f"[{number(100 * low, decimals)}{NBSP};{NBSP}{number(100 * high, decimals)}]{NBSP}%"


def date(value) -> str:
    """A date (or ISO text) as '30/06/2023'."""
    return pd.Timestamp(value).strftime("%d/%m/%Y")


MONTHS = (
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
)


def period(text) -> str:
    """An ISO date, month or year as '15/03/2023', 'mars 2023' or '2023'."""
    parts = str(text).split("-")
    if len(parts) == 3:
        return date(text)
    if len(parts) == 2:
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


def timestamp(value) -> str:
    """An ISO date-time as '30/06/2023 à 14:05 UTC'."""
    return pd.Timestamp(value).tz_convert("UTC").strftime("%d/%m/%Y à %H:%M UTC")


# Where French typography forbids a line break (a no-break space): inside a number written in
# words (« 100 000 »), in « n = 227 », inside guillemets, before : ; ! ? and %.
_TIES = (
    (re.compile(r"(?<=\d) (?=\d{3}(?!\d))"), NBSP),
    (re.compile(r"\bn = "), f"n{NBSP}={NBSP}"),
    (re.compile(r"« "), f"«{NBSP}"),
    (re.compile(r" »"), f"{NBSP}»"),
    (re.compile(r" (?=[:;!?%])"), NBSP),
)
_MARKUP = re.compile(r"(<style\b.*?</style>|<script\b.*?</script>|<[^>]*>)", re.S | re.I)


def tie(text: str) -> str:
    """text with no-break spaces where French typography forbids a break (_TIES)."""
    for pattern, space in _TIES:
        text = pattern.sub(space, text)
    return text


def tie_html(html: str) -> str:
    """tie() over an HTML document's text, never inside a tag, a style or a script."""
    parts = _MARKUP.split(html)
    return "".join(part if i % 2 else tie(part) for i, part in enumerate(parts))
