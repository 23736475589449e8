"""Paths and settings shared by the library."""
import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
REFERENCE_DIR = Path(os.environ.get("SANTENUM_REFERENCE_DIR", REPO_ROOT / "data" / "reference"))
DEMO_RAW_DIR = REPO_ROOT / "data" / "raw" / "demo"

# Inputs larger than this many rows get a progress bar.
PROGRESS_MIN_ROWS = 5000
