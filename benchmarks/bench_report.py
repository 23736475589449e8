"""Benchmark: a full report for one région against the floor of the same pipeline on empty notebooks.

Targets (issue 5), on 2 cores: wall time at most 1.5 × the floor measured in the same run (as many
empty notebooks, one parameters cell each, through the same papermill + HTML export path) and at
most 60 s; peak memory at most 2 GB (sum of the resident memory of this process and all its
children — notebook processes and kernels — sampled every 0.1 s).
The floor is noisy on a shared machine (the same run varies by up to 40 %): use --repeat and read
the median ratio. Usage: python benchmarks/bench_report.py [-j 2] [--repeat 1]
"""

import argparse
import statistics
import tempfile
import threading
import time
from pathlib import Path

import nbformat
import psutil
from nbformat.v4 import new_code_cell, new_notebook

from santenum.demo import ensure_demo_data
from santenum.report.run import NOTEBOOK_DIR, ReportOptions, run_report

PARAMETERS = (
    'data_path = None\nregion_code = "76"\npeer_regions = []\nas_of = None\noutput_dir = None'
)


def _tree_rss() -> int:
    me = psutil.Process()
    total = me.memory_info().rss
    for child in me.children(recursive=True):
        try:
            total += child.memory_info().rss
        except psutil.NoSuchProcess:
            pass
    return total


def measure(options: ReportOptions) -> tuple:
    """(wall seconds, peak bytes of the process tree) of one run_report call."""
    peak, done = [0], threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], _tree_rss())
            time.sleep(0.1)

    sampler = threading.Thread(target=sample)
    sampler.start()
    start = time.perf_counter()
    runs = run_report(options)
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    assert all(run["status"] == "ok" for run in runs), runs
    return elapsed, peak[0]


def empty_notebooks(folder: Path, names) -> list:
    paths = []
    for name in names:
        notebook = new_notebook()
        cell = new_code_cell(PARAMETERS)
        cell.metadata["tags"] = ["parameters"]
        notebook.cells.append(cell)
        paths.append(folder / f"{name}.ipynb")
        nbformat.write(notebook, paths[-1])
    return paths


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-j", "--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    data = ensure_demo_data()
    real = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        empty = empty_notebooks(tmp, [p.stem for p in real])
        ratios = []
        for _ in range(args.repeat):
            common = {"data": data, "as_of": "2023-06-30", "jobs": args.jobs, "progress": False}
            floor, floor_peak = measure(ReportOptions(out=tmp / "floor", notebooks=empty, **common))
            full, full_peak = measure(ReportOptions(out=tmp / "full", notebooks=real, **common))
            ratios.append(full / floor)
            print(
                f"notebooks={len(real)} jobs={args.jobs} floor={floor:.1f} s full={full:.1f} s "
                f"ratio={full / floor:.2f} peak_full={full_peak / 2**30:.2f} GB peak_floor={floor_peak / 2**30:.2f} GB"
            )
    if args.repeat > 1:
        print(
            f"ratio over {args.repeat} pairs: median {statistics.median(ratios):.2f}, "
            f"min {min(ratios):.2f}, max {max(ratios):.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
