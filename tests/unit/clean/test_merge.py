import pandas as pd

from santenum.clean.merge import assign_companies, combine
from santenum.clean.parse import LIST_FIELDS
from tests.helpers import SIREN_A, SIREN_B


def rows(*records):
    frame = pd.DataFrame(
        records,
        columns=[
            "kind",
            "siren",
            "name_key",
            "commune_code",
            "postal_code",
            "name",
            "creation_date",
            "segment",
        ],
    )
    frame = frame.astype({c: "string" for c in frame.columns if c != "creation_date"})
    for column in (
        "departement_code",
        "region_code",
        "metropole",
        "headcount_band",
        "size_category",
        "naf_code",
    ):
        frame[column] = pd.Series(pd.NA, index=frame.index, dtype="string")
    frame["headcount"] = pd.Series(pd.NA, index=frame.index, dtype="Int64")
    frame["revenue_eur"] = pd.Series(pd.NA, index=frame.index, dtype="Float64")
    for column in LIST_FIELDS:
        frame[column] = None
    frame["uses_ai"] = pd.Series(pd.NA, index=frame.index, dtype="boolean")
    frame["closed"] = pd.Series(pd.NA, index=frame.index, dtype="boolean")
    frame["digital_health_share"] = pd.Series(pd.NA, index=frame.index, dtype="Float64")
    frame["head_office"] = False
    frame["identifier_value"] = pd.Series(pd.NA, index=frame.index, dtype="string")
    frame["source"] = frame["kind"] + ".csv"
    frame["_source_order"] = frame["kind"].map({"sirene": 0, "survey": 1, "list": 2})
    frame["row"] = range(2, 2 + len(frame))
    return frame


def test_siren_links_and_name_in_same_commune_links():
    frame = rows(
        ("survey", SIREN_A, "mediq", "34172", "34000", "Médi-Q", None, "Data"),
        ("list", None, "mediq", "34172", "34000", "MEDIQ", None, None),
        ("sirene", SIREN_A, "mediqsante", "34172", None, "MEDIQ SANTE", "2020-01-01", None),
        ("list", None, "mediq", "31555", "31000", "MEDIQ", None, None),
    )
    assert assign_companies(frame).tolist() == [0, 0, 0, 3]


def test_a_wrong_identifier_links_to_the_siren_it_is_a_typo_or_rounding_of():
    """Subsidy lists give one beneficiary twice, once with its SIRET mistyped or rounded by a
    spreadsheet, and no place: the same company, not two (real lists of Sarthe, Maine-et-Loire)."""
    frame = rows(
        ("list", SIREN_A, "famillesrurales", None, None, "FAMILLES RURALES", None, None),
        ("list", None, "famillesrurales", None, None, "FAMILLES RURALES", None, None),
        ("list", None, "famillesrurales", None, None, "FAMILLES RURALES", None, None),
        ("list", None, "grainesdimages", None, None, "Graines d'Images", None, None),
        ("list", None, "grainesdimages", None, None, "Graines d'Images", None, None),
        ("list", None, "comitedesfetes", None, None, "Comité des fêtes", None, None),
        ("list", SIREN_B, "comitedesfetes", None, None, "Comité des fêtes", None, None),
    )
    rounded = "7,33E+13"  # 73282932000074 in a spreadsheet (7,328… rounded up)
    typo = SIREN_A[:4] + SIREN_A[5] + SIREN_A[4] + SIREN_A[6:] + "00074"  # two digits swapped
    frame["identifier_value"] = pd.Series(
        [None, rounded, typo, "43387838400025", "43387838400025", "12345678900011", None],
        dtype="string",
    )
    # a homonym whose wrong identifier is nowhere near the other's SIREN stays apart
    assert assign_companies(frame).tolist() == [0, 0, 0, 3, 3, 5, 6]


def test_a_name_repeated_in_one_file_with_nothing_else_is_one_company():
    """A register of declarations names each company on many lines, with no place nor identifier
    (Transparence Santé's scrape, a lobbyists' register): one company. In another file, or with a
    place, the same name is no link."""
    frame = rows(
        ("list", None, "alexion", None, None, "Alexion", None, None),
        ("list", None, "alexion", None, None, "ALEXION", None, None),
        ("list", None, "alexion", "34172", "34000", "Alexion", None, None),
        ("survey", None, "alexion", None, None, "Alexion", None, None),
        ("list", None, "m2m", "52269", None, "M2M", None, None),
        ("list", None, "m2m", None, None, "M2M", None, None),
        ("list", None, "justice", "75056", None, "Justice", None, None),
        ("list", None, "justice", "93008", None, "Justice", None, None),
    )
    frame["departement_code"] = pd.Series(
        [None, None, "34", None, "52", "52", "75", "93"], dtype="string"
    )
    # one commune at most in the same département: the same company; two communes: two
    assert assign_companies(frame).tolist() == [0, 0, 2, 3, 4, 4, 6, 7]


def test_name_shared_by_two_sirens_links_nothing():
    frame = rows(
        ("sirene", SIREN_A, "clinique", "34172", "34000", "Clinique", None, None),
        ("sirene", SIREN_B, "clinique", "34172", "34000", "Clinique", None, None),
        ("list", None, "clinique", "34172", "34000", "CLINIQUE", None, None),
    )
    assert assign_companies(frame).tolist() == [0, 1, 2]


def test_link_through_a_chain_of_keys():
    # row 0 ~ row 1 by name in commune, row 1 ~ row 2 by name and postal code
    frame = rows(
        ("list", None, "x", "34172", None, "X", None, None),
        ("list", None, "x", "34172", "34000", "X", None, None),
        ("list", None, "x", None, "34000", "X", None, None),
    )
    assert assign_companies(frame).tolist() == [0, 0, 0]


def test_precedence_and_conflicts():
    frame = rows(
        ("list", SIREN_A, "mediq", "34172", "34000", "MEDIQ", None, "Silver tech"),
        ("survey", SIREN_A, "mediq", "34172", "34000", "Médi-Q", "2021-05-01", "Data"),
        ("sirene", SIREN_A, "mediq", "34240", None, "MEDIQ", "2020-01-01", None),
    )
    frame["creation_date"] = pd.to_datetime(frame["creation_date"])
    frame["company"] = assign_companies(frame)
    companies, representative, conflicts = combine(frame)
    company = companies.iloc[0]
    assert company["name"] == "Médi-Q"  # survey first for the displayed name
    assert company["commune_code"] == "34240"  # register first for location
    assert company["postal_code"] == "34000"  # first non-missing value down the precedence
    assert company["creation_date"] == pd.Timestamp("2020-01-01")
    assert company["segment"] == "Data"  # survey first for declared attributes
    assert company["sources"] == ["list.csv", "sirene.csv", "survey.csv"]
    assert representative.tolist() == [False, False, True]
    assert conflicts["segment"] == 1 and conflicts["commune_code"] == 1 and conflicts["name"] == 0


def test_namesakes_kept_apart_are_listed_for_a_person(tmp_path):
    """One name in two départements of one file, no identifier: two companies (a chain's
    « PHARMACIE DU CENTRE » is many), each row listed in a_verifier.csv; in one département with
    one commune at most, one company and no question."""
    from santenum.cli import main

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "controles.csv").write_text(
        "Organisme;Ville;Département\n"
        "TRANSDEV IDF;Versailles;78\nTRANSDEV IDF;Nanterre;92\n"
        "M2M ORGANISATION;Chaumont;52\nM2M ORGANISATION;;52\nQWANT;Paris;75\n",
        encoding="utf-8",
    )
    assert main(["clean", str(raw), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    companies = pd.read_parquet(tmp_path / "out" / "companies.parquet")
    assert sorted(companies["name"]) == [
        "M2M ORGANISATION",
        "QWANT",
        "TRANSDEV IDF",
        "TRANSDEV IDF",
    ]
    listed = pd.read_csv(tmp_path / "out" / "a_verifier.csv", dtype=str)
    assert listed[["row", "value", "name"]].values.tolist() == [
        ["2", "78", "TRANSDEV IDF"],  # the file's line numbers, header on line 1
        ["3", "92", "TRANSDEV IDF"],
    ]
    assert listed["reason"].str.startswith("même nom").all()
