"""A social-security number (NIR) is found however it is written: any spacing and punctuation
between its characters (issue 29, item 1), generated at random."""

from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.fr import nir, siret

from santenum.core.privacy import NIR_MASK, mask_nir_text

# What people and spreadsheets put between the digits: spaces (one or several), tabs, the no-break
# and narrow no-break spaces French Excel writes, dots, dashes, nothing.
SEPARATORS = st.lists(
    st.sampled_from([" ", "  ", "\t", "\u00a0", "\u202f", ".", "-", "\u2013", "_", ""]),
    min_size=1,
    max_size=2,
).map("".join)


@st.composite
def nirs(draw) -> str:
    """A NIR with a right key (python-stdnum computes it), 13 or 15 characters."""
    sex = draw(st.sampled_from("12"))
    year = f"{draw(st.integers(0, 99)):02d}"
    month = f"{draw(st.sampled_from([*range(1, 13), *range(20, 43)])):02d}"
    department = draw(st.sampled_from(["2A", "2B", *(f"{d:02d}" for d in range(1, 96))]))
    rest = f"{draw(st.integers(1, 999)):03d}{draw(st.integers(1, 999)):03d}"
    body = f"{sex}{year}{month}{department}{rest}"
    return body + nir.calc_check_digits(body) if draw(st.booleans()) else body


@st.composite
def written(draw) -> tuple:
    """(the NIR's characters, the NIR written with random separators between any two of them)."""
    compact = draw(nirs())
    cuts = draw(st.lists(st.booleans(), min_size=len(compact) - 1, max_size=len(compact) - 1))
    text = compact[0]
    for char, cut in zip(compact[1:], cuts, strict=True):
        text += (draw(SEPARATORS) if cut else "") + char
    return compact, text


def _siret_without_its_zero(compact: str) -> bool:
    return len(compact) == 13 and siret.is_valid("0" + compact)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(nir=written(), before=st.sampled_from(["", "NIR : ", "n° ", "(", "voir\u00a0"]))
def test_a_nir_in_any_spacing_is_masked(nir, before):
    compact, text = nir
    if _siret_without_its_zero(compact):
        return  # the one shape left alone: a SIRET whose leading zero was dropped
    masked = mask_nir_text(f"{before}{text} fin")
    assert masked == f"{before}{NIR_MASK} fin", (text, masked)


@settings(max_examples=100, deadline=None, derandomize=True)
@given(nir=written())
def test_a_siret_whose_leading_zero_was_dropped_stays_in_any_spacing(nir):
    compact, text = nir
    if _siret_without_its_zero(compact):
        assert mask_nir_text(text) == text
