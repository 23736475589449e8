import shutil
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pandas as pd
import pytest

from santenum.demo import calibration

# Public, checksum-valid identifiers (python-stdnum's documentation and INSEE examples).
SIREN_A = "732829320"
SIRET_A = "73282932000074"
SIREN_B = "552100554"


@pytest.fixture
def write_csv():
    """Write rows (list of lists, header first) as a delimited file."""

    def write(path, rows, delimiter=";", encoding="utf-8"):
        path.parent.mkdir(parents=True, exist_ok=True)
        text = (
            "\n".join(delimiter.join("" if c is None else str(c) for c in row) for row in rows)
            + "\n"
        )
        path.write_bytes(text.encode(encoding))
        return path

    return write


def series(*values, dtype="string"):
    return pd.Series(list(values), dtype=dtype)


DEMO_TEXTS = Path(__file__).parents[1] / "data" / "texts" / "demo"
STUDY_PEERS = ",".join(calibration.PEERS)  # as the Makefile's STUDY_PEERS


def demo_report_argv(out, previous) -> list:
    """`santenum report` options of the demo run, as `make report` gives them."""
    return [
        "--as-of",
        "2023-06-30",
        "--out",
        str(out),
        "-j",
        "2",
        "--quiet",
        "--previous",
        str(previous),
        "--texts",
        str(DEMO_TEXTS),
        "--peers",
        STUDY_PEERS,
    ]


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory):
    """One `santenum report` run on the demo data (exit code, output directory), shared by tests."""
    from santenum.cli import main
    from santenum.demo import ensure_previous_demo_data

    out = tmp_path_factory.mktemp("reports") / "occitanie"
    argv = demo_report_argv(out, ensure_previous_demo_data())
    return main(["report", *argv]), out


@pytest.fixture(scope="session", autouse=True)
def demo_data():
    """The cleaned demo table that notebooks read by default (cleaned again when the raw files changed)."""
    from santenum.demo import ensure_demo_data, ensure_previous_demo_data

    ensure_previous_demo_data()
    return ensure_demo_data()


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium: loopback only (a dead proxy for the rest); Debian's chromium and chromium-driver."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    chromedriver = shutil.which("chromedriver")
    assert chromium and chromedriver, (
        "install Debian's chromium and chromium-driver: scripts/install-browser.sh"
    )
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--proxy-server=127.0.0.1:9",
        "--window-size=1200,1600",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(chromedriver), options=options)
    yield driver
    driver.quit()


class _Recorder(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's name)
        self.server.paths.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@contextmanager
def recording_server():
    """A server on loopback that records every path requested of it: yields (port, paths)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.paths = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_address[1], server.paths
    finally:
        server.shutdown()
        server.server_close()
