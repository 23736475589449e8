"""A progress bar appears above config.PROGRESS_MIN_ROWS rows, and not below."""

import pytest

from santenum.clean import clean_directory
from santenum.core import config
from santenum.demo.synthetic import sirene_rows


def run(tmp_path, rows, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    sirene_rows(rows, seed=rows).to_csv(raw / "stock.csv", index=False)
    clean_directory(raw, as_of="2024-01-01", show_progress=True)
    return capsys.readouterr().err


@pytest.mark.slow
def test_progress_for_large_inputs(tmp_path, capsys):
    err = run(tmp_path, config.PROGRESS_MIN_ROWS + 1, capsys)
    assert "santenum clean" in err and "4/4" in err


@pytest.mark.slow
def test_no_progress_for_small_inputs(tmp_path, capsys):
    assert "santenum clean" not in run(tmp_path, 50, capsys)
