"""Files the user gives (issue 29, item 2): --texts files, --logo, --notebooks, --sirene-counts and
the analyst's identification_decisions.csv are read by one function (files.read_user_file) that
follows no link, reads regular files only and counts the bytes it reads. A link to /etc/passwd or
to /proc/self/environ (size 0), a pipe or an oversized file: one line, exit 2, nothing written."""

import os
import shutil
from pathlib import Path

import pytest

from santenum.cli import main
from santenum.core import files
from santenum.core.errors import InputError
from tests.helpers import DATA, NOTEBOOK_FIXTURES

HOSTILE = ["passwd", "environ", "fifo", "large"]


def _plant(path: Path, how: str, large: int) -> None:
    """Put at path a link to /etc/passwd or /proc/self/environ, a pipe, or a file of large bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if how == "passwd":
        path.symlink_to("/etc/passwd")
    elif how == "environ":
        path.symlink_to("/proc/self/environ")
    elif how == "fifo":
        os.mkfifo(path)
    else:
        path.write_bytes(b"x" * large)


def _one_line(capsys, *words) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("santenum: error:"), err
    assert "Traceback" not in err and "root:" not in err
    for word in words:
        assert word in err, err
    return err


def _report(tmp_path, demo_data, *options) -> int:
    folder = tmp_path / "carnets"
    folder.mkdir(exist_ok=True)
    shutil.copy(NOTEBOOK_FIXTURES / "ok.ipynb", folder / "ok.ipynb")
    argv = ["report", "--data", str(demo_data), "--notebooks", str(folder), "--no-study-pdf"]
    return main([*argv, "--out", str(tmp_path / "run"), "--quiet", *options])


@pytest.mark.parametrize("how", HOSTILE)
def test_texts(tmp_path, capsys, demo_data, how):
    """synthese.md linked to /etc/passwd was published in etude.html and etude.pdf."""
    _plant(tmp_path / "textes" / "synthese.md", how, 1_000_001)
    assert _report(tmp_path, demo_data, "--texts", str(tmp_path / "textes")) == 2
    _one_line(capsys, "synthese.md", "--texts")
    assert not (tmp_path / "run").exists()


@pytest.mark.parametrize("how", HOSTILE)
def test_logo(tmp_path, capsys, demo_data, how):
    _plant(tmp_path / "logo.png", how, 2_000_001)
    assert _report(tmp_path, demo_data, "--logo", str(tmp_path / "logo.png")) == 2
    _one_line(capsys, "logo.png", "--logo")


@pytest.mark.parametrize("how", HOSTILE)
def test_sirene_counts(tmp_path, capsys, demo_data, how):
    _plant(tmp_path / "counts_by_region.csv", how, 10_000_001)
    counts = str(tmp_path / "counts_by_region.csv")
    assert _report(tmp_path, demo_data, "--sirene-counts", counts) == 2
    _one_line(capsys, "counts_by_region.csv", "--sirene-counts")


@pytest.mark.parametrize("how", HOSTILE)
def test_notebooks(tmp_path, capsys, demo_data, how, monkeypatch):
    from santenum.report import options

    monkeypatch.setattr(options, "NOTEBOOK_MAX_BYTES", 100_000)  # the limit (50 MB), made small
    _plant(tmp_path / "carnets" / "zz.ipynb", how, 100_001)
    assert _report(tmp_path, demo_data) == 2
    _one_line(capsys, "zz.ipynb", "notebook")


@pytest.mark.slow
@pytest.mark.parametrize("how", [*HOSTILE, "empty"])
def test_identification_decisions(tmp_path, capsys, how, monkeypatch):
    """An empty identification_decisions.csv was a traceback (pandas' EmptyDataError)."""
    from santenum.clean import identification

    monkeypatch.setattr(identification, "DECISIONS_MAX_BYTES", 100_000)
    raw = tmp_path / "raw"
    shutil.copytree(DATA / "identify" / "raw", raw)
    decisions = raw / "identification_decisions.csv"
    decisions.unlink(missing_ok=True)
    if how == "empty":
        decisions.write_bytes(b"")
    else:
        _plant(decisions, how, 100_001)
    stock = ["--unites-legales", str(DATA / "identify" / "StockUniteLegale.csv")]
    stock += ["--etablissements", str(DATA / "identify" / "StockEtablissement.csv")]
    out = tmp_path / "out"
    assert main(["clean", str(raw), "--out", str(out), "--quiet", *stock]) == 2
    _one_line(capsys, "identification_decisions.csv")
    assert not out.exists()


def test_a_link_below_the_folder_given_is_refused(tmp_path):
    (tmp_path / "vrai").mkdir()
    (tmp_path / "vrai" / "a.md").write_text("x", encoding="utf-8")
    (tmp_path / "dossier").mkdir()
    (tmp_path / "dossier" / "lien").symlink_to(tmp_path / "vrai")
    with pytest.raises(InputError, match="a link"):
        files.read_user_file(
            tmp_path / "dossier" / "lien" / "a.md", limit=10, what="x", root=tmp_path / "dossier"
        )
    # the folder the user named may itself be a link: it is theirs
    assert files.read_user_file(tmp_path / "dossier" / "lien" / "a.md", limit=10, what="x") == b"x"


@pytest.mark.parametrize(
    "text, words",
    [
        ("Bonjour, voici mes chiffres.\n", "missing column(s) companies, region_code"),
        ("region_code,companies\n76,-40000\n11,12\n", "count '-40000'"),
        ("region_code,companies\n76,beaucoup\n", "count 'beaucoup'"),
        ("region_code,companies\n99,12\n", "unknown région '99'"),
    ],
)
def test_sirene_counts_are_checked_before_any_notebook(tmp_path, capsys, demo_data, text, words):
    """Text given as --sirene-counts failed late; a negative count was published (Occitanie
    −40 000, exit 0)."""
    (tmp_path / "counts.csv").write_text(text, encoding="utf-8")
    assert _report(tmp_path, demo_data, "--sirene-counts", str(tmp_path / "counts.csv")) == 2
    _one_line(capsys, "counts.csv", words)
    assert not (tmp_path / "run").exists()
