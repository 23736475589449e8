"""Benchmark: `santenum report` against the standard papermill path on empty notebooks.

The floor (issue 12) is as many EMPTY notebooks (one parameters cell) as the report runs, each
through the standard path: `papermill IN OUT -k santenum`, then `jupyter nbconvert --to html
--no-input OUT`, one kernel per notebook, `-j` notebooks at a time. The full report is the
`santenum report` command itself (charts and the study's etude.pdf included), run as a child
process like the floor; then the same command with --no-study-pdf, which shows what the study PDF
still adds. All are measured in the same run, one after the other (the machine is shared and
noisy): read the median ratios. Peak memory is the sum of the resident memory of every process
below this one, sampled every 0.1 s. Each line gives the load average when it ended.

Targets, on 2 cores (issue 33): one région with its study PDF at most 0.4 × the floor (median of
3), `--region all` at most 0.2 ×; peak memory at most 2 GB.
Usage: python benchmarks/bench_report.py [--scenario region|all|both] [-j 2] [--repeat 3]
       [--no-without-pdf]
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pandas as pd
import psutil
from nbformat.v4 import new_code_cell, new_notebook

from santenum.core import config
from santenum.core.table.store import read_companies
from santenum.demo import ensure_demo_data, ensure_previous_demo_data
from santenum.report.execute import ensure_kernel

BIN = Path(sys.executable).parent
GOALS = {"region": 0.4, "all": 0.2}  # issue 33: at most this ratio to the floor, study PDF included
PARAMETERS = (
    'data_path = None\nregion_code = "76"\npeer_regions = []\nas_of = None\noutput_dir = None'
)


def _tree_rss() -> int:
    total = 0
    for child in psutil.Process().children(recursive=True):
        try:
            total += child.memory_info().rss
        except psutil.NoSuchProcess:
            pass
    return total


def measured(work, *args) -> tuple:
    """(wall seconds, peak bytes of the child processes) of work(*args)."""
    peak, done = [0], threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], _tree_rss())
            time.sleep(0.1)

    sampler = threading.Thread(target=sample)
    sampler.start()
    start = time.perf_counter()
    try:
        work(*args)
    finally:
        elapsed = time.perf_counter() - start
        done.set()
        sampler.join()
    return elapsed, peak[0]


def empty_notebook(path: Path) -> Path:
    notebook = new_notebook()
    notebook.metadata["kernelspec"] = {
        "name": "santenum",
        "language": "python",
        "display_name": "Python (santenum)",
    }
    cell = new_code_cell(PARAMETERS)
    cell.metadata["tags"] = ["parameters"]
    notebook.cells.append(cell)
    nbformat.write(notebook, path)
    return path


def floor(count: int, jobs: int, folder: Path, kernel: str) -> None:
    """`count` empty notebooks through papermill then nbconvert, `jobs` at a time."""
    source = empty_notebook(folder / "empty.ipynb")

    def one(i: int) -> None:
        out = folder / f"out-{i}.ipynb"
        subprocess.run(
            [
                BIN / "papermill",
                source,
                out,
                "-k",
                kernel,
                "-p",
                "region_code",
                "76",
                "--no-progress-bar",
            ],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [BIN / "jupyter", "nbconvert", "--to", "html", "--no-input", out],
            check=True,
            capture_output=True,
        )

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(one, range(count)))


def report(region: str, jobs: int, data: Path, out: Path, *options: str) -> None:
    subprocess.run(
        [
            BIN / "santenum",
            "report",
            "--data",
            data,
            "--region",
            region,
            "--as-of",
            "2023-06-30",
            "--out",
            out,
            "-j",
            str(jobs),
            "--quiet",
            "--previous",
            ensure_previous_demo_data(),
            *options,
        ],
        check=True,
    )


def load() -> str:
    return "/".join(f"{value:.1f}" for value in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scenario", choices=["region", "all", "both"], default="both")
    parser.add_argument("-j", "--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--no-without-pdf",
        dest="without_pdf",
        action="store_false",
        help="do not also measure the report with --no-study-pdf",
    )
    args = parser.parse_args()
    data, kernel = ensure_demo_data(), ensure_kernel()
    notebooks = len(config.settings().notebooks())
    regions = read_companies(data)["region_code"].dropna().nunique()
    scenarios = {"region": ("76", notebooks), "all": ("all", notebooks * regions)}
    chosen = list(scenarios) if args.scenario == "both" else [args.scenario]
    for name in chosen:
        region, count = scenarios[name]
        rows = []
        for _ in range(args.repeat):
            with tempfile.TemporaryDirectory() as tmp:
                tmp = Path(tmp)
                base, base_peak = measured(floor, count, args.jobs, tmp, kernel)
                full, full_peak = measured(report, region, args.jobs, data, tmp / "report")
                row = {
                    "floor_s": base,
                    "report_s": full,
                    "ratio": full / base,
                    "peak_report_gb": full_peak / 2**30,
                    "peak_floor_gb": base_peak / 2**30,
                }
                if args.without_pdf:
                    bare, _ = measured(
                        report, region, args.jobs, data, tmp / "bare", "--no-study-pdf"
                    )
                    row |= {"no_pdf_s": bare, "no_pdf_ratio": bare / base}
            row["load"] = load()
            rows.append(row)
            bare = f", without the study PDF {row['no_pdf_s']:.1f} s ({row['no_pdf_ratio']:.2f})"
            print(
                f"{name}: {count} notebooks, -j {args.jobs}: floor {base:.1f} s, report {full:.1f} s, "
                f"ratio {full / base:.2f}{bare if args.without_pdf else ''}, "
                f"peak {full_peak / 2**30:.2f} GB (floor {base_peak / 2**30:.2f} GB), "
                f"load {row['load']}",
                flush=True,
            )
        ratios = [row["ratio"] for row in rows]
        median = statistics.median(ratios)
        print(
            f"{name}: median ratio {median:.2f} over {len(rows)} runs "
            f"(min {min(ratios):.2f}, max {max(ratios):.2f}); goal at most {GOALS[name]}: "
            f"{'met' if median <= GOALS[name] else 'not met'}"
        )
        if args.without_pdf:
            print(
                f"{name}: without the study PDF, median ratio "
                f"{statistics.median(row['no_pdf_ratio'] for row in rows):.2f}"
            )
        print(pd.DataFrame(rows).round(2).to_string(index=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
