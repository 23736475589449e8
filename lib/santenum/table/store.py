"""companies.parquet: written by cleaning, read by notebooks and the report runner."""

import json

import pyarrow as pa
import pyarrow.parquet as pq

from santenum.table.lists import ARROW_TYPE, from_arrow


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
    """companies.parquet with santenum's column types (lists of text as Arrow lists)."""
    table = pq.read_table(path)
    frame = table.to_pandas()
    for name in table.column_names:
        if table.schema.field(name).type == ARROW_TYPE:
            frame[name] = from_arrow(table.column(name).combine_chunks(), frame.index)
    return frame
