"""One vocabulary: every column of every published table has its French header there."""

import pandas as pd

from santenum.core.vocabulary import CODES, HEADERS, header, is_share
from tests.helpers import GOLDEN

# A matrix whose columns are the values of a category (already French): no header to look up.
MATRICES = {"07_evolution__transitions_categorie"}


def test_every_report_table_column_has_a_french_header():
    tables = [p for p in sorted(GOLDEN.glob("*.csv")) if not p.name.startswith("clean__")]
    assert len(tables) > 40
    missing = {
        (path.stem, column)
        for path in tables
        if path.stem not in MATRICES
        for column in pd.read_csv(path, nrows=0).columns
        if column not in HEADERS
    }
    assert not missing


def test_headers_are_french_and_shares_known():
    assert header("count") == "effectif" and header("ci_low") == "IC 95 % (bas)"
    assert header("une colonne inconnue") == "une colonne inconnue"
    assert is_share("share") and is_share("under_ten_share") and is_share("part_tranches")
    assert not is_share("count") and not is_share("n")
    assert {"siren", "headcount_band", "departement_code"} <= CODES
