"""A column of people's names is found by its values (INSEE's first names), whatever its header:
never a company's name, never copied into an output."""

import json

import pandas as pd
import pytest

from santenum.clean.persons import looks_like_people
from santenum.cli import main

LAUREATES = ["Ysolde Durandal", "Amaury Fictivier", "LÉONIE Imaginet", "Basile Songe"]


@pytest.mark.parametrize(
    "values, people",
    [
        (LAUREATES, True),
        (["DURANDAL Ysolde", "FICTIVIER Amaury", "SONGE Basile"], True),  # surname first
        (["Ysolde", "Amaury", "Capucine", "Anatole"], True),  # first names alone
        (["Cardioplume SAS", "Médi-Q", "Télé Santé Sud", "Clinique du Parc"], False),
        (["Toulouse", "Montpellier", "Nîmes", "Albi"], False),
        (["Jean Martin Conseil", "Pharmacie Anatole", "Cabinet Ysolde", "Basile 2000"], False),
        (["Ysolde Durandal", "Amaury Fictivier"], False),  # too few to tell
    ],
)
def test_a_column_of_people(values, people):
    assert looks_like_people(pd.Series(values, dtype="string")) is people


@pytest.mark.slow
def test_laureates_names_are_never_a_company_nor_copied(tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    rows = ["Lauréat;Entreprise;Code postal"]
    rows += [
        f"{person};{company};{postal}"
        for person, company, postal in zip(
            LAUREATES,
            ["Cardioplume", "Médi-Q", "Télé Santé Sud", "Hopia"],
            ["31000", "34000", "99999", "30000"],  # the third is quarantined: its cells are copied
            strict=True,
        )
    ]
    (raw / "laureats.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["clean", str(raw), "--out", str(out), "--quiet"]) == 0
    written = "".join(p.read_text(encoding="utf-8") for p in out.glob("*.[cj]s*"))
    companies = pd.read_parquet(out / "companies.parquet")
    assert sorted(companies["name"]) == ["Cardioplume", "Hopia", "Médi-Q"]
    for person in LAUREATES:
        surname = person.split()[1]
        assert surname not in written and surname not in companies.to_string()
    source = json.loads((out / "quality.json").read_text(encoding="utf-8"))["sources"][0]
    assert "Lauréat" not in source["ignored_columns"]  # not even suggested for a field
