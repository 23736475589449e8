"""Write the cleaning outputs (companies.parquet, rejected.csv, a_verifier.csv, perimetre.csv,
quality.json and, when a register was given, identification.csv) in one step."""

import json
from pathlib import Path

from santenum.core.files import naming, staged_directory, write_csv
from santenum.core.table.store import write_companies

PERIMETER_FILE = "perimetre.csv"  # which companies belong to the filière (clean/perimeter.py)
# What `santenum clean` writes into its --out (files.check_out refuses another's file of these names).
OUTPUTS = (
    "companies.parquet",
    "rejected.csv",
    "a_verifier.csv",
    PERIMETER_FILE,
    "identification.csv",
    "quality.json",
)


def write_outputs(out_dir, result) -> Path:
    """Write the files of a CleanResult into out_dir, published in one rename (files there
    that santenum did not write are kept); a failure leaves out_dir as it was."""
    with staged_directory(out_dir, whole=True, owned=True) as staging:
        with naming(staging / "companies.parquet"):
            write_companies(result.companies, staging / "companies.parquet")
        write_csv(result.rejected, staging / "rejected.csv")
        write_csv(result.to_check, staging / "a_verifier.csv")
        write_csv(result.perimeter, staging / PERIMETER_FILE)
        if result.identification is not None:
            write_csv(result.identification, staging / "identification.csv")
        quality = staging / "quality.json"
        with naming(quality), open(quality, "w", encoding="utf-8") as fh:
            json.dump(result.quality.to_json(), fh, ensure_ascii=False, indent=2)
            fh.write("\n")
    return Path(out_dir)
