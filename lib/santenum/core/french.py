"""French number formats for report text and tables: "1 234", "42,3 %", "1,2 M€"."""

import math

import pandas as pd

NBSP = "\u00a0"  # no-break space: thousands separator and before % and €


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def number(value, decimals: int = 0) -> str:
    """1234.5 -> '1 234,5' (decimals fixed); missing -> '–'."""
    if _missing(value):
        return "–"
    text = f"{float(value):,.{decimals}f}"
    return text.replace(",", NBSP).replace(".", ",")


def percent(share, decimals: int = 1) -> str:
    """0.4229 -> '42,3 %' (a share between 0 and 1)."""
    return "–" if _missing(share) else f"{number(100 * float(share), decimals)}{NBSP}%"


# A share resting on fewer companies than this is not published as a percentage in sentences,
# tiles or charts: "n trop faible" is written instead (the table keeps the count and n).
MIN_SHARE_N = 10
TOO_FEW = "n trop faible"


def share(value, n, decimals: int = 1) -> str:
    """percent(value), or TOO_FEW when it rests on fewer than MIN_SHARE_N companies."""
    return TOO_FEW if too_few(n) else percent(value, decimals)


def too_few(n) -> bool:
    """Whether a share on n companies is too fragile to be given as a percentage."""
    return _missing(n) or float(n) < MIN_SHARE_N


def figure(text, unit: str) -> str:
    """A published figure as written ('92.5', '53641') in French with its decimals: '92,5 %', '53 641'."""
    decimals = len(str(text).partition(".")[2])
    shown = number(float(text), decimals)
    return f"{shown}{NBSP}%" if unit == "%" else shown


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
    """A share interval: '[38,1 ; 46,6] %'."""
    if _missing(low) or _missing(high):
        return "–"
    return f"[{number(100 * low, decimals)} ; {number(100 * high, decimals)}]{NBSP}%"


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
