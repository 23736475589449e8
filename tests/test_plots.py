"""Charts: valid SVG, lengths proportional to values, order, colours, escaping, and the map."""

import math
import xml.etree.ElementTree as ET

import pandas as pd
import pytest

from santenum.analysis import charts, french, maps

NS = {"s": "http://www.w3.org/2000/svg"}


def tree(chart: charts.Chart) -> ET.Element:
    return ET.fromstring(chart.svg)


def texts(root: ET.Element) -> list:
    return [node.text for node in root.iterfind(".//s:text", NS)]


def test_bars_are_proportional_sorted_and_labelled():
    chart = charts.bars(
        ["b", "a", "c"],
        [0.1, 0.3, 0.2],
        "Segments",
        "part",
        "Source : test. n = 10 entreprises.",
        colours={"a": "#ff0000"},
        ylabel="segment",
    )
    root = tree(chart)
    bars = root.findall(".//s:rect[@class='bar']", NS)
    widths = [float(bar.get("width")) for bar in bars]
    tops = [float(bar.get("y")) for bar in bars]
    assert tops == sorted(tops)  # drawn top to bottom: a (0,3), c (0,2), b (0,1)
    assert widths[0] / widths[1] == pytest.approx(0.3 / 0.2, rel=1e-3)
    assert widths[0] / widths[2] == pytest.approx(3, rel=1e-3)
    assert bars[0].get("fill") == "#ff0000" and bars[1].get("fill") == charts.ACCENT
    words = texts(root)
    assert {"Segments", "part", "segment", "Source : test. n = 10 entreprises."} <= set(words)
    assert {"30,0\u00a0%", "20,0\u00a0%", "10,0\u00a0%"} <= set(words)
    assert root.find("s:title", NS).text == "Segments" and repr(chart) == "Graphique : Segments"


def test_ordered_classes_keep_their_order():
    root = tree(
        charts.bars(
            ["0 salarié", "1 ou 2", "3 à 5"], [0.2, 0.5, 0.3], "Tranches", "part", "s", sort=False
        )
    )
    widths = [float(bar.get("width")) for bar in root.findall(".//s:rect[@class='bar']", NS)]
    assert widths[0] < widths[2] < widths[1]
    assert [t for t in texts(root) if t in ("0 salarié", "1 ou 2", "3 à 5")] == [
        "0 salarié",
        "1 ou 2",
        "3 à 5",
    ]


def test_data_text_in_a_chart_is_escaped():
    chart = charts.bars(
        ["<script>alert(1)</script>"], [1], "Titre & co", "x", "s", value_text=french.number
    )
    assert "<script>" not in chart.svg
    assert "<script>alert(1)</script>" in texts(tree(chart))


@pytest.mark.parametrize(
    "top, options, expected",
    [
        (0.2065, {}, [0, 0.05, 0.1, 0.15, 0.2, 0.25]),
        (3, {"integer": True}, [0, 1, 2, 3]),
        (96, {"integer": True, "cover": False}, [0, 20, 40, 60, 80]),
        (7.8, {"cover": False}, [0, 2, 4, 6]),
        (0, {}, [0, 1]),
    ],
)
def test_ticks_are_round_values(top, options, expected):
    assert charts.ticks(top, **options) == pytest.approx(expected)


def test_blues_runs_from_the_lightest_to_the_darkest_step():
    assert (
        charts.blues(0) == "#f7fbff"
        and charts.blues(1) == "#08306b"
        and charts.blues(0.5) == "#6baed6"
    )
    assert charts.blues(0.025) == "#f2f8fd"  # a fifth of the way from #f7fbff to #deebf7


def test_each_segment_has_its_own_colour():
    assert len(set(charts.SEGMENT_COLOURS.values())) == len(charts.SEGMENT_COLOURS) > 5


def test_lines_draw_every_point_and_shade_the_recent_years():
    table = pd.DataFrame({"A": [1, 0, 2, 4], "B": [0, 3, 1, 1]}, index=[2019, 2020, 2021, 2022])
    root = tree(
        charts.lines(table, "Créations", "année", "entreprises", "src", highlight_from=2021)
    )
    points = root.findall(".//s:circle[@class='point']", NS)
    assert len(points) == 8
    xs = sorted({float(p.get("cx")) for p in points})
    shade = float(root.find(".//s:rect[@class='highlight']", NS).get("x"))
    assert xs[1] < shade < xs[2]  # between 2020 and 2021
    heights = {float(p.get("cy")) for p in points}
    assert max(heights) - min(heights) > 0  # 0 and 4 at different heights
    assert "4 dernières années" in texts(root) and "2022" in texts(root)


def test_heatmap_colours_and_labels_each_cell():
    table = pd.DataFrame(
        [[1, 10], [5, math.nan]], index=["IA", "Cloud"], columns=["Recherche", "Usages"]
    )
    root = tree(charts.heatmap(table, "Matrice", "maillon", "technologie", "src"))
    cells = root.findall(".//s:rect[@class='cell']", NS)
    assert [c.get("fill") for c in cells][1] == charts.blues(1.0)
    assert [c.get("fill") for c in cells][3] == charts.MISSING
    assert {"1", "10", "5", "–", "Recherche", "Usages", "sans valeur"} <= set(texts(root))


def test_choropleth_draws_only_the_given_departements():
    values = pd.Series({"34": 96.0, "31": 88.0, "30": math.nan})
    codes = ["09", "11", "12", "30", "31", "32", "34", "46", "48", "65", "66", "81", "82"]
    root = tree(charts.choropleth(values, "Occitanie", "entreprises", "src", codes=codes))
    paths = root.findall(".//s:path[@class='departement']", NS)
    assert len(paths) == len(codes)
    fills = [p.get("fill") for p in paths]
    assert fills[codes.index("34")] == charts.blues(1.0)
    assert fills[codes.index("31")] == charts.blues(0.15 + 0.85 * 88 / 96)
    assert fills[codes.index("12")] == fills[codes.index("30")] == charts.MISSING  # absent, or NaN
    assert maps.CREDIT in texts(root)


def test_map_paths_parse_within_the_map():
    paths = maps.departement_paths()
    assert len(paths) == 96 and {"2A", "2B", "75"} <= set(paths)
    x0, y0, x1, y1 = maps.bounds(sorted(paths))
    assert 0 <= x0 < x1 <= 613 and 0 <= y0 < y1 <= 585  # the file's viewBox


def test_path_points_follow_relative_moves_after_a_close():
    assert maps.path_points("m 1,1 2,0 0,2 z m 5,5 1,1 z") == [
        (1, 1),
        (3, 1),
        (3, 3),
        (6, 6),
        (7, 7),
    ]
    assert maps.path_points("M 1 1 L 4 5 Z") == [(1, 1), (4, 5)]
    with pytest.raises(ValueError, match="not supported"):
        maps.path_points("m 0,0 c 1,1 2,2 3,3")
