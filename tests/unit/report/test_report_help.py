"""`santenum report --help` says how peers are chosen, as docs/reports.md does; the notebooks show a
table and its bar chart through one helper, study.bars."""

import nbformat
import pytest

from santenum.cli import build_parser
from santenum.core import config


def test_help_says_how_peers_are_chosen(capsys):
    with pytest.raises(SystemExit):
        build_parser(config.settings()).parse_args(["report", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "neighbours first" in text and "closest in number of companies" in text
    assert "with the most companies" not in text  # what it said, and was not the rule
    assert "--publisher" in text and "--organisation" in text


def test_no_notebook_pairs_a_table_with_a_bar_chart_by_hand():
    sources = {
        path.stem: "\n".join(cell.source for cell in nbformat.read(path, as_version=4).cells)
        for path in config.settings().notebooks()
    }
    assert not [name for name, source in sources.items() if "charts.bars(" in source]
    assert sum(source.count("study.bars(") for source in sources.values()) == 12
