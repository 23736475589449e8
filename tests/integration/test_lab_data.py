"""`santenum lab` prepares what every notebook reads when run as it is in JupyterLab: the demo and
its previous edition, which 07_evolution compares it with."""

import shutil
import subprocess

import pytest

from santenum.cli import main
from santenum.core import config
from tests.helpers import ROOT

pytestmark = pytest.mark.slow


def test_lab_cleans_the_demo_and_its_previous_edition(tmp_path, monkeypatch):
    home = tmp_path / "home"
    checkout = config.settings()
    for raw in (checkout.demo_raw_dir, checkout.demo_previous_raw_dir):
        shutil.copytree(raw, home / raw.relative_to(checkout.home))
    settings = config.Settings.from_environment(
        {"SANTENUM_HOME": str(home), "SANTENUM_REFERENCE_DIR": str(ROOT / "data" / "reference")}
    )
    monkeypatch.setattr(config, "settings", lambda: settings)
    started = []
    monkeypatch.setattr(subprocess, "call", lambda command: started.append(command) or 0)
    assert main(["lab", "--notebooks", str(checkout.notebook_dir)]) == 0
    assert settings.demo_table.is_file() and settings.demo_previous_table.is_file()
    assert "jupyterlab" in started[0]
