"""Each field declared once (issue 30, item 1): header words, value check, parser and kind derive
header matching, parsing, validation, inspect and the conformity of values."""

import json
import subprocess
import sys

import pandas as pd
import pytest

from santenum.clean.checks import column_checks, conform, passes
from santenum.clean.fields import FIELD_OF_KEY, field_of
from santenum.clean.parse import PARSERS
from santenum.cli import main
from santenum.core.table.columns import COLUMNS, FIELD_BY_NAME, FIELDS, Check
from tests.helpers import DATA


def test_every_parsed_field_fills_a_declared_column():
    names = {column.name for column in COLUMNS}
    assert all(FIELD_BY_NAME[field].column in names for field in PARSERS)


def test_header_keys_come_from_the_declarations_only():
    assert FIELD_OF_KEY == {key: field.name for field in FIELDS for key in field.keys}
    assert field_of("Nom de la commune") == ("commune_name", "nom connu")
    assert field_of("com_nom")[0] == "commune_name"  # place words win over « nom »
    assert field_of("dep_nom")[0] == "departement" and field_of("reg_nom")[0] == "region"
    assert field_of("Startup")[0] == "name" and field_of("Exposant")[0] == "name"


@pytest.mark.parametrize(
    "check, values, expected",
    [
        (Check(r"\d{5}"), ["34000", "01", "340000", None], [True, False, False, True]),
        (Check(minimum=0), [3.0, -5000.0, None], [True, False, True]),
        (Check(minimum=0, maximum=1), [0.5, 1.5], [True, False]),
        (Check(among="departements"), ["34", "2A", "99"], [True, True, False]),
        (Check(siren=True), ["732829320", "123456789"], [True, False]),
    ],
)
def test_a_check_says_which_values_its_column_may_hold(check, values, expected):
    assert passes(check, pd.Series(values, dtype="object")).tolist() == expected


def test_values_outside_their_column_become_unparsed_values():
    rows = pd.DataFrame(
        {
            "postal_code": pd.Series(["34000", "01"], dtype="string"),
            "revenue_eur": pd.Series([12.0, -5000.0], dtype="Float64"),
            "creation_date": pd.to_datetime(["2020-01-01", "2099-01-01"]),
        }
    )
    unparsed = pd.DataFrame(
        False, index=rows.index, columns=["postal_code", "revenue", "creation_date"]
    )
    conform(rows, unparsed, pd.Timestamp("2023-06-30"))
    assert rows["postal_code"].isna().tolist() == [False, True]
    assert rows["revenue_eur"].isna().tolist() == [False, True]
    assert rows["creation_date"].isna().tolist() == [False, True]
    assert unparsed.to_numpy().tolist() == [[False] * 3, [True] * 3]
    assert set(column_checks()) >= {"postal_code", "revenue_eur", "segment"}


@pytest.mark.slow
def test_no_value_ends_in_a_schema_error(tmp_path, capsys):
    """A postal code « 01 » made the whole folder fail with a schema traceback (item 8)."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "liste.csv").write_text(
        "Raison sociale;Code postal;Ville;Chiffre d'affaires;Part de l'activité en santé numérique;"
        "Effectif;Date de création\n"
        "Alpha;01;Montpellier;-5000;150 %;-3;2099-01-01\nBeta;34000;Montpellier;12;50 %;4;2012\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert main(["clean", str(raw), "--out", str(out), "--quiet", "--as-of", "2023-06-30"]) == 0
    quality = json.loads((out / "quality.json").read_text(encoding="utf-8"))["sources"][0]
    assert set(quality["unparsed_values"]) == {
        "postal_code",
        "revenue",
        "digital_health_share",
        "headcount",
        "creation_date",
    }
    assert len(pd.read_parquet(out / "companies.parquet")) == 2


@pytest.mark.slow
def test_a_field_is_added_by_its_declaration_and_its_parser(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "liste.csv").write_text(
        "Raison sociale;Code postal;Site web\nTélé Santé Sud;34000;WWW.TELESANTE.FR\n"
        "Imagerie Nord;59000;pas de site\n",
        encoding="utf-8",
    )
    script = str(DATA / "declarations" / "add_a_field.py")
    run = [sys.executable, script, "clean", str(raw), "--out", str(tmp_path / "out"), "--quiet"]
    done = subprocess.run(run, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    companies = pd.read_parquet(tmp_path / "out" / "companies.parquet").set_index("name")
    assert companies["website"].to_dict() == {
        "Imagerie Nord": None,
        "Télé Santé Sud": "telesante.fr",
    }
    quality = json.loads((tmp_path / "out" / "quality.json").read_text(encoding="utf-8"))
    assert quality["sources"][0]["columns"]["website"] == ["Site web"]
    assert quality["sources"][0]["unparsed_values"]["website"]["examples"] == ["pas de site"]
    done = subprocess.run(
        [sys.executable, script, "inspect", str(raw)], capture_output=True, text=True
    )
    assert "« Site web » → website (nom connu)" in done.stdout
