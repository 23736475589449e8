"""Cleaning stage: raw company files -> companies.parquet, rejected.csv, quality.json.

discover -> readers (by suffix) -> fields (header matching) -> parse (normalise/) -> merge ->
validate -> quality -> outputs.
"""

import importlib

_EXPORTS = {
    "CleanResult": "santenum.clean.pipeline",
    "clean_directory": "santenum.clean.pipeline",
    "write_outputs": "santenum.clean.outputs",
}
__all__ = list(_EXPORTS)


def __getattr__(name: str):
    """Load the pipeline on first use: analysis reuses normalise.text without importing it."""
    if name not in _EXPORTS:
        raise AttributeError(name)
    return getattr(importlib.import_module(_EXPORTS[name]), name)
