"""Each file stands alone (issue 30, items 4 and 6): a file that cannot be read is reported and the
others are cleaned (exit 1, partial); only losses that say a file was misread fail the run."""

import json

import pandas as pd

from santenum.cli import main
from santenum.core.insee import ETABLISSEMENT_COLUMNS, UNITE_LEGALE_COLUMNS
from tests.helpers import SIREN_A, SIREN_B, SIRET_A

GOOD = "Raison sociale;Code postal\nTélé Santé Sud;34000\nImagerie Nord;59000\n"


def _raw(tmp_path, files: dict):
    raw = tmp_path / "raw"
    for name, content in files.items():
        path = raw / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return raw


def _clean(tmp_path, raw, *options) -> tuple:
    out = tmp_path / "out"
    code = main(
        ["clean", str(raw), "--out", str(out), "--quiet", "--as-of", "2023-06-30", *options]
    )
    return code, out


def test_an_unreadable_file_is_reported_and_the_others_are_cleaned(tmp_path, capsys):
    raw = _raw(
        tmp_path,
        {
            "liste.csv": GOOD,
            "abimé.xlsx": b"PK\x03\x04 not a workbook",
            "notes.pdf": b"%PDF-1.4",
            "sans_nom/liste.csv": "Montant;Date\n12;2021\n",
        },
    )
    code, out = _clean(tmp_path, raw)
    assert code == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 3 and all("non lu" in line for line in err)
    assert [line.split(" : ")[1] for line in err] == [
        "abimé.xlsx",
        "notes.pdf",
        "sans_nom/liste.csv",
    ]
    companies = pd.read_parquet(out / "companies.parquet")
    assert sorted(companies["name"]) == ["Imagerie Nord", "Télé Santé Sud"]
    quality = json.loads((out / "quality.json").read_text(encoding="utf-8"))
    assert [source["source"] for source in quality["sources"]] == ["liste.csv"]
    unread = {file["source"]: file["problem"] for file in quality["unread"]}
    assert set(unread) == {"abimé.xlsx", "notes.pdf", "sans_nom/liste.csv"}
    assert "unsupported format" in unread["notes.pdf"]
    assert "missing required column" in unread["sans_nom/liste.csv"]


def test_strict_keeps_all_or_nothing(tmp_path, capsys):
    raw = _raw(tmp_path, {"liste.csv": GOOD, "notes.pdf": b"%PDF-1.4"})
    code, out = _clean(tmp_path, raw, "--strict")
    assert code == 2 and not out.exists()
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "notes.pdf" in err


def test_no_readable_file_at_all_is_bad_input(tmp_path, capsys):
    raw = _raw(tmp_path, {"a.pdf": b"%PDF", "b.csv": "Montant\n12\n"})
    code, out = _clean(tmp_path, raw)
    assert code == 2 and not out.exists()
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 3 and "a.pdf" in err[0] and "b.csv" in err[1]
    assert err[2].startswith("santenum: error:") and "none of its 2 files" in err[2]


def _stock_extract(rows: list) -> str:
    """A SIRENE extract in INSEE's own column names: siren, siret, name, unit state, commune."""
    header = ["siren", "siret", "denominationUniteLegale", "etatAdministratifUniteLegale"]
    header += ["codeCommuneEtablissement", "etatAdministratifEtablissement"]
    assert set(header) <= set(UNITE_LEGALE_COLUMNS) | set(ETABLISSEMENT_COLUMNS)
    return "\n".join(",".join(row) for row in [header, *rows]) + "\n"


def test_insee_stock_whose_units_have_mostly_ceased_cleans_with_exit_0(tmp_path, capsys):
    """Losses by content rules (ceased units, closed establishments) say the file was read right."""
    rows = [
        [SIREN_A, SIRET_A, "ACTIVE SANTE", "A", "34172", "A"],
        [SIREN_B, "", "CESSEE UNE", "C", "31555", "A"],
        ["443061841", "", "CESSEE DEUX", "C", "31555", "A"],
        ["542065479", "", "FERMEE", "A", "75056", "F"],
        ["356000000", "", "CESSEE TROIS", "C", "75056", "A"],
        ["775672272", "", "CESSEE QUATRE", "C", "75056", "A"],
    ]
    raw = _raw(tmp_path, {"sirene/StockEtablissement_extrait.csv": _stock_extract(rows)})
    code, out = _clean(tmp_path, raw)
    assert code == 0, capsys.readouterr().err
    reasons = pd.read_csv(out / "rejected.csv")["reason"].tolist()
    assert len(reasons) == 5 and pd.read_parquet(out / "companies.parquet")["siren"].tolist() == [
        SIREN_A
    ]


def test_losses_that_say_the_file_is_misread_still_fail(tmp_path, capsys):
    rows = "Nom;Code postal\n" + "".join(f"Société {i};99999\n" for i in range(8)) + "Une;34000\n"
    code, _ = _clean(tmp_path, _raw(tmp_path, {"liste.csv": rows}))
    assert code == 1 and "code postal inconnu" in capsys.readouterr().err
