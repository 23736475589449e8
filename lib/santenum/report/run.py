"""`santenum report`: every notebook through papermill, exported to HTML, with an index and a run log.

Parameters are checked before any notebook starts. Notebooks run on `jobs` warm kernels (see
kernels.py), papermill and nbconvert loaded once in this process; a failing notebook does not
stop the others. The run is built in a staging directory that replaces the previous `out` only
once complete.
"""

import io
import json
import logging
import math
import platform
import signal
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from queue import Empty, Queue

import nbformat
import pandas as pd
import papermill
from tqdm import tqdm
from tqdm.contrib.logging import logging_redirect_tqdm

from santenum import __version__
from santenum.analysis import stats
from santenum.analysis.indicators import indicators
from santenum.analysis.tables import write_tables_workbook
from santenum.core import config, reference
from santenum.core.dates import as_of_date
from santenum.core.errors import InputError, ReportError, SchemaError
from santenum.core.files import check_out, read_user_file, sha256, staged_directory
from santenum.core.table.ages import active_with_ages
from santenum.core.table.store import read_companies, read_quality
from santenum.report import document, index
from santenum.report.execute import ensure_kernel, execute_job, notebook_title
from santenum.report.kernels import WarmKernel
from santenum.report.navigation import add_navigation
from santenum.report.pdf import find_browser, print_pdf
from santenum.report.results import (
    Job,
    NotebookRecord,
    NotebookResult,
    RegionRun,
    RunInput,
    RunParameters,
    Status,
)
from santenum.report.study_pdf import print_study
from santenum.report.texts import read_texts

log = logging.getLogger(__name__)


@dataclass
class ReportOptions:
    data: Path | None = None  # companies.parquet (the command line gives the demo's by default)
    region: str = "76"
    peers: tuple | None = None  # None: stats.default_peers, per région
    as_of: str | None = None
    out: Path | None = None
    jobs: int = 1
    timeout: float = 600
    notebooks: list | None = None  # None: every notebook of settings.notebook_dir
    progress: bool = True
    sirene_counts: Path | None = None  # counts_by_region.csv from `santenum sirene`
    previous: Path | None = None  # companies.parquet of the previous edition (07_evolution)
    pdf: bool = False  # also print each HTML page to PDF (headless Chromium)
    force: bool = False  # write into an --out that holds files santenum did not write (kept)
    texts: Path | None = None  # the analyst's Markdown texts placed in etude.html (texts.py)
    organisation: str | None = None  # the agency named on the study's cover
    logo: Path | None = None  # its logo on the cover (PNG, JPEG or SVG)
    directory: bool = True  # the annuaire of companies in the study's annexes
    study_pdf: bool = True  # etude.pdf beside etude.html (WeasyPrint)
    settings: config.Settings = field(default_factory=config.settings)  # notebooks, reports folder


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def check_options(options: ReportOptions) -> tuple:
    """Refuse bad parameters before any notebook starts: (options with defaults filled, companies, regions)."""
    try:
        peers = None if options.peers is None else [reference.region_code(p) for p in options.peers]
        regions = (
            None
            if options.region == reference.ALL_REGIONS
            else [reference.region_code(options.region)]
        )
    except ValueError as exc:
        raise InputError("--region/--peers", str(exc)) from None
    try:
        as_of = as_of_date(options.as_of) if options.as_of else None
    except ValueError as exc:
        raise InputError("--as-of", str(exc)) from None
    if options.data is None:
        raise InputError("--data", "no company table given (companies.parquet from santenum clean)")
    data = Path(options.data)
    if not data.is_file():
        raise InputError(data, "no such file (run `santenum clean` first)")
    # Without --as-of: the date the table was cleaned at (as the notebooks do), else today.
    cleaned = read_quality(data)
    as_of = as_of or pd.Timestamp(cleaned.as_of if cleaned else pd.Timestamp.today())
    as_of = as_of.date().isoformat()
    companies = active_with_ages(_read_table(data), pd.Timestamp(as_of))
    present = set(companies["region_code"].dropna())
    if regions is None:
        regions = sorted(present)
        if not regions:
            raise InputError(
                "--region all",
                f"no company in {data.name} is located in a région (no commune, postal code or "
                "région could be read): nothing to report by région",
            )
    empty = [code for code in regions if code not in present]
    if empty:
        name = reference.region_names()[empty[0]]
        raise InputError("--region", f"région {empty[0]} ({name}) has no company in {data.name}")
    if options.jobs < 1 or not 0 < options.timeout < math.inf:
        raise InputError("-j/--timeout", "need at least one job and a finite positive timeout")
    notebooks = (
        options.settings.notebooks() if options.notebooks is None else list(options.notebooks)
    )
    if not notebooks:
        raise InputError(options.settings.notebook_dir, "no notebook (*.ipynb) in this folder")
    for notebook in notebooks:
        _check_notebook(Path(notebook))
    counts = _check_counts(options.sirene_counts)
    if options.pdf:
        find_browser()
    if options.study_pdf:
        document.check_printer()
    previous = None
    if options.previous:
        previous = Path(options.previous)
        if not previous.is_file():
            raise InputError(previous, "no such file (--previous)")
        _read_table(previous)
        previous = previous.resolve()
    # Absolute (check_out resolves it): notebooks run with the output directory as their
    # working directory.
    out = (
        Path(options.out)
        if options.out
        else options.settings.reports_dir / f"{options.region}-{as_of}"
    )
    inputs = [data, previous, counts, options.texts, options.logo, *notebooks]
    out = check_out(out, command="report", inputs=inputs, force=options.force)
    if options.logo is not None:
        document.logo_uri(options.logo)  # InputError now rather than after the notebooks
    filled = replace(
        options,
        data=data.resolve(),
        peers=None if peers is None else tuple(peers),
        as_of=as_of,
        out=out,
        notebooks=[Path(p) for p in notebooks],
        sirene_counts=counts,
        previous=previous,
    )
    return filled, companies, regions


def _run_slot(kernel: WarmKernel, queue: Queue, results: dict, options, stop, done) -> None:
    """One job slot: its warm kernel runs the queued notebooks one after the other until the queue
    is empty or `stop` is set. Whatever happens to one notebook, it gets a result and the slot
    goes on with the next."""
    try:
        while not stop.is_set():
            try:
                job = queue.get_nowait()
            except Empty:
                return
            started, started_at = time.monotonic(), _now()
            try:
                result = execute_job(kernel, job, options.timeout)
            except Exception as exc:  # noqa: BLE001 — recorded as this notebook's failure
                log.exception("%s %s", job.region, job.name)
                result = NotebookResult(Status.FAILED, error=f"{type(exc).__name__}: {exc}")
            result.started, result.ended = started_at, _now()
            result.seconds = round(time.monotonic() - started, 2)
            results[job.number] = result
            done(job, result)
    finally:
        kernel.shutdown()


@contextmanager
def _interrupt_stops(stop: threading.Event, kernels: list):
    """While the slots run, Ctrl-C sets `stop` and kills the running notebooks instead of raising
    in the middle of starting or joining a slot; KeyboardInterrupt is raised once every slot has
    ended, so that none writes after the command has returned. Outside the main thread (where
    Python delivers no signal) nothing is installed."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, frame):
        stop.set()
        for kernel in kernels:
            kernel.abandon()

    previous = signal.signal(signal.SIGINT, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if stop.is_set():
        raise KeyboardInterrupt


def _run_jobs(jobs: list, options, kernel_name: str, logs: Path) -> dict:
    """Run every job on `options.jobs` warm kernels; job number -> NotebookResult (skipped too)."""
    queue, results, lock = Queue(), {}, threading.Lock()
    for job in jobs:
        if job.skip:
            results[job.number] = NotebookResult(Status.SKIPPED, error=job.skip)
        else:
            queue.put(job)
    jobs = [job for job in jobs if not job.skip]
    with (
        logging_redirect_tqdm(),
        tqdm(
            total=len(jobs),
            desc="santenum report",
            unit="carnet",
            file=sys.stderr,
            disable=not options.progress,
        ) as bar,
    ):

        def done(job, result):
            with lock:
                log.info("%s %s : %s", job.region, job.name, result.status)
                bar.update(1)

        stop = threading.Event()
        kernels = [
            WarmKernel(kernel_name, logs / f"noyau-{slot + 1}.log")
            for slot in range(min(options.jobs, len(jobs)))
        ]
        slots = [
            threading.Thread(
                target=_run_slot,
                args=(kernel, queue, results, options, stop, done),
                name=f"santenum-slot-{slot + 1}",
            )
            for slot, kernel in enumerate(kernels)
        ]
        with _interrupt_stops(stop, kernels):
            for thread in slots:
                if not stop.is_set():
                    thread.start()
            for thread in slots:
                if thread.ident is not None:
                    thread.join()
    return results


def _read_table(path: Path) -> pd.DataFrame:
    """The company table at path, else InputError (one line naming the file)."""
    try:
        return read_companies(path)
    except SchemaError as exc:
        raise InputError(path, str(exc).removeprefix(f"{path}: ")) from None


NOTEBOOK_MAX_BYTES = 50_000_000


def _check_notebook(path: Path) -> None:
    """A notebook file, read without following links, that nbformat reads; else InputError."""
    data = read_user_file(path, limit=NOTEBOOK_MAX_BYTES, what="notebook")
    try:
        nbformat.reads(data.decode("utf-8"), as_version=4)
    except Exception as exc:  # noqa: BLE001 — however nbformat fails, the file is no notebook
        raise InputError(path, f"not a notebook ({type(exc).__name__})") from None


COUNTS_MAX_BYTES = 10_000_000  # counts_by_region.csv has a few hundred lines


def _check_counts(path) -> Path | None:
    """counts_by_region.csv as `santenum sirene` writes it (read without following links), else
    InputError naming the problem: known régions, counts that are whole numbers, none negative."""
    if path is None:
        return None
    path = Path(path)
    data = read_user_file(path, limit=COUNTS_MAX_BYTES, what="--sirene-counts")
    try:
        table = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(path, f"not a CSV file ({type(exc).__name__})") from None
    missing = sorted({"region_code", "companies"} - set(table.columns))
    if missing:
        raise InputError(
            path, f"missing column(s) {', '.join(missing)}: not a counts_by_region.csv"
        )
    unknown = sorted(set(table["region_code"]) - set(reference.region_names().index))
    bad = table.loc[~table["companies"].str.fullmatch(r"\d{1,12}"), "companies"]
    if unknown or bad.size:
        problem = f"unknown région {unknown[0]!r}" if unknown else f"count {bad.iloc[0]!r}"
        raise InputError(path, f"{problem}: expected INSEE région codes and counts ≥ 0")
    return path.resolve()


@cache
def _declared(notebook: Path) -> set:
    """The parameters a notebook declares (papermill passes no others: it warns about them)."""
    return set(papermill.inspect_notebook(str(notebook)))


def _own(notebook: Path, settings: config.Settings) -> bool:
    """Whether a notebook is one of santenum's own (the warm kernels' reset is proved on those:
    tests/integration/test_kernels.py); any other runs on a fresh kernel (Job.fresh_kernel)."""
    return Path(notebook).resolve().is_relative_to(settings.notebook_dir.resolve())


def _skip_reason(notebook: Path, options: ReportOptions) -> str | None:
    """Why a notebook cannot run with these options (an input it needs is missing), else None."""
    if "previous_path" in _declared(notebook) and options.previous is None:
        return "aucune édition précédente fournie (santenum report --previous)"
    return None


def _peers(options: ReportOptions, companies: pd.DataFrame, region: str) -> list:
    """The régions this région is compared with: --peers (but itself), else the default rule."""
    if options.peers is None:
        return stats.default_peers(companies, region)
    return [p for p in options.peers if p != region]


def _jobs(options: ReportOptions, regions: list, staging: Path, companies) -> list:
    jobs = []
    for region in regions:
        out = staging / region if options.region == reference.ALL_REGIONS else staging
        out.mkdir(parents=True, exist_ok=True)
        peers = _peers(options, companies, region)
        for notebook in options.notebooks:
            title = notebook_title(notebook)
            jobs.append(
                Job(
                    number=len(jobs),
                    name=notebook.stem,
                    region=region,
                    notebook=notebook,
                    out=out,
                    title=title,
                    page_title=f"{title} — {reference.region_names()[region]}",
                    parameters=_parameters(notebook, options, region, peers, out),
                    skip=_skip_reason(notebook, options),
                    fresh_kernel=not _own(notebook, options.settings),
                )
            )
    return jobs


def _parameters(
    notebook: Path, options: ReportOptions, region: str, peers: list, out: Path
) -> dict:
    wanted = {
        "data_path": str(options.data),
        "region_code": region,
        "peer_regions": peers,
        "as_of": options.as_of,
        "output_dir": str(out),
        "sirene_counts": str(options.sirene_counts) if options.sirene_counts else None,
        "previous_path": str(options.previous) if options.previous else None,
    }
    return {name: value for name, value in wanted.items() if name in _declared(notebook)}


def _versions() -> dict:
    from importlib.metadata import version

    return {
        "python": platform.python_version(),
        "pandas": pd.__version__,
        "papermill": version("papermill"),
        "nbconvert": version("nbconvert"),
        "santenum": __version__,
    }


def _region_run(options, region, companies, jobs, results, quality, started) -> RegionRun:
    names = reference.region_names()
    notebooks = [
        NotebookRecord.of(job, results[job.number]) for job in jobs if job.region == region
    ]
    peers = _peers(options, companies, region)
    return RegionRun(
        parameters=RunParameters(
            region_code=region,
            region_name=names[region],
            peer_regions=peers,
            peer_names=[names[p] for p in peers],
            as_of=options.as_of,
            jobs=options.jobs,
            timeout=options.timeout,
        ),
        input=RunInput(
            path=str(options.data),
            sha256=sha256(options.data),
            rows=len(companies),
            unlocated=int(companies["region_code"].isna().sum()),
            demo=bool(quality and quality.demo_data),
            quality=quality.total.to_json() if quality else None,
            previous={"path": str(options.previous), "sha256": sha256(options.previous)}
            if options.previous
            else None,
        ),
        region_rows=int((companies["region_code"] == region).sum()),
        versions=_versions(),
        started=started,
        ended=_now(),
        status=Status.FAILED if any(nb.status is Status.FAILED for nb in notebooks) else Status.OK,
        notebooks=notebooks,
    )


def _write_study(out, run, jobs, companies, texts, quality, logo, options) -> str | None:
    """etude.html (and etude.pdf unless turned off) for one région's run; logo: its data: URI.
    Returns why etude.pdf could not be printed within --timeout, else None."""
    params = run.parameters
    values = indicators(
        companies,
        params.region_code,
        params.region_name,
        reference.region_population(),
        params.as_of,
    )
    facts = index.overview(out, "faits_saillants")
    html = out / document.STUDY
    html.write_text(
        document.build(
            run,
            jobs,
            companies[companies["region_code"] == params.region_code],
            texts,
            values,
            [] if facts is None else list(facts["phrase"]),
            quality,
            options.organisation,
            logo,
            options.directory,
        ),
        encoding="utf-8",
    )
    if not options.study_pdf:
        return None
    log.info("impression de %s (WeasyPrint)", html.with_suffix(".pdf").name)
    return print_study(html, options.timeout)


def _write_json(path: Path, content) -> None:
    path.write_text(json.dumps(content, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def run_report(options: ReportOptions) -> list:
    """Run every notebook for the région(s), write HTML, tables.xlsx, index.html and run.json.

    Returns the RegionRun of each région; raises InputError for bad parameters before any work.
    """
    options, companies, regions = check_options(options)
    texts = read_texts(options.texts, options.notebooks)
    quality = read_quality(options.data)
    kernel = ensure_kernel()
    started = _now()
    with staged_directory(options.out, whole=True, owned=True) as staging:
        jobs = _jobs(options, regions, staging, companies)
        results = _run_jobs(jobs, options, kernel, staging / "logs")
        logo = None if options.logo is None else document.logo_uri(options.logo)
        runs, unprinted = [], []
        for region in regions:
            mine = [job for job in jobs if job.region == region]
            add_navigation(
                [(job.html, job.title) for job in mine if results[job.number].status is Status.OK]
            )
            out = staging / region if options.region == reference.ALL_REGIONS else staging
            run = _region_run(options, region, companies, jobs, results, quality, started)
            write_tables_workbook(out)
            _write_json(out / "run.json", run.to_json())
            index.write(out / "index.html", index.region_index(run, out, options.study_pdf))
            problem = _write_study(out, run, mine, companies, texts, quality, logo, options)
            unprinted += [f"région {region} : {problem}"] if problem else []
            runs.append(run)
        if options.pdf:
            browser = find_browser()
            for page in sorted(staging.rglob("*.html")):
                if page.name != document.STUDY:  # the study is printed by WeasyPrint
                    print_pdf(browser, page)
        if options.region == reference.ALL_REGIONS:
            _write_json(staging / "run.json", [run.to_json() for run in runs])
            index.write(
                staging / "index.html",
                index.national_index(
                    runs,
                    options.as_of,
                    runs[0].input.demo,
                    stats.national_view(companies, reference.region_population()),
                ),
            )
    log.info("rapports écrits dans %s", options.out)
    if unprinted:  # after publishing: the rest of the report is written (exit 1, partial)
        raise ReportError(f"{unprinted[0]} ({len(unprinted)} étude(s) sans PDF)")
    return runs
