"""`--pdf` prints offline (issue 20, item 9): Chromium runs no script and no request reaches a server
on loopback, whatever the page asks for; a SANTENUM_CHROMIUM that names nothing is refused first."""

import shutil
import subprocess

import pytest

from santenum.cli import main
from santenum.core.errors import InputError
from santenum.report import pdf
from tests.helpers import recording_server

pytestmark = pytest.mark.browser


def _hostile_page(tmp_path, port: int):
    origin = f"127.0.0.1:{port}"
    page = tmp_path / "page.html"
    page.write_text(
        f"""<!doctype html><html><head>
<link rel="stylesheet" href="http://{origin}/css">
<style>body {{ background: url(http://{origin}/background) }}</style>
</head><body><h1 id="t">statique</h1>
<img src="http://{origin}/image">
<script>
document.getElementById("t").textContent = "SCRIPT";
fetch("http://{origin}/fetch");
new WebSocket("ws://{origin}/socket");
new RTCPeerConnection({{iceServers: [{{urls: "stun:{origin}"}}]}}).createDataChannel("x");
</script></body></html>""",
        encoding="utf-8",
    )
    return page


def _serve_and_print(tmp_path, flags, policy=pdf.POLICY) -> list:
    with recording_server() as (port, paths):
        page = _hostile_page(tmp_path, port)
        original = pdf.OFFLINE_FLAGS, pdf.POLICY
        pdf.OFFLINE_FLAGS, pdf.POLICY = flags, policy
        try:
            pdf.print_pdf(pdf.find_browser(), page)
        finally:
            pdf.OFFLINE_FLAGS, pdf.POLICY = original
        return sorted(paths)


@pytest.fixture
def chromium():
    if not (shutil.which("chromium") or shutil.which("chromium-browser")):
        pytest.fail("install Debian's chromium: scripts/install-browser.sh")


def _text(path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout


def test_no_request_reaches_loopback_and_no_script_runs(tmp_path, chromium):
    assert _serve_and_print(tmp_path, pdf.OFFLINE_FLAGS) == []
    text = _text(tmp_path / "page.pdf")
    assert "statique" in text and "SCRIPT" not in text


@pytest.mark.parametrize(
    "flags, policy", [(pdf.OFFLINE_FLAGS, ""), (("--no-first-run",), pdf.POLICY)]
)
def test_each_guard_alone_refuses_every_request(tmp_path, chromium, flags, policy):
    assert _serve_and_print(tmp_path, flags, policy) == []


def test_the_check_can_fail_a_plain_proxy_lets_loopback_through(tmp_path, chromium):
    """What santenum used before: a dead proxy alone, which Chromium bypasses for loopback,
    and the page's scripts running."""
    arrived = _serve_and_print(tmp_path, ("--proxy-server=127.0.0.1:9",), policy="")
    assert "/css" in arrived and "/fetch" in arrived
    assert "SCRIPT" in _text(tmp_path / "page.pdf")


def test_a_missing_santenum_chromium_is_refused_before_any_work(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SANTENUM_CHROMIUM", str(tmp_path / "no-chromium"))
    with pytest.raises(InputError, match="SANTENUM_CHROMIUM names no executable file"):
        pdf.find_browser()
    out = tmp_path / "run"
    assert main(["report", "--out", str(out), "--quiet", "--pdf"]) == 2
    assert "SANTENUM_CHROMIUM" in capsys.readouterr().err and not out.exists()
