import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from santenum.core.text import display_name, fold, header_key, name_key
from tests.helpers import series


def test_display_name_keeps_accents_and_collapses_spaces():
    assert display_name(series("  Médi\u00a0 Q   Santé ")).tolist() == ["Médi Q Santé"]


def test_display_name_is_nfc():
    decomposed = "Me\u0301di"  # e + combining acute accent
    assert display_name(series(decomposed)).iloc[0] == "Médi"


def test_blank_names_are_missing():
    assert display_name(series("", "   ", None)).isna().all()


def test_fold_removes_accents_case_and_punctuation():
    assert fold(series("Télé-Santé  d'Œil!")).tolist() == ["tele sante d oeil"]


def test_name_key_ignores_legal_forms_at_either_end():
    names = series("Médi-Q SAS", "MEDIQ", "S.A.S. Medi Q", "SARL mediq", "Médiq S.A.R.L.")
    assert set(name_key(names)) == {"mediq"}


def test_name_key_keeps_legal_word_inside_a_name():
    assert name_key(series("Clinique SA Santé")).iloc[0] == "cliniquesasante"


def test_name_key_keeps_a_name_that_is_only_a_legal_form():
    assert name_key(series("SA")).iloc[0] == "sa"


def test_header_key_drops_units_and_years():
    assert header_key("Chiffre d'affaires 2022 (k€)") == "chiffredaffaires"
    assert header_key("Tranche d'effectif") == "tranchedeffectif"


words = st.text(alphabet="abcdeéèàçôîu ", min_size=1, max_size=25)
# Many names per example: one pandas call checks a whole batch (the property is per name).
names = st.lists(words, min_size=1, max_size=40)
BATCHES = settings(max_examples=25)


@BATCHES
@given(names)
def test_name_key_is_idempotent(batch):
    once = name_key(series(*batch))
    twice = name_key(once)
    assert once.equals(twice)


@BATCHES
@given(names)
def test_name_key_ignores_case(batch):
    assert name_key(series(*batch)).equals(name_key(series(*[n.upper() for n in batch])))


@pytest.mark.slow
@BATCHES
@given(names, st.sampled_from(["SAS", "SARL", "S.A.", "sasu", "EURL"]))
def test_name_key_ignores_an_appended_legal_form(batch, form):
    keys = name_key(series(*batch))
    with_form = name_key(series(*[f"{n} {form}" for n in batch]))
    known = keys.notna()
    assert with_form[known].equals(keys[known])


@BATCHES
@given(names, st.text(alphabet=" \t\u00a0", min_size=1, max_size=4))
def test_name_key_ignores_surrounding_space(batch, space):
    padded = series(*[space + n + space for n in batch])
    assert name_key(series(*batch)).equals(name_key(padded))
