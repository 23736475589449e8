"""Property: whatever the rows, every input row is kept, merged or rejected — and counted once.

Shrinking is off: one run of the pipeline takes a fraction of a second, so shrinking a failure
would take minutes; the failing example is printed unshrunk.
"""

import pandas as pd
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from santenum.clean import clean_directory
from tests.helpers import SIREN_A, SIREN_B

pytestmark = [pytest.mark.slow]

cells = {
    "name": st.sampled_from(["Médi-Q", "MEDIQ SAS", "Œilnet", "", "Clinique du Parc", "x"]),
    "siren": st.sampled_from([SIREN_A, SIREN_B, "123456789", "", "NC", "73282932000074"]),
    "postal": st.sampled_from(["34000", "31000", "99999", "", "34130", "1000"]),
    "effectif": st.sampled_from(["12", "10 à 19", "", "beaucoup"]),
}
FIELDS = list(cells)
row = st.fixed_dictionaries(cells)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target],
)
@given(st.lists(row, min_size=1, max_size=12), st.lists(row, min_size=1, max_size=6))
def test_rows_read_equals_kept_plus_merged_plus_rejected(tmp_path_factory, survey, members):
    raw = tmp_path_factory.mktemp("raw")
    written = 0
    for name, records in (("survey.csv", survey), ("members.csv", members)):
        lines = [";".join(r[k] for k in FIELDS) for r in records]
        # Blank lines at the end of a file are not data rows; blank lines before data are.
        while lines and not lines[-1].replace(";", ""):
            lines.pop()
        if not lines:
            continue  # a header-only file is refused as empty: tests/test_bad_input.py
        written += len(lines)
        (raw / name).write_text(
            "Raison sociale;SIREN;Code postal;Effectif\n" + "".join(f"{line}\n" for line in lines),
            encoding="utf-8",
        )
    if not written:
        return
    result = clean_directory(raw, as_of="2024-01-01", show_progress=False)
    total = result.quality.total.to_json()
    assert total["rows_read"] == written
    assert total["kept"] + total["merged"] + total["rejected"] == total["rows_read"]
    assert total["kept"] == len(result.companies)
    assert total["rejected"] == len(result.rejected)
    for source in result.quality.to_json()["sources"]:
        assert source["kept"] + source["merged"] + source["rejected"] == source["rows_read"]
    assert result.companies["company_id"].is_unique
    assert (
        pd.Series([s for sources in result.companies["sources"] for s in sources])
        .isin(["survey.csv", "members.csv"])
        .all()
    )
