"""Open a report run in headless Chromium: titles show, every image loads, the console stays clean.

Chromium and ChromeDriver are Debian's packages `chromium` and `chromium-driver`; `make test` and
`.ci/run` install them (scripts/install-browser.sh). The browser gets no network.
"""

import shutil

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")


@pytest.fixture(scope="module")
def browser():
    assert CHROMIUM and CHROMEDRIVER, (
        "install Debian's chromium and chromium-driver: scripts/install-browser.sh"
    )
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--proxy-server=127.0.0.1:9",
        "--proxy-bypass-list=<-loopback>",
        "--window-size=1200,1600",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


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
