"""Caches a caller cannot spoil: what they hold is handed out as a copy, or cannot be changed.

Warm report kernels keep these caches from one notebook to the next (report/kernel_state.py
empties every other santenum cache between notebooks), so a notebook that changes a table it got
from the reference changes nothing for the notebooks after it.
"""

import copy
from functools import cache, wraps


def cached_copies(func):
    """Cache func's result for each argument and give every caller its own copy of it."""
    cached = cache(func)

    @wraps(func)
    def wrapper(*args):
        value = cached(*args)
        return value.copy() if hasattr(value, "to_numpy") else copy.deepcopy(value)

    wrapper.cache_clear = cached.cache_clear
    wrapper.keeps_warm = True
    return wrapper


def cached_frozen(func):
    """Cache func's result, which the function makes immutable (read-only arrays, mappingproxy)."""
    cached = cache(func)
    cached.keeps_warm = True
    return cached
