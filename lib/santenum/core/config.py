"""Where santenum finds its files: SANTENUM_HOME, else the checkout it runs from, else the working directory.

Reference tables and notebooks come from the home when it has them, else from the copies that
`pip install` puts under <prefix>/share/santenum; SANTENUM_REFERENCE_DIR overrides the first.
"""

import os
import sys
from dataclasses import dataclass
from functools import cache
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


PREVIOUS_AS_OF = "2022-06-30"  # the demo's previous edition (santenum demo writes it too)


@dataclass(frozen=True)
class Settings:
    """Where one run finds and writes its files. Built once (`settings()`, or by the command line)
    and passed on; nothing is resolved at import."""

    home: Path
    reference_dir: Path
    notebook_dir: Path

    @classmethod
    def from_environment(cls, environ=None) -> "Settings":
        """SANTENUM_HOME, else the checkout, else the working directory; SANTENUM_REFERENCE_DIR."""
        environ = os.environ if environ is None else environ
        home = Path(environ.get("SANTENUM_HOME") or _checkout() or Path.cwd()).resolve()
        reference = environ.get("SANTENUM_REFERENCE_DIR")
        return cls(
            home=home,
            reference_dir=Path(reference)
            if reference
            else _first_dir(home / "data" / "reference", INSTALLED_SHARE / "reference"),
            notebook_dir=_first_dir(home / "notebooks", INSTALLED_SHARE / "notebooks"),
        )

    @property
    def reports_dir(self) -> Path:
        return self.home / "reports"

    @property
    def demo_raw_dir(self) -> Path:
        return self.home / "data" / "raw" / "demo"

    @property
    def demo_processed_dir(self) -> Path:
        return self.home / "data" / "processed"

    @property
    def demo_previous_raw_dir(self) -> Path:
        return self.home / "data" / "raw" / f"demo-{PREVIOUS_AS_OF}"

    @property
    def demo_previous_processed_dir(self) -> Path:
        return self.home / "data" / f"processed-{PREVIOUS_AS_OF}"

    @property
    def demo_table(self) -> Path:
        """The cleaned demo table the notebooks read when given no data_path."""
        return self.demo_processed_dir / "companies.parquet"

    @property
    def demo_previous_table(self) -> Path:
        return self.demo_previous_processed_dir / "companies.parquet"

    def notebooks(self) -> list:
        """Every notebook of the study, in order."""
        return sorted(self.notebook_dir.glob("*.ipynb"))


@cache
def settings() -> Settings:
    """The settings of this process, read from the environment the first time they are needed."""
    return Settings.from_environment()


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
