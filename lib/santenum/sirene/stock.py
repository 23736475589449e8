"""INSEE's SIRENE stock files (CSV or Parquet, INSEE's column names) opened as DuckDB views.

The files stay on disk: DuckDB streams them within a memory limit, so the national stock (tens of
millions of rows) never enters pandas. A missing file, a format INSEE does not publish or a missing
column is an InputError (one line, exit 2) raised before any work; a file damaged further on (a
line with more or fewer fields than the header, past the rows DuckDB samples to learn the layout)
is one too, raised when the reading reaches it (reading_errors).
"""

import re
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd

from santenum.core import reference
from santenum.core.errors import InputError

# Codes a CSV reader or a spreadsheet may have shortened by dropping leading zeros.
WIDTHS = {
    "siren": 9,
    "siret": 14,
    "codeCommuneEtablissement": 5,
    "codePostalEtablissement": 5,
    "codeCedexEtablissement": 5,
}


def quoted(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _relation(path: Path) -> str:
    """DuckDB table function reading the file, every column as text for CSV."""
    if not path.is_file():
        raise InputError(path, "no such file")
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        return f"read_parquet({quoted(path)})"
    if suffix in (".csv", ".txt"):
        return f"read_csv({quoted(path)}, header = true, all_varchar = true)"
    raise InputError(
        path, f"unsupported format '{suffix}' (INSEE publishes the stock as .csv or .parquet)"
    )


def _text(column: str) -> str:
    """A column as text, leading zeros restored where a number lost them, booleans as 'true'/'false'."""
    expression = (
        f'lower(CAST("{column}" AS VARCHAR))'
        if column == "etablissementSiege"
        else f'CAST("{column}" AS VARCHAR)'
    )
    if column in WIDTHS:
        expression = f"lpad({expression}, {WIDTHS[column]}, '0')"
    return f'{expression} AS "{column}"'


def open_view(con, name: str, path: Path, required: tuple, optional: tuple = ()) -> None:
    """View `name` over the file: the required columns (checked) and the optional ones (empty if absent), as text."""
    relation = _relation(path)
    try:
        columns = [row[0] for row in con.execute(f"DESCRIBE SELECT * FROM {relation}").fetchall()]
    except duckdb.Error as exc:
        raise InputError(path, f"unreadable ({_problem(exc)})") from None
    missing = [c for c in required if c not in columns]
    if missing:
        raise InputError(
            path, f"missing column(s) {', '.join(missing)} (INSEE's SIRENE names expected)"
        )
    selected = [_text(c) for c in required]
    selected += [_text(c) if c in columns else f'CAST(NULL AS VARCHAR) AS "{c}"' for c in optional]
    con.execute(f"CREATE TEMP VIEW {name} AS SELECT {', '.join(selected)} FROM {relation}")


def _problem(exc: duckdb.Error) -> str:
    """What DuckDB says is wrong with a file, in one line: never the text of the line it quotes
    (a unit's line may hold a person's name), nor its reading options."""
    first, *rest = str(exc).splitlines() or [""]
    counts = [line.strip() for line in rest if line.startswith("Expected Number of Columns")]
    return "; ".join([re.sub(r"^[A-Za-z ]+Error: ", "", first.strip()), *counts])


@contextmanager
def reading_errors(*paths):
    """Turn DuckDB's error on one of the stock files, met while streaming it, into an InputError
    naming the file (one line, exit 2); any other error stays what it is."""
    try:
        yield
    except duckdb.Error as exc:
        named = [Path(p) for p in paths if p is not None and str(p) in str(exc)]
        if not named:
            raise
        raise InputError(named[0], f"unreadable ({_problem(exc)})") from None


def connect(memory_limit: str, progress: bool, temp_dir: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute(f"SET memory_limit = '{memory_limit}'")
    con.execute(f"SET temp_directory = {quoted(temp_dir)}")
    con.execute("SET preserve_insertion_order = false")
    con.execute(f"SET enable_progress_bar = {'true' if progress else 'false'}")
    return con


def commune_places() -> pd.DataFrame:
    """Any commune code of the reference (arrondissements, communes déléguées too) -> its current
    commune (current_code), département (dept) and région (region), as text."""
    communes = reference.table("communes")
    current = reference.current_communes().set_index("commune_code")
    places = pd.DataFrame(
        {
            "commune_code": communes["commune_code"],
            "current_code": communes["current_commune_code"],
            "dept": communes["current_commune_code"].map(current["departement_code"]),
            "region": communes["current_commune_code"].map(current["region_code"]),
        }
    )
    return places.dropna().astype("string")
