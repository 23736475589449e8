"""What several test modules share: the tests' folders, public identifiers, small builders."""

import contextlib
import io
import json
import logging
import subprocess
import threading
from contextlib import contextmanager
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pandas as pd

from santenum.core.quality import QualityReport, TotalQuality
from santenum.demo import calibration

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
DATA = TESTS / "data"  # real public files and hand-built fixtures, each with its README
NOTEBOOK_FIXTURES = TESTS / "notebooks"  # tiny notebooks: ok, broken, slow, crash…
MALFORMED = TESTS / "malformed"
GOLDEN = TESTS / "integration" / "test_golden"

# Public, checksum-valid identifiers (python-stdnum's documentation and INSEE examples).
SIREN_A = "732829320"
SIRET_A = "73282932000074"
SIREN_B = "552100554"


def series(*values, dtype="string"):
    return pd.Series(list(values), dtype=dtype)


DEMO_TEXTS = ROOT / "data" / "texts" / "demo"
DEMO_LOGO = ROOT / "data" / "texts" / "demo-logo.svg"
DEMO_PUBLISHER = "Agence de démonstration"  # as the Makefile's report target
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
        "--publisher",
        DEMO_PUBLISHER,
        "--logo",
        str(DEMO_LOGO),
    ]


def write_quality(folder: Path, as_of: str = "2023-06-30", demo: bool = False) -> None:
    """quality.json as `santenum clean` writes it for a table cleaned at as_of (no source read)."""
    total = TotalQuality(0, 0, 0, 0, {}, 0, {}, 0, {}, {})
    report = QualityReport("0", as_of, demo, [], total)
    (folder / "quality.json").write_text(json.dumps(report.to_json()), encoding="utf-8")


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


class Links(HTMLParser):
    """href/src attributes, the classes of every element, and (src, alt) of each image."""

    def __init__(self):
        super().__init__()
        self.links, self.classes, self.images = [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.links += [attrs[k] for k in ("href", "src") if attrs.get(k)]
        if tag == "img":
            self.images.append((attrs.get("src"), attrs.get("alt")))
        self.classes += (attrs.get("class") or "").split()


def parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def fixture_notebooks(folder: Path, notebooks: dict) -> Path:
    """folder/notebooks holding copies of the fixture notebooks: {file name: fixture stem}."""
    target = folder / "notebooks"
    target.mkdir()
    for name, fixture in notebooks.items():
        (target / name).write_bytes((NOTEBOOK_FIXTURES / f"{fixture}.ipynb").read_bytes())
    return target


def report_with(notebooks: Path, out, *options) -> int:
    """`santenum report` on the demo data with these notebooks only (no study PDF, quiet)."""
    from santenum.cli import main

    argv = ["report", "--notebooks", str(notebooks), "--no-study-pdf", "--out", str(out)]
    return main([*argv, "--quiet", *options])


def svg_bomb(levels: int = 30, fan: int = 10) -> bytes:
    """About 2 KB of SVG whose nested <use> stand for fan**levels rectangles: drawing it does not
    end (a logo, an image in a study)."""
    parts = [
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'width="10" height="10"><defs><g id="a0"><rect width="1" height="1"/></g>'
    ]
    for i in range(1, levels):
        uses = "".join(f'<use xlink:href="#a{i - 1}"/>' for _ in range(fan))
        parts.append(f'<g id="a{i}">{uses}</g>')
    parts.append(f'</defs><use xlink:href="#a{levels - 1}"/></svg>')
    return "".join(parts).encode()


def santenum_in_process(*args: str) -> subprocess.CompletedProcess:
    """The command line's main() run in this process (a process per run costs 1.5 s of imports),
    with what it prints and logs captured as a terminal shows it."""
    from santenum.cli import main

    out, err = io.StringIO(), io.StringIO()
    handler = logging.StreamHandler(err)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(args))
    finally:
        root.removeHandler(handler)
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())
