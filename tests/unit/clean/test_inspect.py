"""`santenum inspect`: how clean would read each file, shown before anything is written."""

import shutil

import pytest
import yaml

from santenum.clean import clean_directory
from santenum.cli import main
from tests.helpers import DATA
from tests.unit.clean.test_realign import GOOD, HEADER

pytestmark = pytest.mark.slow

SUBSIDIES = DATA / "subsidies"


def _inspect(raw, capsys):
    assert main(["inspect", str(raw)]) == 0
    return capsys.readouterr().out


def test_each_column_with_its_role_evidence_and_samples(tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SUBSIDIES / "haute-garonne.csv", raw)
    out = _inspect(raw, capsys)
    assert "format csv, encodage utf-8, séparateur ;, en-tête ligne 1 ; 69 lignes" in out
    assert "« nomAttribuant » → écartée (financeur" in out
    assert "« nomBeneficiaire » → name (nom connu) ex. : TENNIS ROQUES OLYMPIC CLUB" in out
    assert "« idBeneficiaire » → siret (nom connu)" in out
    assert not list(raw.glob("*.parquet")) and len(list(raw.iterdir())) == 1  # nothing written


def test_the_proposed_source_yml_reads_the_files_as_clean_did(tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ("aube.xlsx", "haute-garonne.csv", "nievre.csv"):
        shutil.copy(SUBSIDIES / name, raw)
    before = clean_directory(raw, show_progress=False).companies
    out = _inspect(raw, capsys)
    proposed = yaml.safe_load(out.split("# source.yml proposé (à vérifier) :\n", 1)[1])
    assert proposed["files"]["aube.xlsx"]["header_row"] == 2
    (raw / "source.yml").write_text(
        yaml.safe_dump(proposed, allow_unicode=True, sort_keys=False), "utf-8"
    )
    after = clean_directory(raw, show_progress=False).companies
    assert after.equals(before)


def test_person_columns_are_masked_and_an_unreadable_file_is_told(tmp_path, capsys, write_csv):
    raw = tmp_path / "raw"
    write_csv(
        raw / "laureats.csv",
        [
            ["Nom du lauréat", "Prénom du lauréat", "Entreprise"],
            ["Durandal", "Ysolde", "Cardioplume SAS"],
        ],
    )
    (raw / "vide.csv").write_text("", encoding="utf-8")
    assert main(["inspect", str(raw)]) == 2
    out = capsys.readouterr().out
    assert "Durandal" not in out and "Ysolde" not in out
    assert "« Prénom du lauréat » → personne (identité d'une personne (en-tête ou valeurs)" in out
    assert "ex. : •••" in out and "Cardioplume SAS" in out
    assert "== vide.csv\n   illisible : empty file" in out


def test_shapes_read_by_their_values_round_trip_and_contacts_are_masked(tmp_path, capsys):
    """The shapes' proposed source.yml names no role as a field (« coordonnées » is none) and
    reads the files as clean did; e-mails and telephone numbers are never shown."""
    raw = tmp_path / "raw"
    shutil.copytree(DATA / "shapes", raw, ignore=shutil.ignore_patterns("README.md"))
    before = clean_directory(raw, show_progress=False).companies
    out = _inspect(raw, capsys)
    assert "@" not in out and "06 12" not in out
    assert "« Zone » → postal_code (valeurs : codes postaux que la commune" in out
    proposed = yaml.safe_load(out.split("# source.yml proposé (à vérifier) :\n", 1)[1])
    assert proposed["files"]["lieux_par_valeurs.csv"]["columns"] == {
        "Structure": "name",
        "Implantation": "commune_name",
        "Zone": "postal_code",
    }
    (raw / "source.yml").write_text(
        yaml.safe_dump(proposed, allow_unicode=True, sort_keys=False), "utf-8"
    )
    assert clean_directory(raw, show_progress=False).companies.equals(before)


def test_every_finding_of_the_reader_is_said_in_french(tmp_path, capsys):
    """A realigned row and a real list without a header row (the French Tech 120): no reader key
    (« rows_realigned »), no « en-tête ligne 0 »."""
    raw = tmp_path / "raw"
    raw.mkdir()
    lines = [",".join(HEADER)] + [",".join(r) for r in GOOD]
    lines.append("77567227200013,Zeta,900,aide,50 % à la signature, solde après bilan,2019-06-01")
    (raw / "liste.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    shutil.copy(DATA / "real" / "frenchtech120_2020" / "french_tech_120_2020.csv", raw)
    out = _inspect(raw, capsys)
    assert "lignes réalignées 1" in out
    assert "sans ligne d'en-tête" in out
    assert "rows_realigned" not in out and "en-tête ligne 0" not in out


def test_a_kind_column_that_tells_persons_is_shown_as_read_for_that(tmp_path, capsys):
    """The lobbyists' register of 2013 (tests/data/real): « Nature de l'organisme » reads
    « Personne physique » on some rows; clean reads it to leave those rows unnamed."""
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(DATA / "real" / "lobbying_an_2013" / "registre-lobbying-AN-v1-131229.csv", raw)
    out = _inspect(raw, capsys)
    assert "« Nature de l'organisme » → nature de la ligne (lue pour une seule chose" in out
