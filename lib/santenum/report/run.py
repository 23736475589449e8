"""`santenum report`: every notebook through papermill, exported to HTML, with an index, the
study and a run log.

The options are checked first (options.py); the notebooks then run on `jobs` warm kernels
(scheduler.py), papermill and nbconvert loaded once in this process; while they run, this
process prepares what each région's study takes from the company table (study.py). As soon as a
région's notebooks have ended, it gets its study, handed to a printer process for etude.pdf
(study_pdf.py), then its run record (run.json), tables.xlsx and index.html, while the next
régions' notebooks run. The run is built in a staging directory that replaces the previous `out`
only once complete (every study printed, or past its deadline).
"""

import json
import logging
import platform
from contextlib import nullcontext
from functools import cache
from pathlib import Path

import pandas as pd
import papermill

from santenum import __version__
from santenum.analysis import stats
from santenum.analysis.evolution import edition_date
from santenum.analysis.tables import directory_table, write_tables_workbook
from santenum.core import config, reference
from santenum.core.errors import ReportError
from santenum.core.files import sha256, staged_directory
from santenum.core.table.store import read_quality
from santenum.report import document, index
from santenum.report.execute import ensure_kernel, notebook_title
from santenum.report.navigation import add_navigation
from santenum.report.options import ReportOptions, check_options
from santenum.report.pdf import find_browser, print_pdf
from santenum.report.results import Job, NotebookRecord, RegionRun, RunInput, RunParameters, Status
from santenum.report.scheduler import now, run_jobs
from santenum.report.study import prepare_study, write_study
from santenum.report.study_pdf import PRINTER_LOG, StudyPrinter
from santenum.report.texts import read_texts

__all__ = ["ReportOptions", "run_report"]  # what the command line and callers import from here

log = logging.getLogger(__name__)


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


def _previous(path: Path) -> dict:
    """The previous edition as run.json records it: its file, SHA-256 and date."""
    as_of = edition_date(path)
    return {"path": str(path), "sha256": sha256(path), "as_of": f"{as_of:%Y-%m-%d}"}


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
            previous=_previous(options.previous) if options.previous else None,
        ),
        region_rows=int((companies["region_code"] == region).sum()),
        versions=_versions(),
        started=started,
        ended=now(),
        status=Status.FAILED if any(nb.status is Status.FAILED for nb in notebooks) else Status.OK,
        notebooks=notebooks,
    )


def _write_json(path: Path, content) -> None:
    path.write_text(json.dumps(content, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _printer(options: ReportOptions, regions: list, logs: Path):
    """The study printer for this run (one worker per job slot, at most one per région), or
    nothing with --no-study-pdf."""
    if not options.study_pdf:
        return nullcontext()
    workers = min(options.jobs, len(regions))
    return StudyPrinter(workers, options.timeout, logs / PRINTER_LOG)


def run_report(options: ReportOptions) -> list:
    """Run every notebook for the région(s), write HTML, tables.xlsx, index.html and run.json,
    and each région's study (etude.html, etude.pdf).

    Returns the RegionRun of each région; raises InputError for bad parameters before any work,
    ReportError (once the rest is published) for a study that could not be printed.
    """
    options, companies, regions = check_options(options)
    texts = read_texts(options.texts, options.notebooks)
    quality = read_quality(options.data)
    kernel = ensure_kernel()
    logo = None if options.logo is None else document.logo_uri(options.logo)
    started = now()
    runs, studies, unprinted, prepared = {}, {}, {}, {}
    with (
        staged_directory(options.out, whole=True, owned=True) as staging,
        _printer(options, regions, staging / "logs") as printer,
    ):
        jobs = _jobs(options, regions, staging, companies)

        def prepare(region: str):
            return prepare_study(companies, region, options.as_of, texts, quality)

        def meanwhile() -> bool:
            """Prepare the next région's study while the notebooks run; False once all are."""
            waiting = [
                region for region in regions if region not in prepared and region not in runs
            ]
            if waiting:
                prepared[waiting[0]] = prepare(waiting[0])
            return len(waiting) > 1

        def finished(region: str, results: dict) -> None:
            """The région's notebooks have all ended: its study goes to the printer first, then
            its other files are written while it prints."""
            mine = [job for job in jobs if job.region == region]
            add_navigation(
                [(job.html, job.title) for job in mine if results[job.number].status is Status.OK]
            )
            out = staging / region if options.region == reference.ALL_REGIONS else staging
            run = _region_run(options, region, companies, jobs, results, quality, started)
            data = prepared.pop(region, None) or prepare(region)
            studies[region] = write_study(out, run, mine, data, texts, quality, logo, options)
            if printer is not None:
                printer.submit(studies[region])
            located = companies[companies["region_code"] == region]
            write_tables_workbook(out, directory_table(located) if options.directory else None)
            _write_json(out / "run.json", run.to_json())
            index.write(out / "index.html", index.region_index(run, out, options.study_pdf))
            runs[region] = run

        run_jobs(jobs, options, kernel, staging / "logs", finished, meanwhile)
        if printer is not None:
            problems = printer.wait()
            unprinted = {r: problems[studies[r]] for r in regions if problems[studies[r]]}
        runs = [runs[region] for region in regions]
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
        region, problem = next(iter(unprinted.items()))
        raise ReportError(f"région {region} : {problem} ({len(unprinted)} étude(s) sans PDF)")
    return runs
