"""Write the cleaning outputs atomically: into a temporary folder, then renamed into place."""
import json
import os
import shutil
import tempfile
from pathlib import Path

OUTPUT_FILES = ("companies.parquet", "rejected.csv", "quality.json")


def write_outputs(out_dir, companies, rejected, quality) -> Path:
    """Write companies.parquet, rejected.csv and quality.json; a failure leaves out_dir untouched."""
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-", dir=out_dir.parent))
    try:
        companies.to_parquet(staging / "companies.parquet", index=False)
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
