"""Stock files damaged past the rows DuckDB samples, and names too long to compare whole."""

import random
import shutil
import subprocess
import sys

import pytest

from santenum.cli import main
from tests.helpers import DATA

FIXTURE = DATA / "identify"
STOCK = ("StockUniteLegale.csv", "StockEtablissement.csv")
FILLER_ROWS = 25_000  # beyond DuckDB's sample of 20 480 lines, from which it learns the layout
PERSON = "Ginette"  # a person's name in the damaged line: never shown


def _damaged_stock(folder, damaged: str, extra_fields: int) -> int:
    """Copies of the fixture's stock files; `damaged` gains FILLER_ROWS units, then a line with
    `extra_fields` more (or, negative, fewer) fields than its header: its number is returned."""
    folder.mkdir()
    for name in STOCK:
        shutil.copy(FIXTURE / name, folder / name)
    path = folder / damaged
    lines = path.read_text(encoding="utf-8").splitlines()
    fields = lines[1].split(",")
    filler = [",".join([f"{900000000 + i}", *fields[1:]]) for i in range(FILLER_ROWS + 1)]
    ragged = filler.pop().split(",")
    ragged = ragged + [PERSON] * extra_fields if extra_fields > 0 else ragged[:extra_fields]
    path.write_text("\n".join([*lines, *filler, ",".join(ragged)]) + "\n", encoding="utf-8")
    return len(lines) + FILLER_ROWS + 1


def _one_clear_line(capsys, damaged: str, line: int) -> None:
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    assert damaged in err and f"Line: {line}" in err
    assert "Traceback" not in err and PERSON not in err


@pytest.mark.slow  # four cleans of the fixture (`santenum sirene` below is the fast case)
@pytest.mark.parametrize("damaged", STOCK)
@pytest.mark.parametrize("extra_fields", [1, -2], ids=["more-fields", "fewer-fields"])
def test_a_ragged_stock_line_past_the_sample_is_one_line_in_clean(
    tmp_path, capsys, damaged, extra_fields
):
    line = _damaged_stock(tmp_path / "stock", damaged, extra_fields)
    out = tmp_path / "out"
    code = main(
        ["clean", str(FIXTURE / "raw"), "--out", str(out), "--quiet",
         "--unites-legales", str(tmp_path / "stock" / STOCK[0]),
         "--etablissements", str(tmp_path / "stock" / STOCK[1])]
    )  # fmt: skip
    assert code == 2
    _one_clear_line(capsys, damaged, line)
    assert not out.exists()


@pytest.mark.parametrize("damaged", STOCK)
def test_a_ragged_stock_line_past_the_sample_is_one_line_in_sirene(tmp_path, capsys, damaged):
    line = _damaged_stock(tmp_path / "stock", damaged, 1)
    out = tmp_path / "out"
    code = main(
        ["sirene", "--etablissements", str(tmp_path / "stock" / STOCK[1]),
         "--unites-legales", str(tmp_path / "stock" / STOCK[0]),
         "--region", "76", "--out", str(out), "--quiet"]
    )  # fmt: skip
    assert code == 2
    _one_clear_line(capsys, damaged, line)
    assert not out.exists()


# `santenum ARGS` in a child process that prints its own peak resident memory (kB) last.
PEAK_RSS = (
    "import resource, sys\nfrom santenum.cli import main\ncode = main(sys.argv[1:])\n"
    "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\nsys.exit(code)"
)


def _peak_rss_mb(raw, stock, out) -> float:
    done = subprocess.run(
        [sys.executable, "-c", PEAK_RSS, "clean", str(raw), "--out", str(out), "--quiet",
         "--memory-limit", "300MB", "--index-dir", str(out.parent / "index"),
         "--unites-legales", str(stock / STOCK[0]), "--etablissements", str(stock / STOCK[1])],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return int(done.stderr.strip().splitlines()[-1]) / 1024


def _invented_name(length: int) -> str:
    rng = random.Random(7)
    words = []
    while sum(len(w) + 1 for w in words) < length:
        syllables = rng.randint(2, 5)
        words.append(
            "".join(rng.choice("BDFGLMNPRSTV") + rng.choice("AEIOU") for _ in range(syllables))
        )
    return " ".join(words)[:length]


@pytest.mark.slow  # two child processes
def test_a_name_of_15000_characters_costs_no_more_memory_than_a_short_one(tmp_path):
    """The same name in the register and on the list: compared whole, its edit distance alone
    took 2 GB beyond a limit of 300 MB."""
    peaks = {}
    for length in (20, 15_000):
        name = _invented_name(length)
        stock, raw = tmp_path / f"stock-{length}", tmp_path / f"raw-{length}"
        stock.mkdir()
        raw.mkdir()
        (stock / STOCK[0]).write_text(
            (FIXTURE / STOCK[0]).read_text(encoding="utf-8")
            + f"812345809,O,2015-03-02,,,,11,PME,A,,{name},,5710,62.01Z\n",
            encoding="utf-8",
        )
        (stock / STOCK[1]).write_text(
            (FIXTURE / STOCK[1]).read_text(encoding="utf-8")
            + "812345809,00017,81234580900017,true,31000,TOULOUSE,31555,,,A,,62.01Z\n",
            encoding="utf-8",
        )
        (raw / "liste.csv").write_text(
            f"Raison sociale;Code postal;Commune\n{name.title()};31000;Toulouse\n", encoding="utf-8"
        )
        out = tmp_path / f"out-{length}"
        peaks[length] = _peak_rss_mb(raw, stock, out)
        found = (out / "identification.csv").read_text(encoding="utf-8")
        assert "identifiée,812345809," in found  # still found by its first 200 characters
    assert peaks[15_000] < peaks[20] + 100, peaks
