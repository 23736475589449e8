"""The date a source describes (source.yml `date`): as YAML gives it, checked, kept in quality.json."""

import datetime
import json

import pytest

from santenum.clean.discover import source_date
from santenum.cli import main
from santenum.core import french


@pytest.mark.parametrize(
    "value, text",
    [
        (datetime.date(2023, 3, 15), "2023-03-15"),  # YAML reads an unquoted 2023-03-15 as a date
        ("2023-03", "2023-03"),
        (2023, "2023"),  # and 2023 as a number
        ("2023-13", None),
        ("2023-02-30", None),
        ("mars 2023", None),
        (True, None),
        ("", None),
    ],
)
def test_a_source_date_is_a_day_a_month_or_a_year(value, text):
    assert source_date(value) == text


@pytest.mark.parametrize(
    "text, shown", [("2023-03-15", "15/03/2023"), ("2023-03", "mars 2023"), ("2023", "2023")]
)
def test_a_period_in_french(text, shown):
    assert french.period(text) == shown


@pytest.mark.slow
def test_the_date_goes_to_quality_json_for_each_source(tmp_path, write_csv):
    raw = tmp_path / "raw"
    write_csv(raw / "membres.csv", [["nom", "code postal"], ["Alpha Santé", "31000"]])
    write_csv(raw / "adherents.csv", [["nom", "code postal"], ["Beta Santé", "34000"]])
    (raw / "source.yml").write_text(
        "date: 2023-06-30\nfiles:\n  adherents.csv:\n    date: 2022\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    assert main(["clean", str(raw), "--out", str(out), "--quiet"]) == 0
    sources = json.loads((out / "quality.json").read_text(encoding="utf-8"))["sources"]
    assert {s["source"]: s["date"] for s in sources} == {
        "membres.csv": "2023-06-30",
        "adherents.csv": "2022",
    }
