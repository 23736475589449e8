"""Benchmark: reading an .xlsx survey export with python-calamine (what santenum uses) and openpyxl.

A workbook of N rows in the demo survey's layout (14 columns: text, numbers, dates) is written once; each
reader then loads every cell of its first sheet as Python values, in a child process so that
imports count as they do for a user. Usage: python benchmarks/bench_readers.py [--rows 50000]
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from santenum.core.files import write_workbook
from santenum.demo.render import SURVEY_HEADERS

READ = {
    "calamine": "from python_calamine import CalamineWorkbook; import sys; "
    "book = CalamineWorkbook.from_path(sys.argv[1]); "
    "rows = book.get_sheet_by_name(book.sheet_names[0]).to_python()",
    "openpyxl": "import openpyxl, sys; "
    "book = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True); "
    "rows = list(book.worksheets[0].iter_rows(values_only=True))",
}


def workbook(path: Path, rows: int) -> Path:
    body = [
        [
            f"2023-02-01 08:{i % 60:02d}",
            f"Entreprise {i}",
            str(100_000_000 + i),
            "Montpellier",
            "34000",
            i % 250,
            1_000.5 * i,
            date(2000 + i % 24, 1 + i % 12, 1),
            "Télémédecine",
            "Logiciel; Application",
            "oui",
            "IA",
            "Usages",
            "Financement",
        ]
        for i in range(rows)
    ]
    return write_workbook(path, {"Réponses": [SURVEY_HEADERS, *body]})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = workbook(Path(tmp) / "enquete.xlsx", args.rows)
        times = {name: [] for name in READ}
        for _ in range(args.repeat):
            for name, code in READ.items():
                start = time.perf_counter()
                subprocess.run([sys.executable, "-c", code, str(path)], check=True)
                times[name].append(time.perf_counter() - start)
    for name, values in times.items():
        print(
            f"{name}: {', '.join(f'{v:.2f} s' for v in values)} (median {statistics.median(values):.2f} s)"
        )
    ratio = statistics.median(times["openpyxl"]) / statistics.median(times["calamine"])
    print(
        f"{args.rows} rows × {len(SURVEY_HEADERS)} columns: calamine is {ratio:.1f} × faster than openpyxl"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
