"""List-of-text columns (products, sources) kept in Arrow memory, not as Python lists."""

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

ARROW_TYPE = pa.list_(pa.string())
LIST_OF_TEXT = pd.ArrowDtype(ARROW_TYPE)


def as_arrow(values: pd.Series, arrow_type: pa.DataType = ARROW_TYPE) -> pa.Array:
    """The values as one contiguous Arrow array of the given type (lists of text by default)."""
    array = pa.array(values.array, type=arrow_type)
    return array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array


def from_arrow(array: pa.Array, index) -> pd.Series:
    return pd.Series(pd.arrays.ArrowExtensionArray(array), index=index)


def text_lists(lists, index) -> pd.Series:
    """A list-of-text Series from Python lists (None for missing)."""
    return from_arrow(pa.array(list(lists), type=ARROW_TYPE), index)


def singletons(values: pd.Series) -> pd.Series:
    """[value] for each value, built without a Python loop (nor a Python string)."""
    items = as_arrow(values.astype("string"), pa.string())
    offsets = pa.array(np.arange(len(values) + 1, dtype=np.int32))
    return from_arrow(pa.ListArray.from_arrays(offsets, items), values.index)


def fill_empty(values: pd.Series) -> pd.Series:
    """Missing lists become empty lists."""
    array = as_arrow(values)
    return from_arrow(pc.if_else(pc.is_null(array), pa.scalar([], ARROW_TYPE), array), values.index)


def is_empty(values: pd.Series) -> pd.Series:
    """True for missing or empty lists."""
    return (values.isna() | values.list.len().eq(0)).astype(bool)


def is_missing(values: pd.Series) -> pd.Series:
    """Missing values; for list-of-text columns, missing or empty lists."""
    return is_empty(values) if values.dtype == LIST_OF_TEXT else values.isna()
