"""Rebuild the geographic reference tables from @etalab/decoupage-administratif.

Usage: python data/reference/build/build_reference.py PACKAGE_DIR OUT_DIR
PACKAGE_DIR is the unpacked npm package (the folder holding data/*.json).
Only the standard library is used so the script runs before the project is installed.
"""

import csv
import json
import sys
from pathlib import Path


def _load(package_dir, name):
    with open(Path(package_dir) / "data" / f"{name}.json", encoding="utf-8") as fh:
        return json.load(fh)


def _write(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(sorted(rows))


def build(package_dir, out_dir):
    out = Path(out_dir)
    communes = _load(package_dir, "communes")
    epcis = _load(package_dir, "epci")
    epci_of = {m["code"]: e["code"] for e in epcis for m in e["membres"]}

    _write(
        out / "regions.csv",
        ["region_code", "region_name", "zone"],
        [(r["code"], r["nom"], r["zone"]) for r in _load(package_dir, "regions")],
    )

    population = {}
    for c in communes:
        if c["type"] == "commune-actuelle":
            population[c["departement"]] = population.get(c["departement"], 0) + c.get(
                "population", 0
            )
    _write(
        out / "departements.csv",
        ["departement_code", "departement_name", "region_code", "population", "zone"],
        [
            (d["code"], d["nom"], d["region"], population.get(d["code"], 0), d["zone"])
            for d in _load(package_dir, "departements")
        ],
    )

    actual = {c["code"] for c in communes if c["type"] == "commune-actuelle"}
    rows, postal = [], []
    for c in communes:
        if c["type"] != "commune-actuelle" and c["code"] in actual:
            continue  # a commune déléguée sharing the code of its commune nouvelle
        current = (
            c["code"] if c["type"] == "commune-actuelle" else c.get("commune") or c.get("chefLieu")
        )
        rows.append(
            (
                c["code"],
                c["nom"],
                c["type"],
                current,
                c["departement"],
                c["region"],
                c.get("population", "") if c["type"] == "commune-actuelle" else "",
                epci_of.get(current, ""),
            )
        )
        if c["type"] == "commune-actuelle":
            postal.extend((cp, c["code"]) for cp in c.get("codesPostaux", []))
    _write(
        out / "communes.csv",
        [
            "commune_code",
            "commune_name",
            "commune_type",
            "current_commune_code",
            "departement_code",
            "region_code",
            "population",
            "epci_code",
        ],
        rows,
    )
    _write(out / "postal_codes.csv", ["postal_code", "commune_code"], sorted(set(postal)))

    _write(
        out / "epci.csv",
        ["epci_code", "epci_name", "epci_type", "population"],
        [(e["code"], e["nom"], e["type"], e["populationMunicipale"]) for e in epcis],
    )


if __name__ == "__main__":
    build(sys.argv[1], sys.argv[2])
