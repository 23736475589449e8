"""The layer contract of pyproject.toml (import-linter, run by `make lint`) holds, and it fails on a
back import: a copy of the package where core imports a stage is refused."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(
    tmp_path: Path, back_import: str | None, into: str = "core/errors.py"
) -> subprocess.CompletedProcess:
    shutil.copytree(
        ROOT / "lib" / "santenum",
        tmp_path / "lib" / "santenum",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    if back_import:
        errors = tmp_path / "lib" / "santenum" / into
        errors.write_text(
            errors.read_text(encoding="utf-8") + f"\n{back_import}\n", encoding="utf-8"
        )
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "lib")}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=tmp_path, env=env, capture_output=True, text=True
    )


def test_the_package_keeps_its_layers(tmp_path):
    done = _lint(tmp_path, None)
    assert done.returncode == 0, done.stdout
    assert "2 kept, 0 broken" in done.stdout


@pytest.mark.parametrize(
    "back_import",
    [
        "from santenum.report import run  # core importing the top",
        "import santenum.clean.pipeline  # core importing a stage",
    ],
)
@pytest.mark.slow
def test_a_back_import_breaks_the_contract(tmp_path, back_import):
    done = _lint(tmp_path, back_import)
    assert done.returncode == 1
    assert "BROKEN" in done.stdout and "santenum.core.errors" in done.stdout


@pytest.mark.slow
def test_the_report_shows_outputs_without_the_notebook_session(tmp_path):
    """report/index imported the notebook session for its tiles (issue 32, item 9)."""
    done = _lint(tmp_path, "from santenum.analysis import session", into="report/index.py")
    assert done.returncode == 1
    assert "BROKEN" in done.stdout and "santenum.report.index" in done.stdout
