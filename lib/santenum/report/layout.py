"""Tables laid out so that the printed study loses nothing: each table's width is estimated from its
text, and the table is printed in the type that fits the A4 page — normal, smaller, or on a
landscape page (etude.css.j2 names the page) in a smaller type —, its caption inside the table
(`<caption>`), so that the two are never printed on two pages.

The estimate errs on the wide side (a character of DejaVu Sans is taken as 0,58 em): a column is
as wide as its longest word (headers break between words only) or its text up to WRAP
characters, whichever is wider.
"""

import re
from html import unescape

from markupsafe import Markup

# Usable widths in points: A4 (595 × 842 pt) less the 14 mm (40 pt) side margins.
PORTRAIT_WIDTH = 595 - 2 * 40
LANDSCAPE_WIDTH = 842 - 2 * 40
# (layout class, font size in points, usable width), tried in this order.
LAYOUTS = (
    ("portrait", 9.0, PORTRAIT_WIDTH),
    ("compact", 7.5, PORTRAIT_WIDTH),
    ("landscape", 8.0, LANDSCAPE_WIDTH),
    ("landscape compact", 6.5, LANDSCAPE_WIDTH),
)
CHAR_EM = 0.58  # average width of a character, in em
PADDING_PT = 12  # a cell's left and right padding
WRAP = 24  # characters a text cell is allowed before it wraps

_ROW = re.compile(r"<tr[^>]*>(.*?)</tr>", re.DOTALL)
_CELL = re.compile(r"<t[hd][^>]*>(.*?)</t[hd]>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_CAPTION = re.compile(r"^\s*<p><b>(.*?)</b></p>", re.DOTALL)
_TABLE = re.compile(r"<table.*?</table>", re.DOTALL)


def _cells(table_html: str) -> list:
    """The text of each row's cells."""
    return [
        [unescape(_TAG.sub("", cell)).strip() for cell in _CELL.findall(row)]
        for row in _ROW.findall(table_html)
    ]


def width_in_em(table_html: str) -> float:
    """The table's estimated width in em (without padding): the sum of its columns' widths."""
    rows = _cells(table_html)
    columns = max((len(row) for row in rows), default=0)
    total = 0.0
    for index in range(columns):
        texts = [row[index] for row in rows if index < len(row)]
        longest_word = max((len(word) for text in texts for word in text.split()), default=1)
        whole = max((len(text) for text in texts[1:]), default=0)  # cells, header apart
        total += max(longest_word, min(whole, WRAP)) * CHAR_EM
    return total


def layout_of(table_html: str) -> str:
    """The layout class in which the table fits its page (LAYOUTS), the last one at worst."""
    columns = max((len(row) for row in _cells(table_html)), default=0)
    width = width_in_em(table_html)
    for name, size, usable in LAYOUTS:
        if width * size + columns * PADDING_PT <= usable:
            return name
    return LAYOUTS[-1][0]


def table_fragment(snippet: str, kind: str = "tableau") -> Markup:
    """A displayed table (analysis/templates/table.html.j2: caption, table, note) as the study
    prints it: the caption as the table's own <caption>, in the layout that fits."""
    caption = _CAPTION.search(snippet)
    table = _TABLE.search(snippet)
    if table is None:  # a table without data: its caption and the message
        return Markup(f'<div class="{kind} portrait">{snippet}</div>')
    rest = snippet[table.end() :]
    html = table.group(0)
    if caption:
        text = caption.group(1)
        html = re.sub(
            r"(<table[^>]*>)", lambda m: f"{m[1]}<caption>{text}</caption>", html, count=1
        )
    return Markup(f'<div class="{kind} {layout_of(html)}">{html}{rest}</div>')
