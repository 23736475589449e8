"""Synthetic register names look like INSEE's: upper-case ASCII, common patterns recurring."""

import numpy as np
import pandas as pd
import pytest

from santenum.demo.register_names import ACTIVITIES, register_names


@pytest.mark.slow
def test_names_are_upper_case_ascii_with_homonyms_and_some_legal_forms():
    names = pd.Series(register_names(np.random.default_rng(7), 20_000))
    assert names.str.fullmatch(r"[A-Z0-9' -]+").all()
    assert 0.05 < names.str.contains(r" (?:SAS|SARL|SA|EURL)$").mean() < 0.15
    first_words = names.str.split(" ").str[0]
    assert first_words.isin(ACTIVITIES).mean() > 0.2  # GARAGE NATHALIE, TRANSPORTS DE …
    assert 0.005 < names.duplicated().mean() < 0.2  # namesakes exist, most names do not repeat


def test_the_same_seed_gives_the_same_names():
    a = register_names(np.random.default_rng(1), 500)
    b = register_names(np.random.default_rng(1), 500)
    assert (a == b).all()
