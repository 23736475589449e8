"""Cleaning stage: raw company files -> companies.parquet, rejected.csv, quality.json.

discover -> readers (by suffix) -> fields (header matching) -> parse (normalise/) -> merge ->
validate -> quality -> outputs.
"""

from santenum.clean.outputs import write_outputs
from santenum.clean.pipeline import CleanResult, clean_directory

__all__ = ["CleanResult", "clean_directory", "write_outputs"]
