"""Command line: santenum clean | demo | report | lab | sirene (see `santenum COMMAND --help`)."""

import argparse
import errno
import logging
import os
import sys
from pathlib import Path

from santenum import __version__
from santenum.core import config
from santenum.core.errors import InputError, NothingRead, SantenumError

# Nothing heavy is imported here: `santenum --help` answers without pandas (each command imports
# what it needs when it runs; tests/unit/test_cli_imports.py checks it).
ERROR_LIMIT = 500  # characters of an error line; data quoted in it is cut before that
# Exit codes: 0 all done; 1 partial (some notebooks or files reported, the rest written); 2 bad
# input or parameters, nothing written; 3 santenum failed unexpectedly (a bug: one line names the
# log file holding the traceback); 130 interrupted.
INTERNAL_ERROR = 3
# Errors of the disk or of permissions, told in one line (exit 2) rather than a traceback.
DISK_PROBLEMS = {
    errno.ENOSPC: "disque plein",
    errno.EDQUOT: "quota de disque dépassé",
    errno.EROFS: "disque en lecture seule",
    errno.EACCES: "permission refusée",
    errno.EPERM: "opération non permise",
}


def _printable(text, limit: int = 300) -> str:
    from santenum.core.text import printable

    return printable(text, limit)


class _Parser(argparse.ArgumentParser):
    """argparse, its refusals in one line (`santenum: error: …`, exit 2) without the usage."""

    def error(self, message):
        self.exit(2, f"santenum: error: {_printable(message)} (see {self.prog} --help)\n")


# Option values, checked as they are parsed (argparse `type=`): a bad one is one line, exit 2.
def _date(text: str):
    from santenum.core.dates import as_of_date

    try:
        return as_of_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _number(kind, text: str, low, high):
    try:
        value = kind(text)
    except (ValueError, OverflowError):
        value = None
    if value is None or value != value or not low <= value <= high:  # value != value: NaN
        raise argparse.ArgumentTypeError(f"expected a number from {low} to {high}, not {text!r}")
    return value


def _jobs(text: str) -> int:
    return _number(int, text, 1, 64)


def _timeout(text: str) -> float:
    """Seconds allowed per notebook (and for the study's PDF): a finite positive timeout."""
    try:
        return _number(float, text, 0.001, 7 * 24 * 3600.0)  # a week at most
    except argparse.ArgumentTypeError as exc:
        raise argparse.ArgumentTypeError(f"expected a finite positive timeout: {exc}") from None


def _scale(text: str) -> float:
    return _number(float, text, 0.2, 10.0)  # the demo invents names for a scale of about 2.5


def _seed(text: str) -> int:
    return _number(int, text, 0, 2**63 - 1)


_UNITS = {"KB": 10**3, "MB": 10**6, "GB": 10**9, "TB": 10**12, "KIB": 2**10, "MIB": 2**20,
          "GIB": 2**30, "TIB": 2**40}  # fmt: skip


def _memory_limit(text: str) -> str:
    """DuckDB's memory limit: a number and its unit (500MB, 3GB, 1.5GiB), at least 1 MB."""
    import re

    match = re.fullmatch(r"\s*(\d{1,9}(?:\.\d{1,3})?)\s*([KMGT]i?B)\s*", text, re.IGNORECASE)
    if match is None or float(match[1]) * _UNITS[match[2].upper()] < 10**6:
        raise argparse.ArgumentTypeError(
            f"expected a size of at least 1MB with its unit (500MB, 3GB, 1.5GiB), not {text!r}"
        )
    return f"{match[1]}{match[2]}"


def _path(text: str) -> str:
    """A path as given: not empty, no NUL byte, not longer than a system accepts."""
    if not text.strip() or "\x00" in text or len(text) > 4096:
        raise argparse.ArgumentTypeError(f"not a usable path: {text[:40]!r}")
    return text


def _folder(text: str) -> str:
    try:
        found = Path(_path(text)).is_dir()
    except OSError:  # a name too long for the system
        found = False
    if not found:
        raise argparse.ArgumentTypeError(f"no such folder: {text[:80]!r}")
    return text


def _name(text: str) -> str:
    """Text shown as it is (the agency's name): one printable line of at most 200 characters."""
    if not text.strip() or len(text) > 200 or not text.isprintable():
        raise argparse.ArgumentTypeError("expected one printable line of at most 200 characters")
    return text.strip()


def _clean(args) -> int:
    from santenum.clean import clean_directory, write_outputs
    from santenum.clean.ignored import ignored_columns
    from santenum.clean.outputs import OUTPUTS
    from santenum.core.files import check_out

    inputs = [args.raw_dir, args.unites_legales, args.etablissements]
    args.out = check_out(args.out, command="clean", inputs=inputs, force=args.force, writes=OUTPUTS)
    register = _register(args)
    try:
        result = clean_directory(
            args.raw_dir,
            as_of=args.as_of,
            show_progress=not args.quiet,
            register=register,
            strict=args.strict,
        )
    except NothingRead as exc:
        _report_unread(exc.unread)
        raise
    _report_ignored(ignored_columns(result.quality, result.files), args.strict, args.quiet)
    if not args.quiet:
        _report_set_aside(result.quality)
    write_outputs(args.out, result)
    logging.getLogger("santenum").info("écrit dans %s", args.out)
    _report_to_check(result.to_check)
    if result.identification is not None and not args.quiet:
        _report_identification(result.quality.identification)
    _report_unread(result.unread)
    _report_perimeter(result, args.quiet)
    for loss in result.losses:  # told even with --quiet: the run fails on it
        print(f"santenum: erreur : {_printable(loss.line())}", file=sys.stderr)
    if result.losses:
        print(
            "santenum: une source qui perd la plupart de ses lignes est souvent mal lue ; si ces "
            "pertes sont attendues, mettre `accept_losses: true` dans son source.yml",
            file=sys.stderr,
        )
        return 1
    return 1 if result.unread else 0


def _report_unread(unread: list) -> None:
    """One line per file that was not cleaned, and the source.yml lines that settle a question
    (told even with --quiet: the run is partial)."""
    for file in unread:
        print(
            f"santenum: erreur : {_printable(file.source)} : non lu ({_printable(file.problem)})",
            file=sys.stderr,
        )
        if file.settle:
            lines = "\n".join(_printable(line) for line in file.settle.splitlines())
            print(f"santenum: pour trancher, dans source.yml :\n{lines}", file=sys.stderr)


def _register(args):
    """The register given by --unites-legales and --etablissements, checked before any work."""
    if (args.unites_legales is None) != (args.etablissements is None):
        raise InputError(
            "--unites-legales" if args.unites_legales is None else "--etablissements",
            "identification needs both stock files (--unites-legales and --etablissements)",
        )
    if args.unites_legales is None:
        return None
    from santenum.sirene.identify import Register, check_register

    _check_stock(args.unites_legales, args.etablissements)
    register = Register(
        Path(args.unites_legales),
        Path(args.etablissements),
        args.memory_limit,
        index_dir=Path(args.index_dir) if args.index_dir else None,
        use_index=not args.no_index,
    )
    check_register(register)
    return register


def _check_stock(*paths) -> None:
    """INSEE's stock files are regular files (DuckDB would read a pipe or /dev/zero for ever)."""
    for path in paths:
        if not Path(path).is_file():
            raise InputError(path, "no such file (a regular file: INSEE's stock, CSV or Parquet)")


def _report_identification(counts) -> None:
    """One line: rows looked up in the register and how they ended (IdentificationCounts)."""
    print(
        f"santenum: identification SIRENE : {counts.looked_up} ligne(s) recherchée(s), "
        f"{counts.identified + counts.confirmed} identifiée(s), {counts.to_check} à "
        f"vérifier, {counts.not_found + counts.rejected} non trouvée(s) ou écartée(s) "
        "(identification.csv)",
        file=sys.stderr,
    )


def _report_perimeter(result, quiet: bool) -> None:
    """The perimeter's questions (told even with --quiet), then its counts (PerimeterQuality)."""
    for notice in result.notices:
        print(f"santenum: attention : {_printable(notice)}", file=sys.stderr)
    if quiet:
        return
    total = result.quality.perimeter.total
    print(
        f"santenum: périmètre : {total.in_perimeter} entreprise(s) dans le périmètre, "
        f"{total.to_qualify} à qualifier, {total.out_of_perimeter} hors périmètre "
        "(perimetre.csv)",
        file=sys.stderr,
    )


def _inspect(args) -> int:
    from santenum.clean.inspect import report

    text, unreadable = report(args.raw_dir)
    print(text)
    return 2 if unreadable else 0


def _report_to_check(to_check) -> None:
    """One line per kind of question a_verifier.csv asks, each counted apart: identifiers of rows
    kept by their name, identifiers of rows in quarantine, SIRENs without a name, namesakes, names
    in parts, places given but not read."""
    from santenum.clean.parse import ROUNDED_NOTE
    from santenum.clean.pipeline import (
        NAMELESS,
        NAMESAKE,
        PIPED_NAME,
        QUARANTINED_NOTE,
        UNREAD_PLACE,
        UNREGISTERED,
    )

    reason = to_check["reason"]
    rounded = reason.str.contains(ROUNDED_NOTE.strip(" ;"), regex=False)
    quarantined = reason.str.contains(QUARANTINED_NOTE.strip(" ;"), regex=False)
    identifiers = ~reason.isin([NAMELESS, UNREGISTERED, NAMESAKE, PIPED_NAME, UNREAD_PLACE])
    kept = identifiers & ~quarantined
    lines = {
        "identifiant(s) à corriger : lignes gardées par leur nom, "
        f"dont {int((kept & rounded).sum())} semblent arrondis par un tableur": kept,
        "SIRET arrondi(s) par un tableur sur des lignes en quarantaine": identifiers & quarantined,
        "SIREN sans raison sociale : nom à compléter": reason == NAMELESS,
        "SIREN sans raison sociale, même dans le répertoire donné": reason == UNREGISTERED,
        "ligne(s) du même nom, en un autre lieu ou sans lieu, gardées comme entreprises distinctes : "
        "une seule ou plusieurs ?": reason == NAMESAKE,
        "nom(s) en plusieurs parties séparées par « | » : une entreprise ou plusieurs ?": reason
        == PIPED_NAME,
        "lieu(x) donné(s) mais non lu(s), laissé(s) vide(s) : où ?": reason == UNREAD_PLACE,
    }
    for text, rows in lines.items():
        if rows.any():
            print(
                f"santenum: attention : {int(rows.sum())} {text} (a_verifier.csv)", file=sys.stderr
            )


def _report_set_aside(quality) -> None:
    """One line per column knowingly left unread (a funder's name, the file's issuer, `ignore`)."""
    for source in quality.sources:
        for header, why in source.set_aside_columns.items():
            print(
                f"santenum: {_printable(source.source)} : colonne « {_printable(header)} » "
                f"écartée ({why})",
                file=sys.stderr,
            )


IGNORED_SHOWN = 20  # unused columns listed on stderr; the others are counted (quality.json)


def _report_ignored(items: list, strict: bool, quiet: bool) -> None:
    """List unused columns on stderr with their closest field, a column the same in several files
    (a header group) once, at most IGNORED_SHOWN; --strict refuses look-alikes."""
    from santenum.clean.ignored import source_yml
    from santenum.core.french import number
    from santenum.core.table.columns import FIELD_LABELS

    files = {}
    for item in items:
        files.setdefault((item.header, item.field, item.score), []).append(item.source)
    for shown, ((header, field, score), sources) in enumerate(files.items()):
        if shown == IGNORED_SHOWN:
            print(
                f"santenum: attention : {number(len(files) - shown)} autre(s) colonne(s) ignorée(s) : "
                "voir ignored_columns dans quality.json",
                file=sys.stderr,
            )
            break
        where = _printable(sources[0])
        if len(sources) > 1:
            where += f" et {number(len(sources) - 1)} autre(s) fichier(s)"
        print(
            f"santenum: attention : {where} : colonne « {_printable(header)} » ignorée "
            f"(champ le plus proche : {field} — {FIELD_LABELS[field]}, {score} %)",
            file=sys.stderr,
        )
    suspects = [item for item in items if item.looks_like_a_field]
    if suspects and strict:
        first = suspects[0]
        raise InputError(
            first.source,
            f"column {first.header!r} looks like field {first.field!r} but is "
            "not mapped (--strict): map it in source.yml",
        )
    if suspects and not quiet:
        print(
            "santenum: pour utiliser ces colonnes, vérifier puis coller dans source.yml :\n"
            + source_yml(suspects),
            file=sys.stderr,
        )


def _demo(args) -> int:
    from santenum.core.files import out_folder
    from santenum.demo import write_demo

    out_folder(args.out)  # a folder of its own (the demo's marker says which folders it owns)
    write_demo(args.out, seed=args.seed, scale=args.scale)
    logging.getLogger("santenum").info(
        "données de démonstration (fictives) écrites dans %s", args.out
    )
    return 0


def _report(args) -> int:
    from santenum.report.run import ReportOptions, run_report

    if args.data is None:
        from santenum.demo import ensure_demo_data

        args.data = ensure_demo_data()
    options = ReportOptions(
        data=args.data,
        region=args.region,
        peers=None if args.peers is None else tuple(p for p in args.peers.split(",") if p),
        as_of=args.as_of,
        out=args.out,
        jobs=args.jobs,
        timeout=args.timeout,
        progress=not args.quiet,
        sirene_counts=args.sirene_counts,
        previous=args.previous,
        pdf=args.pdf,
        force=args.force,
        texts=args.texts,
        publisher=args.publisher,
        logo=args.logo,
        directory=not args.no_annuaire,
        study_pdf=not args.no_study_pdf,
        notebooks=None if args.notebooks is None else _notebooks(args.notebooks),
        settings=args.settings,
    )
    runs = run_report(options)
    failed = [(run.parameters.region_code, nb) for run in runs for nb in run.failed]
    for region, nb in failed:
        cell = f", cellule {nb.cell} du carnet exécuté" if nb.cell else ""
        print(
            f"santenum: error: région {region}, carnet {nb.name}{cell} : {nb.error}",
            file=sys.stderr,
        )
    return 1 if failed else 0


def _notebooks(folder) -> list:
    """The notebooks of --notebooks FOLDER, in order; a missing or empty folder is one line, exit 2."""
    folder = Path(folder)
    notebooks = sorted(folder.glob("*.ipynb"))
    if not notebooks:
        raise InputError(folder, "no notebook (*.ipynb) in this folder")
    return notebooks


def _sirene(args) -> int:
    from santenum.core import reference
    from santenum.core.files import check_out
    from santenum.sirene import extract_candidates
    from santenum.sirene.extract import COUNTS_FILE, extract_name

    _check_stock(args.etablissements, args.unites_legales)
    writes = [COUNTS_FILE, "source.yml", *map(extract_name, reference.region_names().index)]
    inputs = [args.etablissements, args.unites_legales]
    args.out = check_out(args.out, command="sirene", inputs=inputs, force=args.force, writes=writes)
    written = extract_candidates(
        args.etablissements,
        args.unites_legales,
        args.region,
        args.out,
        memory_limit=args.memory_limit,
        progress=not args.quiet,
    )
    log = logging.getLogger("santenum")
    for region, count in written.items():
        log.info("région %s : %d entreprise(s) candidate(s)", region, count)
    log.info("écrit dans %s", args.out)
    return 0


def _lab(args) -> int:
    import subprocess

    from santenum.demo import ensure_demo_data, ensure_previous_demo_data
    from santenum.report.execute import ensure_kernel

    if args.settings.demo_raw_dir.is_dir():
        ensure_demo_data()  # what the notebooks read when data_path is None
    if args.settings.demo_previous_raw_dir.is_dir():
        ensure_previous_demo_data()  # what 07_evolution reads when previous_path is None
    ensure_kernel()
    command = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={args.notebooks}"]
    if (
        os.geteuid() == 0
    ):  # containers and CI machines run as root, which JupyterLab refuses by default
        command.append("--allow-root")
    command += [arg for arg in args.lab_args if arg != "--"]
    logging.getLogger("santenum").info("JupyterLab sur %s", args.notebooks)
    return subprocess.call(command)


def _force_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--force",
        action="store_true",
        help="write into an --out that holds files santenum did not write: they are kept, never "
        "deleted nor replaced (one of the name of a file santenum writes is refused even so)",
    )


def build_parser(settings: config.Settings) -> argparse.ArgumentParser:
    """The command line; its defaults (demo folder, notebooks) come from `settings`."""
    parser = _Parser(prog="santenum", description=__doc__)
    parser.add_argument("--version", action="version", version=f"santenum {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    clean = commands.add_parser(
        "clean", help="clean raw company files into one validated company table"
    )
    clean.add_argument(
        "raw_dir",
        type=_path,
        help="directory of raw files (CSV, XLSX, Parquet; source.yml beside them)",
    )
    clean.add_argument(
        "--out",
        required=True,
        type=_path,
        help="directory for companies.parquet, rejected.csv, quality.json",
    )
    clean.add_argument(
        "--as-of", type=_date, default=None, help="date at which ages are computed (default: today)"
    )
    clean.add_argument("--quiet", action="store_true", help="no progress bar, warnings only")
    clean.add_argument(
        "--strict",
        action="store_true",
        help="all or nothing: refuse (exit 2, nothing written) a file that cannot be read or that "
        "asks which column is which, and an unused column that looks like a known field",
    )
    clean.add_argument(
        "--unites-legales",
        type=_path,
        help="INSEE's StockUniteLegale (.csv or .parquet): identify companies without a SIREN",
    )
    clean.add_argument(
        "--etablissements",
        type=_path,
        help="INSEE's StockEtablissement (.csv or .parquet), with --unites-legales",
    )
    clean.add_argument(
        "--memory-limit",
        type=_memory_limit,
        default="3GB",
        help="DuckDB memory limit for identification (default: %(default)s)",
    )
    clean.add_argument(
        "--index-dir",
        type=_path,
        help="folder of the identification index, built once per pair of stock files "
        "(default: $XDG_CACHE_HOME/santenum/sirene-index, else ~/.cache/santenum/sirene-index)",
    )
    clean.add_argument(
        "--no-index",
        action="store_true",
        help="identify without the index (fold the names of the départements searched)",
    )
    _force_option(clean)
    clean.set_defaults(run=_clean)
    inspect = commands.add_parser(
        "inspect",
        help="show how clean would read each raw file (columns, evidence, samples) and a "
        "source.yml to edit; writes nothing",
    )
    inspect.add_argument("raw_dir", type=_path, help="directory of raw files, as for clean")
    inspect.set_defaults(run=_inspect)
    demo = commands.add_parser(
        "demo", help="write the fictitious demo dataset calibrated on the Occitanie study"
    )
    demo.add_argument(
        "--out",
        type=_path,
        default=str(settings.demo_raw_dir),
        help="directory to write (default: %(default)s)",
    )
    demo.add_argument("--seed", type=_seed, default=0, help="random seed (default: %(default)s)")
    demo.add_argument(
        "--scale",
        type=_scale,
        default=1.0,
        help="multiply every région's size (default: %(default)s)",
    )
    demo.add_argument("--quiet", action="store_true", help="warnings only")
    demo.set_defaults(run=_demo)
    report = commands.add_parser(
        "report", help="run every notebook and publish self-contained HTML reports"
    )
    report.add_argument(
        "--data",
        type=_path,
        default=None,
        help="companies.parquet (default: the demo data, cleaned if missing)",
    )
    report.add_argument(
        "--region",
        default="76",
        help="INSEE région code, or 'all' (default: %(default)s)",
    )
    report.add_argument(
        "--peers",
        default=None,
        help="peer région codes, comma-separated (default: three régions of the data, neighbours "
        "first — régions whose communes share a border —, then the others; within each, those "
        "closest in number of companies first, ties by INSEE code)",
    )
    report.add_argument(
        "--as-of",
        default=None,
        help="date of the figures, YYYY-MM-DD (default: today; checked before any notebook)",
    )
    report.add_argument(
        "--out",
        type=_path,
        default=None,
        help="output directory (default: reports/<region>-<as-of>)",
    )
    report.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=1,
        help="notebooks run in parallel (default: %(default)s)",
    )
    report.add_argument(
        "--timeout",
        type=_timeout,
        default=600,
        help="seconds allowed per notebook (default: %(default)s)",
    )
    report.add_argument(
        "--sirene-counts",
        type=_path,
        default=None,
        help="counts_by_region.csv from `santenum sirene --region all`: SIRENE candidates per région "
        "in the benchmark",
    )
    report.add_argument(
        "--previous",
        type=_path,
        default=None,
        help="companies.parquet of the previous edition (santenum clean at an earlier date): "
        "adds the evolution report 07_evolution",
    )
    report.add_argument(
        "--pdf",
        action="store_true",
        help="also print each HTML page to PDF (A4) with headless Chromium, which must be installed",
    )
    _force_option(report)
    report.add_argument(
        "--texts",
        type=_path,
        default=None,
        help="folder of the analyst's Markdown texts placed in etude.html: synthese.md, afom.md, "
        "scenarios.md, feuille_de_route.md, <notebook>.md; {{ name }} quotes a headline figure",
    )
    report.add_argument(
        "--publisher",
        "--organisation",
        dest="publisher",
        type=_name,
        default=None,
        help="the agency that publishes the study, named on its cover with its --logo",
    )
    report.add_argument(
        "--logo",
        type=_path,
        default=None,
        help="the agency's logo on the study's cover (PNG, JPEG or SVG)",
    )
    report.add_argument(
        "--no-annuaire",
        action="store_true",
        help="leave the directory of companies out of the study's annexes",
    )
    report.add_argument(
        "--no-study-pdf",
        action="store_true",
        help="write etude.html only, not etude.pdf",
    )
    report.add_argument(
        "--notebooks",
        type=_path,
        default=None,
        help=f"folder of the notebooks to run (default: {settings.notebook_dir})",
    )
    report.add_argument("--quiet", action="store_true", help="no progress bar, warnings only")
    report.set_defaults(run=_report)
    lab = commands.add_parser(
        "lab",
        help="open the notebooks in JupyterLab (demo data cleaned if needed, santenum kernel)",
    )
    lab.add_argument(
        "--notebooks",
        type=_folder,
        default=str(settings.notebook_dir),
        help="folder (default: %(default)s)",
    )
    lab.add_argument(
        "lab_args", nargs=argparse.REMAINDER, help="arguments for JupyterLab, after --"
    )
    lab.set_defaults(run=_lab)
    sirene = commands.add_parser(
        "sirene", help="candidate companies of a région from INSEE's SIRENE stock files"
    )
    sirene.add_argument(
        "--etablissements",
        required=True,
        type=_path,
        help="StockEtablissement (.csv or .parquet)",
    )
    sirene.add_argument(
        "--unites-legales",
        required=True,
        type=_path,
        help="StockUniteLegale (.csv or .parquet)",
    )
    sirene.add_argument("--region", required=True, help="INSEE région code, or 'all'")
    sirene.add_argument(
        "--out",
        required=True,
        type=_path,
        help="directory for extrait-sirene-<région>.csv and counts_by_region.csv",
    )
    sirene.add_argument(
        "--memory-limit",
        type=_memory_limit,
        default="2GB",
        help="DuckDB memory limit (default: %(default)s)",
    )
    sirene.add_argument("--quiet", action="store_true", help="no progress bar, warnings only")
    _force_option(sirene)
    sirene.set_defaults(run=_sirene)
    return parser


def main(argv=None) -> int:
    """Run the command line; every failure ends as one line on stderr and an exit code (0, 1, 2,
    INTERNAL_ERROR with the log file holding the traceback, 130; 141 without a word when the
    reader of the output went away, as in `santenum inspect RAW | head`)."""
    try:
        return _main(argv)
    except BrokenPipeError:  # Python's advice: no more output, and none at exit either
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except KeyboardInterrupt:
        print("santenum: interrupted", file=sys.stderr)
        return 130
    except Exception:  # noqa: BLE001 — the last guard: a bug, told in one line and logged
        log = _crash_log()
        print(
            f"santenum: error: santenum failed unexpectedly ({_printable(sys.exc_info()[1], 200)}); "
            f"the details are in {log}: please send them with the command you ran",
            file=sys.stderr,
        )
        return INTERNAL_ERROR


def _main(argv) -> int:
    try:
        settings = config.settings()
        args = build_parser(settings).parse_args(argv)
        args.settings = settings
        level = logging.WARNING if getattr(args, "quiet", False) else logging.INFO
        logging.basicConfig(
            level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr
        )
        return args.run(args)
    except SantenumError as exc:
        print(f"santenum: error: {_printable(exc, ERROR_LIMIT)}", file=sys.stderr)
        settle = getattr(exc, "settle", "")  # a question: the source.yml lines that settle it
        if settle:
            lines = "\n".join(_printable(line) for line in settle.splitlines())
            print(f"santenum: pour trancher, dans source.yml :\n{lines}", file=sys.stderr)
        return exc.exit_code
    except OSError as exc:  # a disk's or a path's problem (a name too long…): one line, exit 2
        if exc.errno not in DISK_PROBLEMS and not exc.filename:
            raise
        where = f"{exc.filename}: " if exc.filename else ""
        problem = DISK_PROBLEMS.get(exc.errno) or exc.strerror or type(exc).__name__
        print(f"santenum: error: {_printable(where, ERROR_LIMIT)}{problem}", file=sys.stderr)
        return 2


def _crash_log() -> Path:
    """Write the traceback being handled to a new file in the user's cache (or the temporary
    folder), private to the user, social-security numbers masked; return its path."""
    import tempfile
    import time
    import traceback

    from santenum.core.privacy import mask_nir_text

    text = mask_nir_text(traceback.format_exc())
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    name = f"erreur-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.log"
    for folder in (cache / "santenum", Path(tempfile.gettempdir())):
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            handle = os.open(folder / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(handle, "w", encoding="utf-8") as log:
                log.write(f"santenum {__version__}: {' '.join(map(repr, sys.argv))}\n{text}")
            return folder / name
        except OSError:
            continue
    return Path("(aucun fichier : le cache et le dossier temporaire sont en lecture seule)")
