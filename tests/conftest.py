import pandas as pd
import pytest

# Public, checksum-valid identifiers (python-stdnum's documentation and INSEE examples).
SIREN_A = "732829320"
SIRET_A = "73282932000074"
SIREN_B = "552100554"


@pytest.fixture
def write_csv():
    """Write rows (list of lists, header first) as a delimited file."""

    def write(path, rows, delimiter=";", encoding="utf-8"):
        path.parent.mkdir(parents=True, exist_ok=True)
        text = (
            "\n".join(delimiter.join("" if c is None else str(c) for c in row) for row in rows)
            + "\n"
        )
        path.write_bytes(text.encode(encoding))
        return path

    return write


def series(*values, dtype="string"):
    return pd.Series(list(values), dtype=dtype)


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory):
    """One `santenum report` run on the demo data (exit code, output directory), shared by tests."""
    from santenum.cli import main

    out = tmp_path_factory.mktemp("reports") / "occitanie"
    code = main(["report", "--as-of", "2023-06-30", "--out", str(out), "-j", "2", "--quiet"])
    return code, out


@pytest.fixture(scope="session", autouse=True)
def demo_data():
    """The cleaned demo table that notebooks read by default (cleaned again when the raw files changed)."""
    from santenum.demo import ensure_demo_data

    return ensure_demo_data()
