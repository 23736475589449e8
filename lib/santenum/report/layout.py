"""Tables laid out so that the printed study loses nothing and wastes no page: each table's width
is measured from its text, and the table is printed in the type that fits the A4 page — normal,
smaller, or on a landscape page (etude.css.j2 names the page) in a smaller type —, its caption
inside the table (`<caption>`), so that the two are never printed on two pages.

Widths are measured with the study's own font (DejaVu Sans, the copy matplotlib ships: the
advance width of each character, bold for headers), on the text as printed (french.tie: « n =
227 » or « 64,3 % » never breaks; a figure of a santenum table never wraps: etude.css.j2). A
column is as wide as its longest unbreakable piece — words break at spaces and after a hyphen or a
dash — or its widest cell up to WRAP_EM, whichever is wider. A landscape page costs a page break
before and after it (a named page), so a table goes there only when no portrait type fits it.
"""

import re
from functools import cache
from html import unescape

from markupsafe import Markup

from santenum.core import french

# Usable widths in points: A4 (595 × 842 pt) less the 14 mm (40 pt) side margins.
PORTRAIT_WIDTH = 595 - 2 * 40
LANDSCAPE_WIDTH = 842 - 2 * 40
# (layout class, font size in points, usable width), tried in this order (etude.css.j2's sizes).
LAYOUTS = (
    ("portrait", 9.0, PORTRAIT_WIDTH),
    ("compact", 7.5, PORTRAIT_WIDTH),
    ("landscape", 7.5, LANDSCAPE_WIDTH),
    ("landscape compact", 6.5, LANDSCAPE_WIDTH),
)
PADDING_PT = 9  # a cell's left and right padding (3px 6px: 12 CSS px)
WRAP_EM = 10  # how wide a text cell may be before it wraps (about 17 characters)
FONT = "DejaVu Sans"  # etude.css.j2's body font

_ROW = re.compile(r"<tr[^>]*>(.*?)</tr>", re.DOTALL)
_CELL = re.compile(r"<(t[hd])([^>]*)>(.*?)</t[hd]>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_CAPTION = re.compile(r"^\s*<p><b>(.*?)</b></p>", re.DOTALL)
_TABLE = re.compile(r"<table.*?</table>", re.DOTALL)
_SPACES = re.compile(r"[ \t\r\n]+")  # where a line may break; no-break spaces are not
_AFTER_DASH = re.compile(r"(?<=[-–])(?=[^\W\d])")  # « Haute-|Garonne », « Outils –| logiciels »


@cache
def _font(bold: bool):
    from matplotlib import font_manager, ft2font

    weight = "bold" if bold else "normal"
    path = font_manager.findfont(font_manager.FontProperties(family=FONT, weight=weight))
    return ft2font.FT2Font(path)


@cache
def _advance(char: str, bold: bool) -> float:
    """A character's advance width in em."""
    from matplotlib import ft2font

    font = _font(bold)
    glyph = font.load_char(ord(char), flags=ft2font.LoadFlags.NO_SCALE)
    return glyph.horiAdvance / font.units_per_EM


def text_width(text: str, bold: bool = False) -> float:
    """The width of a line of text in em."""
    return sum(_advance(char, bold) for char in text)


def _cells(table_html: str) -> list:
    """Each row's cells: (text as printed, whether a header cell, whether it never wraps: a
    figure of a santenum table, display.table's cells not marked as text)."""
    figures_whole = 'class="dataframe santenum"' in table_html[: table_html.find(">")]
    return [
        [
            (
                french.tie(" ".join(unescape(_TAG.sub("", cell)).split(" "))).strip(),
                tag == "th",
                figures_whole and tag == "td" and 'class="text"' not in attributes,
            )
            for tag, attributes, cell in _CELL.findall(row)
        ]
        for row in _ROW.findall(table_html)
    ]


def _pieces(text: str, whole: bool = False) -> list:
    """What a line cannot break inside: words, cut after a hyphen or a dash (the text itself
    when it never wraps)."""
    if whole:
        return [text]
    return [piece for word in _SPACES.split(text) for piece in _AFTER_DASH.split(word) if piece]


def column_widths(table_html: str) -> list:
    """Each column's width in em (padding apart): its longest unbreakable piece, or its widest
    data cell up to WRAP_EM, whichever is wider (headers wrap between words)."""
    rows = _cells(table_html)
    widths = []
    for index in range(max((len(row) for row in rows), default=0)):
        cells = [row[index] for row in rows if index < len(row)]
        longest = max(
            (
                text_width(piece, bold)
                for text, bold, nowrap in cells
                for piece in _pieces(text, nowrap)
            ),
            default=0.0,
        )
        whole = max((text_width(text) for text, bold, _ in cells if not bold), default=0.0)
        widths.append(max(longest, min(whole, WRAP_EM)))
    return widths


def layout_of(table_html: str) -> str:
    """The layout class in which the table fits its page (LAYOUTS), the last one at worst."""
    widths = column_widths(table_html)
    for name, size, usable in LAYOUTS:
        if sum(widths) * size + len(widths) * PADDING_PT <= usable:
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
