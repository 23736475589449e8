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


# Issue 29, item 7: every option of every command, given hostile values, ends in one line.
HOSTILE_VALUES = [
    "", " ", "abc", "nan", "inf", "-inf", "-1", "0", "1e400", "9" * 400, "\x00", "a\x00b", "\n",
    "x\ny", "\x1b[2J", "-", "--", "/", ".", "..", "../..", "/dev/zero", "/proc/self/environ",
    "/etc/passwd", "%s%n{0}", "é" * 5000, "76", "all", "3GB", "2023-06-30", "MISSING",
]  # fmt: skip


def _every_option() -> list:
    """(command, option) for every option and argument of every command, --help aside."""
    import argparse

    from santenum.cli import build_parser
    from santenum.core import config

    parser = build_parser(config.settings())
    (commands,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return [
        (name, action)
        for name, command in commands.choices.items()
        for action in command._actions
        if "--help" not in action.option_strings
    ]


def _argv(command: str, action, value, places: dict) -> list:
    """A command line that stops early when nothing is wrong (missing inputs), with `action`
    given `value` (a flag: given alone)."""
    base = {
        "clean": [places["MISSING"], "--out", places["OUT"], "--quiet"],
        "inspect": [places["MISSING"]],
        "demo": ["--out", places["FOREIGN"], "--scale", "0.2", "--quiet"],
        "report": ["--data", places["MISSING"], "--no-study-pdf", "--out", places["OUT"]],
        "lab": ["--notebooks", places["MISSING"]],
        "sirene": ["--etablissements", places["MISSING"], "--unites-legales", places["MISSING"],
                   "--region", "76", "--out", places["OUT"], "--quiet"],
    }[command]  # fmt: skip
    value = places.get(value, value)
    if not action.option_strings:  # a positional argument: raw_dir, or lab's own arguments
        if action.dest == "raw_dir":
            return [command, value, *base[1:]]
        return [command, *base, "--", value]
    option = action.option_strings[-1]
    if action.nargs == 0:
        return [command, *base, option]
    if option in base:
        at = base.index(option)
        return [command, *base[:at], option, value, *base[at + 2 :]]
    return [command, *base, option, value]


@pytest.mark.parametrize(
    "command, action", _every_option(), ids=lambda x: x if isinstance(x, str) else x.dest
)
def test_every_option_of_every_command_with_hostile_values(
    tmp_path, monkeypatch, request, command, action
):
    """`--memory-limit abc`, `demo --scale nan|inf`: tracebacks; now every value of every option
    ends in exit 0, 1 or 2 with at most one error line (exactly one for exit 2), no traceback."""
    import subprocess as sub

    if command == "lab":  # `lab` cleans the demo first if it is not (its index would go in cache/)
        request.getfixturevalue("demo_data")

    monkeypatch.setattr(sub, "call", lambda *args, **kwargs: 0)  # `lab` starts no JupyterLab
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "foreign").mkdir()
    (tmp_path / "foreign" / "notes.txt").write_text("à garder", encoding="utf-8")
    places = {
        "MISSING": str(tmp_path / "missing"),
        "OUT": str(tmp_path / "out"),
        "FOREIGN": str(tmp_path / "foreign"),
    }
    for value in HOSTILE_VALUES:
        code, err = _run(_argv(command, action, value, places))
        assert code in (0, 1, 2), (value, code, err)
        assert "Traceback" not in err, (value, err)
        errors = [line for line in err.splitlines() if line.startswith("santenum: error:")]
        assert len(errors) <= 1, (value, err)
        if code == 2 and (err or command != "inspect"):  # inspect tells on stdout
            assert err.count("\n") == 1 and len(errors) == 1, (value, err)
    assert not (tmp_path / "cache" / "santenum").exists()  # no unexpected error was logged
    assert (tmp_path / "foreign" / "notes.txt").read_text(encoding="utf-8") == "à garder"
