"""Where santenum finds its files: SANTENUM_HOME, else the checkout it runs from, else the working directory.

Reference tables and notebooks come from the home when it has them, else from the copies that
`pip install` puts under <prefix>/share/santenum; SANTENUM_REFERENCE_DIR overrides the first.
"""

import os
import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1]  # the santenum package
INSTALLED_SHARE = Path(sys.prefix) / "share" / "santenum"


def _checkout() -> Path | None:
    """The source checkout this package is imported from (an editable install), if any."""
    root = PACKAGE_DIR.parents[1]
    return (
        root
        if (root / "pyproject.toml").is_file() and (root / "data" / "reference").is_dir()
        else None
    )


def _first_dir(*candidates: Path) -> Path:
    return next((path for path in candidates if path.is_dir()), candidates[-1])


HOME = Path(os.environ.get("SANTENUM_HOME") or _checkout() or Path.cwd()).resolve()
REFERENCE_DIR = Path(
    os.environ.get("SANTENUM_REFERENCE_DIR")
    or _first_dir(HOME / "data" / "reference", INSTALLED_SHARE / "reference")
)
NOTEBOOK_DIR = _first_dir(HOME / "notebooks", INSTALLED_SHARE / "notebooks")
DEMO_RAW_DIR = HOME / "data" / "raw" / "demo"
DEMO_PROCESSED_DIR = HOME / "data" / "processed"
# The demo's previous edition (santenum demo writes it beside DEMO_RAW_DIR), for --previous.
PREVIOUS_AS_OF = "2022-06-30"
DEMO_PREVIOUS_RAW_DIR = HOME / "data" / "raw" / f"demo-{PREVIOUS_AS_OF}"
DEMO_PREVIOUS_PROCESSED_DIR = HOME / "data" / f"processed-{PREVIOUS_AS_OF}"
REPORTS_DIR = HOME / "reports"
# First line of the README that `santenum demo` writes: marks a raw directory as fictitious data.
DEMO_MARKER = "Données de démonstration (fictives)"
# What reports say above every figure drawn from demo data.
DEMO_NOTICE = (
    f"{DEMO_MARKER} : entreprises inventées, calibrées sur les agrégats publiés "
    "par l'étude Care Insight pour Ad'Occ (cartographie de la santé numérique en Occitanie, 2023). "
    "Aucun chiffre ne décrit une entreprise réelle."
)
# Inputs larger than this many rows get a progress bar.
PROGRESS_MIN_ROWS = 5000


def is_demo_data(raw_dir) -> bool:
    """True when raw_dir holds the fictitious demo dataset (its README starts with DEMO_MARKER)."""
    readme = Path(raw_dir) / "README.md"
    return readme.is_file() and DEMO_MARKER in readme.read_text(encoding="utf-8").partition("\n")[0]
