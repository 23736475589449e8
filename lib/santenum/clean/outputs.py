"""Write the cleaning outputs (companies.parquet, rejected.csv, quality.json) in one step."""

import json
from pathlib import Path

from santenum.files import staged_directory, write_csv
from santenum.table.store import write_companies


def write_outputs(out_dir, companies, rejected, quality) -> Path:
    """Write the three files into out_dir; a failure leaves out_dir as it was."""
    with staged_directory(out_dir) as staging:
        write_companies(companies, staging / "companies.parquet")
        write_csv(rejected, staging / "rejected.csv")
        with open(staging / "quality.json", "w", encoding="utf-8") as fh:
            json.dump(quality, fh, ensure_ascii=False, indent=2)
            fh.write("\n")
    return Path(out_dir)
