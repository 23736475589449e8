"""companies.parquet: written by cleaning, read by notebooks and the report runner."""

import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from santenum.core.errors import SchemaError
from santenum.core.quality import QualityReport
from santenum.core.table.columns import COLUMNS
from santenum.core.table.lists import ARROW_TYPE, fill_empty, from_arrow

# Without these a file is not a company table, whatever santenum version wrote it.
IDENTITY = ("company_id", "name")


def write_companies(companies, path) -> None:
    """Parquet that plain pandas can read back: list columns are described as objects."""
    table = pa.Table.from_pandas(companies, preserve_index=False)
    meta = json.loads(table.schema.metadata[b"pandas"])
    for column in meta["columns"]:
        if column["name"] in table.column_names and pa.types.is_list(
            table.schema.field(column["name"]).type
        ):
            column["numpy_type"] = "object"
    table = table.replace_schema_metadata(
        {**table.schema.metadata, b"pandas": json.dumps(meta).encode()}
    )
    pq.write_table(table, path)


def read_companies(path):
    """companies.parquet in this version's columns and types, whichever version wrote it.

    Columns an older table lacks are added (empty lists, else the column's default or missing); columns this
    version does not know are left out. A file without company_id and name raises SchemaError.
    """
    try:
        table = pq.read_table(path)
    except (OSError, pa.ArrowException) as exc:
        raise SchemaError(f"{path}: not a Parquet file ({type(exc).__name__})") from None
    missing = [name for name in IDENTITY if name not in table.column_names]
    if missing:
        raise SchemaError(
            f"{path}: not a company table written by santenum clean (no {', '.join(missing)})"
        )
    try:
        frame = table.to_pandas()
    except (TypeError, ValueError, pa.ArrowException):  # pandas metadata it cannot rebuild
        frame = table.to_pandas(ignore_metadata=True)
    out = pd.DataFrame(index=frame.index)
    for column in COLUMNS:
        try:
            out[column.name] = _fitted(column, table, frame)
        except (pa.ArrowException, ValueError, TypeError):
            kind = "a list of text" if column.is_list else column.dtype
            raise SchemaError(
                f"{path}: column {column.name!r} cannot be read as {kind}: "
                "not a company table written by santenum clean"
            ) from None
    return out


def _fitted(column, table: pa.Table, frame: pd.DataFrame) -> pd.Series:
    """One column in this version's type (added empty when the table lacks it)."""
    if column.is_list:
        array = (
            table.column(column.name).combine_chunks().cast(ARROW_TYPE)
            if column.name in frame
            else pa.nulls(len(frame), ARROW_TYPE)
        )
        return fill_empty(from_arrow(array, frame.index))
    if column.name in frame:
        return frame[column.name].astype(column.dtype)
    default = column.default
    if default is None:
        default = False if column.dtype == "boolean" and not column.nullable else pd.NA
    return pd.Series(default, index=frame.index, dtype=column.dtype)


def read_quality(path) -> QualityReport | None:
    """quality.json that santenum clean writes beside companies.parquet (path), if any."""
    quality = Path(path).with_name("quality.json")
    if not quality.is_file():
        return None
    try:
        return QualityReport.from_json(json.loads(quality.read_text(encoding="utf-8")))
    except (ValueError, UnicodeDecodeError) as exc:  # JSONDecodeError is a ValueError
        raise SchemaError(f"{quality}: {exc}") from None
