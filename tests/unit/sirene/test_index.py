"""The identification index: the same decisions as without it, kept once, rebuilt when stale or
damaged, and identification still done when it cannot be written."""

import json
import logging
import os
import shutil

import pandas as pd
import pytest

from santenum.clean import clean_directory
from santenum.demo import register_files
from santenum.sirene import index
from santenum.sirene.register import TABLES, Register
from tests.helpers import DATA, ROOT

FIXTURE = DATA / "identify"
AS_OF = "2024-01-01"


def _stock(folder):
    """Copies of the fixture's stock files (the tests change them)."""
    folder.mkdir()
    for name in ("StockUniteLegale.csv", "StockEtablissement.csv"):
        shutil.copy(FIXTURE / name, folder / name)
    return folder / "StockUniteLegale.csv", folder / "StockEtablissement.csv"


def _identified(raw, register: Register) -> pd.DataFrame:
    return clean_directory(raw, as_of=AS_OF, show_progress=False, register=register).identification


def _manifest(register: Register) -> dict:
    return json.loads((index.slot(register) / index.MANIFEST).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def without_index():
    register = Register(
        FIXTURE / "StockUniteLegale.csv", FIXTURE / "StockEtablissement.csv", use_index=False
    )
    return _identified(FIXTURE / "raw", register)


@pytest.mark.slow  # the fixture cleaned three times
def test_the_index_gives_the_same_decisions_and_is_built_once(tmp_path, without_index, caplog):
    register = Register(*_stock(tmp_path / "stock"), index_dir=tmp_path / "index")
    with caplog.at_level(logging.INFO, logger="santenum.sirene.index"):
        first = _identified(FIXTURE / "raw", register)
        built = [r for r in caplog.records if "construction" in r.getMessage()]
        again = _identified(FIXTURE / "raw", register)
    pd.testing.assert_frame_equal(first, without_index)
    pd.testing.assert_frame_equal(again, without_index)
    assert (
        len(built) == 1
        and len([r for r in caplog.records if "construction" in r.getMessage()]) == 1
    )
    folder = index.slot(register)
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [index.MANIFEST, *(f"{table}.parquet" for table in TABLES)]
    )
    assert list((tmp_path / "index").iterdir()) == [folder]  # no scratch folder left


def _append_unit(units) -> None:
    """A new unit and its establishment in Toulouse, as a newer stock would have."""
    with open(units, "a", encoding="utf-8") as out:
        out.write("812345817,O,2015-03-02,,,,11,PME,A,,NOUVEAU,,5710,62.01Z\r\n")
    with open(units.parent / "StockEtablissement.csv", "a", encoding="utf-8") as out:
        out.write("812345817,00019,81234581700019,true,31000,TOULOUSE,31555,,,A,,62.01Z\r\n")


@pytest.mark.parametrize(
    "change",
    [
        "stock-content-same-size-and-mtime",
        "stock-mtime",
        "stock-grown",
        "table-truncated",
        "table-overwritten",
        "manifest-garbage",
        "manifest-of-another-stock",
    ],
)
def test_a_stale_or_damaged_index_is_rebuilt_never_trusted(tmp_path, change):
    units, etablissements = _stock(tmp_path / "stock")
    register = Register(units, etablissements, index_dir=tmp_path / "index")
    folder = index.slot(register)
    names = folder / "reg_names.parquet"

    def same_size_and_mtime():
        # A name changed in the first rows, the file's size and mtime kept (cp -p, unzip).
        stat = units.stat()
        units.write_bytes(units.read_bytes().replace(b"CARDIOPLUME", b"CARDIOPLUMA", 1))
        os.utime(units, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        assert units.stat().st_size == stat.st_size

    def another_stock():
        other = Register(*_stock(tmp_path / "other"), index_dir=tmp_path / "index")
        index.ready(other)
        shutil.copy(index.slot(other) / index.MANIFEST, folder / index.MANIFEST)

    changes = {
        "stock-content-same-size-and-mtime": same_size_and_mtime,
        "stock-mtime": lambda: os.utime(etablissements, ns=(0, 10**18)),
        "stock-grown": lambda: _append_unit(units),
        "table-truncated": lambda: names.write_bytes(names.read_bytes()[:-100]),
        "table-overwritten": lambda: names.write_bytes(b"\0" * names.stat().st_size),
        "manifest-garbage": lambda: (folder / index.MANIFEST).write_text("{not json"),
        "manifest-of-another-stock": another_stock,
    }
    assert index.ready(register) == folder
    before = (folder / index.MANIFEST).stat().st_mtime_ns
    changes[change]()
    assert index.ready(register) == folder
    assert (folder / index.MANIFEST).stat().st_mtime_ns != before  # rebuilt
    assert index.is_valid(folder, index.key(register))
    # What it holds is the stock's as it is now.
    kept = set(pd.read_parquet(names)["name"])
    assert ("CARDIOPLUMA" in kept) == (change == "stock-content-same-size-and-mtime")
    assert ("NOUVEAU" in kept) == (change == "stock-grown")


@pytest.mark.slow
def test_an_index_folder_that_cannot_be_written_is_said_once(tmp_path, without_index, caplog):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    register = Register(
        FIXTURE / "StockUniteLegale.csv",
        FIXTURE / "StockEtablissement.csv",
        index_dir=blocker / "index",
    )
    with caplog.at_level(logging.WARNING):
        found = _identified(FIXTURE / "raw", register)
    pd.testing.assert_frame_equal(found, without_index)
    said = [r.getMessage() for r in caplog.records if "index" in r.getMessage()]
    assert len(said) == 1 and "sans index" in said[0], said


def test_indexes_of_stock_files_gone_are_removed_at_the_next_build(tmp_path):
    root = tmp_path / "index"
    gone = Register(*_stock(tmp_path / "gone"), index_dir=root)
    index.ready(gone)
    shutil.rmtree(tmp_path / "gone")
    foreign = root / "not-santenum"
    foreign.mkdir()
    kept = Register(*_stock(tmp_path / "kept"), index_dir=root)
    index.ready(kept)
    assert sorted(p.name for p in root.iterdir()) == sorted([index.slot(kept).name, "not-santenum"])


@pytest.mark.slow  # the demo cleaned twice
def test_the_demo_is_identified_alike_with_and_without_the_index(tmp_path):
    raw = ROOT / "data" / "raw" / "demo"
    stock = register_files(raw)
    found = {
        use: clean_directory(
            raw,
            as_of="2023-06-30",
            show_progress=False,
            register=Register(*stock, index_dir=tmp_path / "index", use_index=use),
        )
        for use in (True, False)
    }
    pd.testing.assert_frame_equal(found[True].identification, found[False].identification)
    pd.testing.assert_frame_equal(found[True].companies, found[False].companies)
    assert (found[True].identification["status"] == "identifiée").sum() > 400


@pytest.mark.slow
def test_no_index_is_built_when_no_name_is_searched(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "adherents.csv").write_text("Raison sociale;SIREN\nNEPHROSABLIER;812345791\n")
    register = Register(
        FIXTURE / "StockUniteLegale.csv",
        FIXTURE / "StockEtablissement.csv",
        index_dir=tmp_path / "index",
    )
    result = clean_directory(raw, as_of=AS_OF, show_progress=False, register=register)
    assert result.identification.empty
    assert not (tmp_path / "index").exists()
