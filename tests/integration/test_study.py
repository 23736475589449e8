"""The study as one document, read as a reader would: etude.pdf's cover, contents (page numbers
checked against the pages), the analyst's synthesis, every chapter, the annexes and the annuaire."""

import re
import subprocess
from collections import Counter
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pypdf
import pytest

from santenum.core.table.perimeter import in_perimeter

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def study(demo_run):
    code, out = demo_run
    assert code == 0
    reader = pypdf.PdfReader(out / "etude.pdf")
    return out, reader, [page.extract_text() for page in reader.pages]


def contents(pages) -> list:
    """(title, page number) of each line of the contents page: 'Titre ........ 12'."""
    lines = pages[1].splitlines()
    assert lines[0].strip() == "Sommaire"
    found = [re.fullmatch(r"(.+?)\s*\.{3,}\s*(\d+)", line.strip()) for line in lines[1:]]
    return [(match[1], int(match[2])) for match in found if match]


def test_cover_then_contents_whose_page_numbers_are_right(study):
    _, _, pages = study
    cover = " ".join(pages[0].split())
    assert "La filière santé numérique en Occitanie" in cover
    assert "Situation au 30/06/2023" in cover
    entries = contents(pages)
    assert [title for title, _ in entries][:3] == [
        "Synthèse",
        "Périmètre et écosystème",
        "1. Vue d'ensemble",
    ]
    assert len(entries) >= 8 + 4  # eight chapters, synthesis, annexes
    follow = ("Scénarios", "Feuille de route")  # after the AFOM, on the same page when short
    for title, number in entries:
        head = " ".join(" ".join(pages[number - 1].splitlines()[:3]).split())
        if title in follow:
            assert title in pages[number - 1].replace("\u00a0", " "), (title, number)
        else:
            assert head.startswith(title), (title, number, head)  # the heading opens its page
    numbers = [number for _, number in entries]
    assert numbers == sorted(numbers) and numbers[0] == 3


def test_the_outline_has_every_chapter_and_annex(study):
    _, reader, pages = study
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert [title for title, _ in contents(pages)] == [t for t in titles if t != titles[0]]
    assert "Annexe C. Annuaire des entreprises" in titles


def test_the_analysts_synthesis_is_there_with_its_figures_filled(study):
    _, _, pages = study
    synthesis = " ".join(pages[2].split())
    assert "compte 239 entreprises actives au 30/06/2023" in synthesis
    assert "{{" not in " ".join(pages)
    assert any("Scénario « spécialiste »" in page.replace("\u00a0", " ") for page in pages)


def test_the_annuaire_lists_the_regions_companies(study, demo_data):
    out, _, pages = study
    companies = pd.read_parquet(demo_data)
    region = companies[
        (companies["region_code"] == "76") & ~companies["closed"] & in_perimeter(companies)
    ]
    start = next(i for i, page in enumerate(pages) if page.startswith("Annexe C. Annuaire"))
    text = " ".join(" ".join(pages[start:]).split())
    assert f"{len(region)} entreprises actives, par ordre alphabétique" in text
    for name in region["name"].sample(10, random_state=1):
        assert " ".join(name.split()) in text
    html = (out / "etude.html").read_text(encoding="utf-8")
    assert html.count("<tr><td>") >= len(region)


def test_the_landing_page_links_the_study(study):
    out, _, _ = study
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<a href="etude.html">' in index and '<a href="etude.pdf">' in index


def test_the_geography_chapter_maps_the_companies_by_commune(study):
    """The study is a 'cartographie des acteurs': companies placed where they are, not only counted
    by département."""
    _, _, pages = study
    text = " ".join(" ".join(pages).split())
    assert re.search(r"Figure \d+\. Entreprises par commune — Occitanie", text)
    assert re.search(r"\d+ entreprises placées dans \d+ communes", text)


EDGE_PT = 20  # no text this close to a page's edge: it was cut off, or nearly
MARGIN_PT = 45  # running heads and page numbers live above and below this


def _boxes(pdf: Path) -> list:
    """Per page: (width, height, blocks), each block (x0, y0, x1, y1, text), from pdftotext
    -bbox-layout (poppler), which gives every block and word of the page with its box."""
    xml = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = []
    for width, height, body in re.findall(
        r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', xml, re.S
    ):
        blocks = []
        for *box, inner in re.findall(
            r'<block xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</block>',
            body,
            re.S,
        ):
            words = [unescape(word) for word in re.findall(r">([^<]*)</word>", inner)]
            blocks.append((*map(float, box), " ".join(words)))
        pages.append((float(width), float(height), blocks))
    return pages


class _Tables(HTMLParser):
    """Each table of etude.html: its caption and header cells; and every heading (h1 to h3)."""

    def __init__(self):
        super().__init__()
        self.tables, self.headings, self._tag, self._text = [], [], None, ""

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"caption": "", "headers": []})
        if tag in ("caption", "th", "h1", "h2", "h3"):
            self._tag, self._text = tag, ""

    def handle_endtag(self, tag):
        if tag != self._tag:
            return
        text = " ".join(self._text.split())
        if tag == "caption":
            self.tables[-1]["caption"] = text
        elif tag == "th":
            self.tables[-1]["headers"].append(text)
        else:
            self.headings.append(text)
        self._tag = None

    def handle_data(self, data):
        if self._tag:
            self._text += data


def _squeezed(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def printed(study):
    out, _, _ = study
    parser = _Tables()
    parser.feed((out / "etude.html").read_text(encoding="utf-8"))
    return _boxes(out / "etude.pdf"), parser


def test_no_text_is_cut_or_near_the_page_edge(printed):
    """Wide tables ran off the right edge: p11, p16–18, p29, p42 had fewer columns than the HTML."""
    pages, _ = printed
    near = [
        (number, text[:40])
        for number, (width, height, blocks) in enumerate(pages, start=1)
        for x0, y0, x1, y1, text in blocks
        if x0 < EDGE_PT or y0 < EDGE_PT or x1 > width - EDGE_PT or y1 > height - EDGE_PT
    ]
    assert not near
    assert any(width > height for width, height, _ in pages)  # wide tables on landscape pages


def test_no_caption_or_heading_is_left_at_a_page_foot(printed):
    """19 captions sat alone at the foot of a page, their tables on the next."""
    pages, parser = printed
    headings = {_squeezed(text) for text in parser.headings}
    alone = []
    for number, (_, height, blocks) in enumerate(pages, start=1):
        body = [b for b in blocks if b[1] > MARGIN_PT and b[3] < height - MARGIN_PT]
        if not body:
            continue
        last = max(body, key=lambda block: (block[3], -block[0]))[4]
        if re.match(r"Tableau \d+\.", last) or _squeezed(last) in headings:
            alone.append((number, last[:60]))
    assert not alone


def _pieces(text: str) -> list:
    """The words of a text, each cut after its hyphens: a header may break there, as French
    typography does (« Île-de- / France »), never inside a word."""
    return [piece for word in text.split() for piece in re.split(r"(?<=-)(?=.)", word)]


def test_every_table_header_of_the_html_is_printed_with_its_table(printed):
    """A header wrapped over two lines may be read between its neighbours' words: each table's
    header words are looked for, as many times as the headers hold them, on the table's pages."""
    pages, parser = printed
    words = [Counter(_pieces(" ".join(block[4] for block in blocks))) for _, _, blocks in pages]
    texts = [_squeezed(" ".join(block[4] for block in blocks)) for _, _, blocks in pages]
    captioned = [table for table in parser.tables if table["caption"]]
    assert len(captioned) > 40
    for table in captioned:
        start = _squeezed(table["caption"])[:60]
        first = next(i for i, text in enumerate(texts) if start in text)
        shown = sum(words[first : first + 2], Counter())  # a table may go on to the next page
        wanted = Counter(_pieces(" ".join(table["headers"])))
        assert not wanted - shown, (table["caption"], wanted - shown)
    every = sum(words, Counter())
    assert not Counter(_pieces(" ".join(h for t in parser.tables for h in t["headers"]))) - every


def test_chapter_one_opens_with_findings_and_the_cleaning_goes_to_the_annex(study):
    """Chapter 1 opened with « lignes en quarantaine 14 » and repeated the synthèse's bullets."""
    _, _, pages = study
    entries = dict(contents(pages))
    first = entries["1. Vue d'ensemble"]
    chapter = " ".join(" ".join(pages[first - 1 : entries["2. Segments de marché"] - 1]).split())
    assert chapter.startswith("1. Vue d'ensemble L'Occitanie compte 239 entreprises")
    assert "lignes en quarantaine" not in chapter and "Faits saillants" not in chapter
    annex = " ".join(" ".join(pages[entries["Annexe A. Méthode"] - 1 :]).split())
    # 5 blank lines and 5 survey title lines (the 9 postal codes « 99… » are placed by the register)
    assert "lignes en quarantaine 10" in annex


def test_the_study_has_its_perimeter_its_publisher_and_no_dump(study):
    _, _, pages = study
    text = " ".join(" ".join(pages).split())
    assert "Agence de démonstration" in " ".join(pages[0].split())
    assert "Périmètre et écosystème" in text and "entreprises du périmètre 239" in text
    assert not re.search(r"Tableau \d+\. (segment|département|total|catégorie)\b", text)
    assert "SHA-256" not in text and "papermill" not in text
    # the published figures, and their two decimals where the study printed two
    assert "50,44" in text and "11,25" in text and "11,3 %" in text


def test_the_study_speaks_french_to_its_readers(study):
    """A reader found « comarca » (Catalan) in a published figure's label, and a note about
    dates that told developers which source.yml key to set."""
    _, _, pages = study
    text = " ".join(" ".join(pages).split()).replace("\u00a0", " ")
    foreign = {"comarca", "value", "count", "share", "unit", "scope", "accelerating", "nan", "none"}
    assert not foreign & {word.lower() for word in re.findall(r"[\w-]+", text)}
    assert "source.yml" not in text and "Dans le Barcelonès (comarque de Barcelone)" in text
    # a density rank on a handful of companies is not given: Corse (6) is not ranked
    assert "2e région sur 12 classées" in text


def test_each_chapter_opens_with_a_paragraph_that_reads_its_figures(study):
    out, _, _ = study
    html = (out / "etude.html").read_text(encoding="utf-8")
    chapters = re.findall(
        r'<section class="chapter numbered"[^>]*>\n<h1>[^<]*</h1>\n(.{0,40})', html
    )
    assert len(chapters) == 8
    assert all(start.startswith('<div class="lead">') for start in chapters), chapters


def _filled(height: float, blocks: list) -> float:
    """How far down its body a page's text reaches (0 to 1), running head and footer apart."""
    body = [block for block in blocks if block[1] > MARGIN_PT and block[3] < height - MARGIN_PT]
    bottom = max((block[3] for block in body), default=MARGIN_PT)
    return (bottom - MARGIN_PT) / (height - 2 * MARGIN_PT)


def test_no_page_is_left_nearly_empty(printed):
    """A reader found pages holding one line or one caption (the tail of a chapter), half-empty
    pages before a table sent alone to a landscape page, and landscape pages two-thirds empty:
    tables now break between rows and go landscape only when no portrait type fits them."""
    pages, parser = printed
    headings = {_squeezed(text) for text in parser.headings}
    lonely, bare_landscape = [], []
    for number, (width, height, blocks) in enumerate(pages[2:], start=3):  # after the contents
        body = [b for b in blocks if b[1] > MARGIN_PT and b[3] < height - MARGIN_PT]
        opens = bool(body) and _squeezed(body[0][4]) in headings  # a chapter or section opens
        if len(body) < 2 and not opens and number < len(pages):
            lonely.append((number, body[0][4][:40] if body else ""))
        if width > height and _filled(height, blocks) < 0.5:
            bare_landscape.append(number)
    assert not lonely and not bare_landscape
    landscape = [number for number, (width, height, _) in enumerate(pages, 1) if width > height]
    assert len(landscape) <= 2  # the needs by segment and by catégorie: eight long headers
