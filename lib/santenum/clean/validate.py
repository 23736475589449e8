"""The pandera schema of the company table (columns declared in santenum.core.table.columns)."""

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pyarrow
import pyarrow.compute as pc

from santenum.clean.checks import column_checks, passes
from santenum.core import reference
from santenum.core.errors import SchemaError
from santenum.core.table.columns import COLUMNS, Check, Column
from santenum.core.table.lists import LIST_OF_TEXT, as_arrow


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


def _first_or_missing(values: pd.Series) -> pd.Series:
    """True where a value is missing or seen for the first time. The table is sorted by company
    id, and so are its SIRENs: a sorted column's repeats are told by their neighbours (no hash of
    a million values)."""
    given = values.dropna()
    if not isinstance(values.dtype, pd.StringDtype) or len(given) < 2:
        return ~values.duplicated() | values.isna()
    text = as_arrow(given, pyarrow.large_string())
    before, after = text[:-1], text[1:]
    if not pc.all(pc.less_equal(before, after)).as_py():
        return ~values.duplicated() | values.isna()
    first = pd.Series(True, index=values.index)
    repeats = np.flatnonzero(pc.equal(before, after).to_numpy(zero_copy_only=False)) + 1
    first[given.index[repeats]] = False
    return first


def _column(column: Column, check: Check | None) -> pa.Column:
    """The pandera column of a declared column: its dtype, nullability, list-ness and Check."""
    if column.is_list:
        return _lists_of(set(reference.labels(column.taxonomy)) if column.taxonomy else None)
    checks = []
    if check is not None:
        checks.append(pa.Check(lambda s, c=check: passes(c, s), error=f"{column.name} check"))
    if column.unique:
        checks.append(pa.Check(_first_or_missing, error=f"{column.name} unique"))
    return pa.Column(column.dtype, nullable=column.nullable, checks=checks)


def company_schema() -> pa.DataFrameSchema:
    """Strict schema of companies.parquet, in COLUMNS order, derived from the declarations
    (core.table.columns); every failure is collected (lazy validation)."""
    checks = column_checks()
    return pa.DataFrameSchema(
        {column.name: _column(column, checks.get(column.name)) for column in COLUMNS},
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
