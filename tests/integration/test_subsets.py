"""Every notebook runs on any valid companies.parquet: generated subsets of the demo table.

Each case keeps some régions and some rows and empties some optional columns, then runs the whole
report for one of the régions kept, with the default peers (which may have no row at all).
"""

import numpy as np
import pandas as pd
import pytest

from santenum.core.table.columns import BY_NAME
from santenum.core.table.lists import text_lists
from santenum.core.table.perimeter import in_perimeter
from santenum.core.table.store import read_companies, write_companies
from santenum.demo import ensure_previous_demo_data
from santenum.report.run import ReportOptions, run_report

pytestmark = [pytest.mark.slow]
OPTIONAL = [
    "segment",
    "products",
    "technologies",
    "value_chain",
    "uses_ai",
    "revenue_eur",
    "creation_date",
    "headcount",
    "headcount_band",
    "size_category",
]


def blank(companies: pd.DataFrame, columns) -> pd.DataFrame:
    out = companies.copy()
    for column in columns:
        if BY_NAME[column].is_list:
            out[column] = text_lists([[] for _ in range(len(out))], out.index)
        else:
            out[column] = pd.Series(pd.NA, index=out.index).astype(out[column].dtype)
        if column == "creation_date":
            out["age_years"] = pd.Series(pd.NA, index=out.index, dtype="Int64")
    return out


def case(companies: pd.DataFrame, seed: int) -> tuple:
    """(région to report on, subset) drawn from the seed; seeds 0-2 are the edge cases."""
    rng = np.random.default_rng(seed)
    if seed == 0:  # an agency's own table: one région only
        return "76", companies[companies["region_code"] == "76"]
    if seed == 1:  # a région with a single company, peers without rows
        return "76", companies[companies["region_code"] == "76"].head(1)
    if seed == 2:  # one région, every optional column empty
        return "76", blank(companies[companies["region_code"] == "76"], OPTIONAL)
    regions = sorted(companies["region_code"].dropna().unique())
    kept = rng.choice(regions, size=int(rng.integers(1, 4)), replace=False)
    subset = companies[companies["region_code"].isin(kept)]
    subset = subset.sample(frac=float(rng.uniform(0.05, 1)), random_state=seed)
    subset = blank(
        subset, rng.choice(OPTIONAL, size=int(rng.integers(0, len(OPTIONAL))), replace=False)
    )
    present = sorted(subset["region_code"].dropna().unique())
    return str(rng.choice(present)), subset


@pytest.mark.parametrize("seed", range(6))
def test_every_notebook_runs_on_a_generated_subset(tmp_path, demo_data, seed):
    companies = read_companies(demo_data)
    region, subset = case(companies[in_perimeter(companies)], seed)  # not the candidates
    data = tmp_path / "companies.parquet"
    write_companies(subset.reset_index(drop=True), data)
    runs = run_report(
        ReportOptions(
            study_pdf=False,
            data=data,
            region=region,
            as_of="2023-06-30",
            out=tmp_path / "run",
            jobs=2,
            progress=False,
            previous=ensure_previous_demo_data(),
        )
    )
    failed = [(nb.name, nb.cell, nb.error) for nb in runs[0].notebooks if nb.status != "ok"]
    assert failed == [], f"région {region}, {len(subset)} rows"
