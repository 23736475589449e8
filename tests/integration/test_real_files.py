"""Real public files (tests/data/real/, each folder with its PROVENANCE.md and truth.json) cleaned as a new user
would: each folder alone, with NO source.yml, by the command line's main(); the outputs are compared with the truth
worked out by hand from the raw file (tests/data/real/make_truth.py: csv, pandas, openpyxl, python-calamine,
python-stdnum; no santenum code).

A folder whose truth says « read » must exit 0 and give the companies, identifiers, places and counts the truth gives;
one whose truth says « asks » must stop (non-zero exit) with a message naming the competing columns. In every case
no natural person's name appears in any output, the terminal and `santenum inspect` included.

The folders santenum does not read right yet are marked xfail (strict), each with the shortfall seen: when the
reading is fixed the mark must go. `python -m tests.integration.test_real_files` prints each folder's verdict and
the shares for docs/benchmarks.md.
"""

import functools
import json
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pytest

from tests.data.real.make_truth import key, norm
from tests.helpers import DATA, santenum_in_process

pytestmark = pytest.mark.slow

REAL = DATA / "real"


def folders_of(root: Path) -> list:
    """The folders of a corpus (tests/data/real, tests/data/holdout) that hold a truth."""
    return sorted(p.name for p in root.iterdir() if (p / "truth.json").is_file())


FOLDERS = folders_of(REAL)

# What santenum gets wrong today, per folder (the lead's work list; docs/benchmarks.md groups them by principle).
SHORTFALLS = {}


@dataclass
class Run:
    """One folder cleaned alone: exit status, terminal output and every output file's cells."""

    rc: int
    terminal: str
    companies: pd.DataFrame | None = None
    quality: dict = field(default_factory=dict)
    cells: dict = field(default_factory=dict)  # output file -> every string it holds
    rejected: int = 0  # rows of rejected.csv
    inspected: str = ""  # what `santenum inspect` printed on stdout


def _strings(value) -> list:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)] + [str(k) for k in value]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in _strings(v)]
    if hasattr(value, "tolist") and not isinstance(value, str):
        return _strings(value.tolist())
    return [value] if isinstance(value, str) else []


def _csv_cells(path: Path) -> list:
    if not path.exists():
        return []
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    cells = list(table.columns)
    for column in table.columns:
        for value in table[column]:
            cells.append(value)
            if value.startswith("{"):
                cells.extend(_strings(json.loads(value)))
    return cells


@functools.cache
def cleaned(folder: str, root: Path = REAL) -> Run:
    """The folder's files copied into a fresh raw folder and cleaned by the command line, with no source.yml
    (then `santenum inspect` on the same folder: what it prints is an output too)."""
    with tempfile.TemporaryDirectory() as tmp:
        raw, out = Path(tmp) / "raw", Path(tmp) / "out"
        raw.mkdir()
        for path in (root / folder).iterdir():
            if path.suffix not in (".md", ".json"):
                shutil.copy(path, raw / path.name)
        done = santenum_in_process("clean", str(raw), "--out", str(out), "--quiet")
        run = Run(done.returncode, (done.stdout + done.stderr).replace(str(raw) + "/", ""))
        if (out / "companies.parquet").exists():
            run.companies = pd.read_parquet(out / "companies.parquet")
            run.quality = json.loads((out / "quality.json").read_text())
            run.cells = {
                "companies.parquet": [
                    v
                    for c in run.companies.columns
                    for v in _strings(run.companies[c].dropna().tolist())
                ],
                "quality.json": _strings(run.quality),
            }
            for name in ("rejected.csv", "a_verifier.csv", "identification.csv"):
                run.cells[name] = _csv_cells(out / name)
            run.rejected = len(pd.read_csv(out / "rejected.csv"))
            # santenum's own words for why a row was quarantined are no data (a person surnamed
            # « Raison » is not shown by « ni raison sociale ni SIREN/SIRET »)
            reasons = set(run.quality.get("total", {}).get("rejected_by_reason", {}))
            run.cells = {
                where: [c for c in cells if c not in reasons] for where, cells in run.cells.items()
            }
        run.cells["terminal"] = run.terminal.splitlines()
        shown = santenum_in_process("inspect", str(raw))
        run.cells["santenum inspect"] = (shown.stdout + shown.stderr).splitlines()
        run.inspected = shown.stdout
        return run


def _sources(quality: dict) -> list:
    sources = quality.get("sources", [])
    return list(sources.values()) if isinstance(sources, dict) else sources


def leaks(truth: dict, run: Run) -> list:
    """Every output (the terminal included) that shows a value of the truth's person columns, whole or within a
    longer text (« colonne « SURNAME » ignorée »)."""
    persons = {norm(p) for p in truth.get("persons", [])}
    single = {p for p in persons if " " not in p}
    by_first = {}
    for person in persons - single:
        by_first.setdefault(person.split()[0], []).append(person)
    found = {}
    for where, cells in run.cells.items():
        for cell in cells:
            text = norm(cell)
            words = set(text.split())
            longer = (p for w in words & by_first.keys() for p in by_first[w])
            if words & single or any(f" {p} " in f" {text} " for p in longer):
                found[where] = found.get(where, 0) + 1
    return [
        f"persons' names shown in {where} ({n} cells or lines)"
        for where, n in sorted(found.items())
    ]


def _company_checks(truth: dict, run: Run) -> list:
    df, out = run.companies, []
    keys = df["name"].dropna().map(key)
    have = set(keys)
    if "companies" in truth:
        low, high = truth["companies"]["min"], truth["companies"]["max"]
        if not low <= len(df) <= high:
            out.append(f"{len(df)} companies, want {low} to {high}")
    for field_ in ("company_keys", "company_keys_sample"):
        want = truth.get(field_, [])
        # an entry is a key, or the keys of one company's several spellings (any of them will do)
        missing = [k for k in want if not have & set(k if isinstance(k, list) else [k])]
        if len(missing) > 0.02 * len(want):
            out.append(
                f"{len(missing)} of {len(want)} expected companies missing by name, e.g. {missing[:2]}"
            )
    wrong = sorted({key(n) for n in truth.get("not_companies", [])} & have)
    if wrong:
        out.append(f"taken for companies: {wrong[:3]}")
    sirens = set(df["siren"].dropna())
    if "sirens" in truth and sirens != set(truth["sirens"]):
        want = set(truth["sirens"])
        out.append(f"SIRENs {len(sirens & want)} of {len(want)}, {len(sirens - want)} extra")
    if "sirens_subset_of" in truth:
        extra = sirens - set(truth["sirens_subset_of"])
        if extra:
            out.append(f"{len(extra)} SIRENs the file does not give, e.g. {sorted(extra)[:2]}")
        if len(sirens) < truth.get("sirens_min", 0):
            out.append(f"{len(sirens)} SIRENs, want at least {truth['sirens_min']}")
    forbidden = sirens & set(truth.get("forbidden_sirens", []))
    if forbidden:
        out.append(
            f"{len(forbidden)} SIRENs of a funder or of a rounded SIRET, e.g. {sorted(forbidden)[:2]}"
        )
    return out


def _values(by, column: pd.Series) -> dict:
    """{by: value} for the companies whose value is given."""
    return {b: v for b, v in zip(by, column, strict=True) if pd.notna(b) and pd.notna(v)}


def _share_checks(expected: dict, placed: dict, names: set, share: float, where: str) -> list:
    """The shortfall when fewer than `share` of the expected companies found by name are placed as expected."""
    present = [k for k in expected if k in names]
    right = sum(1 for k in present if placed.get(k) in expected[k])
    if present and right < share * len(present):
        return [
            f"{right} of {len(present)} companies placed in their {where} ({100 * right / len(present):.0f} %,"
            f" want >= {100 * share:.0f} %)"
        ]
    return []


def _place_checks(truth: dict, run: Run) -> list:
    df, out = run.companies, []
    names = set(df["name"].dropna().map(key))
    placed = _values(df["name"].map(key), df["departement_code"])
    foreign = [k for k in truth.get("foreign_keys", []) if k in placed]
    if foreign:
        out.append(
            f"{len(foreign)} foreign companies placed in a French département, e.g. {foreign[:2]}"
        )
    out += _share_checks(
        truth.get("dept_by_key", {}),
        placed,
        names,
        truth.get("located_min_share", 1.0),
        "département",
    )
    guessed = [k for k in truth.get("not_located_keys", {}) if k in placed]
    if guessed:
        out.append(
            f"{len(guessed)} companies placed from a commune name several départements share, e.g. {guessed[:2]}"
        )
    regions = _values(df["name"].map(key), df["region_code"]) if "region_code" in df else {}
    anywhere = [k for k in truth.get("unplaced_keys", []) if k in placed or k in regions]
    if anywhere:
        out.append(
            f"{len(anywhere)} companies placed from a column that is no place of theirs, e.g. {anywhere[:2]}"
        )
    out += _share_checks(
        truth.get("region_by_key", {}), regions, names, truth.get("region_min_share", 1.0), "région"
    )
    return out


def _field_checks(truth: dict, run: Run) -> list:
    df, out = run.companies, []
    counts = truth.get("headcount_if_given", {})
    headcounts = _values(df["siren"], df["headcount"])
    wrong = [s for s, h in headcounts.items() if s in counts and int(h) != counts[s]]
    if wrong:
        out.append(f"{len(wrong)} headcounts that are not the latest one, e.g. SIREN {wrong[0]}")
    years = truth.get("creation_year_if_given", {})
    dates = _values(df["name"].map(key), df["creation_date"])
    wrong = [k for k, d in dates.items() if k in years and str(d.year) != years[k]]
    if wrong:
        out.append(f"{len(wrong)} creation years not the one written, e.g. {wrong[0]!r}")
    return out


# A document's own lines (a title above the header, a blank line, a page number…), by the words
# rejected.csv gives them: quarantined as no data, they are no data row lost.
FURNITURE = (
    "au-dessus de l'en-tête",
    "ligne vide",
    "en-tête répété",
    "numéro de page",
    "note sous",
)


def _count_checks(truth: dict, run: Run) -> list:
    sources, out = _sources(run.quality), []
    total = run.quality.get("total", {})
    kept = sum(s.get("kept", 0) + s.get("merged", 0) for s in sources)
    rejected = sum(
        n
        for s in sources
        for reason, n in (s.get("rejected_by_reason") or {}).items()
        if not reason.startswith(FURNITURE)
    )
    if kept < truth.get("kept_or_merged_min", 0):
        reasons = {}
        for s in sources:
            for reason, n in (s.get("rejected_by_reason") or {}).items():
                reasons[reason] = reasons.get(reason, 0) + n
        out.append(
            f"{kept} rows kept or merged, want >= {truth['kept_or_merged_min']} (quarantined: {reasons})"
        )
    if "quarantined_max" in truth and rejected > truth["quarantined_max"]:
        out.append(f"{rejected} rows quarantined, want <= {truth['quarantined_max']}")
    if total and total.get("rows_read") != total.get("kept", 0) + total.get(
        "merged", 0
    ) + total.get("rejected", 0):
        out.append("rows read != kept + merged + rejected")
    return out


def crashes(run: Run) -> list:
    """Every output (the terminal, `santenum inspect`) that shows a traceback instead of one clear line."""
    return [
        f"traceback in {where}"
        for where in ("terminal", "santenum inspect")
        if any(line.startswith("Traceback") for line in run.cells.get(where, []))
    ]


def masked(text: str, truth: dict) -> str:
    """The text with every person value of the truth replaced by •••: a test's message shows no one's name."""
    for person in sorted(truth.get("persons", []), key=len, reverse=True):
        text = re.sub(re.escape(person), "•••", text, flags=re.IGNORECASE)
    return text


def _names(column: str, terminal: str) -> bool:
    """Whether the terminal names the column (« colonne 1 » or « column 1 » for a file with no header)."""
    return column in terminal or column.replace("colonne", "column") in terminal


def shortfalls(folder: str, root: Path = REAL) -> list:
    """Everything the clean of this folder gets wrong against its truth (empty: right the first time)."""
    truth = json.loads((root / folder / "truth.json").read_text())
    run = cleaned(folder, root)
    out = leaks(truth, run) + crashes(run)
    first_line = next((line for line in run.terminal.splitlines() if line.strip()), "")
    first_line = masked(first_line, truth)[:160]
    if truth["outcome"] == "asks":
        if run.rc == 0:
            return out + [
                "read without asking (exit 0); the truth asks which column is the company"
            ]
        unnamed = [c for c in truth["competing_columns"] if not _names(c, run.terminal)]
        if unnamed:
            out.append(f"stops (exit {run.rc}) without naming {unnamed}: {first_line}")
        return out
    if run.rc != 0 or run.companies is None:
        return out + [f"exit {run.rc}: {first_line}"]
    return (
        out
        + _company_checks(truth, run)
        + _place_checks(truth, run)
        + _field_checks(truth, run)
        + _count_checks(truth, run)
    )


def verdict(folder: str, root: Path = REAL) -> str:
    """right (as the truth says), asks (stopped with one message although it could read), or wrong."""
    found = shortfalls(folder, root)
    truth = json.loads((root / folder / "truth.json").read_text())
    if not found:
        return "right"
    run = cleaned(folder, root)
    asked = (
        truth["outcome"] == "read" and run.rc != 0 and len(run.terminal.strip().splitlines()) == 1
    )
    if asked and not leaks(truth, run) and "Traceback" not in run.terminal:
        return "asks"
    return "wrong"


def params(folders: list, known: dict) -> list:
    """The folders as test parameters, those with a known shortfall marked xfail (strict) with it."""
    return [
        pytest.param(f, marks=pytest.mark.xfail(strict=True, reason=known[f])) if f in known else f
        for f in folders
    ]


def unaccounted(root: Path) -> list:
    """The folders of a corpus whose provenance, file or truth (outcome, notes) is missing."""
    missing = []
    for folder in folders_of(root):
        truth = json.loads((root / folder / "truth.json").read_text())
        if not (truth["outcome"] in ("read", "asks") and truth["notes"]):
            missing.append(f"{folder}: truth")
        if not (root / folder / "PROVENANCE.md").is_file():
            missing.append(f"{folder}: PROVENANCE.md")
        if not (root / folder / truth["file"]).is_file():
            missing.append(f"{folder}: {truth['file']}")
    return missing


@pytest.mark.parametrize("folder", params(FOLDERS, SHORTFALLS))
def test_a_real_file_is_cleaned_right_with_no_configuration(folder):
    assert not shortfalls(folder), shortfalls(folder)


def test_every_folder_has_its_provenance_and_a_truth_with_notes():
    assert len(FOLDERS) >= 20
    assert not unaccounted(REAL)


def print_verdicts(root: Path) -> None:
    """Print each folder's verdict and shortfalls, then the shares (docs/benchmarks.md)."""
    verdicts = {}
    for folder in folders_of(root):
        verdicts[folder] = verdict(folder, root)
        print(f"{folder:32} {verdicts[folder]:6} {'; '.join(shortfalls(folder, root))[:400]}")
    n = len(verdicts)
    for kind in ("right", "asks", "wrong"):
        k = sum(v == kind for v in verdicts.values())
        print(f"{kind}: {k} of {n} ({100 * k / n:.0f} %)")


def main() -> None:
    print_verdicts(REAL)


if __name__ == "__main__":
    main()


def _proposed(shown: str) -> str:
    """The source.yml `santenum inspect` proposes for a flat raw folder: the YAML after its
    « # source.yml proposé » line, or, for a file that asks, the lines that settle it."""
    lines = shown.splitlines()
    if "# source.yml proposé (à vérifier) :" in lines:
        start = lines.index("# source.yml proposé (à vérifier) :") + 1
        return "\n".join(lines[start:]) + "\n"
    start = next(i for i, line in enumerate(lines) if line.strip() == "files:")
    return "\n".join(line[3:] for line in lines[start:]) + "\n"


@pytest.mark.parametrize("folder", FOLDERS)
def test_inspect_tells_the_truth(folder, tmp_path):
    """Issue 30: the source.yml `santenum inspect` proposes cleans the file exactly as `clean` does
    with none (and, for a file that asks, the lines it gives settle the question)."""
    raw = tmp_path / "raw"
    raw.mkdir()
    for path in (REAL / folder).iterdir():
        if path.suffix not in (".md", ".json"):
            shutil.copy(path, raw / path.name)
    without = cleaned(folder)  # the same files, cleaned and inspected with no source.yml
    (raw / "source.yml").write_text(_proposed(without.inspected), "utf-8")
    written = santenum_in_process("clean", str(raw), "--out", str(tmp_path / "b"), "--quiet")
    assert written.returncode == 0, written.stderr
    if without.rc == 0:
        pd.testing.assert_frame_equal(
            without.companies, pd.read_parquet(tmp_path / "b" / "companies.parquet")
        )
        assert without.rejected == len(pd.read_csv(tmp_path / "b" / "rejected.csv"))
