"""Work once per distinct combination of a row's values (many rows share them)."""

import numpy as np
import pandas as pd


def per_distinct_rows(func, *columns: pd.Series):
    """func(*columns) computed once per distinct combination of the columns' values (missing
    values included) and spread back to every row: func must work row by row and return a Series
    or a DataFrame aligned on its input."""
    given = pd.concat(columns, axis=1, keys=range(len(columns)))
    group = given.groupby(list(given.columns), dropna=False, sort=False).ngroup().to_numpy()
    distinct = given.iloc[_first_rows(group)]
    found = func(*(distinct[key] for key in given.columns))
    return found.iloc[group].set_axis(given.index)


def _first_rows(group: np.ndarray) -> np.ndarray:
    """The position of each group's first row, by group number. Groups numbered in their order of
    appearance (groupby(sort=False)) begin where the running highest number rises."""
    if len(group) == 0:
        return np.zeros(0, dtype=int)
    rises = np.flatnonzero(np.r_[True, group[1:] > np.maximum.accumulate(group)[:-1]])
    if np.array_equal(group[rises], np.arange(len(rises))):
        return rises
    return np.unique(group, return_index=True)[1]
