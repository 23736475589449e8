"""Every folder of tests/malformed must be refused: one line naming the file, exit 2, nothing written."""

import pytest

from santenum.cli import main
from tests.helpers import MALFORMED

MALFORMED = MALFORMED
EXPECTED = {
    "bad_source_yml": ("source.yml", "unknown option(s) ['delimitor']"),
    "binary_content": ("members.csv", "binary content"),
    "corrupt_xlsx": ("survey.xlsx", "not a readable .xlsx workbook"),
    "empty_file": ("members.csv", "empty file"),
    "header_only": ("members.csv", "a header but no data rows"),
    "missing_sheet": ("survey.xlsx", "no sheet named 'Export 2024'"),
    "no_identity_column": ("members.csv", "missing required column"),
    "unknown_encoding": ("members.csv", "line 2: neither UTF-8 nor Windows-1252"),
    "unknown_field_mapping": ("members.csv", "unknown field(s) ['telephone']"),
    "unsupported_format": ("members.pdf", "unsupported format '.pdf'"),
    "corrupt_xls": ("members.xls", "not a readable .xls workbook"),
}


def test_every_malformed_folder_has_an_expectation():
    assert sorted(p.name for p in MALFORMED.iterdir() if p.is_dir()) == sorted(EXPECTED)


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_refused_with_one_line(case, tmp_path, capsys):
    out = tmp_path / "processed"
    before = {p: p.read_bytes() for p in (MALFORMED / case).iterdir()}
    assert main(["clean", str(MALFORMED / case), "--out", str(out), "--quiet"]) == 2
    err = capsys.readouterr().err.strip()
    file_name, problem = EXPECTED[case]
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert file_name in err and problem in err
    assert not out.exists() and list(tmp_path.iterdir()) == []
    assert before == {p: p.read_bytes() for p in (MALFORMED / case).iterdir()}


def test_missing_directory(tmp_path, capsys):
    assert main(["clean", str(tmp_path / "nope"), "--out", str(tmp_path / "out")]) == 2
    assert "not a directory" in capsys.readouterr().err


def test_bad_as_of_date_is_refused_by_the_parser(tmp_path):
    with pytest.raises(SystemExit) as exc:
        main(["clean", str(MALFORMED), "--out", str(tmp_path), "--as-of", "hier"])
    assert exc.value.code == 2
