import pandas as pd
import pytest

from santenum.clean.validate import validate_companies
from santenum.core.errors import SchemaError
from santenum.core.table.columns import NAMES as COLUMNS
from santenum.core.table.lists import text_lists
from tests.helpers import SIREN_A


def table(**changes):
    row = {
        "company_id": SIREN_A,
        "siren": SIREN_A,
        "name": "Médi-Q",
        "commune_code": "34172",
        "postal_code": "34000",
        "departement_code": "34",
        "region_code": "76",
        "metropole": "Montpellier Méditerranée Métropole",
        "creation_date": pd.Timestamp("2020-01-01"),
        "age_years": 3,
        "headcount": 12,
        "headcount_band": "11",
        "size_category": "PME",
        "naf_code": "62.01Z",
        "revenue_eur": 1e6,
        "segment": "Silver tech",
        "products": ["Logiciel"],
        "uses_ai": True,
        "technologies": ["IA", "Cloud"],
        "value_chain": ["Usages"],
        "digital_health_share": 0.6,
        "needs": ["Financement"],
        "maturity": ["Prototype"],
        "closed": False,
        "perimeter": "dans le périmètre",
        "sources": ["a.csv"],
    }
    row.update(changes)
    frame = pd.DataFrame([row])[COLUMNS]
    types = {
        "age_years": "Int64",
        "headcount": "Int64",
        "revenue_eur": "Float64",
        "uses_ai": "boolean",
        "closed": "boolean",
        "digital_health_share": "Float64",
        "creation_date": "datetime64[s]",
    }
    lists = ("products", "technologies", "value_chain", "needs", "maturity", "sources")
    types.update({c: "string" for c in COLUMNS if c not in types and c not in lists})
    frame = frame.astype(types)
    for column in lists:
        frame[column] = text_lists([row[column]], frame.index)
    return frame


def test_a_valid_row_passes():
    assert len(validate_companies(table())) == 1


@pytest.mark.parametrize(
    "change, column",
    [
        ({"siren": "732829321"}, "siren"),
        ({"size_category": "TPE"}, "size_category"),
        ({"naf_code": "6201Z"}, "naf_code"),
        ({"segment": "Boulangerie"}, "segment"),
        ({"products": ["Logiciels"]}, "products"),
        ({"technologies": ["Blockchain"]}, "technologies"),
        ({"value_chain": ["Marketing"]}, "value_chain"),
        ({"region_code": "99"}, "region_code"),
        ({"headcount": -1}, "headcount"),
        ({"digital_health_share": 1.5}, "digital_health_share"),
        ({"needs": ["Café"]}, "needs"),
        ({"maturity": ["Adolescence"]}, "maturity"),
    ],
)
@pytest.mark.slow
def test_invalid_values_fail(change, column):
    with pytest.raises(SchemaError, match=column):
        validate_companies(table(**change))


def test_extra_column_fails():
    with pytest.raises(SchemaError, match="extra"):
        validate_companies(table().assign(extra=1))


def test_missing_product_list_fails():
    frame = table()
    frame["products"] = text_lists([None], frame.index)
    with pytest.raises(SchemaError, match="products"):
        validate_companies(frame)


def test_python_lists_are_not_the_list_type():
    frame = table()
    frame["products"] = pd.Series([["Logiciel"]], dtype=object)
    with pytest.raises(SchemaError, match="products"):
        validate_companies(frame)
