"""Charts in the house style: a title, axis labels, a source line with n, one colour per segment."""
import matplotlib
import matplotlib.colors as mcolors
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.collections import PathCollection

from santenum import formats, maps, taxonomy

WIDTH = 8.0
ACCENT = "#1f5fa8"
MUTED = "#b8c4d6"
_PALETTE = list(matplotlib.colormaps["tab20"].colors)


def _colours(name: str) -> dict:
    return {label: mcolors.to_hex(_PALETTE[(2 * i) % 20 + (2 * i) // 20]) for i, label in
            enumerate(taxonomy.labels(name))}


SEGMENT_COLOURS = _colours("segments")
PRODUCT_COLOURS = _colours("products")


def _figure(height: float) -> tuple:
    fig = Figure(figsize=(WIDTH, height), dpi=100, layout="constrained")
    fig.get_layout_engine().set(h_pad=0.12)
    return fig, fig.add_subplot()


def _finish(fig: Figure, ax, title: str, source: str) -> Figure:
    ax.set_title(title, loc="left", fontsize=12, fontweight="bold")
    ax.spines[["top", "right"]].set_visible(False)
    fig.supxlabel(source, x=0.01, ha="left", fontsize=8, color="#555555")
    return fig


def bars(labels, values, title: str, xlabel: str, source: str, colours=None, value_text=formats.percent,
         ylabel: str = "") -> Figure:
    """Horizontal bars sorted largest on top, each labelled with its value."""
    frame = pd.DataFrame({"label": list(labels), "value": list(values)}).sort_values("value", kind="stable")
    fig, ax = _figure(0.6 + 0.38 * max(len(frame), 2))
    colour = [(colours or {}).get(label, ACCENT) for label in frame["label"]]
    ax.barh(frame["label"].astype(str), frame["value"], color=colour)
    top = frame["value"].max() if len(frame) else 1
    for y, value in enumerate(frame["value"]):
        ax.text(value + 0.01 * top, y, value_text(value), va="center", fontsize=9)
    ax.set_xlim(0, top * 1.18 if top > 0 else 1)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return _finish(fig, ax, title, source)


def grouped_bars(table: pd.DataFrame, title: str, xlabel: str, ylabel: str, source: str, colours=None,
                 value_text=formats.percent) -> Figure:
    """Bars for each row (group on the y axis) and column (series), e.g. regions × indicator."""
    fig, ax = _figure(0.8 + 0.32 * len(table) * max(1, len(table.columns)) ** 0.6)
    height = 0.8 / max(1, len(table.columns))
    y = np.arange(len(table))
    for i, column in enumerate(table.columns):
        ax.barh(y + i * height, table[column], height=height, label=str(column),
                color=(colours or {}).get(column, _PALETTE[(2 * i) % 20]))
    ax.set_yticks(y + height * (len(table.columns) - 1) / 2, table.index.astype(str))
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: value_text(v)))
    ax.legend(fontsize=8, frameon=False, loc="lower right")
    return _finish(fig, ax, title, source)


def lines(table: pd.DataFrame, title: str, xlabel: str, ylabel: str, source: str, colours=None,
          highlight_from=None) -> Figure:
    """One line per column over the index (years), the period from highlight_from shaded."""
    fig, ax = _figure(4.2)
    if highlight_from is not None:
        ax.axvspan(highlight_from - 0.5, table.index.max() + 0.5, color="#f3e2b3", alpha=0.6,
                   label="4 dernières années")
    for column in table.columns:
        ax.plot(table.index, table[column], marker="o", label=str(column), color=(colours or {}).get(column))
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    ax.legend(fontsize=8, frameon=False, loc="upper left")
    return _finish(fig, ax, title, source)


def heatmap(table: pd.DataFrame, title: str, xlabel: str, ylabel: str, source: str) -> Figure:
    """A matrix of counts (rows × columns), each cell labelled."""
    fig, ax = _figure(0.9 + 0.42 * len(table))
    image = ax.imshow(table.to_numpy(float), cmap="Blues", aspect="auto")
    ax.set_xticks(range(len(table.columns)), table.columns.astype(str))
    ax.set_yticks(range(len(table.index)), table.index.astype(str))
    top = float(table.to_numpy().max()) if table.size else 0
    for (i, j), value in np.ndenumerate(table.to_numpy()):
        ax.text(j, i, formats.number(value), ha="center", va="center", fontsize=9,
                color="white" if top and value > top * 0.6 else "#222222")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    fig.colorbar(image, ax=ax, shrink=0.8, label="entreprises")
    return _finish(fig, ax, title, source)


def choropleth(values: pd.Series, title: str, legend: str, source: str, codes=None,
               value_text=formats.number) -> Figure:
    """Départements coloured by value (INSEE code index); codes limits the map (e.g. one region)."""
    paths = maps.departement_paths()
    codes = list(codes) if codes is not None else sorted(paths)
    fig, ax = _figure(6.2)
    known = values.reindex(codes).astype(float)
    norm = mcolors.Normalize(vmin=0, vmax=float(np.nanmax(known)) if known.notna().any() else 1)
    cmap = matplotlib.colormaps["Blues"]
    drawn = [code for code in codes if code in paths]
    faces = ["#eeeeee" if pd.isna(known.get(code)) else cmap(0.15 + 0.85 * norm(known.get(code))) for code in drawn]
    ax.add_collection(PathCollection([paths[code] for code in drawn], facecolors=faces, edgecolors="white",
                                     linewidths=0.6))
    x0, y0, x1, y1 = maps.bounds(codes)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y1, y0)  # SVG y axis points down
    ax.set_aspect("equal")
    ax.set_axis_off()
    mappable = matplotlib.cm.ScalarMappable(norm=norm, cmap=matplotlib.colors.ListedColormap(
        cmap(np.linspace(0.15, 1, 256))))
    bar = fig.colorbar(mappable, ax=ax, shrink=0.6, label=legend)
    bar.ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: value_text(v)))
    if value_text is formats.number:  # whole numbers: no repeated tick labels
        bar.ax.yaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    return _finish(fig, ax, title, f"{source}\n{maps.CREDIT}")
