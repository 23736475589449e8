"""`santenum report --pdf`: each HTML page printed to PDF by headless Chromium (A4, print stylesheet)."""

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from santenum.core.errors import InputError, ReportError

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT = 120  # seconds per page


# Printing runs no script and reaches nothing: a report is self-contained, and text from the data
# must not make the printer fetch or send anything. The page printed is a copy that carries this
# Content-Security-Policy (no script, no request but inline styles and data: images and fonts;
# Chromium's own switch that turns scripts off stops --print-to-pdf from printing); every request
# goes to a dead proxy, loopback included (Chromium otherwise bypasses proxies for it); WebRTC
# may use no UDP of its own.
POLICY = (
    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
    "style-src 'unsafe-inline'; img-src data:; font-src data:\">"
)
_HEAD = re.compile(r"<head(\s[^>]*)?>", re.IGNORECASE)
OFFLINE_FLAGS = (
    "--proxy-server=127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
    "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


def find_browser() -> str:
    """The headless browser to print with, else InputError (one line: what to install)."""
    chosen = os.environ.get("SANTENUM_CHROMIUM")
    if chosen:
        if not (Path(chosen).is_file() and os.access(chosen, os.X_OK)):
            raise InputError(chosen, "SANTENUM_CHROMIUM names no executable file")
        return chosen
    found = next((path for path in map(shutil.which, BROWSERS) if path), None)
    if not found:
        raise InputError(
            "--pdf",
            "Chromium not found: install it (Debian: apt install chromium; or set "
            "SANTENUM_CHROMIUM to its path), or leave out --pdf",
        )
    return found


def _with_policy(html: str) -> str:
    """The page with POLICY first in its head (before anything it could load or run)."""
    head = _HEAD.search(html)
    if head is None:
        return POLICY + html
    return html[: head.end()] + POLICY + html[head.end() :]


def print_pdf(browser: str, html: Path) -> Path:
    """Write html's PDF beside it (same name, .pdf); no script runs, nothing is fetched."""
    pdf = html.with_suffix(".pdf")
    with tempfile.TemporaryDirectory(prefix="santenum-chromium-") as profile:
        page = Path(profile) / html.name
        page.write_text(_with_policy(html.read_text(encoding="utf-8")), encoding="utf-8")
        command = [
            browser,
            "--headless=new",
            "--disable-gpu",
            "--no-pdf-header-footer",
            *OFFLINE_FLAGS,
            f"--user-data-dir={profile}",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.insert(1, "--no-sandbox")  # Chromium refuses to run as root with its sandbox
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            raise ReportError(f"{html.name}: Chromium did not print it in {TIMEOUT} s") from None
        except subprocess.CalledProcessError as exc:
            raise ReportError(f"{html.name}: Chromium failed (exit {exc.returncode})") from None
    if not pdf.is_file() or pdf.stat().st_size == 0:
        raise ReportError(f"{html.name}: Chromium wrote no PDF")
    return pdf
