import pandas as pd

from santenum.identifiers import resolve_siren

from conftest import SIREN_A, SIREN_B, SIRET_A


def resolve(sirens, sirets):
    return resolve_siren(pd.Series(sirens, dtype="string"), pd.Series(sirets, dtype="string"))


def test_valid_siren_with_spaces_is_compacted():
    out = resolve(["732 829 320"], [None])
    assert out["siren"].iloc[0] == SIREN_A and pd.isna(out["reason"].iloc[0])


def test_siren_taken_from_siret_when_missing():
    assert resolve([None], [SIRET_A])["siren"].iloc[0] == SIREN_A


def test_invalid_siren_is_a_reason_to_quarantine():
    out = resolve(["732829321"], [None])
    assert pd.isna(out["siren"].iloc[0]) and out["reason"].iloc[0] == "SIREN invalide"


def test_invalid_siret_is_a_reason_to_quarantine():
    assert resolve([None], ["73282932000075"])["reason"].iloc[0] == "SIRET invalide"


def test_siret_of_another_company_is_a_reason_to_quarantine():
    assert resolve([SIREN_B], [SIRET_A])["reason"].iloc[0] == "SIRET ne correspondant pas au SIREN"


def test_placeholders_mean_not_given():
    out = resolve(["NC", "n/a", ""], [None, None, None])
    assert out["siren"].isna().all() and out["reason"].isna().all()


def test_la_poste_siret_is_valid_although_not_luhn():
    # La Poste's establishments follow their own rule, which python-stdnum knows.
    assert resolve([None], ["35600000000048"])["siren"].iloc[0] == "356000000"


def test_siren_read_as_a_number_by_excel():
    assert resolve(["732829320.0"], [None])["siren"].iloc[0] == SIREN_A


def test_siret_typed_in_the_siren_column():
    out = resolve([SIRET_A], [None])
    assert out["siren"].iloc[0] == SIREN_A and pd.isna(out["reason"].iloc[0])
