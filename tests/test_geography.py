import pandas as pd
import pytest

from santenum.clean.normalise import geography


def locate(postal=None, code=None, name=None):
    wrap = lambda v: pd.Series([v], dtype="string")  # noqa: E731
    return geography.locate(wrap(postal), wrap(code), wrap(name)).iloc[0]


@pytest.mark.slow
def test_postal_code_of_one_commune():
    row = locate(postal="34000")
    assert (row["commune_code"], row["departement_code"], row["region_code"]) == (
        "34172",
        "34",
        "76",
    )
    assert row["metropole"] == "Montpellier Méditerranée Métropole"
    assert row["how"] == geography.BY_POSTAL


@pytest.mark.slow
def test_postal_code_missing_its_leading_zero():
    assert locate(postal="1000")["departement_code"] == "01"


@pytest.mark.slow
def test_shared_postal_code_resolved_by_commune_name():
    # 34130 serves Mauguio and several smaller communes, among them Saint-Aunès.
    row = locate(postal="34130", name="St Aunès")
    assert row["commune_code"] == "34240" and row["how"] == geography.BY_POSTAL_AND_NAME


@pytest.mark.slow
def test_shared_postal_code_without_name_takes_most_populous_commune():
    row = locate(postal="34130")
    assert row["commune_code"] == "34154" and row["how"] == geography.BY_POSTAL_MOST_POPULOUS


@pytest.mark.slow
def test_unknown_postal_code_is_a_reason():
    assert locate(postal="99999")["reason"] == geography.UNKNOWN_POSTAL


@pytest.mark.slow
def test_commune_code_wins_and_arrondissement_maps_to_commune():
    row = locate(postal="34000", code="75108")
    assert row["commune_code"] == "75056" and row["region_code"] == "11"


@pytest.mark.slow
def test_unknown_commune_code_is_a_reason():
    assert locate(code="99999")["reason"] == geography.UNKNOWN_COMMUNE


@pytest.mark.slow
def test_corsica_codes():
    assert locate(code="2A004")["departement_code"] == "2A"


@pytest.mark.slow
def test_unique_commune_name_alone():
    assert locate(name="Montpellier")["commune_code"] == "34172"


@pytest.mark.slow
def test_nothing_given_is_kept_unlocated():
    row = locate()
    assert pd.isna(row["commune_code"]) and pd.isna(row["reason"])
