import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.fr import siren as stdnum_siren
from stdnum.fr import siret as stdnum_siret

from santenum.clean.normalise.identifiers import resolve_siren, siren_is_valid, siret_is_valid
from tests.helpers import SIREN_A, SIREN_B, SIRET_A


def resolve(sirens, sirets):
    return resolve_siren(pd.Series(sirens, dtype="string"), pd.Series(sirets, dtype="string"))


def test_valid_siren_with_spaces_is_compacted():
    out = resolve(["732 829 320"], [None])
    assert out["siren"].iloc[0] == SIREN_A and pd.isna(out["reason"].iloc[0])


def test_siren_taken_from_siret_when_missing():
    assert resolve([None], [SIRET_A])["siren"].iloc[0] == SIREN_A


def test_invalid_siren_is_a_reason_to_quarantine():
    out = resolve(["732829321"], [None])
    assert (
        pd.isna(out["siren"].iloc[0])
        and out["reason"].iloc[0] == "SIREN invalide (clé de contrôle fausse)"
    )


def test_invalid_siret_is_a_reason_to_quarantine():
    assert (
        resolve([None], ["73282932000075"])["reason"].iloc[0]
        == "SIRET invalide (clé de contrôle fausse)"
    )


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


digits = st.text(alphabet="0123456789", min_size=9, max_size=9)


@given(st.lists(digits, min_size=1, max_size=50))
def test_vectorised_siren_check_agrees_with_stdnum(numbers):
    expected = [stdnum_siren.is_valid(n) for n in numbers]
    assert siren_is_valid(pd.Series(numbers, dtype="string")).tolist() == expected


@given(
    st.lists(
        st.one_of(
            st.text(alphabet="0123456789", min_size=14, max_size=14),
            st.text(alphabet="0123456789", min_size=5, max_size=5).map(lambda t: "356000000" + t),
        ),
        min_size=1,
        max_size=50,
    )
)
@pytest.mark.slow
def test_vectorised_siret_check_agrees_with_stdnum(numbers):
    expected = [stdnum_siret.is_valid(n) for n in numbers]
    assert siret_is_valid(pd.Series(numbers, dtype="string")).tolist() == expected


def test_checks_agree_with_stdnum_on_generated_valid_numbers():
    # Random 9-digit strings are valid one time in ten: also check a large, mostly valid sample.
    import numpy as np

    from santenum.demo.synthetic import random_sirens

    sirens = pd.Series(random_sirens(2000, np.random.default_rng(3)), dtype="string")
    assert siren_is_valid(sirens).all()
    assert all(stdnum_siren.is_valid(s) for s in sirens)
    sirets = sirens + "00017"
    assert siret_is_valid(sirets).tolist() == [stdnum_siret.is_valid(s) for s in sirets]


def test_non_digits_and_wrong_lengths_are_invalid():
    assert not siren_is_valid(pd.Series(["73282932A", "7328293200", None], dtype="string")).any()


def test_reason_names_the_fault():
    out = resolve(["12345", "73282932X"], [None, None])["reason"].tolist()
    assert out == ["SIREN invalide (longueur)", "SIREN invalide (caractères non numériques)"]
