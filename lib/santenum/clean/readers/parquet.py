"""Parquet files (INSEE publishes the SIRENE stock in this format): every column read as text."""

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from santenum.clean.readers.base import RawTable, blank_to_na, split_empty, unique_headers


def read_parquet(path: Path, options: dict) -> RawTable:
    table = pq.read_table(path)
    table = table.cast(pa.schema([(name, pa.string()) for name in table.column_names]))
    frame = table.to_pandas()
    frame.columns = unique_headers(list(frame.columns))
    frame = blank_to_na(frame)
    rows = pd.Series(range(1, len(frame) + 1), dtype=int)
    out = split_empty(frame, rows, [])
    out.meta = {"format": "parquet"}
    return out
