"""Tables laid out so that the printed study loses nothing (issue 32, item 1): each table in the
type or on the page that fits it, its caption inside it."""

import pandas as pd

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
    assert layout_of(_table(5)) == "compact"  # a smaller type before a landscape page
    # the segment × year table: 12 columns of a long header word (« Cybersécurité ») were cut
    assert layout_of(_table(12)).startswith("landscape")


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
