"""The report's data-quality box says how many companies the register identified."""

import pandas as pd
import pytest

from santenum.analysis import session
from santenum.cli import main
from tests.helpers import DATA

FIXTURE = DATA / "identify"


@pytest.mark.slow
def test_the_quality_box_counts_identification_decisions(tmp_path):
    out = tmp_path / "processed"
    assert main(
        ["clean", str(FIXTURE / "raw"), "--out", str(out), "--quiet", "--as-of", "2024-01-01",
         "--unites-legales", str(FIXTURE / "StockUniteLegale.csv"),
         "--etablissements", str(FIXTURE / "StockEtablissement.csv"),
         "--index-dir", str(tmp_path / "index")]  # not the default, which another worker may build
    ) == 0  # fmt: skip
    study = session.start("t", out / "companies.parquet", "76", output_dir=tmp_path / "nb")
    study.quality_box()
    table = pd.read_csv(next((tmp_path / "nb").rglob("*qualite_nettoyage*.csv")))
    counts = dict(zip(table.iloc[:, 0], table.iloc[:, 1], strict=True))
    # The fixture's truth (tests/data/identify/truth.csv): 14 rows looked up, 10 identified,
    # 1 to check, 3 not found.
    assert counts["lignes recherchées dans SIRENE (sans SIREN valide)"] == 14
    assert counts["identifiées dans SIRENE"] == 10
    assert counts["à vérifier (identification.csv)"] == 1
    assert counts["non trouvées dans SIRENE"] == 3
