"""environment.yml must list what pyproject.toml lists, with the same lower bounds."""

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
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
