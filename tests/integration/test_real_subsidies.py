"""Seven real subsidy lists published by local authorities (tests/data/subsidies/README.md): the
companies are the beneficiaries, never the council that pays, whatever the layout calls them.

Every expected figure was worked out from the files with the csv module, pandas and python-stdnum
(distinct valid SIRENs, rows without name or identifier), not with santenum.
"""

import functools
import shutil
import tempfile
from pathlib import Path

import pytest

from santenum.clean import clean_directory
from santenum.cli import main
from tests.helpers import DATA

pytestmark = pytest.mark.slow

DATA = DATA / "subsidies"
FUNDERS = {  # the authorities that pay, as each file writes them
    "departement du lot",
    "département du lot",
    "département de la nièvre",
    "département de la somme",
    "conseil départemental de l’aube",
    "département deux-sèvres",
    "commune de roques",
    "communaute d agglomeration du sicoval",
    "ville de poitiers",
}


@functools.cache
def _cleaned(name):
    """Each file cleaned once for the module (a result the tests only read)."""
    with tempfile.TemporaryDirectory() as folder:
        raw = Path(folder) / "raw"
        raw.mkdir()
        shutil.copy(DATA / name, raw / name)
        return clean_directory(raw, show_progress=False)


def _no_funder(result) -> None:
    names = {name.strip().lower() for name in result.companies["name"].dropna()}
    assert not names & FUNDERS, names & FUNDERS


@pytest.mark.parametrize(
    "name, companies, rejected",
    [
        # 69 rows: 68 valid SIRETs of 47 distinct SIRENs, 1 row with neither name nor SIRET
        ("haute-garonne.csv", 47, 1),
        ("lot.csv", 13, 0),  # 13 rows (and 21 empty lines), 13 distinct SIRENs
        ("nievre.csv", 97, 0),  # 97 rows, 97 distinct names, no beneficiary SIRET
        ("somme.csv", 34, 0),  # 41 valid SIRETs of 34 distinct SIRENs
        # 7 rows: 5 distinct SIRENs (the university twice); a 13-digit SIRET with no place, its
        # row named: kept by its name, the SIRET listed in a_verifier.csv (issue 30)
        ("aube.xlsx", 6, 1),  # and its title row, quarantined as such
        ("deux-sevres.xls", 262, 0),  # 466 valid SIRETs of 261 SIRENs, 1 row named only
    ],
)
def test_the_beneficiaries_are_the_companies(name, companies, rejected):
    result = _cleaned(name)
    assert len(result.companies) == companies
    assert result.quality.total.rejected == rejected
    _no_funder(result)
    assert not result.losses


def test_the_funders_columns_are_set_aside_and_said_so():
    source = _cleaned("haute-garonne.csv").quality.to_json()["sources"][0]
    assert source["columns"]["name"] == ["nomBeneficiaire"]
    assert source["columns"]["siret"] == ["idBeneficiaire"]
    assert set(source["set_aside_columns"]) == {"nomAttribuant", "idAttribuant"}
    assert "nomAttribuant" not in source["ignored_columns"]  # no mapping suggested for it


def test_an_issuer_column_is_found_by_its_values():
    """Aube calls its own council « attributaire »: one value on every row beside a varying one."""
    result = _cleaned("aube.xlsx")
    source = result.quality.to_json()["sources"][0]
    assert source["columns"]["name"] == ["Nom du bénéficiaire"]
    assert "Nom de l’attributaire" in source["set_aside_columns"]
    assert "Croix Rouge Française" in set(result.companies["name"])
    assert "Pourcentage du montant de la subvention attribuée au bénéficiaire" not in str(
        source["columns"]
    )


def test_a_byte_order_mark_before_windows_1252_text():
    result = _cleaned("somme.csv")
    names = set(result.companies["name"].dropna())  # a SIREN without a name is a company too
    assert "EPCC - POLE NATIONAL DU CIRQUE ET DES ARTS DE LA RUE" in names
    assert not any("Ã" in name or "\ufffd" in name for name in names)


def test_the_authoritys_siren_in_a_siret_column_does_not_sink_the_file():
    """Nièvre's COLL_SIRET holds the council's SIREN (9 digits): every row was quarantined."""
    result = _cleaned("nievre.csv")
    assert result.quality.total.rejected == 0
    assert "TRAJECTOIRES" in set(result.companies["name"])


def test_rounded_sirets_keep_their_rows_by_name_and_are_listed():
    """Poitiers' SIRETs went through a spreadsheet: 501 of 562 fail their check, all rounded."""
    result = _cleaned("poitiers.csv")
    assert result.quality.total.rejected == 0
    assert len(result.to_check) == 501
    assert result.to_check["reason"].str.endswith("semble arrondi par un tableur").all()
    assert "TROUVER SONNETTE A SON PIED" in set(result.companies["name"])
    assert result.companies["siren"].notna().sum() <= 61  # only the SIRETs that pass their check
    _no_funder(result)


def test_clean_tells_the_set_aside_columns_and_the_identifiers_to_check(tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(DATA / "poitiers.csv", raw / "poitiers.csv")
    assert main(["clean", str(raw), "--out", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert "colonne « COLL_SIRET » écartée (financeur" in err
    assert (
        "501 identifiant(s) à corriger : lignes gardées par leur nom, dont 501 semblent arrondis"
        in err
    )


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.iterdir() if p.suffix != ".md"))
def test_no_unused_column_is_suggested_as_a_field(name):
    """An amount or a decision date proposed as a headcount or a creation date is a wrong guess."""
    from santenum.clean.ignored import ignored_columns

    result = _cleaned(name)
    suggested = [i for i in ignored_columns(result.quality, result.files) if i.looks_like_a_field]
    assert not suggested, [(i.header, i.field, i.score) for i in suggested]
