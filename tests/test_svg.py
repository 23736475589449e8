"""The SVG writer: text widths from Helvetica's metrics, wrapping, escaping, stable numbers."""

import xml.etree.ElementTree as ET

import pytest

from santenum.analysis import svg

NS = "{http://www.w3.org/2000/svg}"


def test_text_width_uses_helvetica_widths_with_a_margin():
    # AFM widths: i = l = 222, m = 833 (1/1000 em); 10 px; 10 % margin
    assert svg.text_width("il", 10) == pytest.approx(444 * 10 / 1000 * 1.1)
    assert svg.text_width("m", 10) == pytest.approx(833 * 10 / 1000 * 1.1)
    assert svg.text_width("é", 12) == svg.text_width("e", 12)
    assert svg.text_width("Segment", 12, bold=True) > svg.text_width("Segment", 12)


def test_wrap_keeps_every_word_within_the_width_and_no_break_spaces_together():
    text = "entreprises pour 100\u00a0000 habitants dans la région"
    lines = svg.wrap(text, 80, 11)
    assert len(lines) > 1
    assert " ".join(lines) == text
    assert all(svg.text_width(line, 11) <= 80 or " " not in line for line in lines)
    assert any("100\u00a0000" in line for line in lines)
    assert svg.wrap("Cybersécurité", 10, 11) == ["Cybersécurité"]
    assert svg.wrap("pour 100 000 habitants", 40, 11) == ["pour", "100\u00a0000", "habitants"]


@pytest.mark.parametrize(
    "value, text", [(1.234, "1.23"), (2.0, "2"), (-0.001, "0"), (10.5, "10.5"), (-3.456, "-3.46")]
)
def test_coordinates_are_written_with_at_most_two_decimals(value, text):
    assert svg.num(value) == text


def test_text_is_escaped_and_the_document_is_valid_xml():
    canvas = svg.Canvas(200)
    canvas.text(10, 20, "<script>alert(1)</script> & co", rotate=True)
    canvas.rect(0, 0, 10, 10, "#123456", class_="bar")
    document = canvas.svg(50, 'Titre "<b>"')
    assert "<script>" not in document
    root = ET.fromstring(document)
    assert root.find(f"{NS}title").text == 'Titre "<b>"'
    text = root.find(f"{NS}text")
    assert text.text == "<script>alert(1)</script> & co"
    assert text.get("transform") == "rotate(-90 10 20)"
    assert root.find(f"{NS}rect[@class='bar']").get("fill") == "#123456"
    assert (root.get("width"), root.get("height")) == ("200", "50")
