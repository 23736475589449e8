"""The analyst's texts (--texts): known files only, placeholders checked, nothing raw."""

import pytest

from santenum.core.errors import InputError
from santenum.report.texts import read_texts

NOTEBOOKS = ["notebooks/01_apercu.ipynb", "notebooks/03_taille_age.ipynb"]


def write(folder, name, text, encoding="utf-8"):
    folder.mkdir(exist_ok=True)
    (folder / name).write_bytes(text.encode(encoding))
    return folder


def test_placeholders_are_filled_and_html_is_shown_as_text(tmp_path):
    folder = write(
        tmp_path / "t",
        "synthese.md",
        "**{{ entreprises }}** entreprises <script>alert(1)</script> ![logo](http://example.org/x.png)",
    )
    html = read_texts(folder, NOTEBOOKS).html("synthese", {"entreprises": "1 234"})
    assert "<strong>1 234</strong>" in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "example.org" not in html and "<img" not in html  # an image is its alt text, not loaded


def test_a_notebook_text_is_known_by_its_stem(tmp_path):
    folder = write(tmp_path / "t", "03_taille_age.md", "Analyse des âges.")
    texts = read_texts(folder, NOTEBOOKS)
    assert "Analyse de l&#x27;âge." in texts.html("03_taille_age", {}) or "Analyse des âges." in (
        texts.html("03_taille_age", {})
    )
    assert texts.html("afom", {}) is None


@pytest.mark.parametrize(
    "name, text, message",
    [
        ("synthese.md", "{{ emplois_totaux }}", "emplois_totaux"),
        ("synthese.md", "{{ region.__class__ }}", "unknown placeholder"),
        ("conclusion.md", "texte", "not a text santenum places"),
        ("synthese.txt", "texte", "not a text santenum places"),
    ],
)
def test_unknown_files_and_placeholders_are_errors_naming_them(tmp_path, name, text, message):
    folder = write(tmp_path / "t", name, text)
    with pytest.raises(InputError, match=message) as caught:
        read_texts(folder, NOTEBOOKS)
    assert name in str(caught.value)


def test_a_text_that_is_not_utf8_or_a_missing_folder_is_refused(tmp_path):
    folder = write(tmp_path / "t", "afom.md", "Atouts : santé numérique", encoding="utf-16")
    with pytest.raises(InputError, match="UTF-8"):
        read_texts(folder, NOTEBOOKS)
    with pytest.raises(InputError, match="no such folder"):
        read_texts(tmp_path / "absent", NOTEBOOKS)


def test_no_folder_means_no_text():
    assert read_texts(None, NOTEBOOKS).html("synthese", {}) is None
