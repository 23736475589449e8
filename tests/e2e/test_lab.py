"""JupyterLab, as an analyst uses it: started on localhost, 01_apercu opened in headless Chromium,
every cell run, and the outputs hold a chart and no error."""

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from santenum.core import config
from santenum.report.execute import ensure_kernel

pytestmark = [pytest.mark.slow, pytest.mark.browser]
TOKEN = "santenum-test"
NOTEBOOK = "01_apercu.ipynb"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def lab(tmp_path, demo_data):
    """A JupyterLab server on a copy of the notebooks (JupyterLab saves what it runs)."""
    ensure_kernel()
    folder = tmp_path / "notebooks"
    shutil.copytree(config.settings().notebook_dir, folder)
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            f"--ServerApp.port={port}",
            "--ServerApp.ip=127.0.0.1",
            f"--IdentityProvider.token={TOKEN}",
            f"--ServerApp.root_dir={folder}",
            "--LabApp.expose_app_in_browser=True",
            "--allow-root",
            "--LabApp.news_url=",
            "--LabApp.collaborative=False",
            f"--ServerApp.runtime_dir={tmp_path / 'runtime'}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=open(tmp_path / "lab.log", "w"),
    )  # noqa: SIM115
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{url}/api/status?token={TOKEN}", timeout=2)
            break
        except OSError:
            assert server.poll() is None and time.monotonic() < deadline, (
                tmp_path / "lab.log"
            ).read_text()
            time.sleep(0.5)
    yield url, folder
    server.terminate()
    server.wait(timeout=30)


def _wait(browser, script: str, seconds: float):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = browser.execute_script(script)
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for: {script}")


def test_apercu_runs_top_to_bottom_in_jupyterlab(browser, lab):
    url, folder = lab
    browser.get(f"{url}/lab/tree/{NOTEBOOK}?token={TOKEN}")
    _wait(
        browser, "return window.jupyterapp && document.querySelector('.jp-Notebook .jp-Cell')", 90
    )
    _wait(
        browser,
        "const p = window.jupyterapp.shell.currentWidget;"
        "return p && p.sessionContext && p.sessionContext.session && p.sessionContext.session.kernel"
        " && p.sessionContext.session.kernel.connectionStatus === 'connected'",
        90,
    )
    browser.execute_script("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    # every code cell gets an execution count; none is still waiting ([*])
    _wait(
        browser,
        "const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]"
        ".map(p => p.textContent.trim());"
        "return prompts.length > 0 && prompts.every(t => /\\[\\d+\\]/.test(t))",
        180,
    )
    outputs = browser.execute_script(
        "return [...document.querySelectorAll('.jp-OutputArea-output')].map(o => "
        "[o.getAttribute('data-mime-type') || '', o.textContent || '', o.querySelectorAll('img, svg').length])"
    )
    errors = [
        text[:300]
        for mime, text, _ in outputs
        if "Traceback" in text or "Error" in text.split("\n", 1)[0]
    ]
    assert errors == []
    assert sum(images for _, _, images in outputs) >= 1  # the segments chart
    assert any("Vue d'ensemble" in text for _, text, _ in outputs)
    kernel = browser.execute_script(
        "return window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.name"
    )
    assert kernel == "santenum"
    assert (
        json.loads((folder / NOTEBOOK).read_text(encoding="utf-8"))["metadata"]["kernelspec"][
            "name"
        ]
        == "santenum"
    )
