"""etude.pdf is printed offline: WeasyPrint (in the printer's worker process) reads data: URLs
only, so a page that asks for a stylesheet, a background or an image on a server gets nothing and
sends nothing; what it could not draw is one warning of the run."""

import logging

import pytest

from santenum.report.study_pdf import print_study
from tests.helpers import recording_server


@pytest.mark.slow
def test_no_request_leaves_and_the_refusal_is_said(tmp_path, caplog):
    with recording_server() as (port, paths):
        origin = f"http://127.0.0.1:{port}"
        page = tmp_path / "etude.html"
        page.write_text(
            f"""<html><head><link rel="stylesheet" href="{origin}/css">
<style>body {{background: url({origin}/background)}}</style></head>
<body><h1>Chapitre</h1><img src="{origin}/image"><img src="file:///etc/hostname"></body></html>""",
            encoding="utf-8",
        )
        with caplog.at_level(logging.WARNING, logger="santenum"):
            assert print_study(page, timeout=120) is None
        arrived = list(paths)
    assert page.with_suffix(".pdf").read_bytes().startswith(b"%PDF")
    assert arrived == []
    assert "non dessiné" in caplog.text


def test_a_missing_pango_is_one_line_before_any_notebook(monkeypatch, tmp_path, capsys):
    import sys

    from santenum.cli import main

    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import fails as without Pango
    assert main(["report", "--out", str(tmp_path / "run"), "--quiet"]) == 2
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1 and "Pango" in error and "--no-study-pdf" in error
    assert not (tmp_path / "run").exists()


def test_a_missing_logo_is_one_line_before_any_notebook(tmp_path, capsys):
    from santenum.cli import main

    out = tmp_path / "run"
    assert main(["report", "--out", str(out), "--quiet", "--logo", str(tmp_path / "x.png")]) == 2
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1 and "--logo" in error and not out.exists()
