"""Companies whose place could not be read are counted apart: never silently out of the figures."""

import pytest

from santenum.cli import main
from tests.helpers import SIREN_A, SIREN_B, fixture_notebooks, report_with

pytestmark = pytest.mark.slow


def test_the_index_pages_count_the_companies_located_nowhere(tmp_path, write_csv):
    raw = tmp_path / "raw"
    write_csv(
        raw / "liste.csv",
        [["Nom", "SIREN", "Code postal"], ["Alpha", SIREN_A, "31000"], ["Beta", SIREN_B, ""]],
    )
    (raw / "source.yml").write_text("perimeter: membre du cluster\n", encoding="utf-8")
    processed = tmp_path / "processed"
    assert main(["clean", str(raw), "--out", str(processed), "--quiet"]) == 0
    fixtures = fixture_notebooks(tmp_path, {"ok.ipynb": "ok"})
    out = tmp_path / "all"
    data = str(processed / "companies.parquet")
    assert report_with(fixtures, out, "--data", data, "--region", "all") == 0
    national = (out / "index.html").read_text(encoding="utf-8")
    assert "1 entreprises sans localisation, absentes des chiffres régionaux" in national
    region = (out / "76" / "index.html").read_text(encoding="utf-8")
    assert "entreprises sans localisation, absentes des chiffres régionaux" in region
