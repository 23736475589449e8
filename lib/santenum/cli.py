"""Command line: `santenum clean RAW_DIR --out PROCESSED_DIR`, `santenum demo --out RAW_DIR`."""
import argparse
import logging
import sys

import pandas as pd

from santenum import __version__, config
from santenum.errors import SantenumError


def _date(text: str) -> pd.Timestamp:
    try:
        return pd.Timestamp(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (expected YYYY-MM-DD): {text!r}") from None


def _clean(args) -> int:
    from santenum.clean import clean_directory
    from santenum.output import write_outputs

    result = clean_directory(args.raw_dir, as_of=args.as_of, show_progress=not args.quiet)
    write_outputs(args.out, result.companies, result.rejected, result.quality)
    logging.getLogger("santenum").info("écrit dans %s", args.out)
    return 0


def _demo(args) -> int:
    from santenum.demo import write_demo

    write_demo(args.out, seed=args.seed, scale=args.scale)
    logging.getLogger("santenum").info("données de démonstration (fictives) écrites dans %s", args.out)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="santenum", description=__doc__)
    parser.add_argument("--version", action="version", version=f"santenum {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    clean = commands.add_parser("clean", help="clean raw company files into one validated company table")
    clean.add_argument("raw_dir", help="directory of raw files (CSV, XLSX, Parquet; source.yml beside them)")
    clean.add_argument("--out", required=True, help="directory for companies.parquet, rejected.csv, quality.json")
    clean.add_argument("--as-of", type=_date, default=None, help="date at which ages are computed (default: today)")
    clean.add_argument("--quiet", action="store_true", help="no progress bar, warnings only")
    clean.set_defaults(run=_clean)
    demo = commands.add_parser("demo", help="write the fictitious demo dataset calibrated on the Occitanie study")
    demo.add_argument("--out", default=str(config.DEMO_RAW_DIR), help="directory to write (default: %(default)s)")
    demo.add_argument("--seed", type=int, default=0, help="random seed (default: %(default)s)")
    demo.add_argument("--scale", type=float, default=1.0, help="multiply every région's size (default: %(default)s)")
    demo.add_argument("--quiet", action="store_true", help="warnings only")
    demo.set_defaults(run=_demo)
    return parser


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    level = logging.WARNING if getattr(args, "quiet", False) else logging.INFO
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    try:
        return args.run(args)
    except SantenumError as exc:
        print(f"santenum: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("santenum: interrupted", file=sys.stderr)
        return 130
