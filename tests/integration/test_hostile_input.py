"""Inputs that reach too far (issue 20, items 5, 6, 10, 11): every one is refused with one escaped
line and exit 2 before any work, or read safely; each case reproduces a defect first found by an
adversarial run."""

import gc
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from santenum.clean import clean_directory
from santenum.cli import main
from santenum.core.files import write_workbook

SANTENUM = str(Path(sys.executable).with_name("santenum"))
LIST = "Raison sociale;Code postal;Effectif\nTélé Santé Sud;34000;12\n"


def _raw(tmp_path, source_yml: str | None = None, data: str = LIST):
    raw = tmp_path / "raw"
    raw.mkdir(exist_ok=True)
    (raw / "liste.csv").write_text(data, encoding="utf-8")
    if source_yml is not None:
        (raw / "source.yml").write_text(source_yml, encoding="utf-8")
    return raw


def _exit_code(argv: list) -> int:
    """main's exit code, returned or raised (argparse refuses a bad option value with SystemExit)."""
    try:
        return main(argv)
    except SystemExit as exc:
        return exc.code


def _refused(tmp_path, capsys, raw, *words) -> str:
    out = tmp_path / "out"
    assert main(["clean", str(raw), "--out", str(out), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("santenum: error:") and "Traceback" not in err
    for word in words:
        assert word in err, err
    assert not out.exists()
    return err


@pytest.mark.parametrize(
    "yml, words",
    [
        ("header_row: 0\n", ["header_row: expected a row number from 1, not 0"]),
        ("header_row: true\n", ["header_row: expected a row number from 1"]),
        ("header_row: '2'\n", ["header_row: expected a row number from 1, not '2'"]),
        ("skip: 'false'\n", ["skip: expected true or false, not 'false'"]),
        ("delimiter: ';;'\n", ["delimiter: expected one character"]),
        ("encoding: klingon\n", ["encoding: expected an encoding"]),
        ("kind: [list]\n", ["kind: expected one of sirene, survey, list"]),
        ("columns: [a, b]\n", ["columns: expected a mapping of column -> field"]),
        ("region: {a: 1}\n", ["region: expected an INSEE région code"]),
        ("date: 2023-13\n", ["date: expected a date: 2023-03-15, 2023-03 or 2023"]),
        ("date: mars 2023\n", ["date: expected a date"]),
        ("date: 2023-02-30\n", ["cannot be read (day is out of range for month)"]),
        ("label: 2023-02-30\n", ["quote text that looks like a date"]),
        ("files: [liste.csv]\n", ["files: expected a mapping"]),
        (
            "files:\n  liste.csv:\n    skip: 1\n",
            ["files: 'liste.csv': skip: expected true or false"],
        ),
        ("files:\n  liste.csv:\n    files: {}\n", ["files: 'liste.csv': unknown option(s)"]),
        ("label: " + "x" * 500 + "\nfoo: 1\n", ["unknown option(s) ['foo']"]),
    ],
)
def test_source_yml_values_of_the_wrong_type(tmp_path, capsys, yml, words):
    _refused(tmp_path, capsys, _raw(tmp_path, yml), "source.yml", *words)


def test_billion_laughs_is_refused_in_one_short_line(tmp_path, capsys):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [
        f"{b}: &{b} [*{a},*{a},*{a},*{a},*{a},*{a},*{a},*{a},*{a}]"
        for a, b in zip("abcdefgh", "bcdefghi", strict=True)
    ]
    err = _refused(tmp_path, capsys, _raw(tmp_path, "\n".join(lines) + "\n"), "anchors and aliases")
    assert len(err) < 300


@pytest.mark.slow
def test_deep_nesting_and_a_huge_file_are_refused(tmp_path, capsys):
    # Earlier tests' garbage (an event loop) collected deep inside the parser's recursion would
    # print its own RecursionError on stderr: collect it first.
    gc.collect()
    _refused(
        tmp_path,
        capsys,
        _raw(tmp_path, "label: " + "[" * 5000 + "]" * 5000 + "\n"),
        "nested deeper",
    )
    _refused(tmp_path, capsys, _raw(tmp_path, "# " + "x" * 70_000 + "\n"), "too large")


def _partial(tmp_path, capsys, raw, *words) -> str:
    """The folder's good file is cleaned and the bad one named in one line (exit 1, issue 30: each
    file stands alone); --strict refuses the folder (exit 2, nothing written)."""
    out = tmp_path / "out"
    assert main(["clean", str(raw), "--out", str(out), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "non lu" in err and "Traceback" not in err
    for word in words:
        assert word in err, err
    assert len(pd.read_parquet(out / "companies.parquet")) == 1
    strict = tmp_path / "strict"
    assert main(["clean", str(raw), "--out", str(strict), "--quiet", "--strict"]) == 2
    refused = capsys.readouterr().err
    assert all(word in refused for word in words) and not strict.exists()
    return err + "".join(p.read_text(errors="replace") for p in out.iterdir() if p.is_file())


def test_a_link_out_of_the_raw_folder_is_not_followed(tmp_path, capsys):
    secret = tmp_path / "ailleurs.csv"
    secret.write_text("Raison sociale;Code postal\nSECRET;75001\n", encoding="utf-8")
    raw = _raw(tmp_path)
    (raw / "lien.csv").symlink_to(secret)
    written = _partial(tmp_path, capsys, raw, "lien.csv", "outside the raw folder")
    assert "SECRET" not in written


def test_a_broken_link_and_a_pipe_are_named(tmp_path, capsys):
    raw = _raw(tmp_path)
    (raw / "perdu.csv").symlink_to(tmp_path / "nowhere.csv")
    _partial(tmp_path / "a", capsys, raw, "perdu.csv", "broken link")
    (raw / "perdu.csv").unlink()
    os.mkfifo(raw / "tube.csv")
    _partial(tmp_path / "b", capsys, raw, "tube.csv", "not a regular file")


@pytest.mark.slow
def test_hidden_files_are_named_not_silently_skipped(tmp_path, caplog):
    raw = _raw(tmp_path)
    (raw / ".brouillon.csv").write_text(LIST, encoding="utf-8")
    (raw / ".git").mkdir()
    (raw / ".git" / "config").write_text("x", encoding="utf-8")
    (raw / ".santenum-ecrit.json").write_text("{}", encoding="utf-8")  # sirene --out's own record
    result = clean_directory(raw, as_of="2023-06-30", show_progress=False)
    assert len(result.companies) == 1
    warned = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert warned == [
        ".brouillon.csv : fichier ou dossier caché, non lu",
        ".git : fichier ou dossier caché, non lu",
    ]


def test_file_names_with_newlines_and_escapes_print_on_one_line(tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "x\nsantenum: error: forged\x1b[2J.pdf").write_text("x", encoding="utf-8")
    err = _refused(tmp_path, capsys, raw, "unsupported format")
    assert "\\n" in err and "\\x1b" in err and "\x1b" not in err


@pytest.mark.slow
def test_control_characters_are_removed_at_reading_and_the_workbook_is_written(tmp_path):
    # a NUL byte past the first 64 KB (within them, the file is refused as binary)
    filler = "".join(f"Entreprise {i};31000\n" for i in range(4000))
    data = f"Raison sociale;Code postal\n{filler}Télé\x01Santé\x00 Sud;34000\nBip\x1b[31m;31000\n"
    result = clean_directory(_raw(tmp_path, data=data), as_of="2023-06-30", show_progress=False)
    names = result.companies["name"]
    assert len(names) == 4002 and {"TéléSanté Sud", "Bip[31m"} <= set(names)
    # openpyxl refuses these characters: the report's tables.xlsx died on them
    write_workbook(
        tmp_path / "t.xlsx", {"noms": [["nom"], *[[n] for n in result.companies["name"]]]}
    )


@pytest.mark.slow
def test_a_header_with_a_newline_is_read(tmp_path):
    data = '"Raison\nsociale";"Code\x07 postal"\nTélé Santé Sud;34000\n'
    result = clean_directory(_raw(tmp_path, data=data), as_of="2023-06-30", show_progress=False)
    assert result.companies["postal_code"].tolist() == ["34000"]


@pytest.mark.slow
def test_a_fifo_is_never_opened(tmp_path):
    """The refusal comes before any read: a pipe nobody writes to would block for ever."""
    raw = _raw(tmp_path)
    os.mkfifo(raw / "tube.csv")
    done = subprocess.run(
        [SANTENUM, "clean", str(raw), "--out", str(tmp_path / "out"), "--quiet"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1 and "not a regular file" in done.stderr


def test_a_cell_far_outside_the_data_is_refused_before_loading(tmp_path, capsys):
    """A 5 KB .xlsx with one cell at XFD1048576 made calamine ask for 550 GB and abort the run."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Raison sociale", "Code postal"])
    sheet.append(["Télé Santé Sud", "34000"])
    sheet["XFD1048576"] = "loin"
    raw = tmp_path / "raw"
    raw.mkdir()
    book.save(raw / "enquete.xlsx")
    _refused(tmp_path, capsys, raw, "enquete.xlsx", "1048576 rows × 16384 columns")


@pytest.mark.parametrize("timeout", ["nan", "inf", "-1"])
def test_a_timeout_that_is_not_a_finite_positive_number_is_refused(tmp_path, capsys, timeout):
    out = tmp_path / "run"
    argv = ["report", "--no-study-pdf", "--out", str(out), "--quiet", "--timeout", timeout]
    assert _exit_code(argv) == 2  # refused by the parser since issue 29 (it returned 2 before)
    assert "finite positive timeout" in capsys.readouterr().err and not out.exists()


def test_clean_out_naming_a_file_is_refused_before_work(tmp_path, capsys):
    (tmp_path / "sortie").write_text("x", encoding="utf-8")
    assert main(["clean", str(_raw(tmp_path)), "--out", str(tmp_path / "sortie"), "--quiet"]) == 2
    assert "names a file" in capsys.readouterr().err
    assert (tmp_path / "sortie").read_text(encoding="utf-8") == "x"


def test_a_parquet_table_with_the_right_columns_and_wrong_types(tmp_path, capsys):
    import pandas as pd

    from santenum.core.table.store import read_companies
    from santenum.demo import ensure_demo_data

    companies = read_companies(ensure_demo_data()).head(20)
    companies["products"] = 42  # a number where a list of labels belongs
    companies["creation_date"] = "hier"
    bad = tmp_path / "companies.parquet"
    pd.DataFrame(companies).to_parquet(bad)
    assert (
        main(
            [
                "report",
                "--no-study-pdf",
                "--data",
                str(bad),
                "--out",
                str(tmp_path / "run"),
                "--quiet",
            ]
        )
        == 2
    )
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot be read as" in err and "Traceback" not in err


@pytest.mark.slow
@pytest.mark.parametrize("number, words", [(28, "disque plein"), (30, "disque en lecture seule")])
def test_a_full_or_read_only_disk_is_one_line(tmp_path, capsys, monkeypatch, number, words):
    import santenum.clean.outputs as outputs

    def full(companies, path):
        raise OSError(number, os.strerror(number), str(path))

    monkeypatch.setattr(outputs, "write_companies", full)
    out = tmp_path / "out"
    assert main(["clean", str(_raw(tmp_path)), "--out", str(out), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and words in err and "companies.parquet" in err
    assert not out.exists() and not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("day", ["1800-01-01", "nan", "2999-01-01", "NaT"])
def test_an_as_of_that_is_no_study_date_is_refused(tmp_path, capsys, day):
    """--as-of 1800-01-01 reported 239 companies; 'nan' became NaT and crashed the index page."""
    out = tmp_path / "run"
    argv = ["report", "--no-study-pdf", "--out", str(out), "--quiet", "--as-of", day]
    assert _exit_code(argv) == 2  # refused by the parser since issue 29 (it returned 2 before)
    assert "--as-of" in capsys.readouterr().err and not out.exists()
    with pytest.raises(SystemExit) as exc:
        main(["clean", str(_raw(tmp_path)), "--out", str(tmp_path / "o"), "--as-of", day])
    assert exc.value.code == 2 and not (tmp_path / "o").exists()


@pytest.mark.slow
def test_one_windows_1252_line_in_a_utf8_file_is_decoded_line_by_line(tmp_path):
    """One stray cp1252 byte made the whole UTF-8 file read as cp1252 ("PÃ©diatrie"), and the same
    company in another file was then counted twice."""
    raw = tmp_path / "raw"
    raw.mkdir()
    utf8 = "Raison sociale;Code postal\nPédiatrie Connect;34000\nTélé Santé Sud;31000\n"
    (raw / "liste.csv").write_bytes(
        utf8.encode("utf-8") + "Hôpital Numérique Ouest;30000\n".encode("cp1252")
    )
    (raw / "autre.csv").write_text("Raison sociale;Code postal\nPédiatrie Connect;34000\n", "utf-8")
    result = clean_directory(raw, as_of="2023-06-30", show_progress=False)
    assert sorted(result.companies["name"]) == [
        "Hôpital Numérique Ouest",
        "Pédiatrie Connect",
        "Télé Santé Sud",
    ]
    source = next(s for s in result.quality.to_json()["sources"] if s["source"] == "liste.csv")
    assert source["encoding"] == "utf-8 + cp1252 (caractère à caractère)"


@pytest.mark.slow
def test_a_whole_windows_1252_file_is_still_read_as_such(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "liste.csv").write_bytes(
        "Raison sociale;Code postal\nSanté Œil;34000\n".encode("cp1252")
    )
    result = clean_directory(raw, as_of="2023-06-30", show_progress=False)
    assert result.companies["name"].tolist() == ["Santé Œil"]
    assert result.quality.to_json()["sources"][0]["encoding"] == "cp1252"


def test_more_data_files_than_the_limit_are_refused_before_reading(tmp_path, capsys, monkeypatch):
    from santenum.clean import discover

    monkeypatch.setattr(discover, "MAX_FILES", 3)
    raw = tmp_path / "raw"
    raw.mkdir()
    for i in range(4):
        (raw / f"f{i}.csv").write_text(LIST, encoding="utf-8")
    _refused(tmp_path, capsys, raw, "more than 3 data files")


def test_a_full_disk_names_the_file_even_when_the_error_does_not(tmp_path, capsys, monkeypatch):
    """Issue 29: a write that fails for want of space names no file (write(), unlike open()):
    the message named none."""
    import errno

    import santenum.clean.outputs as outputs

    def full(companies, path):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(outputs, "write_companies", full)
    out = tmp_path / "out"
    assert main(["clean", str(_raw(tmp_path)), "--out", str(out), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "disque plein" in err
    assert str(out / "companies.parquet") in err and "santenum-tmp" not in err


@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-be"])
def test_utf32_is_read_and_told_as_utf32(tmp_path, encoding):
    """Issue 29: a UTF-32 file (its mark FF FE 00 00 begins with UTF-16's) was reported as UTF-16."""
    import codecs

    raw = tmp_path / "raw"
    raw.mkdir()
    mark = codecs.BOM_UTF32_BE if encoding == "utf-32-be" else b""
    (raw / "liste.csv").write_bytes(mark + LIST.encode(encoding))
    result = clean_directory(raw, as_of="2023-06-30", show_progress=False)
    assert result.companies["name"].tolist() == ["Télé Santé Sud"]
    assert result.quality.to_json()["sources"][0]["encoding"] == "utf-32"


@pytest.mark.parametrize(
    "yml, words",
    [
        ("files:\n  absent.csv:\n    skip: true\n", ["files: 'absent.csv' names no file"]),
        ("label: Enquête 2023\n", ["same label 'Enquête 2023' as autre.csv"]),
    ],
)
def test_source_yml_that_names_no_file_or_one_label_twice(tmp_path, capsys, yml, words):
    """Issue 29: a `files:` entry that names no file was ignored; two files of one label could not
    be told apart in the outputs."""
    raw = _raw(tmp_path, yml)
    (raw / "autre.csv").write_text(LIST, encoding="utf-8")
    _refused(tmp_path, capsys, raw, "source.yml" if "files" in yml else "liste.csv", *words)
