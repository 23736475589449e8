"""Companies whose place could not be read are counted apart: never silently out of the figures."""

import shutil

import pytest

from santenum.cli import main
from tests.helpers import NOTEBOOK_FIXTURES

pytestmark = pytest.mark.slow

SIREN_A, SIREN_B = "732829320", "552100554"


def test_the_index_pages_count_the_companies_located_nowhere(tmp_path, monkeypatch, write_csv):
    raw = tmp_path / "raw"
    write_csv(
        raw / "liste.csv",
        [["Nom", "SIREN", "Code postal"], ["Alpha", SIREN_A, "31000"], ["Beta", SIREN_B, ""]],
    )
    processed = tmp_path / "processed"
    assert main(["clean", str(raw), "--out", str(processed), "--quiet"]) == 0
    fixtures = tmp_path / "notebooks"
    fixtures.mkdir()
    shutil.copy(NOTEBOOK_FIXTURES / "ok.ipynb", fixtures)
    out = tmp_path / "all"
    argv = [
        "report",
        "--notebooks",
        str(fixtures),
        "--data",
        str(processed / "companies.parquet"),
        "--region",
        "all",
    ]
    assert main([*argv, "--no-study-pdf", "--out", str(out), "--quiet"]) == 0
    national = (out / "index.html").read_text(encoding="utf-8")
    assert "1 entreprises sans localisation, absentes des chiffres régionaux" in national
    region = (out / "76" / "index.html").read_text(encoding="utf-8")
    assert "entreprises sans localisation, absentes des chiffres régionaux" in region
