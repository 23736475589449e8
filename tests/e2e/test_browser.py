"""Open a report run in headless Chromium: titles show, every image loads, the console stays clean.

Chromium and ChromeDriver are Debian's packages `chromium` and `chromium-driver`; `make test` and
`.ci/run` install them (scripts/install-browser.sh). The browser gets no network.
"""

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.fixture(scope="module")
def run_dir(demo_run):
    code, out = demo_run
    assert code == 0
    return out


@pytest.mark.parametrize(
    "page, title", [("index.html", "Occitanie"), ("04_geographie.html", "Géographie")]
)
def test_page_renders_offline(browser, run_dir, page, title):
    browser.get_log("browser")  # drop what earlier pages logged
    browser.get((run_dir / page).as_uri())
    assert title in browser.title
    images = browser.execute_script(
        "return Array.from(document.images).map(i => [i.complete, i.naturalWidth]);"
    )
    assert all(complete and width > 0 for complete, width in images)
    if page != "index.html":
        assert len(images) >= 2
    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert not errors, errors
    if page == "index.html":  # the landing page: tiles, faits saillants and the map, visible
        shown = browser.execute_script(
            "return ['.tile', '.facts li', '.map img'].map("
            "s => document.querySelector(s)?.getBoundingClientRect().height || 0);"
        )
        assert all(height > 0 for height in shown), shown
        caption = browser.execute_script(  # the map's caption was 5 px, drawn inside the image
            "const c = document.querySelector('.map .caption');"
            "return [c.textContent, parseFloat(getComputedStyle(c).fontSize)];"
        )
        assert "CC BY 4.0" in caption[0] and caption[1] >= 11, caption
    shot = run_dir.parent / f"screenshot-{page.removesuffix('.html')}.png"  # beside the report
    assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 10_000


def test_national_index_sorts_by_any_column(browser, all_regions_run):
    """--region all: the national index's table re-orders when a header is clicked."""
    code, out, _ = all_regions_run
    assert code == 0
    browser.get((out / "index.html").as_uri())
    caption = browser.execute_script(  # the national map's source was drawn inside the image
        "const c = document.querySelector('.map .caption');"
        "return [c.textContent, parseFloat(getComputedStyle(c).fontSize)];"
    )
    assert "n = " in caption[0] and "CC BY 4.0" in caption[0] and caption[1] >= 11, caption
    column = (
        "return Array.from(document.querySelectorAll('table.sortable tbody tr'))"
        ".map(r => r.cells[%d].dataset.sort);"
    )
    headers = browser.find_elements("css selector", "table.sortable th")
    headers[1].click()  # entreprises, largest first
    counts = [int(v) for v in browser.execute_script(column % 1)]
    assert counts == sorted(counts, reverse=True) and len(counts) == 13
    headers[1].click()
    assert [int(v) for v in browser.execute_script(column % 1)] == sorted(counts)
    headers[0].click()
    names = browser.execute_script(column % 0)
    assert names[0] > names[-1]  # région names, descending
    images = browser.execute_script("return Array.from(document.images).map(i => i.naturalWidth);")
    assert images and all(width > 0 for width in images)
    shot = out.parent / "screenshot-national-index.png"
    assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 10_000
