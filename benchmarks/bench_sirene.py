"""Benchmark: `santenum sirene` on synthetic national SIRENE stock files, and DuckDB against plain pandas.

Targets (issue 6), on 2 cores: 10 million établissements + 8 million unités légales, filter and
join for one région in at most 60 s with at most 4 GB peak memory, as Parquet and as CSV; and the
ratio against a plain-pandas implementation of the same selection on 1 million établissements.
The command runs in a child process so its peak resident memory is measured alone. Stock files
are generated once under benchmarks/out/ (git-ignored) and reused.
Usage: python benchmarks/bench_sirene.py [--etablissements 10000000] [--format parquet|csv|both]
"""

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from santenum.core import reference
from santenum.core.insee import ETABLISSEMENT_REQUIRED
from santenum.demo.synthetic_stock import write_stock
from santenum.sirene import commune_regions, extract_candidates

OUT = Path(__file__).parent / "out"
STOCK_VERSION = (
    2  # raised when demo.synthetic_stock changes what it writes (2: register-like names)
)


def stock(etablissements: int, fmt: str) -> tuple:
    folder = OUT / f"stock-{STOCK_VERSION}-{etablissements}-{fmt}"
    paths = (folder / f"StockEtablissement.{fmt}", folder / f"StockUniteLegale.{fmt}")
    if not all(p.exists() for p in paths):
        start = time.perf_counter()
        write_stock(folder, etablissements, etablissements * 4 // 5, seed=1, fmt=fmt)
        print(
            f"generated {etablissements:,} établissements ({fmt}) in {time.perf_counter() - start:.0f} s"
        )
    return paths


def run_command(paths: tuple, region: str) -> tuple:
    """(wall seconds, peak RSS in GB, exit code) of `santenum sirene` in a child process."""
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "santenum",
                "sirene",
                "--etablissements",
                str(paths[0]),
                "--unites-legales",
                str(paths[1]),
                "--region",
                region,
                "--out",
                out,
                "--quiet",
            ]
        )
        elapsed = time.perf_counter() - start
    return elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 2**20, done.returncode


def pandas_candidates(etablissements: Path, unites_legales: Path, region: str) -> pd.DataFrame:
    """The same selection in plain pandas (whole files in memory)."""
    naf = set(reference.naf_candidates())
    etab = pd.read_parquet(
        etablissements, columns=[*ETABLISSEMENT_REQUIRED, "codePostalEtablissement"]
    )
    etab = etab[
        (etab["etatAdministratifEtablissement"] == "A")
        & etab["activitePrincipaleEtablissement"].isin(naf)
    ]
    etab = etab.merge(
        commune_regions(), left_on="codeCommuneEtablissement", right_on="commune_code"
    )
    etab = etab[etab["region_code"] == region]
    etab = etab.sort_values(["siren", "etablissementSiege", "siret"], ascending=[True, False, True])
    etab = etab.drop_duplicates("siren")
    units = pd.read_parquet(unites_legales)
    joined = etab.merge(units[units["etatAdministratifUniteLegale"] == "A"], on="siren")
    return joined.sort_values("siren")


def compare_with_pandas(region: str, rows: int = 1_000_000) -> None:
    paths = stock(rows, "parquet")
    start = time.perf_counter()
    frame = pandas_candidates(*paths, region)
    pandas_s = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        written = extract_candidates(*paths, region, out, progress=False)
        duck_s = time.perf_counter() - start
    assert written[region] == len(frame), (written, len(frame))
    print(
        f"{rows:,} établissements, région {region}: pandas {pandas_s:.2f} s, DuckDB {duck_s:.2f} s, "
        f"pandas / DuckDB = {pandas_s / duck_s:.1f} ({len(frame):,} companies both ways)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--etablissements", type=int, default=10_000_000)
    parser.add_argument("--format", choices=["parquet", "csv", "both"], default="both")
    parser.add_argument("--region", default="76")
    args = parser.parse_args()
    for fmt in ["parquet", "csv"] if args.format == "both" else [args.format]:
        paths = stock(args.etablissements, fmt)
        elapsed, peak, code = run_command(paths, args.region)
        size = sum(p.stat().st_size for p in paths) / 1e9
        print(
            f"{args.etablissements:,} établissements + {args.etablissements * 4 // 5:,} unités légales ({fmt}, "
            f"{size:.1f} GB): wall {elapsed:.1f} s, peak RSS {peak:.2f} GB, exit {code}"
        )
    compare_with_pandas(args.region)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
