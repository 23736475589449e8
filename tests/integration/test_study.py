"""The study as one document, read as a reader would: etude.pdf's cover, contents (page numbers
checked against the pages), the analyst's synthesis, every chapter, the annexes and the annuaire."""

import re

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
    assert [title for title, _ in entries][:2] == ["Synthèse", "1. Vue d'ensemble"]
    assert len(entries) >= 8 + 4  # eight chapters, synthesis, annexes
    for title, number in entries:
        head = " ".join(" ".join(pages[number - 1].splitlines()[:3]).split())
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
    assert any("Scénario « spécialiste »" in page for page in pages)


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
