"""Benchmark: clean N synthetic SIRENE-schema rows (default 1,000,000) and report time and peak memory.

Target (issue 2): 1,000,000 rows in at most 20 s with at most 3 GB peak memory on 2 cores.
The cleaning runs in a child process (`python -m santenum clean`) so its peak RSS is measured alone.
The floor, in the same run, is a plain DuckDB read of the same file into a pandas frame (a child
process too): the ratio says what cleaning costs over reading (the machine is shared and noisy).
With --files N the rows are split into N files (issue 20: the cost per file, 1 000 tiny files).
With --repeat N the clean and its floor run N times on the same files, and the medians follow.
Usage: python benchmarks/bench_clean.py [--rows N] [--format csv|parquet] [--files N] [--repeat N]
"""

import argparse
import os
import statistics
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
    parser.add_argument("--repeat", type=int, default=1)
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
        runs = [_measure(raw, Path(tmp) / "out", args.format) for _ in range(args.repeat)]
    for wall, peak_gb, code, floor, load in runs:
        print(
            f"rows={args.rows} files={args.files} format={args.format} input={size_mb:.0f} MB "
            f"wall={wall:.1f} s peak_rss={peak_gb:.2f} GB exit={code} duckdb_read={floor:.1f} s "
            f"ratio={wall / floor:.1f} load={load:.1f}"
        )
    if args.repeat > 1:
        wall, floor = (statistics.median(r[i] for r in runs) for i in (0, 3))
        print(
            f"median of {args.repeat}: wall={wall:.1f} s duckdb_read={floor:.1f} s "
            f"ratio={statistics.median(r[0] / r[3] for r in runs):.1f} "
            f"peak_rss={max(r[1] for r in runs):.2f} GB"
        )
    return max(r[2] for r in runs)


def _child(command: list) -> tuple:
    """(wall time, peak RSS in GB, exit code) of a child process."""
    start = time.perf_counter()
    child = subprocess.Popen(command)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - start, usage.ru_maxrss / 1024 / 1024, child.returncode


def _measure(raw: Path, out: Path, file_format: str) -> tuple:
    """(wall, peak RSS, exit code) of one clean of raw, then the DuckDB floor's wall time, and
    the load average before them (the machine is shared)."""
    load = os.getloadavg()[0]
    wall, peak_gb, code = _child(
        [
            sys.executable,
            "-m",
            "santenum",
            "clean",
            str(raw),
            "--out",
            str(out),
            "--as-of",
            "2026-01-01",
            "--quiet",
        ]
    )
    reader = "read_csv(?, all_varchar = true)" if file_format == "csv" else "read_parquet(?)"
    floor, _, _ = _child(
        [
            sys.executable,
            "-c",
            f"import duckdb, sys; duckdb.execute('SELECT * FROM {reader}', [sys.argv[1]]).df()",
            str(raw / f"*.{file_format}"),
        ]
    )
    return wall, peak_gb, code, floor, load


if __name__ == "__main__":
    raise SystemExit(main())
