"""Loaders for the committed reference tables under data/reference/ (read once, cached)."""
from functools import cache
from pathlib import Path

import pandas as pd
import yaml

from santenum import config


def _path(name: str) -> Path:
    return Path(config.REFERENCE_DIR) / name


@cache
def table(name: str) -> pd.DataFrame:
    """A reference CSV with every column read as text (codes keep their leading zeros)."""
    frame = pd.read_csv(_path(f"{name}.csv"), dtype="string", keep_default_na=False)
    return frame.mask(frame == "")


@cache
def document(name: str) -> dict:
    """A reference YAML document (libyaml's safe loader when PyYAML has it: about 8 times faster)."""
    with open(_path(f"{name}.yml"), encoding="utf-8") as fh:
        return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def metropoles() -> pd.DataFrame:
    """EPCI that are métropoles (including the Métropole de Lyon)."""
    epci = table("epci")
    return epci[epci["epci_type"].isin(["METRO", "MET69"])]


def region_code(code) -> str:
    """A known INSEE région code as text ('1' -> '01'), else ValueError naming it."""
    text = str(code).strip().zfill(2)
    if text not in set(table("regions")["region_code"]):
        raise ValueError(f"unknown région code {str(code).strip()!r}")
    return text
