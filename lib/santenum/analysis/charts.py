"""Charts in the house style: a title, axis labels, a source line with n, one colour per segment.

Each function returns a Chart, an SVG image that notebooks display and HTML reports embed.
"""

import math
from dataclasses import dataclass

from santenum import reference
from santenum.analysis import french, maps
from santenum.analysis.svg import Canvas, text_width, wrap

WIDTH = 800
PAD = 10
TITLE_SIZE, LABEL_SIZE, TICK_SIZE, NOTE_SIZE = 16, 12, 11, 10.5
AXIS_TITLE = 20  # room for a vertical axis title
ACCENT = "#1f5fa8"
GRID = "#e3e3e3"
MISSING = "#eeeeee"
# Tableau 20 (the default categorical palette of many plotting tools): dark tones, then light ones.
PALETTE = [
    "#1f77b4",
    "#aec7e8",
    "#ff7f0e",
    "#ffbb78",
    "#2ca02c",
    "#98df8a",
    "#d62728",
    "#ff9896",
    "#9467bd",
    "#c5b0d5",
    "#8c564b",
    "#c49c94",
    "#e377c2",
    "#f7b6d2",
    "#7f7f7f",
    "#c7c7c7",
    "#bcbd22",
    "#dbdb8d",
    "#17becf",
    "#9edae5",
]
# ColorBrewer "Blues" (9 classes), interpolated for values.
BLUES = [
    "#f7fbff",
    "#deebf7",
    "#c6dbef",
    "#9ecae1",
    "#6baed6",
    "#4292c6",
    "#2171b5",
    "#08519c",
    "#08306b",
]


@dataclass(frozen=True)
class Chart:
    """An SVG chart; its text form (the alt text in reports) names it."""

    title: str
    svg: str

    def _repr_svg_(self) -> str:
        return self.svg

    def __repr__(self) -> str:
        return f"Graphique : {self.title}"


def _series_colour(i: int) -> str:
    return PALETTE[(2 * i) % 20 + (2 * i) // 20]


def _colours(name: str) -> dict:
    return {label: _series_colour(i) for i, label in enumerate(reference.labels(name))}


SEGMENT_COLOURS = _colours("segments")
PRODUCT_COLOURS = _colours("products")


def blues(t: float) -> str:
    """The colour at t in [0, 1] on the Blues scale."""
    position = min(max(t, 0.0), 1.0) * (len(BLUES) - 1)
    i = min(int(position), len(BLUES) - 2)
    low, high = (tuple(int(c[k : k + 2], 16) for k in (1, 3, 5)) for c in BLUES[i : i + 2])
    mix = position - i
    return "#" + "".join(f"{round(a + (b - a) * mix):02x}" for a, b in zip(low, high, strict=True))


def ticks(top: float, integer: bool = False, count: int = 5, cover: bool = True) -> list:
    """Round tick values from 0: up to the first at or above top (cover), else up to top."""
    if not top or top <= 0 or math.isnan(top):
        return [0, 1]
    raw = top / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(
        m * magnitude
        for m in ((1, 2, 5, 10) if integer else (1, 2, 2.5, 5, 10))
        if m * magnitude >= raw
    )
    step = max(1, round(step)) if integer else step
    last = math.ceil(top / step - 1e-9) if cover else math.floor(top / step + 1e-9)
    return [i * step for i in range(last + 1)]


def _number(value) -> float:
    value = float(value)
    return 0.0 if math.isnan(value) else value


def _largest(values) -> float:
    """The largest known value (NaN left out), 0 when there is none."""
    return max((v for v in values if not math.isnan(v)), default=0)


def _palette(columns: list, colours) -> dict:
    """Each series its colour: the one given for it, else the next of the palette."""
    return {
        column: (colours or {}).get(column, _series_colour(i)) for i, column in enumerate(columns)
    }


def _begin(title: str) -> tuple:
    canvas = Canvas(WIDTH)
    canvas.text(PAD, 24, title, TITLE_SIZE, bold=True)
    return canvas, 40


def _finish(canvas: Canvas, y: float, title: str, source: str) -> Chart:
    lines = [part for line in source.split("\n") for part in wrap(line, WIDTH - 2 * PAD, NOTE_SIZE)]
    bottom = canvas.lines_of_text(PAD, y + NOTE_SIZE + 6, lines, NOTE_SIZE, colour="#555555")
    return Chart(title, canvas.svg(bottom + 4, title))


def _legend(canvas: Canvas, items: list, y: float, marker: str = "box") -> float:
    """Swatches and labels flowing left to right under the title; returns the y below them."""
    x, row = PAD, 18
    for label, colour in items:
        width = 18 + text_width(label, TICK_SIZE) + 16
        if x > PAD and x + width > WIDTH - PAD:
            x, y = PAD, y + row
        if marker == "line":
            canvas.line(x, y + 6, x + 14, y + 6, colour, 2)
            canvas.element("circle", cx=x + 7, cy=y + 6, r=3, fill=colour)
        else:
            canvas.rect(x, y, 12, 12, colour)
        canvas.text(x + 18, y + 10, label, TICK_SIZE)
        x += width
    return y + row + 4


def _value_axis(
    canvas: Canvas,
    left: float,
    right: float,
    top: float,
    bottom: float,
    scale: list,
    value_text,
    title: str,
) -> float:
    """Vertical grid lines and labels of a horizontal value axis; returns the y below its title."""
    for value in scale:
        x = left + (right - left) * value / scale[-1]
        canvas.line(x, top, x, bottom, GRID)
        canvas.text(x, bottom + 15, value_text(value), TICK_SIZE, anchor="middle", colour="#444444")
    canvas.line(left, top, left, bottom, "#888888")
    canvas.text((left + right) / 2, bottom + 33, title, LABEL_SIZE, anchor="middle")
    return bottom + 40


def _axis_title(canvas: Canvas, title: str, top: float, bottom: float) -> None:
    if title:
        canvas.text(PAD + 12, (top + bottom) / 2, title, LABEL_SIZE, anchor="middle", rotate=True)


def _category_margin(labels, axis_title: str) -> float:
    widest = max((text_width(label, TICK_SIZE) for label in labels), default=0)
    return PAD + (AXIS_TITLE if axis_title else 0) + widest + 8


def bars(
    labels,
    values,
    title: str,
    xlabel: str,
    source: str,
    colours=None,
    value_text=french.percent,
    ylabel: str = "",
    sort: bool = True,
) -> Chart:
    """Horizontal bars, each labelled with its value: largest on top, or in the given order (ordered
    classes such as size bands) when sort is False."""
    rows = list(zip(map(str, labels), values, strict=True))
    rows = sorted(rows, key=lambda row: _number(row[1]))[::-1] if sort else rows
    canvas, top = _begin(title)
    left, right, row = _category_margin([label for label, _ in rows], ylabel), WIDTH - PAD - 10, 26
    largest = max((_number(value) for _, value in rows), default=0)
    scale = ticks(largest * 1.18)
    bottom = top + row * max(len(rows), 1)
    y_below = _value_axis(canvas, left, right, top, bottom, scale, value_text, xlabel)
    for i, (label, value) in enumerate(rows):
        y = top + i * row
        length = (right - left) * _number(value) / scale[-1]
        canvas.rect(left, y + 4, length, row - 8, (colours or {}).get(label, ACCENT), class_="bar")
        canvas.text(left - 6, y + row / 2 + 4, label, TICK_SIZE, anchor="end")
        canvas.text(left + length + 4, y + row / 2 + 4, value_text(value), TICK_SIZE)
    _axis_title(canvas, ylabel, top, bottom)
    return _finish(canvas, y_below, title, source)


def grouped_bars(
    table,
    title: str,
    xlabel: str,
    ylabel: str,
    source: str,
    colours=None,
    value_text=french.percent,
) -> Chart:
    """Bars for each row (group on the y axis) and column (series), e.g. regions × indicator."""
    series = [str(column) for column in table.columns]
    palette = _palette(series, colours)
    canvas, top = _begin(title)
    top = _legend(canvas, list(palette.items()), top)
    groups = [str(name) for name in table.index]
    left, right, bar = _category_margin(groups, ylabel), WIDTH - PAD - 10, 14
    group = bar * len(series) + 12
    values = table.to_numpy(dtype=float)
    scale = ticks(_largest(values.flat) * 1.18)
    bottom = top + group * max(len(groups), 1)
    y_below = _value_axis(canvas, left, right, top, bottom, scale, value_text, xlabel)
    for g, name in enumerate(groups):
        y0 = top + g * group + 6
        canvas.text(left - 6, y0 + bar * len(series) / 2 + 4, name, TICK_SIZE, anchor="end")
        for s, column in enumerate(series):
            length = (right - left) * _number(values[g, s]) / scale[-1]
            canvas.rect(left, y0 + s * bar + 1, length, bar - 2, palette[column], class_="bar")
            canvas.text(
                left + length + 4, y0 + s * bar + bar / 2 + 3.5, value_text(values[g, s]), 9
            )
    _axis_title(canvas, ylabel, top, bottom)
    return _finish(canvas, y_below, title, source)


def lines(
    table, title: str, xlabel: str, ylabel: str, source: str, colours=None, highlight_from=None
) -> Chart:
    """One line per column over the index (years, one band each), the years from highlight_from shaded."""
    series = [str(column) for column in table.columns]
    palette = _palette(series, colours)
    canvas, top = _begin(title)
    shade = "#f3e2b3"
    if highlight_from is not None:
        top = _legend(canvas, [("4 dernières années", shade)], top) - 4
    top = _legend(canvas, list(palette.items()), top, marker="line")
    years = [int(year) for year in table.index]
    first, last = (min(years), max(years)) if years else (0, 0)
    values = table.to_numpy(dtype=float)
    scale = ticks(_largest(values.flat), integer=True)
    left = PAD + AXIS_TITLE + max(text_width(french.number(v), TICK_SIZE) for v in scale) + 8
    right, bottom = WIDTH - PAD - 10, top + 250
    band = (right - left) / (last - first + 1)

    def x_of(year):
        return left + (year - first + 0.5) * band

    def y_of(value):
        return bottom - (bottom - top) * _number(value) / scale[-1]

    if highlight_from is not None and highlight_from <= last:
        start = x_of(max(highlight_from, first)) - band / 2
        canvas.rect(start, top, right - start, bottom - top, shade, class_="highlight")
    for value in scale:
        canvas.line(left, y_of(value), right, y_of(value), GRID)
        canvas.text(
            left - 6,
            y_of(value) + 4,
            french.number(value),
            TICK_SIZE,
            anchor="end",
            colour="#444444",
        )
    every = max(1, math.ceil(36 / band))
    for year in range(first, last + 1):
        if (year - first) % every == 0 or year == last:
            canvas.text(
                x_of(year), bottom + 15, str(year), TICK_SIZE, anchor="middle", colour="#444444"
            )
    canvas.line(left, bottom, right, bottom, "#888888")
    for s, column in enumerate(series):
        points = [(x_of(year), y_of(values[i, s])) for i, year in enumerate(years)]
        canvas.element(
            "polyline",
            points=" ".join(f"{x:.2f},{y:.2f}" for x, y in points),
            fill="none",
            stroke=palette[column],
            stroke_width=2,
        )
        for x, y in points:
            canvas.element("circle", cx=x, cy=y, r=3.5, fill=palette[column], class_="point")
    canvas.text((left + right) / 2, bottom + 33, xlabel, LABEL_SIZE, anchor="middle")
    _axis_title(canvas, ylabel, top, bottom)
    return _finish(canvas, bottom + 40, title, source)


def _colour_scale(
    canvas: Canvas,
    x: float,
    y: float,
    height: float,
    top: float,
    title: str,
    value_text,
    missing: bool,
) -> None:
    """A vertical colour bar from 0 (bottom) to top, with round values and, if any, the missing swatch."""
    y = canvas.lines_of_text(x, y + TICK_SIZE, wrap(title, 120, TICK_SIZE), TICK_SIZE) + 4
    steps = 40
    for i in range(steps):
        canvas.rect(
            x,
            y + height * (steps - 1 - i) / steps,
            16,
            height / steps + 0.5,
            blues(0.15 + 0.85 * (i + 0.5) / steps),
        )
    for value in ticks(top, integer=value_text is french.number, cover=False):
        tick_y = y + height - height * value / (top or 1)
        canvas.line(x + 16, tick_y, x + 20, tick_y, "#444444")
        canvas.text(x + 23, tick_y + 4, value_text(value), TICK_SIZE, colour="#444444")
    if missing:
        canvas.rect(x, y + height + 12, 16, 12, MISSING, stroke="#bbbbbb")
        canvas.text(x + 23, y + height + 22, "sans valeur", TICK_SIZE, colour="#444444")


def _shade(value, top: float) -> str:
    return MISSING if math.isnan(value) else blues(0.15 + 0.85 * value / (top or 1))


def heatmap(table, title: str, xlabel: str, ylabel: str, source: str) -> Chart:
    """A matrix of counts (rows × columns), each cell coloured and labelled."""
    canvas, top = _begin(title)
    rows, columns = [str(r) for r in table.index], [str(c) for c in table.columns]
    left, right, cell_h = _category_margin(rows, ylabel), WIDTH - PAD - 150, 30
    cell_w = (right - left) / max(len(columns), 1)
    values = table.to_numpy(dtype=float)
    largest = _largest(values.flat)
    for i, name in enumerate(rows):
        y = top + i * cell_h
        canvas.text(left - 6, y + cell_h / 2 + 4, name, TICK_SIZE, anchor="end")
        for j in range(len(columns)):
            value = values[i, j]
            canvas.rect(
                left + j * cell_w, y, cell_w - 1, cell_h - 1, _shade(value, largest), class_="cell"
            )
            dark = not math.isnan(value) and largest and value > largest * 0.6
            canvas.text(
                left + (j + 0.5) * cell_w,
                y + cell_h / 2 + 4,
                french.number(value),
                TICK_SIZE,
                anchor="middle",
                colour="#ffffff" if dark else "#222222",
            )
    bottom = top + cell_h * len(rows)
    labels_end = bottom
    for j, name in enumerate(columns):
        end = canvas.lines_of_text(
            left + (j + 0.5) * cell_w,
            bottom + 15,
            wrap(name, cell_w - 6, TICK_SIZE),
            TICK_SIZE,
            anchor="middle",
            colour="#444444",
        )
        labels_end = max(labels_end, end)
    canvas.text((left + right) / 2, labels_end + 12, xlabel, LABEL_SIZE, anchor="middle")
    _axis_title(canvas, ylabel, top, bottom)
    _colour_scale(
        canvas,
        right + 30,
        top,
        max(bottom - top - 40, 80),
        largest,
        "entreprises",
        french.number,
        any(math.isnan(v) for v in values.flat),
    )
    return _finish(canvas, labels_end + 20, title, source)


def choropleth(
    values, title: str, legend: str, source: str, codes=None, value_text=french.number
) -> Chart:
    """Départements coloured by value (INSEE code index); codes limits the map (e.g. one region)."""
    shapes = maps.departement_paths()
    drawn = [code for code in (sorted(shapes) if codes is None else codes) if code in shapes]
    known = {code: float(values[code]) if code in values.index else math.nan for code in drawn}
    largest = _largest(known.values())
    canvas, top = _begin(title)
    x0, y0, x1, y1 = maps.bounds(drawn)
    area_w, area_h = WIDTH - 2 * PAD - 160, 470
    scale = min(area_w / (x1 - x0), area_h / (y1 - y0))
    left = PAD + (area_w - (x1 - x0) * scale) / 2
    shapes_layer = Canvas(WIDTH)
    for code in drawn:
        shapes_layer.element(
            "path", d=shapes[code], fill=_shade(known[code], largest), class_="departement"
        )
    canvas.element(
        "g",
        "".join(shapes_layer.parts),
        stroke="#ffffff",
        stroke_width=0.8 / scale,
        transform=f"translate({left:.2f} {top:.2f}) scale({scale:.4f}) translate({-x0:.2f} {-y0:.2f})",
    )
    _colour_scale(
        canvas,
        WIDTH - PAD - 150,
        top + 40,
        240,
        largest,
        legend,
        value_text,
        any(math.isnan(v) for v in known.values()),
    )
    return _finish(canvas, top + (y1 - y0) * scale + 10, title, f"{source}\n{maps.CREDIT}")
