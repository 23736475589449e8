"""Paths and settings shared by the library."""
import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
REFERENCE_DIR = Path(os.environ.get("SANTENUM_REFERENCE_DIR", REPO_ROOT / "data" / "reference"))
DEMO_RAW_DIR = REPO_ROOT / "data" / "raw" / "demo"
DEMO_PROCESSED_DIR = REPO_ROOT / "data" / "processed"
# First line of the README that `santenum demo` writes: marks a raw directory as fictitious data.
DEMO_MARKER = "Données de démonstration (fictives)"


def is_demo_data(raw_dir) -> bool:
    """True when raw_dir holds the fictitious demo dataset (its README starts with DEMO_MARKER)."""
    readme = Path(raw_dir) / "README.md"
    return readme.is_file() and DEMO_MARKER in readme.read_text(encoding="utf-8").partition("\n")[0]

# Inputs larger than this many rows get a progress bar.
PROGRESS_MIN_ROWS = 5000
