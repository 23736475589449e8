"""Benchmark: clean N synthetic SIRENE-schema rows (default 1,000,000) and report time and peak memory.

Target (issue 2): 1,000,000 rows in at most 20 s with at most 3 GB peak memory on 2 cores.
The cleaning runs in a child process (`python -m santenum clean`) so its peak RSS is measured alone.
The floor, in the same run, is a plain DuckDB read of the same file into a pandas frame (a child
process too): the ratio says what cleaning costs over reading (the machine is shared and noisy).
With --files N the rows are split into N files (issue 20: the cost per file, 1 000 tiny files).
Usage: python benchmarks/bench_clean.py [--rows N] [--format csv|parquet] [--files N]
"""

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from santenum.demo.synthetic import sirene_rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--format", choices=["csv", "parquet"], default="csv")
    parser.add_argument("--files", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw"
        raw.mkdir()
        frame = sirene_rows(args.rows, seed=1)
        for number in range(args.files):
            part = frame.iloc[number :: args.files]
            path = raw / f"StockUniteLegale-{number:05d}.{args.format}"
            part.to_csv(path, index=False) if args.format == "csv" else part.to_parquet(
                path, index=False
            )
        size_mb = sum(p.stat().st_size for p in raw.iterdir()) / 1e6
        del frame
        start = time.perf_counter()
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "santenum",
                "clean",
                str(raw),
                "--out",
                str(Path(tmp) / "out"),
                "--as-of",
                "2026-01-01",
                "--quiet",
            ]
        )
        elapsed = time.perf_counter() - start
        peak_gb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024 / 1024
        reader = "read_csv(?, all_varchar = true)" if args.format == "csv" else "read_parquet(?)"
        start = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-c",
                f"import duckdb, sys; duckdb.execute('SELECT * FROM {reader}', [sys.argv[1]]).df()",
                str(raw / f"*.{args.format}"),
            ],
            check=True,
        )
        floor = time.perf_counter() - start
    print(
        f"rows={args.rows} files={args.files} format={args.format} input={size_mb:.0f} MB wall={elapsed:.1f} s "
        f"peak_rss={peak_gb:.2f} GB exit={done.returncode} duckdb_read={floor:.1f} s "
        f"ratio={elapsed / floor:.1f}"
    )
    return done.returncode


if __name__ == "__main__":
    raise SystemExit(main())
