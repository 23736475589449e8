"""The set-up files agree: environment.yml lists what pyproject.toml lists, with the same lower
bounds; the Makefile's demo report uses the peers the tests use."""

import re
import tomllib

import yaml

from santenum.demo import calibration
from tests.helpers import ROOT

ROOT = ROOT
# PyPI name -> conda-forge name where they differ.
CONDA_NAMES = {"duckdb": "python-duckdb"}


def _requirements(items):
    out = {}
    for item in items:
        match = re.fullmatch(r"([A-Za-z0-9_.\-]+)\s*(.*)", item.strip())
        out[match.group(1).lower()] = match.group(2).replace(" ", "")
    return out


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = _requirements(project["dependencies"] + project["optional-dependencies"]["test"])
    wanted = {CONDA_NAMES.get(name, name): bound for name, bound in wanted.items()}
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    listed = _requirements(d for d in env["dependencies"] if isinstance(d, str))
    python = listed.pop("python")
    listed.pop("pip")
    assert listed == wanted
    assert python == project["requires-python"]


def test_make_report_uses_the_studys_benchmark_as_the_tests_do():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    (peers,) = re.findall(r"^STUDY_PEERS \?= (\S+)$", makefile, flags=re.M)
    assert peers == ",".join(calibration.PEERS) and "--peers $(STUDY_PEERS)" in makefile
