"""`santenum report`'s options and their checks: bad parameters are refused (InputError: one
line, exit 2) before any notebook starts, and the options come back with their defaults filled."""

import io
import math
from dataclasses import dataclass, field, replace
from pathlib import Path

import nbformat
import pandas as pd

from santenum.core import config, reference
from santenum.core.dates import as_of_date
from santenum.core.errors import InputError, SchemaError
from santenum.core.files import check_out, read_user_file
from santenum.core.table.ages import active_with_ages
from santenum.core.table.store import read_companies, read_quality
from santenum.report import document
from santenum.report.pdf import find_browser


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
    publisher: str | None = None  # the agency that publishes the study, named on its cover
    logo: Path | None = None  # its logo on the cover (PNG, JPEG or SVG)
    directory: bool = True  # the annuaire of companies in the study's annexes
    study_pdf: bool = True  # etude.pdf beside etude.html (WeasyPrint)
    settings: config.Settings = field(default_factory=config.settings)  # notebooks, reports folder


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
    table = _read_table(data)
    companies = active_with_ages(table, pd.Timestamp(as_of))
    if companies.empty and not table.empty:
        raise InputError(
            data,
            "no company in the perimeter: every one waits to be qualified or is out (see "
            "perimetre.csv beside it; give the evidence in source.yml `perimeter:` or "
            "perimetre_decisions.csv)",
        )
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
