"""A small SVG writer for the report charts: escaped text, rounded coordinates, estimated text widths.

Charts are vector images: sharp on screen and paper, a few kilobytes each, and drawn in
milliseconds without a plotting library in the notebook kernels.
"""

import html
import re
import unicodedata

FONT = "'Liberation Sans', Arial, Helvetica, sans-serif"
# Advance widths of Helvetica (Adobe AFM, 1/1000 em) for ASCII 32-126; Arial and Liberation Sans
# share them. Text is measured with a 10 % margin for fonts a viewer may substitute.
_ASCII = [
    278,
    278,
    355,
    556,
    556,
    889,
    667,
    191,
    333,
    333,
    389,
    584,
    278,
    333,
    278,
    278,
    *[556] * 10,
    278,
    278,
    584,
    584,
    584,
    556,
    1015,
    667,
    667,
    722,
    722,
    667,
    611,
    778,
    722,
    278,
    500,
    667,
    556,
    833,
    722,
    778,
    667,
    778,
    722,
    667,
    611,
    722,
    667,
    944,
    667,
    667,
    611,
    278,
    278,
    278,
    469,
    556,
    333,
    556,
    556,
    500,
    556,
    556,
    278,
    556,
    556,
    222,
    222,
    500,
    222,
    833,
    556,
    556,
    556,
    556,
    333,
    500,
    278,
    556,
    500,
    722,
    500,
    500,
    500,
    334,
    260,
    334,
    584,
]
_OTHER = {
    "\u2013": 556,
    "\u2014": 1000,
    "\u00a0": 278,
    "\u2019": 222,
    "\u20ac": 556,
    "\u00ab": 556,
    "\u00bb": 556,
    "\u00b7": 278,
    "\u2026": 1000,
}
_DIGIT_GROUP = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")
MARGIN = 1.1
BOLD = 1.08


def _advance(char: str) -> int:
    if char in _OTHER:
        return _OTHER[char]
    base = unicodedata.normalize("NFD", char)[0]
    return _ASCII[ord(base) - 32] if 32 <= ord(base) <= 126 else 556


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Estimated width in pixels of text at a font size, erring on the wide side."""
    return sum(_advance(c) for c in str(text)) * size / 1000 * MARGIN * (BOLD if bold else 1)


def wrap(text: str, width: float, size: float) -> list:
    """Words of text in lines no wider than width; a longer word keeps its own line; no-break spaces and
    the spaces between digit groups ("100 000") hold."""
    lines = []
    for word in filter(None, _DIGIT_GROUP.sub("\u00a0", str(text)).split(" ")):
        if lines and text_width(f"{lines[-1]} {word}", size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def num(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros: the same figure, the same bytes."""
    text = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _attributes(attributes: dict) -> str:
    parts = []
    for key, value in attributes.items():
        if value is None:
            continue
        if isinstance(value, float | int) and not isinstance(value, bool):
            value = num(value)
        parts.append(
            f' {key.rstrip("_").replace("_", "-")}="{html.escape(str(value), quote=True)}"'
        )
    return "".join(parts)


class Canvas:
    """SVG elements in drawing order; svg() wraps them in a document of the given height."""

    def __init__(self, width: float):
        self.width = width
        self.parts = []

    def element(self, tag: str, content: str | None = None, **attributes) -> None:
        opening = f"<{tag}{_attributes(attributes)}"
        self.parts.append(f"{opening}/>" if content is None else f"{opening}>{content}</{tag}>")

    def rect(self, x, y, width, height, fill: str, **attributes) -> None:
        self.element(
            "rect", x=x, y=y, width=max(width, 0), height=max(height, 0), fill=fill, **attributes
        )

    def line(self, x1, y1, x2, y2, stroke: str = "#cccccc", width: float = 1, **attributes) -> None:
        self.element(
            "line", x1=x1, y1=y1, x2=x2, y2=y2, stroke=stroke, stroke_width=width, **attributes
        )

    def text(
        self,
        x,
        y,
        text,
        size: float = 12,
        anchor: str = "start",
        bold: bool = False,
        colour: str = "#222222",
        rotate: bool = False,
    ) -> None:
        """One line of escaped text; rotate turns it a quarter left around (x, y) (vertical axis titles)."""
        self.element(
            "text",
            html.escape(str(text), quote=False),
            x=x,
            y=y,
            font_size=size,
            text_anchor=anchor,
            font_weight="bold" if bold else None,
            fill=colour,
            transform=f"rotate(-90 {num(x)} {num(y)})" if rotate else None,
        )

    def lines_of_text(
        self, x, y, lines: list, size: float = 12, leading: float = 1.25, **options
    ) -> float:
        """Several lines from baseline y down; returns the y below the last one."""
        for i, line in enumerate(lines):
            self.text(x, y + i * size * leading, line, size, **options)
        return y + len(lines) * size * leading

    def svg(self, height: float, title: str) -> str:
        """The document: fixed pixel size, a title for screen readers, white background."""
        head = (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{num(self.width)}" height="{num(height)}" '
            f'viewBox="0 0 {num(self.width)} {num(height)}" font-family="{html.escape(FONT)}" role="img">'
            f"<title>{html.escape(title, quote=False)}</title>"
        )
        background = f'<rect width="{num(self.width)}" height="{num(height)}" fill="#ffffff"/>'
        return "".join([head, background, *self.parts, "</svg>"])
