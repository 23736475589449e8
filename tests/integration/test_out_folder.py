"""Nothing lost: `santenum report --out` never deletes what santenum did not write (issue 20, item 1),
and the staging directories of killed runs are cleaned or put back (item 8)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from santenum.cli import main
from santenum.core.files import MANIFEST, foreign_files, remove_leftovers, staged_directory
from santenum.core.table.store import read_companies
from santenum.demo import ensure_demo_data
from santenum.report.run import ReportOptions, run_report
from tests.helpers import NOTEBOOK_FIXTURES, write_quality

OK_NOTEBOOK = NOTEBOOK_FIXTURES / "ok.ipynb"


def _snapshot(folder: Path) -> dict:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def _dead_pid() -> int:
    """The pid of a process that has ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@pytest.fixture
def data_folder(tmp_path):
    """A cleaned-data folder as `santenum clean` leaves it, plus an analyst's own notes."""
    folder = tmp_path / "processed"
    folder.mkdir()
    (folder / "companies.parquet").write_bytes(ensure_demo_data().read_bytes())
    write_quality(folder)
    (folder / "mes_notes.txt").write_text("à garder", encoding="utf-8")
    return folder


def test_out_holding_the_data_is_refused_and_nothing_is_touched(data_folder, capsys):
    before = _snapshot(data_folder)
    argv = ["report", "--no-study-pdf", "--data", str(data_folder / "companies.parquet"), "--quiet"]
    assert main([*argv, "--out", str(data_folder)]) == 2
    assert main([*argv, "--out", str(data_folder), "--force"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and all("input of the report (companies.parquet)" in line for line in err)
    assert _snapshot(data_folder) == before


def test_a_folder_of_someone_elses_files_is_refused_without_force(tmp_path, capsys):
    project = tmp_path / "projet"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "plan.md").write_text("# plan", encoding="utf-8")
    assert main(["report", "--no-study-pdf", "--out", str(project), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "1 file(s) santenum did not write (first: docs/plan.md)" in err and "--force" in err
    assert _snapshot(project) == {"docs/plan.md": b"# plan"}


@pytest.mark.parametrize("where", ["cwd", "root", "file"])
def test_out_that_cannot_be_a_report_folder_is_refused(tmp_path, monkeypatch, capsys, where):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    out = {"cwd": ".", "root": "/", "file": "a.txt"}[where]
    assert main(["report", "--no-study-pdf", "--out", out, "--quiet", "--force"]) == 2
    assert capsys.readouterr().err.count("santenum: error:") == 1
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "x"


def test_owned_folder_keeps_foreign_files_and_drops_only_its_own(tmp_path):
    out = tmp_path / "rapport"
    with staged_directory(out, whole=True, owned=True) as staging:
        (staging / "tables").mkdir()
        (staging / "tables" / "a.csv").write_text("1", encoding="utf-8")
        (staging / "ancien.html").write_text("old", encoding="utf-8")
    assert json.loads((out / MANIFEST).read_text())["files"] == ["ancien.html", "tables/a.csv"]
    assert foreign_files(out) == []
    (out / "tables" / "note.txt").write_text("mine", encoding="utf-8")
    assert foreign_files(out) == ["tables/note.txt"]
    with staged_directory(out, whole=True, owned=True) as staging:
        (staging / "index.html").write_text("new", encoding="utf-8")
    # what santenum wrote and no longer writes is gone; the analyst's note is kept
    assert _snapshot(out).keys() == {"index.html", "tables/note.txt", MANIFEST}
    assert foreign_files(out) == ["tables/note.txt"]


def test_a_damaged_manifest_vouches_for_nothing(tmp_path):
    out = tmp_path / "rapport"
    out.mkdir()
    (out / "index.html").write_text("x", encoding="utf-8")
    (out / MANIFEST).write_text("{not json", encoding="utf-8")
    assert foreign_files(out) == ["index.html"]


def test_leftovers_of_a_killed_run_are_cleaned_or_put_back(tmp_path):
    out = tmp_path / "rapport"
    dead = _dead_pid()
    staging = tmp_path / f".rapport.santenum-tmp-{dead}-abc"
    staging.mkdir()
    (staging / "half.html").write_text("half", encoding="utf-8")
    # killed between setting the old report aside and renaming the new one in
    old = tmp_path / f".rapport.santenum-old-{dead}"
    old.mkdir()
    (old / "index.html").write_text("previous", encoding="utf-8")
    other = tmp_path / f".autre.santenum-tmp-{dead}-x"  # another folder's: not ours to touch
    other.mkdir()
    remove_leftovers(out)
    assert not staging.exists() and not old.exists() and other.exists()
    assert (out / "index.html").read_text(encoding="utf-8") == "previous"


def test_a_live_runs_staging_is_left_alone(tmp_path):
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        staging = tmp_path / f".rapport.santenum-tmp-{live.pid}-abc"
        staging.mkdir()
        remove_leftovers(tmp_path / "rapport")
        assert staging.exists()
    finally:
        live.kill()
        live.wait()


@pytest.mark.slow
def test_force_writes_beside_foreign_files_and_keeps_them(tmp_path):
    out = tmp_path / "rapport"
    out.mkdir()
    (out / "mes_notes.txt").write_text("à garder", encoding="utf-8")
    options = ReportOptions(
        study_pdf=False,
        data=ensure_demo_data(),
        out=out,
        notebooks=[OK_NOTEBOOK],
        progress=False,
        force=True,
    )
    run_report(options)
    assert (out / "mes_notes.txt").read_text(encoding="utf-8") == "à garder"
    assert (out / "ok.html").is_file() and (out / "run.json").is_file()
    assert foreign_files(out) == ["mes_notes.txt"]
    # the next run without --force is refused: the note is still not santenum's
    with pytest.raises(Exception, match="did not write"):
        run_report(
            ReportOptions(
                data=ensure_demo_data(),
                out=out,
                notebooks=[OK_NOTEBOOK],
                progress=False,
                study_pdf=False,
            )
        )


def test_a_run_killed_after_its_swap_gives_back_the_analysts_files(tmp_path):
    """Killed between the swap and the move of foreign files: the old folder still holds a note."""
    out = tmp_path / "rapport"
    out.mkdir()
    (out / "index.html").write_text("new", encoding="utf-8")
    old = tmp_path / f".rapport.santenum-old-{_dead_pid()}"
    old.mkdir()
    (old / "index.html").write_text("previous", encoding="utf-8")
    (old / "notes.txt").write_text("mine", encoding="utf-8")
    (old / MANIFEST).write_text(json.dumps({"files": ["index.html"]}), encoding="utf-8")
    remove_leftovers(out, owned=True)
    assert not old.exists()
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert (out / "index.html").read_text(encoding="utf-8") == "new"


@pytest.mark.slow
def test_clean_publishes_its_four_files_in_one_step_and_keeps_the_rest(tmp_path, write_csv):
    import santenum.clean.outputs as outputs
    from santenum.clean import clean_directory, write_outputs

    write_csv(
        tmp_path / "raw" / "liste.csv", [["Raison sociale", "Code postal"], ["Télé Sud", "34000"]]
    )
    result = clean_directory(tmp_path / "raw", as_of="2023-06-30", show_progress=False)
    out = tmp_path / "processed"
    out.mkdir()
    (out / "README.md").write_text("notes de l'analyste", encoding="utf-8")
    write_outputs(out, result)
    first = _snapshot(out)
    assert {
        "companies.parquet",
        "rejected.csv",
        "a_verifier.csv",
        "quality.json",
        "README.md",
    } <= set(first)

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    # a failure while writing (here the quality report's CSV neighbours) changes nothing
    original = outputs.write_csv
    outputs.write_csv = broken
    try:
        with pytest.raises(OSError):
            write_outputs(out, result)
    finally:
        outputs.write_csv = original
    assert _snapshot(out) == first
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


# Issue 29, item 4: one ownership model for every --out (clean, sirene, report).
LIST = "Raison sociale;Code postal\nTélé Santé Sud;34000\n"


def _raw(tmp_path) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir(exist_ok=True)
    (raw / "liste.csv").write_text(LIST, encoding="utf-8")
    return raw


def _clean(raw, out, *options) -> int:
    return main(
        ["clean", str(raw), "--out", str(out), "--quiet", "--as-of", "2023-06-30", *options]
    )


def _one_error(capsys, *words) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("santenum: error:") and "Traceback" not in err
    for word in words:
        assert word in err, err
    return err


@pytest.mark.parametrize("name", ["quality.json", "a_verifier.csv"])
def test_clean_never_deletes_a_file_it_did_not_write(tmp_path, capsys, name):
    """`clean --out` silently deleted a quality.json or a_verifier.csv it never wrote."""
    out = tmp_path / "out"
    out.mkdir()
    (out / name).write_text("à moi", encoding="utf-8")
    assert _clean(_raw(tmp_path), out) == 2
    _one_error(capsys, name, "--force")
    assert _clean(_raw(tmp_path), out, "--force") == 2  # even so: it would be replaced
    _one_error(capsys, name, "move it away")
    assert _snapshot(out) == {name: "à moi".encode()}


@pytest.mark.slow
def test_clean_writes_through_a_linked_out_and_leaves_nothing_behind(tmp_path):
    """`clean --out LINK` replaced the link by a folder, left the old table in the target and a
    `.santenum-old-PID` link for ever."""
    target = tmp_path / "cible"
    link = tmp_path / "lien"
    link.symlink_to(target, target_is_directory=True)
    target.mkdir()
    raw = _raw(tmp_path)
    assert _clean(raw, link) == 0
    (raw / "liste.csv").write_text(LIST + "Bip Santé;31000\n", encoding="utf-8")
    assert _clean(raw, link) == 0
    assert link.is_symlink() and link.resolve() == target.resolve()
    assert len(read_companies(target / "companies.parquet")) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cible", "lien", "raw"]


@pytest.mark.parametrize("where", [".", "dir/..", "raw/sortie", "raw"])
def test_an_out_that_is_no_folder_of_its_own_is_one_line(tmp_path, monkeypatch, capsys, where):
    """`clean --out .` and `--out dir/..` were tracebacks; `--out` inside RAW was accepted, and the
    next run then failed."""
    monkeypatch.chdir(tmp_path)
    raw = _raw(tmp_path)
    (tmp_path / "dir").mkdir()
    before = _snapshot(tmp_path)
    assert _clean(raw, where) == 2
    _one_error(capsys, "--out")
    assert _snapshot(tmp_path) == before


def test_sirene_never_replaces_an_analysts_files(tmp_path, capsys):
    """`sirene --out` replaced an analyst's source.yml and counts_by_region.csv."""
    from tests.helpers import DATA

    out = tmp_path / "sirene"
    out.mkdir()
    (out / "source.yml").write_text("label: mon extrait\n", encoding="utf-8")
    (out / "counts_by_region.csv").write_text("mes comptes\n", encoding="utf-8")
    before = _snapshot(out)
    stock = DATA / "identify"
    argv = ["sirene", "--etablissements", str(stock / "StockEtablissement.csv")]
    argv += ["--unites-legales", str(stock / "StockUniteLegale.csv"), "--region", "76"]
    argv += ["--out", str(out), "--quiet"]
    assert main(argv) == 2
    _one_error(capsys, "--force")
    assert main([*argv, "--force"]) == 2
    _one_error(capsys, "counts_by_region.csv", "move it away")
    assert _snapshot(out) == before


def test_a_link_or_folder_inside_out_is_someone_elses(tmp_path):
    """A link to a folder inside a report's folder was not listed as foreign, and went with the
    previous report."""
    out = tmp_path / "rapport"
    with staged_directory(out, whole=True, owned=True) as staging:
        (staging / "index.html").write_text("v1", encoding="utf-8")
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    (elsewhere / "précieux.txt").write_text("x", encoding="utf-8")
    (out / "lien").symlink_to(elsewhere, target_is_directory=True)
    (out / "vide").mkdir()
    assert foreign_files(out) == ["lien", "vide"]
    with staged_directory(out, whole=True, owned=True) as staging:
        (staging / "index.html").write_text("v2", encoding="utf-8")
    assert (out / "lien").is_symlink() and (out / "vide").is_dir()
    assert (elsewhere / "précieux.txt").exists()


def test_a_foreign_file_a_run_would_replace_stops_it_before_publishing(tmp_path):
    out = tmp_path / "rapport"
    out.mkdir()
    (out / "index.html").write_text("à moi", encoding="utf-8")
    with pytest.raises(Exception, match="move it away"):
        with staged_directory(out, whole=True, owned=True) as staging:
            (staging / "index.html").write_text("v1", encoding="utf-8")
    assert _snapshot(out) == {"index.html": "à moi".encode()}
    assert [p.name for p in tmp_path.iterdir()] == ["rapport"]


@pytest.mark.slow
def test_report_keeps_a_linked_out_a_link(tmp_path, capsys):
    """`report --out LINK` deleted the link to a folder without --force."""
    target = tmp_path / "cible"
    target.mkdir()
    link = tmp_path / "lien"
    link.symlink_to(target, target_is_directory=True)
    notebooks = tmp_path / "carnets"
    notebooks.mkdir()
    (notebooks / "ok.ipynb").write_bytes(OK_NOTEBOOK.read_bytes())
    argv = ["report", "--notebooks", str(notebooks), "--no-study-pdf", "--quiet"]
    argv += ["--data", str(ensure_demo_data()), "--out", str(link)]
    assert main(argv) == 0
    assert main(argv) == 0  # again, over its own report
    assert link.is_symlink() and (target / "ok.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["carnets", "cible", "lien"]
