"""The demo's cleaned table, rejected rows, quality report and every report table match the recorded hashes.

tests/golden/demo_outputs.sha256 was recorded before the package was reorganised into stage
sub-packages (the outputs were byte-identical after it), and recorded again when rows with a
mistyped SIREN started to be kept by name and place (20 companies gain a source, one a headcount;
the counts of kept, merged and rejected rows change), and again for issues 13 and 14: the table
gained the columns closed, needs and maturity, the demo gained ceased cluster members (C in
SIRENE; not counted), a Maturité survey column and its previous edition, and the reports gained
tables (07_evolution, 08_besoins_maturite, faits_saillants, etude_vs_recalcul, afom_indicateurs);
Occitanie's calibrated figures are unchanged (tests/test_demo.py). A change that alters a figure
must update it on purpose and say why in its commit (a new table adds its line).
"""

import hashlib
from pathlib import Path

import pytest

from santenum.core.table.store import read_companies

pytestmark = [pytest.mark.slow]

GOLDEN = Path(__file__).parent / "golden" / "demo_outputs.sha256"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _recorded() -> dict:
    lines = GOLDEN.read_text(encoding="utf-8").splitlines()
    return {name: digest for digest, name in (line.split("  ", 1) for line in lines)}


def test_demo_outputs_are_byte_identical_to_the_recorded_ones(demo_data, demo_run):
    code, out = demo_run
    assert code == 0
    processed = Path(demo_data).parent
    # Parquet bytes carry the writer's version: the table is compared as CSV.
    companies = read_companies(demo_data).to_csv(index=False, lineterminator="\n").encode()
    found = {"companies.parquet (as CSV)": _digest(companies)}
    found.update(
        {
            name: _digest((processed / name).read_bytes())
            for name in ("rejected.csv", "quality.json")
        }
    )
    found.update(
        {
            f"tables/{p.name}": _digest(p.read_bytes())
            for p in sorted((out / "tables").glob("*.csv"))
        }
    )
    recorded = _recorded()
    assert set(found) == set(recorded)
    assert [name for name in recorded if found[name] != recorded[name]] == []
