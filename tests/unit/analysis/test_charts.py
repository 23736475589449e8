"""Charts: matplotlib figures drawn with seaborn, in the house style, with French labels, and the map."""

import importlib.util
import json
import math
import xml.etree.ElementTree as ET

import pandas as pd
import pytest
from matplotlib.collections import PolyCollection
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from santenum.analysis import charts
from santenum.core import config, reference
from tests.helpers import ROOT

NBSP = "\u00a0"


def _bars(ax) -> list:
    """(label, width, colour) of each bar, top to bottom."""
    patches = sorted(ax.patches, key=lambda p: p.get_y())
    labels = [t.get_text() for t in ax.get_yticklabels()]
    return [
        (label, p.get_width(), to_hex(p.get_facecolor()))
        for label, p in zip(labels, patches, strict=True)
    ]


def _ticks(axis) -> list:
    return [t.get_text() for t in axis.get_ticklabels() if t.get_text()]


def test_bars_are_a_figure_sorted_proportional_coloured_and_french():
    frame = pd.DataFrame({"segment": ["b", "a", "c"], "share": [0.1, 0.3, 0.2]})
    figure = charts.bars(
        frame,
        "segment",
        "share",
        title="Segments",
        xlabel="part",
        source="Source : test. n = 10.",
        ylabel="segment",
        palette={"a": "#ff0000"},
    )
    assert isinstance(figure, Figure) and figure.get_label() == "Segments"
    ax = figure.axes[0]
    bars = _bars(ax)
    assert [label for label, _, _ in bars] == ["a", "c", "b"]
    assert [width for _, width, _ in bars] == pytest.approx([0.3, 0.2, 0.1])
    assert bars[0][2] == "#ff0000" and bars[1][2] == charts.ACCENT.lower()
    labels = [t.get_text() for t in ax.texts]  # the values written at the end of the bars
    assert f"30,0{NBSP}%" in labels
    assert all(text.endswith("%") for text in _ticks(ax.xaxis))
    assert (
        ax.get_title(loc="left") == "Segments"
        and ax.get_xlabel() == "part"
        and ax.get_ylabel() == "segment"
    )
    assert "Source : test. n = 10." in [t.get_text() for t in figure.texts]


def test_share_axes_stop_at_100_percent():
    frame = pd.DataFrame({"x": ["a", "b"], "share": [0.95, 0.4]})
    ax = charts.bars(frame, "x", "share", title="t", xlabel="part", source="src").axes[0]
    assert ax.get_xlim() == (0, 1.0)


def test_counts_use_french_thousands_and_whole_numbers():
    frame = pd.DataFrame({"x": ["a", "b"], "count": [12_345, 2_000]})
    ax = charts.bars(
        frame, "x", "count", title="t", xlabel="entreprises", source="src", share=False
    ).axes[0]
    ticks = _ticks(ax.xaxis)
    assert f"3{NBSP}000" in ticks and not any("," in t or "." in t for t in ticks)


def test_ordered_classes_keep_their_order():
    frame = pd.DataFrame(
        {"age": ["moins de 4 ans", "4 à 9 ans", "10 ans et plus"], "share": [0.2, 0.5, 0.3]}
    )
    ax = charts.bars(
        frame, "age", "share", title="Âge", xlabel="part", source="src", sort=False
    ).axes[0]
    assert [label for label, _, _ in _bars(ax)] == list(frame["age"])


def test_data_text_is_escaped_in_the_svg():
    hostile = '<b>x</b> & "=1+2"'
    figure = charts.bars(
        pd.DataFrame({"x": [hostile], "share": [0.5]}),
        "x",
        "share",
        title=hostile,
        xlabel="part",
        source="src",
    )
    root = ET.fromstring(charts.svg(figure))  # well-formed XML: the text was escaped
    assert hostile in "".join(root.itertext())
    bundle = charts.svg_bundle(figure)
    assert (
        bundle["text/plain"] == f"Graphique : {hostile}" and "Matplotlib" in bundle["image/svg+xml"]
    )


def test_svg_is_the_same_bytes_for_the_same_chart():
    frame = pd.DataFrame({"x": ["a", "b"], "share": [0.3, 0.2]})
    first = charts.svg(charts.bars(frame, "x", "share", title="t", xlabel="part", source="src"))
    assert first == charts.svg(
        charts.bars(frame, "x", "share", title="t", xlabel="part", source="src")
    )


def test_each_segment_has_its_own_stable_colour():
    segments = reference.labels("segments")
    assert list(charts.SEGMENT_COLOURS) == segments
    assert len(set(charts.SEGMENT_COLOURS.values())) == len(segments)


def test_creations_by_year_are_a_heat_map_with_every_year_and_recent_years_framed():
    """Creations per segment and year: one row per segment, not lines drawn over each other; a year
    without a creation is a 0, the edition's cut year is marked, the recent years framed."""
    tidy = pd.DataFrame(
        {
            "year": [2019, 2022, 2020, 2023],
            "count": [1, 4, 3, 1],
            "segment": ["A", "A", "B", "B"],
        }
    )
    figure = charts.year_heatmap(
        tidy,
        "segment",
        title="Créations",
        ylabel="segment",
        source="src",
        highlight_from=pd.Timestamp("2020-06-30"),  # the four years before 30/06/2024
        partial_until=pd.Timestamp("2023-06-30"),
    )
    ax = figure.axes[0]
    assert not ax.get_lines()
    # A: 1, 0, 0, 4, 0 and B: 0, 3, 0, 0, 1 from 2019 to 2023, each cell written
    assert sorted(t.get_text() for t in ax.texts) == sorted("10040" + "03001")
    assert _ticks(ax.xaxis) == ["2019", "2020", "2021", "2022", "2023\n(au 30/06)"]
    (frame,) = [p for p in ax.patches if not p.get_fill()]
    assert frame.get_x() == 1 and frame.get_width() == 4  # 2020 (in part) to 2023
    assert "créées après le 30/06/2020, 2020 en partie" in ax.get_xlabel()
    colour_bar = figure.axes[1]  # whole counts, each once (it read 0, 1, 1, 2, 2…)
    assert [t.get_text() for t in colour_bar.get_yticklabels()] == ["0", "1", "2", "3", "4"]


def test_heatmap_labels_each_cell_and_leaves_missing_cells_grey():
    grid = pd.DataFrame(
        [[1, 10], [5, math.nan]], index=["IA", "Cloud"], columns=["Recherche", "Usages"]
    )
    ax = charts.heatmap(
        grid, title="Matrice", xlabel="maillon", ylabel="technologie", source="src"
    ).axes[0]
    assert sorted(t.get_text() for t in ax.texts) == ["1", "10", "5"]
    assert to_hex(ax.get_facecolor()) == charts.MISSING


def test_choropleth_draws_only_the_given_departements_missing_in_grey():
    values = pd.Series({"34": 96.0, "31": 88.0, "30": math.nan})
    codes = ["09", "11", "12", "30", "31", "32", "34", "46", "48", "65", "66", "81", "82"]
    figure = charts.choropleth(
        values, title="Occitanie", legend="entreprises", source="src", codes=codes
    )
    (collection,) = [c for c in figure.axes[0].collections if isinstance(c, PolyCollection)]
    shapes = charts.departement_shapes()
    assert len(collection.get_paths()) == sum(len(shapes[code]) for code in codes)
    colours = [to_hex(c) for c in collection.get_facecolors()]
    first_ring = {code: sum(len(shapes[c]) for c in codes[: codes.index(code)]) for code in codes}
    assert (
        colours[first_ring["12"]] == colours[first_ring["30"]] == charts.MISSING
    )  # absent, or NaN
    assert colours[first_ring["34"]] != colours[first_ring["31"]] != charts.MISSING
    assert charts.MAP_CREDIT in figure.texts[0].get_text()


def _build_script():
    path = ROOT / "data" / "reference" / "build" / "build_map_geometry.py"
    spec = importlib.util.spec_from_file_location("build_map_geometry", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_outlines_are_what_the_build_computes_from_the_svg():
    build = _build_script()
    committed = json.loads((reference.path(charts.MAP_FILE)).read_text(encoding="utf-8"))
    fitted = committed.pop("from_mercator")  # added by build_positions.py, tested with the map
    assert len(fitted) == 3
    assert committed == json.loads(
        json.dumps(build.build(config.settings().reference_dir / "maps"))
    )
    assert len(committed["departements"]) == 96 and {"2A", "2B", "75"} <= set(
        committed["departements"]
    )
    x0, y0, width, height = committed["viewBox"]
    for shape in committed["departements"].values():
        for ring in shape["rings"]:
            assert all(x0 <= x <= width for x in ring[0::2]) and all(
                y0 <= y <= height for y in ring[1::2]
            )


def test_rings_follow_relative_moves_after_a_close():
    build = _build_script()
    assert build.rings("m 1,1 2,0 0,2 z m 5,5 1,1 1,0 z") == [
        [1, 1, 3, 1, 3, 3],
        [6, 6, 7, 7, 8, 7],
    ]
    with pytest.raises(ValueError, match="not supported"):
        build.rings("m 0,0 c 1,1 2,2 3,3")


def test_grouped_bars_write_each_share_and_keep_the_legend_off_the_bars():
    """The benchmark's legend covered the Île-de-France bar, and no bar said its value."""
    frame = pd.DataFrame(
        {
            "segment": ["Télésanté", "Télésanté", "Data", "Data"],
            "region": ["Occitanie", "Île-de-France", "Occitanie", "Île-de-France"],
            "share": [0.423, 0.25, 0.5, 0.1],
            "n": [26, 40, 4, 40],
        }
    )
    figure = charts.grouped_bars(
        frame,
        "segment",
        "region",
        "share",
        title="Parts",
        xlabel="part",
        ylabel="segment",
        source="src",
    )
    ax = figure.axes[0]
    written = [text.get_text() for text in ax.texts]
    assert "42,3\u00a0%" in written and "25,0\u00a0%" in written and "10,0\u00a0%" in written
    assert "n trop faible (n = 4)" in written and "50,0\u00a0%" not in written
    figure.canvas.draw()
    assert ax.get_legend().get_window_extent().x0 >= ax.get_window_extent().x1


def test_a_regions_map_names_its_departements_and_the_national_map_does_not():
    """Regional maps showed shades without a name: a reader had to know the départements."""
    codes = ["09", "11", "12", "30", "31", "32", "34", "46", "48", "65", "66", "81", "82"]
    values = pd.Series({"34": 96.0, "31": 88.0, "09": 2.0})
    ax = charts.choropleth(
        values, title="Occitanie", legend="entreprises", source="src", codes=codes
    ).axes[0]
    written = [text.get_text().replace("\n", " ") for text in ax.texts]
    assert "Haute-Garonne" in written and "Hérault" in written and "Lozère" in written
    assert len(written) == len(codes)
    shades = {t.get_text(): t.get_color() for t in ax.texts}
    assert shades["Hérault"] == "white" and shades["Ariège"] != "white"  # readable on its shade
    national = charts.choropleth(values, title="France", legend="entreprises", source="src").axes[0]
    assert not national.texts


def test_grouped_bars_with_a_missing_pair_or_an_unknown_share():
    """A segment the peers do not have, or a share without base, broke the benchmark chart."""
    frame = pd.DataFrame(
        {
            "segment": ["A", "A", "B", "C", "C"],
            "region": ["X", "Y", "X", "X", "Y"],
            "share": [0.4, 0.2, 0.5, 0.3, math.nan],
            "n": [20, 20, 20, 20, 0],
        }
    )
    ax = charts.grouped_bars(
        frame, "segment", "region", "share", title="t", xlabel="x", ylabel="y", source="s"
    ).axes[0]
    written = sorted(text.get_text() for text in ax.texts)
    assert written == ["20,0\u00a0%", "30,0\u00a0%", "40,0\u00a0%", "50,0\u00a0%"]


def test_a_map_without_source_leaves_the_caption_to_the_page():
    """The national map's source and credit, drawn in the image, were 5 pixels high on the page."""
    values = pd.Series({"34": 96.0, "31": 88.0})
    figure = charts.choropleth(values, title="France", legend="entreprises", source=None)
    assert not figure.texts and figure.axes[0].get_title(loc="left") == "France"
    with_source = charts.choropleth(
        values, title="France", legend="entreprises", source="Source : test."
    )
    assert charts.MAP_CREDIT in with_source.texts[0].get_text().replace("\n", " ")
