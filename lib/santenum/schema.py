"""The canonical company table and its pandera schema."""
import pandas as pd
import pandera.pandas as pa
from stdnum.fr import siren as stdnum_siren

from santenum import reference, taxonomy
from santenum.errors import SchemaError

COLUMNS = [
    "company_id", "siren", "name", "commune_code", "postal_code", "departement_code", "region_code",
    "metropole", "creation_date", "age_years", "headcount", "headcount_band", "size_category",
    "revenue_eur", "segment", "products", "uses_ai", "sources",
]


def _text(**kwargs) -> pa.Column:
    return pa.Column("string", nullable=True, **kwargs)


def _is_list_of(allowed=None):
    def check(values: pd.Series) -> pd.Series:
        return values.map(lambda v: isinstance(v, list) and all(
            isinstance(x, str) and (allowed is None or x in allowed) for x in v))
    return pa.Check(check, error="a list of known labels")


def company_schema() -> pa.DataFrameSchema:
    """Strict schema of companies.parquet; every failure is collected (lazy validation)."""
    regions = reference.table("regions")["region_code"].tolist()
    departements = reference.table("departements")["departement_code"].tolist()
    bands = reference.table("tranches_effectifs")["code"].tolist()
    return pa.DataFrameSchema(
        {
            "company_id": pa.Column("string", unique=True, nullable=False),
            "siren": _text(checks=[
                pa.Check(lambda s: s.map(stdnum_siren.is_valid), error="SIREN checksum"),
                pa.Check(lambda s: ~s.duplicated(), error="SIREN unique"),
            ]),
            "name": pa.Column("string", nullable=False),
            "commune_code": _text(checks=pa.Check.str_matches(r"^(\d{5}|2[AB]\d{3})$")),
            "postal_code": _text(checks=pa.Check.str_matches(r"^\d{5}$")),
            "departement_code": _text(checks=pa.Check.isin(departements)),
            "region_code": _text(checks=pa.Check.isin(regions)),
            "metropole": _text(),
            "creation_date": pa.Column("datetime64[s]", nullable=True),
            "age_years": pa.Column("Int64", nullable=True, checks=pa.Check.ge(0)),
            "headcount": pa.Column("Int64", nullable=True, checks=pa.Check.ge(0)),
            "headcount_band": _text(checks=pa.Check.isin(bands)),
            "size_category": _text(checks=pa.Check.isin(["PME", "ETI", "GE"])),
            "revenue_eur": pa.Column("Float64", nullable=True, checks=pa.Check.ge(0)),
            "segment": _text(checks=pa.Check.isin(taxonomy.labels("segments"))),
            "products": pa.Column(object, nullable=False, checks=_is_list_of(set(taxonomy.labels("products")))),
            "uses_ai": pa.Column("boolean", nullable=True),
            "sources": pa.Column(object, nullable=False, checks=_is_list_of()),
        },
        strict=True,
        ordered=True,
    )


def validate_companies(companies: pd.DataFrame) -> pd.DataFrame:
    """Validate against company_schema(); raises SchemaError listing every failing check."""
    try:
        return company_schema().validate(companies, lazy=True)
    except pa.errors.SchemaErrors as exc:
        summary = "; ".join(sorted({str(err).splitlines()[0][:160] for err in exc.schema_errors}))
        raise SchemaError(f"company table fails its schema: {summary}") from None
