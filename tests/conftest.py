import json
import os
import shutil
import sys
from pathlib import Path

import pytest

from santenum.demo.lock import exclusive
from tests.helpers import demo_report_argv, fixture_notebooks, report_with

# Set in each worker when the tests run in parallel (pytest-xdist, `make test`).
WORKER = os.environ.get("PYTEST_XDIST_WORKER")


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


@pytest.fixture(scope="session", autouse=True)
def santenum_kernel():
    """In parallel runs, the santenum kernelspec installed before any test runs a notebook: a
    report installs it when it is missing, and two workers installing it at once delete each
    other's copy (jupyter_client removes the folder, then copies it)."""
    if WORKER:
        from santenum.report.execute import ensure_kernel

        with exclusive(sys.prefix):
            ensure_kernel()


def shared_temp(tmp_path_factory):
    """This run's temporary folder, which the parallel workers share (each has its own below)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if WORKER else base


def built_once(tmp_path_factory, name: str, build) -> Path:
    """The folder `name` of this run's shared temporary folder, filled by build(folder) by the
    first test worker to ask while the others wait, then read by every worker. Tests read it; a
    test that writes in it copies it first. A build that fails is tried again by the next."""
    shared = shared_temp(tmp_path_factory)
    folder, done = shared / name, shared / f"{name}.built"
    with exclusive(shared):
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            build(folder)
            done.touch()
    return folder


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory):
    """One `santenum report` run on the demo data (exit code, output directory), shared by tests
    and by the parallel workers (built_once)."""
    from santenum.cli import main
    from santenum.demo import ensure_previous_demo_data

    def build(folder):
        argv = demo_report_argv(folder / "occitanie", ensure_previous_demo_data())
        (folder / "exit-code").write_text(str(main(["report", *argv])), encoding="utf-8")

    folder = built_once(tmp_path_factory, "demo-run", build)
    return int((folder / "exit-code").read_text(encoding="utf-8")), folder / "occitanie"


@pytest.fixture(scope="session")
def all_regions_run(tmp_path_factory, demo_data):
    """`santenum report --region all -j 2` of the `ok` fixture notebook on the demo data, shared
    (built_once): (exit code, output directory, for each région's study in the order they were
    written, how many régions' notebooks had run by then)."""
    import santenum.report.run as run

    def build(folder):
        executed, write_study = [], run.write_study

        def counting(out, *args):
            executed.append(len(list(out.parent.glob("*/ok.ipynb"))))
            return write_study(out, *args)

        notebooks = fixture_notebooks(folder, {"ok.ipynb": "ok"})
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(run, "write_study", counting)
            code = report_with(notebooks, folder / "all", "--region", "all", "-j", "2")
        record = {"code": code, "executed": executed}
        (folder / "record.json").write_text(json.dumps(record), encoding="utf-8")

    folder = built_once(tmp_path_factory, "all-regions-run", build)
    record = json.loads((folder / "record.json").read_text(encoding="utf-8"))
    return record["code"], folder / "all", record["executed"]


@pytest.fixture(scope="session")
def demo_data():
    """The cleaned demo table that notebooks and `santenum report` read when given no data (cleaned
    again when the raw files changed). Request it by name: a test that reads the demo says so."""
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
