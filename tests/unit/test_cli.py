"""The command line (issue 29, item 7; issue 33, item 5): --help answers without pandas, option
values are refused as they are parsed, and an unexpected error is one line naming its log."""

import subprocess
import sys

import pytest

from santenum.cli import INTERNAL_ERROR, main

COMMANDS = [[], ["clean"], ["inspect"], ["demo"], ["report"], ["lab"], ["sirene"]]
HEAVY = ("pandas", "numpy", "pyarrow", "matplotlib", "duckdb", "papermill")


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "santenum")
def test_help_imports_no_heavy_library(command):
    """`santenum --help` took 0.58 s importing pandas."""
    code = (
        "import sys\nfrom santenum.cli import main\n"
        f"try:\n    main({[*command, '--help']!r})\nexcept SystemExit:\n    pass\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "[]"


@pytest.mark.parametrize(
    "argv, words",
    [
        (["clean", "raw", "--out", "o", "--memory-limit", "abc"], "--memory-limit"),
        (["clean", "raw", "--out", "o", "--memory-limit", "0.5KB"], "at least 1MB"),
        (["demo", "--scale", "nan"], "--scale"),
        (["demo", "--scale", "inf"], "--scale"),
        (["demo", "--seed", "-1"], "--seed"),
        (["report", "-j", "0"], "--jobs"),
        (["report", "--timeout", "-1"], "finite positive timeout"),
        (["report", "--out", ""], "not a usable path"),
        (["report", "--organisation", "a\nb"], "--organisation"),
        (["sirene", "--memory-limit", "2 go"], "--memory-limit"),
    ],
)
def test_option_values_are_refused_as_they_are_parsed(capsys, argv, words):
    """`--memory-limit abc` and `demo --scale nan|inf` were tracebacks, `-j 0` was refused late."""
    with pytest.raises(SystemExit) as exc:
        main(argv)
    err = capsys.readouterr().err
    assert exc.value.code == 2 and err.count("\n") == 1 and err.startswith("santenum: error:")
    assert words in err and "usage:" not in err


def test_an_unexpected_error_is_one_line_naming_its_log(tmp_path, capsys, monkeypatch):
    import santenum.cli as cli

    def bug(args):
        raise RuntimeError("une erreur imprévue, NIR 2 95 10 99 126 111 93")

    monkeypatch.setattr(cli, "_inspect", bug)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert main(["inspect", str(tmp_path)]) == INTERNAL_ERROR
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    (log,) = (tmp_path / "cache" / "santenum").glob("erreur-*.log")
    assert str(log) in err and oct(log.stat().st_mode & 0o777) == "0o600"
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "RuntimeError" in text and "126 111" not in text
