"""Fuzzing the command line (issue 20): random bytes, random source.yml documents and random options
given to `clean` and `report` end with exit 0, 1 or 2, an error told in one line, never a
traceback, and never a changed or deleted input."""

import contextlib
import io
import shutil
import string
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from santenum.clean.discover import CONFIG_KEYS
from santenum.cli import main
from santenum.demo import ensure_demo_data
from tests.helpers import NOTEBOOK_FIXTURES, write_quality

pytestmark = [pytest.mark.slow]

HEADER = b"Raison sociale;Code postal;SIREN;Effectif\n"
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 10**6),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.sampled_from(["utf-8", "cp1252", ";", "\t", "survey", "76", "R76", "false", "liste.csv"]),
)
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.one_of(
                st.sampled_from(sorted(CONFIG_KEYS | {"files", "liste.csv"})), st.text(max_size=8)
            ),
            inner,
            max_size=5,
        ),
    ),
    max_leaves=15,
)


def _run(argv: list) -> tuple:
    """(exit code, stderr) of the command line, SystemExit included (argparse's refusals)."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:
            code = exc.code
    return code, err.getvalue()


def _files(folder: Path) -> dict:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def _check(code, err: str) -> None:
    assert code in (0, 1, 2), (code, err)
    assert "Traceback" not in err, err
    errors = [line for line in err.splitlines() if line.startswith("santenum: error:")]
    assert len(errors) <= 1, err
    if code == 2 and "usage:" not in err:
        assert len(errors) == 1, err


@SETTINGS
@given(
    body=st.binary(max_size=400),
    rows=st.lists(
        st.text(alphabet=string.printable + "éèàç€\x00\x01\x1b", max_size=40), max_size=6
    ),
    document=st.one_of(st.none(), documents, st.text(max_size=200)),
    suffix=st.sampled_from([".csv", ".tsv", ".xlsx", ".parquet", ".ods"]),
)
def test_clean_on_random_files_and_source_yml(body, rows, document, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw"
        raw.mkdir()
        data = HEADER + "\n".join(rows).encode("utf-8", "surrogatepass") + b"\n" + body
        (raw / f"liste{suffix}").write_bytes(data)
        if document is not None:
            text = document if isinstance(document, str) else yaml.safe_dump(document)
            (raw / "source.yml").write_text(text, encoding="utf-8")
        before = _files(raw)
        code, err = _run(["clean", str(raw), "--out", str(Path(tmp) / "out"), "--quiet"])
        _check(code, err)
        assert _files(raw) == before


options = st.lists(
    st.one_of(
        st.tuples(st.just("--region"), st.sampled_from(["76", "all", "99", "", "R76", "1e3"])),
        st.tuples(st.just("--peers"), st.sampled_from(["11,75", "", ",", "XX", "76,76"])),
        st.tuples(st.just("--as-of"), st.sampled_from(["2023-06-30", "hier", "1800-01-01", "nan"])),
        st.tuples(st.just("--timeout"), st.sampled_from(["nan", "inf", "-1", "0", "abc", "30"])),
        st.tuples(st.just("-j"), st.sampled_from(["0", "-3", "2", "x"])),
        st.tuples(st.just("--out"), st.sampled_from(["DATA", "/", ".", "FILE", "NEW"])),
        st.tuples(
            st.just("--data"), st.sampled_from(["DATA/companies.parquet", "FILE", "/nowhere"])
        ),
        st.tuples(st.just("--previous"), st.sampled_from(["FILE", "DATA/companies.parquet"])),
        st.tuples(st.just("--sirene-counts"), st.sampled_from(["FILE", "DATA/quality.json"])),
        st.tuples(st.just("--force"), st.just(None)),
    ),
    max_size=4,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
@given(chosen=options)
def test_report_on_random_options(chosen, one_notebook):
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        data = tmp / "DATA"
        data.mkdir()
        shutil.copy(ensure_demo_data(), data / "companies.parquet")
        write_quality(data)
        (tmp / "FILE").write_text("pas un parquet", encoding="utf-8")
        places = {"DATA": str(data), "FILE": str(tmp / "FILE"), "NEW": str(tmp / "NEW")}
        argv = ["report", "--notebooks", str(one_notebook), "--no-study-pdf", "--quiet"]
        for option, value in chosen:
            argv.append(option)
            if value is not None:
                for name, path in places.items():
                    value = value.replace(name, path) if value.startswith(name) else value
                argv.append(value)
        if "--out" not in argv:
            argv += ["--out", str(tmp / "NEW")]
        before = _files(tmp)
        with contextlib.chdir(tmp):
            code, err = _run(argv)
        _check(code, err)
        after = _files(tmp)
        assert {k: v for k, v in after.items() if k in before} == before, "an input changed"


@pytest.fixture(scope="module")
def one_notebook(tmp_path_factory):
    """Reports run one tiny notebook (the fuzzing is about options, not the analyses)."""
    folder = tmp_path_factory.mktemp("notebooks")
    shutil.copy(NOTEBOOK_FIXTURES / "ok.ipynb", folder / "ok.ipynb")
    return folder
