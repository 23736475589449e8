"""Every report page links the landing page, the study, and its previous and next pages."""

from santenum.report.navigation import add_navigation


def page(tmp_path, name):
    path = tmp_path / name
    path.write_text("<html><body class='x'><p>contenu</p></body></html>", encoding="utf-8")
    return path


def test_previous_and_next_in_reading_order_titles_escaped(tmp_path):
    pages = [page(tmp_path, f"{n}.html") for n in ("01_a", "02_b", "03_c")]
    add_navigation(list(zip(pages, ["Vue", "Segments <b>&</b>", "Taille"], strict=True)))
    first, middle, last = (p.read_text(encoding="utf-8") for p in pages)
    assert first.count('<a href="index.html">') == 2  # top and bottom
    assert 'rel="prev"' not in first and '<a href="02_b.html" rel="next">' in first
    assert '<a href="01_a.html" rel="prev">← Vue</a>' in middle
    assert '<a href="03_c.html" rel="next">Taille →</a>' in middle
    assert "Segments &lt;b&gt;&amp;&lt;/b&gt; →" in first
    assert 'rel="next"' not in last and '<a href="etude.html">' in last
    assert middle.index("<nav") < middle.index("<p>contenu</p>") < middle.rindex("<nav")
