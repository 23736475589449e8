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
    shot = run_dir / f"screenshot-{page.removesuffix('.html')}.png"
    assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 10_000
