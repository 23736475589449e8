"""etude.pdf printed by WeasyPrint in a child process that is killed at the deadline (--timeout):
a document WeasyPrint cannot finish (a logo that expands without end, a table too long to lay
out) fails its PDF, not the run; the report's other files are published."""

import logging
import subprocess
import sys
from pathlib import Path

log = logging.getLogger(__name__)
_CHILD = (
    "import sys; from pathlib import Path; "
    "from santenum.report.document import print_document; print_document(Path(sys.argv[1]))"
)


def print_study(html: Path, timeout: float) -> str | None:
    """Write html's PDF beside it (document.print_document) within `timeout` seconds; returns
    what went wrong in one line (no PDF left then), else None. The child's warnings are logged."""
    pdf = html.with_suffix(".pdf")
    try:
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, str(html)],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pdf.unlink(missing_ok=True)
        return f"{pdf.name} : délai dépassé ({timeout:g} s), PDF non écrit"
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    if done.returncode != 0:
        pdf.unlink(missing_ok=True)
        return f"{pdf.name} : impression impossible ({lines[-1] if lines else done.returncode})"
    for line in lines:
        log.warning("%s", line)
    return None
