"""Committed notebooks are clean and parameterised, and each runs under papermill on the demo data."""

import json
from pathlib import Path

import nbformat
import pandas as pd
import papermill
import pytest

from santenum.analysis.tables import write_tables_workbook
from santenum.core import config

pytestmark = [pytest.mark.slow]

NOTEBOOKS = sorted(config.settings().notebook_dir.glob("*.ipynb"))
PARAMETERS = {"data_path", "region_code", "peer_regions", "as_of", "output_dir"}


def test_notebooks_are_found_and_numbered_by_step():
    assert NOTEBOOKS, f"no notebook in {config.settings().notebook_dir}"
    steps = [p.stem.split("_", 1)[0] for p in NOTEBOOKS]
    assert all(len(s) == 2 and s.isdigit() for s in steps) and len(set(steps)) == len(steps), steps


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_without_outputs_and_with_a_parameters_cell(path):
    notebook = nbformat.read(path, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(not cell.outputs and cell.execution_count is None for cell in code), (
        "outputs committed"
    )
    tagged = [cell for cell in code if "parameters" in cell.metadata.get("tags", [])]
    assert len(tagged) == 1
    # as papermill reads them (`papermill --help-notebook`), each with its help comment
    found = papermill.inspect_notebook(str(path))
    extra = {"06_benchmark": {"sirene_counts"}, "07_evolution": {"previous_path"}}
    assert set(found) == PARAMETERS | extra.get(path.stem, set())
    assert all(parameter["help"] for parameter in found.values())


def _run_all(out: Path, region: str) -> Path:
    for path in NOTEBOOKS:
        papermill.execute_notebook(
            str(path),
            str(out / path.name),
            parameters={"region_code": region, "output_dir": str(out), "as_of": "2023-06-30"},
            progress_bar=False,
            log_output=False,
            kernel_name="python3",
        )
    return out


@pytest.fixture(scope="module")
def runs(tmp_path_factory, demo_data):
    """Every notebook run for Occitanie and for one peer région, on the demo data (the default)."""
    return {
        region: _run_all(tmp_path_factory.mktemp(f"run-{region}"), region)
        for region in ("76", "11")
    }


@pytest.mark.parametrize("region", ["76", "11"])
def test_every_notebook_runs_and_writes_its_tables(runs, region):
    out = runs[region]
    for path in NOTEBOOKS:
        tables = sorted((out / "tables").glob(f"{path.stem}__*.csv"))
        assert tables, path.stem
        for table in tables:
            assert len(pd.read_csv(table)) > 0, table.name
        notebook = nbformat.read(out / path.name, as_version=4)
        errors = [
            o
            for c in notebook.cells
            for o in c.get("outputs", [])
            if o.get("output_type") == "error"
        ]
        assert not errors
    assert write_tables_workbook(out).exists()


def test_occitanie_headline_table_reproduces_the_study(runs):
    headline = pd.read_csv(runs["76"] / "tables" / "01_apercu__chiffres_cles.csv").set_index(
        "indicateur"
    )
    assert headline.loc["entreprises", "count"] == 239
    assert headline.loc["moins de 10 salariés", "share"] == pytest.approx(0.5044, abs=5e-5)
    assert headline.loc["intègrent l'IA", "share"] == pytest.approx(0.59)


@pytest.mark.parametrize("region", ["76", "11"])
def test_each_region_gets_its_own_figures_and_the_demo_notice(runs, region):
    out = runs[region]
    headline = pd.read_csv(out / "tables" / "01_apercu__chiffres_cles.csv").set_index("indicateur")
    expected = {"76": 239, "11": 540}[region]
    assert headline.loc["entreprises", "count"] == expected
    notebook = json.loads((out / "01_apercu.ipynb").read_text(encoding="utf-8"))
    text = json.dumps(notebook, ensure_ascii=False)
    assert "Données de démonstration (fictives)" in text


def test_benchmark_shows_sirene_candidate_counts_when_given(tmp_path, demo_data):
    counts = tmp_path / "counts_by_region.csv"
    counts.write_text(
        "region_code,region_name,naf_code,companies\n76,Occitanie,62.01Z,120\n11,Île-de-France,62.01Z,900\n",
        encoding="utf-8",
    )
    notebook = config.settings().notebook_dir / "06_benchmark.ipynb"
    papermill.execute_notebook(
        str(notebook),
        str(tmp_path / "06.ipynb"),
        parameters={
            "output_dir": str(tmp_path),
            "as_of": "2023-06-30",
            "sirene_counts": str(counts),
        },
        progress_bar=False,
        log_output=False,
        kernel_name="python3",
    )
    table = pd.read_csv(
        tmp_path / "tables" / "06_benchmark__candidats_sirene.csv", dtype={"region_code": str}
    )
    assert table.set_index("region_code").loc["76", "count"] == 120
