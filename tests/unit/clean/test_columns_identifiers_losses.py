"""Who a column names (a person, a funder, the file's issuer), identifiers typed in the wrong
column, INSEE's own band labels, and sources that lose most of their rows."""

import json

import pandas as pd
import pytest

from santenum.clean.fields import field_of, person_headers
from santenum.clean.normalise.identifiers import resolve_siren
from santenum.clean.normalise.size import parse_band, parse_headcount
from santenum.clean.values import issuer_columns
from santenum.cli import main
from tests.helpers import SIREN_A, SIRET_A

SIREN, SIRET = SIREN_A, SIRET_A  # python-stdnum's examples


@pytest.mark.parametrize(
    "header",
    ["nomAttribuant", "idAttribuant", "COLL_NOM", "COLL_SIRET", "SIRET autorité administrative"],
)
def test_a_funders_column_is_no_field(header):
    assert field_of(header) == (None, "")


@pytest.mark.parametrize(
    "header, field",
    [
        ("nomBeneficiaire", "name"),
        ("ATTRIB_NOM", "name"),
        ("Identification du bénéficiaire", "siret"),
        ("Pourcentage du montant de la subvention attribuée au bénéficiaire", None),
    ],
)
def test_the_beneficiarys_columns(header, field):
    assert field_of(header)[0] == field


def test_the_surname_beside_a_first_name_of_the_same_person_is_a_person_column():
    headers = ["Nom du lauréat", "Prénom du lauréat", "Nom de l'entreprise", "Ville"]
    assert person_headers(headers) == ["Nom du lauréat", "Prénom du lauréat"]
    assert person_headers(["NOM DIRIGEANT", "PRENOM DIRIGEANT", "RAISON SOCIALE"]) == [
        "NOM DIRIGEANT",
        "PRENOM DIRIGEANT",
    ]


def test_an_identity_column_with_one_value_beside_a_varying_one_is_the_issuer():
    frame = pd.DataFrame(
        {
            "Nom de l'attributaire": ["Conseil départemental"] * 6,
            "Nom du bénéficiaire": list("ABCDEF"),
            "Nom": ["Seule"] * 6,
        }
    )
    mapping = {"name": list(frame.columns)}
    assert issuer_columns(mapping, frame, {}) == ["Nom de l'attributaire", "Nom"]
    assert issuer_columns(mapping, frame, {"Nom": "name"}) == ["Nom de l'attributaire"]
    assert issuer_columns({"name": ["Nom"]}, frame, {}) == []  # alone, it names the companies
    assert issuer_columns(mapping, frame.head(4), {}) == []  # too few rows to tell


@pytest.mark.parametrize(
    "siren, siret, expected, reason",
    [
        ("73282932", SIRET, SIREN, None),  # a malformed SIREN: the valid SIRET decides
        ("732829321", SIRET, SIREN, None),  # a SIREN failing its check, the same
        (None, SIREN, SIREN, None),  # a SIREN typed in the SIRET column
        ("552100554", SIRET, None, "SIRET ne correspondant pas au SIREN"),  # two valid: unknown
    ],
)
def test_identifiers_in_the_wrong_column_or_wrong(siren, siret, expected, reason):
    out = resolve_siren(pd.Series([siren], dtype="string"), pd.Series([siret], dtype="string"))
    assert out.at[0, "siren"] is pd.NA if expected is None else out.at[0, "siren"] == expected
    assert (out.at[0, "reason"] is pd.NA) if reason is None else out.at[0, "reason"] == reason


@pytest.mark.parametrize(
    "text, band",
    [
        ("0 salarié", "00"),
        ("1 ou 2 salariés", "01"),
        ("10 000 salariés et plus", "53"),
        ("Unité non employeuse", "NN"),
        ("0 salarié (n'ayant pas d'effectif au 31/12 mais ayant employé des salariés)", "00"),
    ],
)
def test_insees_own_band_labels(text, band):
    values = pd.Series([text], dtype="string")
    assert parse_band(values)[0] == band
    size = parse_headcount(values)
    assert size.at[0, "headcount_band"] == band and size.at[0, "headcount"] is pd.NA


def _write(raw, rows, yml=None):
    raw.mkdir(parents=True, exist_ok=True)
    (raw / "liste.csv").write_text("\n".join(";".join(r) for r in rows) + "\n", encoding="utf-8")
    if yml:
        (raw / "source.yml").write_text(yml, encoding="utf-8")
    return raw


# Rows identified by a SIREN alone that fails its check: nothing to keep them by (a named row
# would be kept by its name, its SIREN listed in a_verifier.csv).
LOSING = [["Nom", "SIREN"]] + [["", "123456789"] for _ in range(8)] + [["Société 9", SIREN]]


@pytest.mark.slow
def test_a_source_that_loses_most_rows_fails_the_run_with_its_reason(tmp_path, capsys):
    raw = _write(tmp_path / "raw", LOSING)
    out = tmp_path / "out"
    assert main(["clean", str(raw), "--out", str(out), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "liste.csv : 8 ligne(s) sur 9 en quarantaine pour « SIREN invalide" in err
    assert "par exemple la ligne 2" in err and "accept_losses: true" in err
    assert (out / "rejected.csv").exists()  # written, for the analyst to look at


@pytest.mark.slow
def test_accept_losses_lets_it_pass(tmp_path):
    raw = _write(tmp_path / "raw", LOSING, "accept_losses: true\n")
    assert main(["clean", str(raw), "--out", str(tmp_path / "out"), "--quiet"]) == 0


@pytest.mark.slow
def test_ignore_sets_a_column_aside(tmp_path, capsys):
    rows = [["Nom", "Nom commercial", "SIREN"], ["Alpha SAS", "Alpha", SIREN]]
    raw = _write(tmp_path / "raw", rows, "ignore: [Nom commercial]\n")
    out = tmp_path / "out"
    assert main(["clean", str(raw), "--out", str(out)]) == 0
    source = json.loads((out / "quality.json").read_text(encoding="utf-8"))["sources"][0]
    assert source["columns"]["name"] == ["Nom"]
    assert source["set_aside_columns"] == {"Nom commercial": "écartée par source.yml (ignore)"}
    assert "« Nom commercial » écartée" in capsys.readouterr().err


@pytest.mark.slow
def test_ignore_names_a_column_the_file_lacks(tmp_path, capsys):
    raw = _write(tmp_path / "raw", [["Nom", "SIREN"], ["Alpha", SIREN]], "ignore: [Effectif]\n")
    assert main(["clean", str(raw), "--out", str(tmp_path / "out"), "--quiet"]) == 2
    assert "ignores column(s) ['Effectif']" in capsys.readouterr().err


@pytest.mark.slow
def test_report_all_on_a_table_without_any_region_is_one_line(tmp_path, capsys):
    raw = _write(tmp_path / "raw", [["Nom", "SIREN"], ["Alpha", SIREN]], "perimeter: membres\n")
    out = tmp_path / "out"
    assert main(["clean", str(raw), "--out", str(out), "--quiet"]) == 0
    capsys.readouterr()
    argv = ["report", "--data", str(out / "companies.parquet"), "--region", "all", "--quiet"]
    assert main([*argv, "--no-study-pdf", "--out", str(tmp_path / "r")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no company in companies.parquet is located" in err
    assert not (tmp_path / "r").exists()


@pytest.mark.slow
def test_a_rounded_siret_is_listed_even_when_its_row_cannot_be_kept(tmp_path):
    from santenum.clean import clean_directory

    raw = _write(
        tmp_path / "raw",
        [
            ["Nom", "SIRET"],
            ["Alpha Santé", "73282932000000"],  # rounded, named: kept by name, listed
            ["", "4,50324660E+13"],  # rounded, no name: quarantined, listed
            ["Beta Santé", "73282932000075"],  # a typo, named: kept by name, listed
        ],
    )
    result = clean_directory(raw, show_progress=False)
    listed = result.to_check.set_index("row")["reason"]
    assert sorted(listed.index) == [2, 3, 4]
    assert listed[2] == "SIRET invalide (clé de contrôle fausse) ; semble arrondi par un tableur"
    assert listed[3].endswith("ligne en quarantaine (voir rejected.csv)")
    assert listed[4] == "SIRET invalide (clé de contrôle fausse)"
    assert sorted(result.companies["name"]) == ["Alpha Santé", "Beta Santé"]
    assert result.quality.total.kept_with_identifier_to_check == 2


@pytest.mark.parametrize(
    "label, category",
    [
        ("Petite ou moyenne entreprise", "PME"),
        ("Petites et moyennes entreprises", "PME"),
        ("Entreprises de taille intermédiaire", "ETI"),
        ("Grandes entreprises", "GE"),
        ("Micro-entreprise", "PME"),
    ],
)
def test_insees_category_labels(label, category):
    from santenum.clean.normalise.size import parse_category

    assert parse_category(pd.Series([label], dtype="string"))[0] == category


def test_a_column_is_proposed_for_a_field_only_when_its_values_fit():
    """« Site web entreprise → siren (81 %) » and « n_etablissements → head_office » were
    proposed, and --strict then refused the file."""
    from santenum.clean.ignored import suggestions

    frame = pd.DataFrame(
        {
            "Site web entreprise": ["https://cardioplume.fr", "www.medi-q.fr", "https://hopia.io"],
            "n_etablissements": ["1", "3", "12"],
            "Sirène": [SIREN, "552100554", "356000000"],
        },
        dtype="string",
    )
    assert suggestions(list(frame.columns), frame) == {"Sirène": "siren"}


@pytest.mark.slow
def test_strict_no_longer_refuses_a_web_site_column(tmp_path):
    rows = [["Nom", "Site web entreprise", "SIREN"], ["Alpha", "https://alpha.fr", SIREN]]
    raw = _write(tmp_path / "raw", rows)
    assert main(["clean", str(raw), "--out", str(tmp_path / "out"), "--strict", "--quiet"]) == 0


def test_an_identifier_column_is_told_by_its_check_digits_whatever_its_header():
    from santenum.clean.values import identifier_columns

    sirens = [SIREN, "552100554", "356000000", "443061841", "542107651"]
    frame = pd.DataFrame(
        {
            "Identifiant": sirens,
            "N° établissement": [s + "00013" if s == SIREN else None for s in sirens],
            "Montant": ["123456789", "234567891", "345678912", "456789123", "567891234"],
            "Téléphone": ["0102030405"] * 5,
        },
        dtype="string",
    )
    assert identifier_columns(frame, list(frame.columns)) == {"Identifiant": "siren"}


@pytest.mark.slow
def test_a_file_whose_siren_column_has_no_known_header_is_identified(tmp_path):
    rows = [["Raison sociale", "Identifiant"]]
    rows += [
        [f"Société {i}", s]
        for i, s in enumerate([SIREN, "552100554", "356000000", "443061841", "542107651"])
    ]
    out = tmp_path / "out"
    assert main(["clean", str(_write(tmp_path / "raw", rows)), "--out", str(out), "--quiet"]) == 0
    source = json.loads((out / "quality.json").read_text(encoding="utf-8"))["sources"][0]
    assert source["columns_by_values"] == {"Identifiant": "siren"}
    assert source["columns"]["siren"] == ["Identifiant"]
