"""Write the cleaning outputs atomically: into a temporary folder, then renamed into place."""
import json
import os
import shutil
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from santenum.lists import ARROW_TYPE, from_arrow

OUTPUT_FILES = ("companies.parquet", "rejected.csv", "quality.json")


def write_companies(companies, path) -> None:
    """Parquet that plain pandas can read back: list columns are described as objects."""
    table = pa.Table.from_pandas(companies, preserve_index=False)
    meta = json.loads(table.schema.metadata[b"pandas"])
    for column in meta["columns"]:
        if column["name"] in table.column_names and pa.types.is_list(table.schema.field(column["name"]).type):
            column["numpy_type"] = "object"
    table = table.replace_schema_metadata({**table.schema.metadata, b"pandas": json.dumps(meta).encode()})
    pq.write_table(table, path)


def read_companies(path):
    """companies.parquet with santenum's column types (lists of text as Arrow lists)."""
    table = pq.read_table(path)
    frame = table.to_pandas()
    for name in table.column_names:
        if table.schema.field(name).type == ARROW_TYPE:
            frame[name] = from_arrow(table.column(name).combine_chunks(), frame.index)
    return frame


def write_outputs(out_dir, companies, rejected, quality) -> Path:
    """Write companies.parquet, rejected.csv and quality.json; a failure leaves out_dir untouched."""
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-", dir=out_dir.parent))
    try:
        write_companies(companies, staging / "companies.parquet")
        rejected.to_csv(staging / "rejected.csv", index=False, encoding="utf-8", lineterminator="\n")
        with open(staging / "quality.json", "w", encoding="utf-8") as fh:
            json.dump(quality, fh, ensure_ascii=False, indent=2)
            fh.write("\n")
        out_dir.mkdir(exist_ok=True)
        for name in OUTPUT_FILES:
            os.replace(staging / name, out_dir / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return out_dir
