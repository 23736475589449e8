"""Limits enforced before work (issue 29, item 6), report side: the `{{` check of --texts in linear
time, an SVG logo that expands without end refused, and etude.pdf printed within --timeout."""

import base64
import subprocess
import sys
from pathlib import Path

import pytest

from santenum.core.errors import InputError
from santenum.report import document
from santenum.report.study_pdf import print_study
from tests.helpers import svg_bomb


def test_an_svg_logo_of_nested_use_is_refused(tmp_path):
    """A 2 KB SVG of nested <use> hung WeasyPrint for ever."""
    logo = tmp_path / "logo.svg"
    logo.write_bytes(svg_bomb(levels=12, fan=4))
    with pytest.raises(InputError, match="more than 20000 elements"):
        document.logo_uri(logo)
    logo.write_bytes(svg_bomb(levels=3, fan=4))  # 21 shapes: drawn
    assert document.logo_uri(logo).startswith("data:image/svg+xml;base64,")


@pytest.mark.parametrize(
    "name, data, words",
    [
        ("logo.png", b"<svg/>", "not a PNG image"),
        ("logo.jpg", b"\x89PNG\r\n\x1a\n", "not a JPEG image"),
        ("logo.svg", b'<!DOCTYPE svg [<!ENTITY a "b">]><svg/>', "DOCTYPE"),
        ("logo.svg", b"<svg><g id='x'><use href='#x'/></g></svg>", "refers to itself"),
        ("logo.svg", b"<svg", "not a well-formed SVG"),
    ],
)
def test_a_logo_that_is_not_what_it_says_is_refused(tmp_path, name, data, words):
    (tmp_path / name).write_bytes(data)
    with pytest.raises(InputError, match=words):
        document.logo_uri(tmp_path / name)


def test_the_placeholder_check_takes_linear_time(tmp_path):
    """80 KB of `{{` without `}}` took 69 s (a lazy regular expression from each `{{`); 1 MB is
    checked here in a child process given a minute (the quadratic check would take hours)."""
    folder = tmp_path / "textes"
    folder.mkdir()
    (folder / "synthese.md").write_text("{{ a" * 250_000, encoding="utf-8")  # never closed
    code = "import sys; from santenum.report.texts import read_texts; read_texts(sys.argv[1], [])"
    done = subprocess.run(
        [sys.executable, "-c", code, str(folder)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr


@pytest.mark.slow
def test_the_study_pdf_is_printed_within_the_timeout(tmp_path):
    """WeasyPrint drawing the nested-<use> SVG never ended: --timeout did not cover the PDF."""
    image = base64.b64encode(svg_bomb()).decode("ascii")
    html = tmp_path / "etude.html"
    html.write_text(
        f'<html><body><img src="data:image/svg+xml;base64,{image}"></body></html>',
        encoding="utf-8",
    )
    problem = print_study(html, timeout=5)
    assert problem is not None and "délai dépassé (5 s)" in problem
    assert not Path(html.with_suffix(".pdf")).exists()
