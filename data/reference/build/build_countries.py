"""The world's countries by the names lists write them, to tell a foreign place from a French one.

Usage: python data/reference/build/build_countries.py WHEEL OUT_CSV
WHEEL is the PyPI wheel pycountry-26.2.16-py3-none-any.whl (LGPL-2.1; its data: Debian's iso-codes,
ISO 3166-1 names and their French translations). One row per (country code, folded name): the
English name, official and common names, the French name (with and without its article), and a
few usual names written by hand below (ISO's three-letter codes are left out: « AND », « CAN »,
« MAR » are words too). France's overseas départements and collectivités, ISO
countries of their own, are France here (`france` = 1). Standard library only.
"""

import csv
import gettext
import io
import json
import re
import sys
import unicodedata
import zipfile
from pathlib import Path

FRANCE = {"FR", "GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF", "WF", "PF", "NC", "TF"}
# Names lists use that ISO does not: (code, name).
USUAL = [
    ("US", "USA"),
    ("US", "Etats-Unis"),
    ("US", "Etats-Unis d'Amerique"),
    ("US", "United States of America"),
    ("GB", "UK"),
    ("GB", "Grande-Bretagne"),
    ("GB", "Great Britain"),
    ("GB", "Angleterre"),
    ("GB", "England"),
    ("GB", "Ecosse"),
    ("GB", "Scotland"),
    ("GB", "Pays de Galles"),
    ("NL", "Hollande"),
    ("NL", "The Netherlands"),
    ("KR", "Coree du Sud"),
    ("KR", "South Korea"),
    ("RU", "Russie"),
    ("CZ", "Republique tcheque"),
    ("CH", "Suisse"),
    ("DE", "Allemagne"),
    ("FR", "Republique francaise"),
    ("FR", "France metropolitaine"),
    ("FR", "FRA"),
    ("US", "USA"),
]


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return re.sub(r"[\W_]+", " ", plain.replace("œ", "oe")).strip()


def names(wheel: Path) -> list:
    with zipfile.ZipFile(wheel) as archive:
        countries = json.loads(archive.read("pycountry/databases/iso3166-1.json"))["3166-1"]
        mo = archive.read("pycountry/locales/fr/LC_MESSAGES/iso3166-1.mo")
    french = gettext.GNUTranslations(io.BytesIO(mo))
    rows = []
    for country in countries:
        code = country["alpha_2"]
        written = {country["name"], country.get("official_name"), country.get("common_name")}
        written |= {french.gettext(country["name"])}
        written |= {re.sub(r"^(?:l'|la |le |les )", "", n, flags=re.I) for n in set(written) if n}
        rows += [(code, name) for name in written if name]
    return rows + USUAL


def main(wheel: Path, out: Path) -> None:
    found = {(code, fold(name)) for code, name in names(wheel) if fold(name)}
    with open(out, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["country_code", "name", "france"])
        for code, name in sorted(found, key=lambda r: (r[1], r[0])):
            writer.writerow([code, name, int(code in FRANCE)])


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
