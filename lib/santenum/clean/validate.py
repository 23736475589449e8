"""The pandera schema of the company table (columns declared in santenum.core.table.columns)."""

import pandas as pd
import pandera.pandas as pa
import pyarrow
import pyarrow.compute as pc

from santenum.clean.normalise.identifiers import siren_is_valid
from santenum.core import reference
from santenum.core.errors import SchemaError
from santenum.core.table.columns import COLUMNS, Column
from santenum.core.table.lists import LIST_OF_TEXT, as_arrow


def _text(**kwargs) -> pa.Column:
    return pa.Column("string", nullable=True, **kwargs)


def _lists_of(allowed=None) -> pa.Column:
    """A column of lists of text, none missing, items among `allowed` when given."""

    def check(values: pd.Series) -> pd.Series:
        lists = as_arrow(values)
        good = ~values.isna().to_numpy()
        if allowed is not None:
            unknown = pc.invert(pc.is_in(lists.flatten(), value_set=pyarrow.array(sorted(allowed))))
            good[pc.filter(pc.list_parent_indices(lists), unknown).to_numpy()] = False
        return pd.Series(good, index=values.index)

    return pa.Column(
        LIST_OF_TEXT, nullable=False, checks=pa.Check(check, error="a list of known labels")
    )


def _column(column: Column, departements: list, regions: list, bands: list) -> pa.Column:
    """The pandera column of a declared column: taxonomy and list columns from the declaration."""
    if column.taxonomy:
        allowed = reference.labels(column.taxonomy)
        return _lists_of(set(allowed)) if column.is_list else _text(checks=pa.Check.isin(allowed))
    if column.is_list:
        return _lists_of()
    return {
        "company_id": pa.Column("string", unique=True, nullable=False),
        "siren": _text(
            checks=[
                pa.Check(lambda s: siren_is_valid(s) | s.isna(), error="SIREN checksum"),
                pa.Check(lambda s: ~s.duplicated(), error="SIREN unique"),
            ]
        ),
        # a company known by its SIREN alone has no name (an individual entrepreneur has none)
        "name": _text(),
        "commune_code": _text(checks=pa.Check.str_matches(r"^(\d{5}|2[AB]\d{3})$")),
        "postal_code": _text(checks=pa.Check.str_matches(r"^\d{5}$")),
        "departement_code": _text(checks=pa.Check.isin(departements)),
        "region_code": _text(checks=pa.Check.isin(regions)),
        "metropole": _text(),
        "creation_date": pa.Column(column.dtype, nullable=True),
        "age_years": pa.Column(column.dtype, nullable=True, checks=pa.Check.ge(0)),
        "headcount": pa.Column(column.dtype, nullable=True, checks=pa.Check.ge(0)),
        "headcount_band": _text(checks=pa.Check.isin(bands)),
        "size_category": _text(checks=pa.Check.isin(["PME", "ETI", "GE"])),
        "naf_code": _text(checks=pa.Check.str_matches(r"^\d{2}\.\d{2}[A-Z]$")),
        "revenue_eur": pa.Column(column.dtype, nullable=True, checks=pa.Check.ge(0)),
        "uses_ai": pa.Column(column.dtype, nullable=True),
        "digital_health_share": pa.Column(
            column.dtype, nullable=True, checks=[pa.Check.ge(0), pa.Check.le(1)]
        ),
        "closed": pa.Column(column.dtype, nullable=False),
    }[column.name]


def company_schema() -> pa.DataFrameSchema:
    """Strict schema of companies.parquet, in COLUMNS order; every failure is collected (lazy validation)."""
    references = (
        reference.table("departements")["departement_code"].tolist(),
        reference.region_names().index.tolist(),
        reference.bands()["code"].tolist(),
    )
    return pa.DataFrameSchema(
        {column.name: _column(column, *references) for column in COLUMNS}, strict=True, ordered=True
    )


def validate_companies(companies: pd.DataFrame) -> pd.DataFrame:
    """Validate against company_schema(); raises SchemaError listing every failing check."""
    try:
        return company_schema().validate(companies, lazy=True)
    except pa.errors.SchemaErrors as exc:
        summary = "; ".join(sorted({str(err).splitlines()[0][:160] for err in exc.schema_errors}))
        raise SchemaError(f"company table fails its schema: {summary}") from None
