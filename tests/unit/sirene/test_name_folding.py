"""The register's names folded in DuckDB agree with the lists' names folded in pandas."""

import duckdb
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from santenum.core.text import COMPARED_NAME_LENGTH, LEGAL_FORMS, MATCH_STOP_WORDS, match_words
from santenum.sirene.names import match_words as sql_match_words

WORDS = st.sampled_from(
    [
        *LEGAL_FORMS,
        *MATCH_STOP_WORDS,
        "Santé",
        "ÉTS",
        "l'Œil",
        "Müller",
        "&",
        "S.A.S.",
        "-",
        "_",
        "Cardio",
        "12",
        "Straße",
        "d'Azur",
        "  ",
        "\u00a0",
        "é",
        "CÔTÉ",
        "Ñandú",
        "(",
        ")",
    ]
)


def _both(names: list) -> tuple:
    frame = pd.DataFrame({"name": pd.Series(names, dtype="string")})
    with duckdb.connect() as con:
        sql = con.execute(f"SELECT {sql_match_words('name')} AS w FROM frame").df()["w"]
    return match_words(frame["name"]).fillna("").tolist(), sql.fillna("").tolist()


def test_known_names_fold_alike_and_as_a_person_would_expect():
    names = [
        "SAS Cardioplume",
        "L'Atelier de la Santé",
        "Durand & Fils",
        "DURAND ET FILS SARL",
        "Œuvre d'Éveil",
        "S.A.S. MEDI_LUTIN",
        "sarl",
        "de la",
    ]
    pandas_side, sql_side = _both(names)
    assert pandas_side == sql_side
    assert pandas_side == [
        "cardioplume",
        "atelier sante",
        "durand fils",
        "durand fils",
        "oeuvre eveil",
        "medi lutin",
        "sarl",
        "",
    ]


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(WORDS, min_size=1, max_size=5).map(" ".join), min_size=1, max_size=20))
def test_any_mix_of_words_folds_alike(names):
    pandas_side, sql_side = _both(names)
    assert pandas_side == sql_side


def test_names_are_compared_on_their_first_200_characters_on_both_sides():
    # Cut within a word, after a combining accent, inside a legal form and in a stop word.
    names = [
        "Cardio" * 40,
        "é" * 199 + "e\u0301" + "Z" * 100,
        ("Santé " * 33) + "SAS " + "Durand" * 1000,
        "x" * 197 + " de la Santé",
        "Müller " * 2200,  # 15 400 characters
    ]
    pandas_side, sql_side = _both(names)
    assert pandas_side == sql_side
    first = [name[:COMPARED_NAME_LENGTH] for name in names]
    assert pandas_side == _both(first)[0]
    assert all(len(words) <= COMPARED_NAME_LENGTH for words in pandas_side)
    assert pandas_side[3] == "x" * 197  # « de » cut to « d », a stop word, left out


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(st.lists(WORDS, min_size=30, max_size=80).map(" ".join))
def test_long_names_fold_alike_where_they_are_cut(name):
    pandas_side, sql_side = _both([name, name[1:]])
    assert pandas_side == sql_side
