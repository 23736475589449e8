"""`santenum report --pdf`: each HTML page printed to PDF by headless Chromium (A4, print stylesheet)."""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from santenum.core.errors import InputError

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT = 120  # seconds per page


def find_browser() -> str:
    """The headless browser to print with, else InputError (one line: what to install)."""
    found = os.environ.get("SANTENUM_CHROMIUM") or next(
        (path for path in map(shutil.which, BROWSERS) if path), None
    )
    if not found:
        raise InputError(
            "--pdf",
            "Chromium not found: install it (Debian: apt install chromium; or set "
            "SANTENUM_CHROMIUM to its path), or leave out --pdf",
        )
    return found


def print_pdf(browser: str, html: Path) -> Path:
    """Write html's PDF beside it (same name, .pdf); nothing is fetched from the network."""
    pdf = html.with_suffix(".pdf")
    with tempfile.TemporaryDirectory(prefix="santenum-chromium-") as profile:
        command = [
            browser,
            "--headless=new",
            "--disable-gpu",
            "--no-pdf-header-footer",
            "--proxy-server=127.0.0.1:9",  # a report is self-contained: any request must fail
            f"--user-data-dir={profile}",
            f"--print-to-pdf={pdf}",
            html.resolve().as_uri(),
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.insert(1, "--no-sandbox")  # Chromium refuses to run as root with its sandbox
        subprocess.run(command, check=True, capture_output=True, timeout=TIMEOUT)
    if not pdf.is_file() or pdf.stat().st_size == 0:
        raise RuntimeError(f"{html.name}: Chromium wrote no PDF")
    return pdf
