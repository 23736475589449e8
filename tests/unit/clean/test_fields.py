"""Headers as people write them: a corpus of real-world variants, each with the field it must map
to (or none: 'Nom du contact', 'Effectif de la commune'…), and the report of unused columns."""

import csv

import pytest

from santenum.clean.fields import field_of, match_headers
from santenum.cli import main
from santenum.core.insee import PERSON_COLUMNS, UNITE_LEGALE_COLUMNS
from tests.helpers import DATA

CORPUS = DATA / "header_variants.csv"
VARIANTS = list(csv.DictReader(CORPUS.open(encoding="utf-8")))


def test_the_corpus_is_large_and_has_headers_that_must_not_match():
    assert len(VARIANTS) >= 150
    assert sum(1 for v in VARIANTS if not v["field"]) >= 15


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: v["header"])
def test_each_variant_maps_to_its_field(variant):
    assert (field_of(variant["header"])[0] or "") == variant["field"], variant["origin"]


def test_no_person_column_of_insee_is_ever_read():
    assert [c for c in PERSON_COLUMNS if field_of(c)[0]] == []
    assert set(PERSON_COLUMNS) <= set(UNITE_LEGALE_COLUMNS)


def test_a_known_name_ranks_before_a_header_matched_by_its_words():
    found = match_headers(["Nom de la structure porteuse", "Raison sociale", "Effectif salarié"])
    assert found["name"] == ["Raison sociale", "Nom de la structure porteuse"]
    assert found["headcount"] == ["Effectif salarié"]


@pytest.mark.slow
def test_unused_columns_are_listed_with_their_closest_field(tmp_path, write_csv, capsys):
    write_csv(
        tmp_path / "raw" / "liste.csv",
        [
            ["Société", "Efectif", "Code postal", "Nom du contact"],
            ["Médi-Q", "12", "34000", "Jeanne Dupont"],
        ],
    )
    assert main(["clean", str(tmp_path / "raw"), "--out", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert "« Efectif » ignorée (champ le plus proche : headcount — effectif salarié" in err
    assert '  liste.csv:\n    columns: {"Efectif": headcount}' in err
    assert (
        "Nom du contact" not in err.split("coller dans source.yml", 1)[1]
    )  # listed, not suggested


@pytest.mark.slow
def test_strict_refuses_a_column_that_looks_like_a_field(tmp_path, write_csv, capsys):
    write_csv(
        tmp_path / "raw" / "liste.csv",
        [["Société", "Efectif", "Code postal"], ["Médi-Q", "12", "34000"]],
    )
    out = tmp_path / "out"
    assert main(["clean", str(tmp_path / "raw"), "--out", str(out), "--strict", "--quiet"]) == 2
    assert "'Efectif' looks like field 'headcount'" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.slow
def test_unused_columns_are_listed_once_per_header_and_at_most_twenty(tmp_path, write_csv, capsys):
    """Two files sharing a header (each with « Remarque ») and one of 25 unused columns: a line
    for « Remarque » naming both files, then 20 lines and a count, not one line per column."""
    raw = tmp_path / "raw"
    for name in ("a.csv", "b.csv"):
        write_csv(raw / name, [["Société", "Remarque"], ["Médi-Q SAS", "ras"], ["Bio SA", "ok"]])
    notes = [f"note {i}" for i in range(25)]
    write_csv(raw / "large.csv", [["Société", *notes], ["Alpha SAS", *["x"] * 25]])
    assert main(["clean", str(raw), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    err = capsys.readouterr().err
    assert "a.csv et 1 autre(s) fichier(s) : colonne « Remarque » ignorée" in err
    assert err.count("ignorée (champ le plus proche") == 20
    assert "6 autre(s) colonne(s) ignorée(s) : voir ignored_columns dans quality.json" in err


def test_every_field_has_a_french_name_for_messages():
    from santenum.core.table.columns import FIELD_LABELS, FIELDS

    assert all(FIELD_LABELS.get(field.name) for field in FIELDS)
