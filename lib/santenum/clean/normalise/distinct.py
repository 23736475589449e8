"""Work once per distinct combination of a row's values (many rows share them)."""

import numpy as np
import pandas as pd


def per_distinct_rows(func, *columns: pd.Series):
    """func(*columns) computed once per distinct combination of the columns' values (missing
    values included) and spread back to every row: func must work row by row and return a Series
    or a DataFrame aligned on its input."""
    given = pd.concat(columns, axis=1, keys=range(len(columns)))
    group = given.groupby(list(given.columns), dropna=False, sort=False).ngroup().to_numpy()
    _, first = np.unique(group, return_index=True)
    distinct = given.iloc[first]
    found = func(*(distinct[key] for key in given.columns))
    return found.iloc[group].set_axis(given.index)
