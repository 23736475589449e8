"""The demo's cleaned table, rejected rows, quality report and every report table match the
recorded snapshots in tests/test_golden/ (pytest-regressions: a failure shows the diff).

A change that alters an output must update the snapshots on purpose and say why in its commit:
`make snapshots` (pytest --force-regen on this file) rewrites them, and `git diff tests/test_golden`
shows what changed. santenum's version is left out of quality.json's snapshot, so a release does
not change it. Parquet bytes carry the writer's version: the table is compared as CSV.
"""

import json
from pathlib import Path

import pytest

from santenum.core.table.store import read_companies

pytestmark = [pytest.mark.slow]

SNAPSHOTS = Path(__file__).with_suffix("")


def _outputs(processed: Path, reports: Path) -> dict:
    """Snapshot name -> text of every demo output that must not change by accident."""
    companies = read_companies(processed / "companies.parquet")
    quality = json.loads((processed / "quality.json").read_text(encoding="utf-8"))
    del quality["santenum_version"]
    found = {
        "clean__companies": companies.to_csv(index=False, lineterminator="\n"),
        "clean__rejected": (processed / "rejected.csv").read_text(encoding="utf-8"),
        "clean__perimetre": (processed / "perimetre.csv").read_text(encoding="utf-8"),
        "clean__quality": json.dumps(quality, ensure_ascii=False, indent=2) + "\n",
    }
    found.update(
        {p.stem: p.read_text(encoding="utf-8") for p in sorted((reports / "tables").glob("*.csv"))}
    )
    return found


def test_demo_outputs_match_the_snapshots(demo_data, demo_run, file_regression):
    code, out = demo_run
    assert code == 0
    found = _outputs(Path(demo_data).parent, out)
    failed = []
    for name, text in found.items():
        extension = ".json" if name == "clean__quality" else ".csv"
        try:
            file_regression.check(text, basename=name, extension=extension, newline="\n")
        except (AssertionError, pytest.fail.Exception) as exc:
            failed.append(f"{name}: {str(exc)[:2000]}")
    recorded = {p.stem for p in SNAPSHOTS.glob("*.*")}
    assert not failed, "\n".join(failed)
    assert recorded == set(found), f"snapshots without an output: {sorted(recorded - set(found))}"
