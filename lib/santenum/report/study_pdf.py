"""etude.pdf printed off the report's critical path: WeasyPrint in worker processes started with
the run, each région's study printed as soon as its etude.html is written (while the next
régions' notebooks run), each within the run's --timeout.

This module is the one place where the study PDF is printed. A worker is a child process
(`python -m santenum.report.study_pdf`, not a fork of the runner, which holds kernels and
threads) that loads WeasyPrint, prints ONE study and exits: a worker past its deadline is killed
(its PDF removed, the study reported without PDF, the rest of the report published), and the
garbage a print leaves is freed with the process instead of being collected (the collector's
passes over WeasyPrint's boxes cost a quarter of the print). A spare worker is started as soon as
one is handed a study, so that the next study does not wait for WeasyPrint to load. The worker
imports WeasyPrint and nothing else of santenum's.
"""

import gc
import json
import logging
import os
import subprocess
import sys
import threading
from pathlib import Path
from queue import Queue

from santenum.core.errors import InputError

log = logging.getLogger(__name__)
PRINTER_LOG = "impression.log"  # the workers' own messages, in the run's logs/ folder


def check_printer() -> None:
    """InputError (one line: what to install) if WeasyPrint cannot load its system libraries."""
    try:
        import weasyprint  # noqa: F401 — loads Pango
    except (ImportError, OSError) as exc:
        raise InputError(
            "etude.pdf",
            f"WeasyPrint cannot start ({type(exc).__name__}): install Pango (Debian: apt install "
            "libpango-1.0-0 libpangoft2-1.0-0; or scripts/install-browser.sh), or --no-study-pdf",
        ) from None


class _Problems(logging.Handler):
    """Collects WeasyPrint's errors (an image not drawn, a URL refused) to report them in one line."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def print_document(html: Path) -> list:
    """Write html's PDF beside it with WeasyPrint (CSS paged media, bookmarks from headings); the
    messages of what WeasyPrint could not draw. Only data: URLs are read (the document is
    self-contained; nothing leaves the machine). Runs in a worker (StudyPrinter)."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    weasyprint_log = logging.getLogger("weasyprint")
    problems = _Problems()
    weasyprint_log.addHandler(problems)
    previous = weasyprint_log.propagate, weasyprint_log.level
    # errors only: the thousands of warnings a chart's SVG styles raise would be dropped anyway
    weasyprint_log.propagate = False
    weasyprint_log.setLevel(logging.ERROR)
    try:
        fetcher = URLFetcher(allowed_protocols=("data",))
        HTML(filename=str(html), url_fetcher=fetcher).write_pdf(str(html.with_suffix(".pdf")))
    finally:
        weasyprint_log.removeHandler(problems)
        weasyprint_log.propagate, level = previous
        weasyprint_log.setLevel(level)
    return problems.messages


def _serve() -> None:
    """A worker: load WeasyPrint, then print the one study whose path comes on stdin; the answer
    is one JSON line on stdout ({"problems": [...]} or {"error": "..."}); anything else the
    process writes goes to stderr (the run's logs/impression.log)."""
    answer = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    gc.disable()  # this process prints one study and exits: its garbage goes with it
    try:
        import weasyprint  # noqa: F401 — loaded while the study is still being written
    except (ImportError, OSError) as exc:
        loaded = f"{type(exc).__name__}: {exc}"
    else:
        loaded = None
    request = sys.stdin.readline()
    if not request:  # not needed: the run is over
        return
    if loaded is not None:
        reply = {"error": loaded}
    else:
        try:
            reply = {"problems": print_document(Path(json.loads(request)["html"]))}
        except Exception as exc:  # noqa: BLE001 — told to the run, which reports it in one line
            reply = {"error": f"{type(exc).__name__}: {exc}"}
    answer.write(json.dumps(reply, ensure_ascii=False) + "\n")
    answer.flush()
    os._exit(0)  # no collection at exit either


class _Worker:
    """One worker process, loading WeasyPrint from the moment it is started."""

    def __init__(self, log_path: Path | None):
        if log_path is None:
            self.process = self._start(subprocess.DEVNULL)
        else:
            with open(log_path, "a", encoding="utf-8") as stderr:
                self.process = self._start(stderr)

    @staticmethod
    def _start(stderr) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-m", __name__],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            encoding="utf-8",
        )

    def print(self, html: Path, timeout: float) -> str | None:
        """Print html's PDF within `timeout` seconds; what went wrong in one line (no PDF left
        then), else None. WeasyPrint's own problems are logged as one warning."""
        pdf = html.with_suffix(".pdf")
        try:
            out, _ = self.process.communicate(json.dumps({"html": str(html)}) + "\n", timeout)
        except subprocess.TimeoutExpired:
            self.stop()
            pdf.unlink(missing_ok=True)
            return f"{pdf.name} : délai dépassé ({timeout:g} s), PDF non écrit"
        try:
            reply = json.loads(out.splitlines()[-1])
        except (IndexError, ValueError):
            reply = {"error": f"le processus d'impression s'est arrêté ({self.process.returncode})"}
        if "error" in reply:
            pdf.unlink(missing_ok=True)
            return f"{pdf.name} : impression impossible ({reply['error']})"
        if reply["problems"]:
            log.warning(
                "%s: %d élément(s) non dessiné(s) dans le PDF (%s)",
                pdf.name,
                len(reply["problems"]),
                reply["problems"][0],
            )
        return None

    def stop(self) -> None:
        """Kill the worker (past its deadline, or the run stopped) and wait for its end."""
        self.process.kill()
        self.process.communicate()


class StudyPrinter:
    """Prints the studies handed to it on `workers` worker processes, in the order given, each
    within `timeout` seconds of its start; as a context manager, the workers start on entry and
    are stopped on exit (on any error: killed, so that nothing writes after the run)."""

    def __init__(self, workers: int, timeout: float, log_path: Path | None = None):
        self.timeout = timeout
        self.log_path = log_path
        self.studies = Queue()
        self.submitted = []
        self.problems = {}  # html -> what went wrong in one line, or None
        self.failure = None  # why a worker could not be started, if it could not
        self.stopping = threading.Event()
        self.running = set()  # workers started and not yet stopped
        self.lock = threading.Lock()
        self.slots = [
            threading.Thread(target=self._slot, name=f"santenum-impression-{slot + 1}")
            for slot in range(workers)
        ]

    def __enter__(self):
        if self.log_path is not None:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
        for thread in self.slots:
            thread.start()
        return self

    def __exit__(self, kind, value, traceback):
        if kind is not None:
            self.stopping.set()
            with self.lock:
                for worker in self.running:
                    worker.process.kill()
        self._finish()

    def submit(self, html: Path) -> None:
        """Print html's PDF (beside it) as soon as a worker is free."""
        log.info("impression de %s (WeasyPrint)", html.with_suffix(".pdf").name)
        self.submitted.append(Path(html))
        self.studies.put(Path(html))

    def wait(self) -> dict:
        """Once every study submitted is printed: html -> what went wrong in one line, or None."""
        self._finish()
        for html in self.submitted:  # none left unsaid, should no worker have started
            self.problems.setdefault(
                html, f"{html.with_suffix('.pdf').name} : impression impossible ({self.failure})"
            )
        return self.problems

    def _finish(self) -> None:
        for thread in self.slots:
            if thread.is_alive():
                self.studies.put(None)
        for thread in self.slots:
            if thread.ident is not None:
                thread.join()

    def _new_worker(self) -> _Worker:
        worker = _Worker(self.log_path)
        with self.lock:
            self.running.add(worker)
        return worker

    def _done(self, worker: _Worker) -> None:
        with self.lock:
            self.running.discard(worker)

    def _slot(self) -> None:
        """One worker at a time: it prints the next study while a spare loads WeasyPrint."""
        worker = None
        try:
            worker = self._new_worker()
            while (html := self.studies.get()) is not None and not self.stopping.is_set():
                printing = worker
                worker = self._new_worker()  # the spare, loading WeasyPrint meanwhile
                try:
                    self.problems[html] = printing.print(html, self.timeout)
                finally:
                    printing.stop()  # ended already when it printed; never left behind
                    self._done(printing)
        except OSError as exc:  # no process could be started: the studies left are unprinted
            self.failure = f"{type(exc).__name__}: {exc}"
        finally:
            if worker is not None:
                worker.stop()  # the last spare, not needed
                self._done(worker)


def print_study(html: Path, timeout: float) -> str | None:
    """Print one study's PDF beside it within `timeout` seconds (a StudyPrinter of one worker);
    what went wrong in one line (no PDF left then), else None."""
    with StudyPrinter(1, timeout) as printer:
        printer.submit(html)
        return printer.wait()[Path(html)]


if __name__ == "__main__":
    _serve()
