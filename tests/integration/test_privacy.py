"""Nothing leaked (issue 20, item 2): natural persons' names from every layout, and social-security
numbers (NIR), never reach companies.parquet, rejected.csv, a_verifier.csv or quality.json."""

import csv
from pathlib import Path

import pandas as pd
import pytest
from stdnum import luhn

from santenum.clean.fields import person_headers
from santenum.cli import main
from santenum.core.privacy import NIR_MASK, mask_nir_text
from santenum.core.table.store import read_companies
from tests.helpers import DATA

LAYOUTS = DATA / "layouts"
PRE_2019 = (LAYOUTS / "sirene_pre2019_header.csv").read_text(encoding="utf-8").strip().split(",")
# Valid SIRENs (Luhn) of three public companies; their rows below are invented.
COMPANY, WITH_SIGN, WITHOUT_SIGN = "552081317", "542107651", "356000000"
PERSONS = ("DUPONT", "MARIE", "MARTIN", "PAUL", "Durand", "Jeanne")
# Social-security numbers: python-stdnum's documented example, and the same without its key.
NIR = "2 95 10 99 126 111 93"
NIR_NO_KEY = "2951099126111"


def _outputs(out: Path) -> str:
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(out.glob("*.[cj]s*")))
    return text + read_companies(out / "companies.parquet").to_csv()


def _clean(raw: Path, out: Path) -> int:
    return main(["clean", str(raw), "--out", str(out), "--as-of", "2023-06-30", "--quiet"])


def _pre2019_row(**cells) -> dict:
    return {column: cells.get(column, "") for column in PRE_2019}


@pytest.fixture
def pre_2019_stock(tmp_path):
    """INSEE's pre-2019 stock layout: a company, two individual entrepreneurs (one with a sign),
    and an individual entrepreneur's closed establishment (quarantined)."""
    place = {"CODPOS": "34000", "COMET": "172", "DEPET": "34", "LIBCOM": "MONTPELLIER"}
    rows = [
        _pre2019_row(SIREN=COMPANY, NIC="00017", NOMEN_LONG="SANTE CONNECT", NJ="5710", **place),
        _pre2019_row(
            SIREN=WITH_SIGN,
            NIC="00015",
            L1_NORMALISEE="MADAME MARIE DUPONT",
            NOMEN_LONG="DUPONT*MARIE/",
            NOM="DUPONT",
            PRENOM="MARIE",
            CIVILITE="2",
            ENSEIGNE="CABINET TELESANTE",
            NJ="1000",
            **place,
        ),
        # the catégorie juridique is missing: the person columns alone tell it is a person
        _pre2019_row(
            SIREN=WITHOUT_SIGN,
            NIC="00011",
            L1_NORMALISEE="MONSIEUR PAUL MARTIN",
            NOMEN_LONG="MARTIN*PAUL/",
            NOM="MARTIN",
            PRENOM="PAUL",
            CIVILITE="1",
            **place,
        ),
        _pre2019_row(
            SIREN="301940219",
            NIC="00019",
            L1_NORMALISEE="MONSIEUR PAUL MARTIN",
            NOMEN_LONG="MARTIN*PAUL/",
            NOM="MARTIN",
            PRENOM="PAUL",
            NJ="1000",
            CODPOS="99999",  # no such postal code: quarantined, and its cells go to rejected.csv
        ),
    ]
    raw = tmp_path / "raw"
    raw.mkdir()
    pd.DataFrame(rows, columns=PRE_2019).to_csv(raw / "sirc-34.csv", sep=";", index=False)
    return raw


@pytest.mark.slow
def test_pre_2019_layout_never_names_a_person(pre_2019_stock, tmp_path):
    out = tmp_path / "out"
    assert _clean(pre_2019_stock, out) == 0
    names = read_companies(out / "companies.parquet").set_index("siren")["name"]
    assert names.to_dict() == {
        WITHOUT_SIGN: None,  # counted, never named (issue 29, item 4)
        WITH_SIGN: "CABINET TELESANTE",
        COMPANY: "SANTE CONNECT",
    }
    rejected = list(csv.DictReader(open(out / "rejected.csv", encoding="utf-8")))
    assert [r["row"] for r in rejected] == ["5"] and "301940219" in rejected[0]["values"]
    written = _outputs(out)
    for secret in PERSONS[:4]:
        assert secret not in written, secret


@pytest.mark.slow
def test_annuaire_export_never_names_a_person(tmp_path, write_csv):
    """The annuaire des entreprises export: nom_complet holds the person's name for an EI."""
    rows = [
        ["siren", "nom_complet", "nature_juridique", "siege_code_postal"],
        [COMPANY, "SANTE CONNECT", "5710", "34000"],
        [WITH_SIGN, "Jeanne Durand", "1000", "34000"],
    ]
    write_csv(tmp_path / "raw" / "export-annuaire.csv", rows, delimiter=",")
    assert _clean(tmp_path / "raw", tmp_path / "out") == 0
    names = read_companies(tmp_path / "out" / "companies.parquet").set_index("siren")["name"]
    assert pd.isna(names[WITH_SIGN])
    assert "Durand" not in _outputs(tmp_path / "out")


@pytest.mark.slow
def test_nir_in_an_identifier_column_is_masked_everywhere(tmp_path, write_csv):
    rows = [
        ["Raison sociale", "SIRET ou NIR", "Code postal", "Remarque"],
        ["Cabinet Infirmier du Lez", NIR, "34000", ""],  # kept by name and place: a_verifier.csv
        ["", NIR_NO_KEY, "", f"voir {NIR}"],  # nothing to keep: rejected.csv
        ["Télé Soins", "", "34000", f"NIR du gérant {NIR}"],
    ]
    write_csv(tmp_path / "raw" / "laureats.csv", rows)
    assert _clean(tmp_path / "raw", tmp_path / "out") == 0
    written = _outputs(tmp_path / "out")
    # masked as read, the column holds no identifier: set aside, its values copied nowhere
    assert "« SIRET ou NIR »" not in written and '"SIRET ou NIR": "l\'en-tête nomme' in written
    for secret in (NIR, NIR.replace(" ", ""), NIR_NO_KEY, "126 111"):
        assert secret not in written, secret


@pytest.mark.parametrize(
    "text, masked",
    [
        ("2 95 10 99 126 111 93", True),
        ("295109912611193", True),
        ("1 84 12 76 451 089 46", True),  # a wrong key: still a person's number
        ("2 95 10 2A 126 111", True),  # Corsica, without its key
        ("73282932000074", False),  # a SIRET
        ("732829320", False),  # a SIREN
        ("30194021900019", False),
        ("1 234,50", False),
    ],
)
def test_nir_shapes(text, masked):
    assert (mask_nir_text(text) == NIR_MASK) is masked


def test_a_siret_whose_leading_zero_was_dropped_is_not_taken_for_a_nir():
    # 13 digits shaped like a NIR without its key, that are a SIRET once its leading 0 is back
    digits = next(f"1851278006{n:03d}" for n in range(1000) if luhn.is_valid(f"01851278006{n:03d}"))
    assert mask_nir_text(digits) == digits
    assert mask_nir_text(str(int(digits) + 1)) == NIR_MASK


@pytest.mark.parametrize(
    "headers, persons",
    [
        (["Raison sociale", "Nom", "Code postal"], []),  # a cluster list: Nom is the company
        (["Entreprise", "Nom", "Prénom", "Civilité"], ["Nom", "Prénom", "Civilité"]),
        (["SIREN", "NOMEN_LONG", "NOM", "PRENOM", "APEN700"], ["NOM", "PRENOM"]),
        (
            ["siren", "nomUniteLegale", "prenom1UniteLegale", "sexeUniteLegale"],
            ["nomUniteLegale", "prenom1UniteLegale", "sexeUniteLegale"],
        ),
        (["Société", "Prénom du dirigeant", "Sexe"], ["Prénom du dirigeant", "Sexe"]),
    ],
)
def test_person_headers(headers, persons):
    assert person_headers(headers) == persons


@pytest.mark.slow
@pytest.mark.parametrize("space", [" ", "\u00a0", "\u202f", "\t", "  ", ".", "-"])
def test_a_nir_in_any_spacing_is_masked_in_cells_and_headers(tmp_path, space):
    """Issue 29, item 1: written with no-break spaces (as French Excel writes them), tabs, double
    spaces, dots or dashes, a NIR reached rejected.csv, a_verifier.csv, companies.parquet and,
    from a header, quality.json."""
    nir = space.join(NIR.split(" "))
    rows = [
        ["Raison sociale", "SIRET ou NIR", "Code postal", f"Remarque {nir}"],
        ["Cabinet Infirmier du Lez", nir, "34000", ""],  # kept by name: a_verifier.csv
        ["", nir, "", f"voir {nir}"],  # nothing to keep: rejected.csv
        [f"Cabinet {nir}", "", "34000", ""],  # a NIR in a name: companies.parquet
    ]
    (tmp_path / "raw").mkdir()
    if space == "\t":  # a CSV whose cells hold tabs is read as tab-separated: a workbook
        import openpyxl

        book = openpyxl.Workbook()
        for row in rows:
            book.active.append(row)
        book.save(tmp_path / "raw" / "laureats.xlsx")
    else:
        with open(tmp_path / "raw" / "laureats.csv", "w", encoding="utf-8", newline="") as fh:
            csv.writer(fh, delimiter=";").writerows(rows)
    assert _clean(tmp_path / "raw", tmp_path / "out") == 0
    written = _outputs(tmp_path / "out")
    assert NIR_MASK in written
    for secret in (nir, NIR.replace(" ", ""), "126" + space + "111"):
        assert secret not in written, secret


def test_outputs_copy_only_the_columns_read_as_fields(tmp_path, write_csv):
    """Issue 30, item 7, and issue 29, item 3: rejected.csv copies the columns read as a field,
    never an unread one (investors who are people, a declared name, an added « dirigeants »)."""
    rows = [
        [
            "Raison sociale",
            "Code postal",
            "Investisseurs",
            "Dirigeants",
            "L1_DECLAREE",
            "Montant levé",
        ],
        ["Télé Santé Sud", "34000", "Xavier Niel, Jeanne Durand", "Paul Martin", "X", "2 M€"],
        ["Imagerie Nord", "99999", "Jeanne Durand", "Marie Dupont", "MME MARIE DUPONT", "1 M€"],
    ]
    write_csv(tmp_path / "raw" / "levees.csv", rows)
    _clean(tmp_path / "raw", tmp_path / "out")
    rejected = list(csv.DictReader(open(tmp_path / "out" / "rejected.csv", encoding="utf-8")))
    assert [r["row"] for r in rejected] == ["3"]
    assert rejected[0]["values"] == '{"Raison sociale": "Imagerie Nord", "Code postal": "99999"}'
    written = _outputs(tmp_path / "out")
    for secret in ("Niel", "Durand", "Martin", "DUPONT", "Dupont", "M€"):
        assert secret not in written, secret


@pytest.mark.slow
def test_pre_2019_declared_name_and_added_columns_are_never_copied(tmp_path):
    """A quarantined individual entrepreneur's L1_DECLAREE/L2_DECLAREE (its declared name) and a
    column INSEE never published, holding people, never reach rejected.csv (issue 29, item 3)."""
    header = [*PRE_2019, "dirigeants"]
    row = {column: "" for column in header}
    row.update(
        SIREN="301940219",
        NIC="00019",
        NOMEN_LONG="MARTIN*PAUL/",
        NOM="MARTIN",
        PRENOM="PAUL",
        NJ="1000",
        CODPOS="99999",
        dirigeants="Jeanne Durand",
    )
    row.update({c: "MONSIEUR PAUL MARTIN" for c in header if c.startswith(("L1_", "L2_"))})
    raw = tmp_path / "raw"
    raw.mkdir()
    pd.DataFrame([row], columns=header).to_csv(raw / "sirc-34.csv", sep=";", index=False)
    _clean(raw, tmp_path / "out")
    written = _outputs(tmp_path / "out")
    assert "301940219" in written
    for secret in ("MARTIN", "PAUL", "Durand", "Jeanne"):
        assert secret not in written, secret


@pytest.mark.slow
def test_a_valid_siren_without_a_name_is_a_company(tmp_path, write_csv):
    """Issue 30, item 5: kept, counted, listed in a_verifier.csv to be named; an individual
    entrepreneur without a trade name is counted and never listed (issue 29, item 4)."""
    rows = [
        ["SIREN", "Raison sociale", "Catégorie juridique", "Code postal"],
        [COMPANY, "", "5710", "34000"],
        [WITHOUT_SIGN, "", "1000", "34000"],
        ["552100554", "Télé Santé Sud", "5710", "34000"],
    ]
    write_csv(tmp_path / "raw" / "liste.csv", rows)
    assert _clean(tmp_path / "raw", tmp_path / "out") == 0
    companies = read_companies(tmp_path / "out" / "companies.parquet").set_index("siren")
    assert sorted(companies.index) == sorted([COMPANY, WITHOUT_SIGN, "552100554"])
    assert companies["name"].isna().sum() == 2
    listed = pd.read_csv(tmp_path / "out" / "a_verifier.csv", dtype=str)
    assert listed["value"].tolist() == [COMPANY] and "nom à compléter" in listed["reason"][0]


@pytest.mark.slow
def test_inspect_masks_what_clean_would_not_copy(pre_2019_stock, tmp_path, write_csv, capsys):
    """Issue 29, item 3: inspect printed L1_NORMALISEE, NOMEN_LONG and nom_complet unmasked."""
    write_csv(
        pre_2019_stock / "export-annuaire.csv",
        [
            ["siren", "nom_complet", "nature_juridique", "siege_code_postal", "dirigeants"],
            [COMPANY, "SANTE CONNECT", "5710", "34000", "Jeanne Durand"],
            [WITH_SIGN, "Jeanne Durand", "1000", "34000", ""],
        ],
        delimiter=",",
    )
    assert main(["inspect", str(pre_2019_stock)]) == 0
    shown = capsys.readouterr().out
    assert "SANTE CONNECT" in shown  # a company's name, read as one, is shown
    for secret in PERSONS:
        assert secret not in shown, secret
