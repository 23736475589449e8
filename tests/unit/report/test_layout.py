"""Tables laid out so that the printed study loses nothing (issue 32, item 1): each table in the
type or on the page that fits it, its caption inside it; and no landscape page for a table that
fits the portrait page (a landscape page breaks the pages before and after it)."""

import re
import subprocess

import pandas as pd
import pytest

from santenum.analysis import display
from santenum.core import rules
from santenum.core.templates import render
from santenum.report.layout import layout_of, table_fragment


def _table(columns: int, rows: int = 3, label: str = "Outils cliniques – logiciels métiers") -> str:
    frame = pd.DataFrame(
        {
            "segment": [label] * rows,
            **{f"Cybersécurité {i}": ["12 (64,3 %)"] * rows for i in range(columns)},
        }
    )
    return frame.to_html(index=False)


def test_a_narrow_table_stays_portrait_and_a_wide_one_goes_landscape():
    assert layout_of(_table(3)) == "portrait"
    assert layout_of(_table(6)) == "compact"  # a smaller type before a landscape page
    # 12 columns of a long header word (« Cybersécurité ») were cut
    assert layout_of(_table(12)).startswith("landscape")


def _shown(frame: pd.DataFrame) -> str:
    """The frame as display.table shows it (text columns marked, figures never wrapped)."""
    html = frame.to_html(index=False, escape=True, classes="santenum", border=0)
    return display._aligned(html, frame)


def _years() -> str:
    """The creations by segment and year (Tableau 8 of the demo): 12 years and a total."""
    years = {str(year): ["–", "1", "12"] for year in range(2012, 2024)}
    frame = pd.DataFrame({"segment": ["Outils cliniques – logiciels métiers"] * 3, **years})
    return _shown(frame.assign(total=["24", "7", "112"]))


def _regions() -> str:
    """The régions' indicators (Tableau 29 of the demo)."""
    shares = ["92,6\u00a0%", rules.TOO_FEW]
    columns = ("part de PME", "moins de 10 salariés", "moins de 4 ans", "intègrent l'IA")
    frame = pd.DataFrame(
        {
            "région": ["Provence-Alpes-Côte d'Azur", "Corse"],
            "effectif": ["70", "6"],
            **{name: shares for name in (*columns, "dans une métropole")},
            "pour 100 000 hab.": ["1,34", "1,69"],
            "rang": ["5", rules.TOO_FEW],
        }
    )
    return _shown(frame)


def _needs() -> str:
    """Needs by segment (Tableau 48 of the demo): eight needs of long words, count (share)."""
    needs = (
        "Accompagnement stratégique",
        "Accès au marché et lien avec les établissements de santé",
        "Financement",
        "Attractivité et recrutement",
        "Réglementation et certification",
        "Remboursement",
        "International",
        "Accès aux données de santé",
    )
    frame = pd.DataFrame({"segment": ["Cybersécurité & hébergement de données de santé"] * 2})
    frame = frame.assign(**{need: ["18 (64,3\u00a0%)", "0 (0,0\u00a0%)"] for need in needs})
    return _shown(frame.assign(n=["28", "11"]))


def test_a_table_that_fits_the_portrait_page_is_not_sent_to_a_landscape_one():
    """Tableaux 8, 18, 29 and 31 of the demo each went alone to a landscape page (the estimate
    took 0,58 em for every character and 12 pt of padding): the page before each was left half
    empty, and the landscape page two-thirds empty."""
    assert layout_of(_years()) == "compact"
    assert layout_of(_regions()) in ("portrait", "compact")
    assert layout_of(_needs()).startswith("landscape")  # eight needs of long words


def _overflow(tmp_path, fragment: str, landscape: bool) -> list:
    """The words the study prints beyond the page's right margin, the fragment printed alone."""
    from weasyprint import HTML

    css = render("report/templates", "etude.css.j2")
    page = tmp_path / "table.html"
    page.write_text(
        f'<html lang="fr"><head><meta charset="utf-8"><style>{css}</style></head><body>'
        f'<section class="chapter">{fragment}</section></body></html>',
        encoding="utf-8",
    )
    HTML(filename=str(page)).write_pdf(str(page.with_suffix(".pdf")))
    xml = subprocess.run(
        ["pdftotext", "-bbox", str(page.with_suffix(".pdf")), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    right = (842 if landscape else 595) - 40  # the 14 mm side margin
    return [
        word
        for x_max, word in re.findall(r'xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', xml)
        if float(x_max) > right + 1
    ]


@pytest.mark.slow
@pytest.mark.parametrize("table", [_years, _regions, _needs], ids=["years", "regions", "needs"])
def test_the_layout_chosen_prints_the_table_within_the_page(tmp_path, table):
    """The estimate checked against WeasyPrint itself: in the layout chosen, no word beyond the
    margin; a table sent to a landscape page would have overflowed the portrait one."""
    html = table()
    chosen = layout_of(html)
    fragment = str(table_fragment(f"<p><b>Tableau</b></p>{html}"))
    assert _overflow(tmp_path, fragment, landscape=chosen.startswith("landscape")) == []
    if chosen.startswith("landscape"):
        compact = fragment.replace(f'class="tableau {chosen}"', 'class="tableau compact"')
        assert _overflow(tmp_path, compact, landscape=False)


def test_the_caption_goes_inside_its_table():
    snippet = (
        "<p><b>Emplois par segment</b></p>\n"
        + _table(2)
        + '<p class="santenum-more">25 premières lignes</p>'
    )
    html = str(table_fragment(snippet))
    assert html.startswith('<div class="tableau portrait"><table')
    assert "<caption>Emplois par segment</caption>" in html
    assert html.index("<caption>") < html.index("<thead>")
    assert "25 premières lignes" in html and "<p><b>" not in html


def test_a_table_without_data_keeps_its_caption_and_message():
    snippet = '<p><b>Titre</b></p>\n<p class="santenum-missing">Non renseigné dans les données : n = 0.</p>'
    assert "Non renseigné" in table_fragment(snippet) and "Titre" in table_fragment(snippet)
