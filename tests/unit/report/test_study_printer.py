"""The study printer (report/study_pdf.py): WeasyPrint in worker processes, each study printed
within the run's --timeout, as WeasyPrint prints it in this process."""

import base64
import time

import psutil
import pytest

from santenum.report.study_pdf import StudyPrinter, print_document, print_study
from tests.helpers import svg_bomb

pytestmark = pytest.mark.slow  # each worker is a process that loads WeasyPrint


def study(folder, body: str):
    """folder/etude.html with this body."""
    folder.mkdir(parents=True)
    html = folder / "etude.html"
    html.write_text(
        f'<html lang="fr"><head><meta charset="utf-8"><title>Étude</title></head>'
        f"<body>{body}</body></html>",
        encoding="utf-8",
    )
    return html


def bomb_image() -> str:
    """An <img> of the SVG whose drawing does not end (helpers.svg_bomb)."""
    image = base64.b64encode(svg_bomb()).decode("ascii")
    return f'<img src="data:image/svg+xml;base64,{image}">'


CHAPTER = (
    "<h1>Synthèse</h1><p>La filière compte 239 entreprises.</p>"
    "<table><tr><td>1 234</td></tr></table>"
)


def workers() -> list:
    """This process's printer workers still running."""
    return [
        child
        for child in psutil.Process().children(recursive=True)
        if "santenum.report.study_pdf" in " ".join(child.cmdline())
    ]


def test_each_study_is_printed_by_a_worker_as_in_this_process(tmp_path):
    pages = [study(tmp_path / region, f"{CHAPTER}<p>{region}</p>") for region in ("76", "11", "75")]
    log = tmp_path / "logs" / "impression.log"
    with StudyPrinter(2, timeout=120, log_path=log) as printer:
        for html in pages:
            printer.submit(html)
        assert printer.wait() == {html: None for html in pages}
    here = study(tmp_path / "ici", f"{CHAPTER}<p>76</p>")
    assert print_document(here) == []
    assert pages[0].with_suffix(".pdf").read_bytes() == here.with_suffix(".pdf").read_bytes()
    assert all(html.with_suffix(".pdf").read_bytes().startswith(b"%PDF") for html in pages)
    assert log.is_file() and workers() == []  # the spares are stopped too


def test_a_study_past_its_deadline_is_stopped_and_the_next_one_printed(tmp_path):
    """WeasyPrint drawing the nested-<use> SVG never ended: --timeout covers the PDF."""
    bomb = study(tmp_path / "bombe", bomb_image())
    fine = study(tmp_path / "sain", CHAPTER)
    with StudyPrinter(1, timeout=3) as printer:
        printer.submit(bomb)
        printer.submit(fine)
        problems = printer.wait()
    assert problems[bomb] == "etude.pdf : délai dépassé (3 s), PDF non écrit"
    assert not bomb.with_suffix(".pdf").exists()
    assert problems[fine] is None and fine.with_suffix(".pdf").is_file()


def test_a_study_that_cannot_be_printed_is_one_line(tmp_path):
    problem = print_study(tmp_path / "absent" / "etude.html", timeout=60)
    assert problem.startswith("etude.pdf : impression impossible (FileNotFoundError")
    assert "\n" not in problem


def test_a_run_that_fails_leaves_no_worker_behind(tmp_path):
    with pytest.raises(RuntimeError), StudyPrinter(2, timeout=600) as printer:
        printer.submit(study(tmp_path / "bombe", bomb_image()))
        while not workers():
            time.sleep(0.05)
        raise RuntimeError("a notebook slot failed")
    assert workers() == []


def test_a_worker_that_cannot_start_leaves_its_study_said_unprinted(tmp_path, monkeypatch):
    from santenum.report import study_pdf

    def no_process(stderr):
        raise OSError(24, "Too many open files")

    monkeypatch.setattr(study_pdf._Worker, "_start", staticmethod(no_process))
    problem = print_study(study(tmp_path / "76", CHAPTER), timeout=60)
    assert problem == (
        "etude.pdf : impression impossible (OSError: [Errno 24] Too many open files)"
    )
