"""Headcount, INSEE headcount bands (tranches d'effectifs) and INSEE company categories."""

import numpy as np
import pandas as pd

from santenum.clean.normalise.distinct import per_distinct_rows
from santenum.clean.normalise.numbers import parse_integer
from santenum.core import reference
from santenum.core.reference import bands
from santenum.core.text import as_text, fold, per_distinct, restore_leading_zero, truth

_BRACKET = (  # « 10 à 19 », « de 10 à 19 salariés », « entre 10 et 19 »
    r"^(?:de|entre)?\s*(?P<lo>\d[\d\s]*?)\s*(?:a|et)\s*(?P<hi>\d[\d\s]*?)(?:\s*salaries?)?$"
)
# A headcount's unit after the number: « 12 salariés » (full-time equivalents, ETP, are not people).
_UNIT = r"(?i)\s*(?:salari[ée]s?|personnes?|employ[ée]s?)$"
_OPEN_BRACKET = r"^(?:plus de\s*)?(?P<lo>\d[\d\s]*?)\s*(?:et plus|ou plus)?(?:\s*salaries?)?$"


def band_of_headcount(headcount: pd.Series) -> pd.Series:
    """INSEE tranche code for an exact headcount (0 -> '00')."""
    table = bands()
    table = table[table["code"] != "NN"]
    edges = table["min"].astype(float).tolist() + [np.inf]
    codes = pd.cut(
        headcount.astype("Float64").astype(float),
        bins=edges,
        right=False,
        labels=table["code"].tolist(),
    )
    return pd.Series(codes, index=headcount.index).astype("string")


def _band_of_bracket(text: pd.Series) -> pd.Series:
    """'10 à 19' -> '11', '10 000 et plus' -> '53'; brackets not matching INSEE bounds are missing."""
    table = bands()
    table = table[table["code"] != "NN"]
    folded = fold(as_text(text).str.replace(r"[-–—]", " a ", regex=True))
    closed = folded.str.extract(_BRACKET)
    lo = parse_integer(closed["lo"])
    hi = parse_integer(closed["hi"])
    key = lo.astype("string") + "-" + hi.astype("string")
    ref_key = table["min"].astype("string") + "-" + table["max"].astype("string").fillna("")
    out = key.map(dict(zip(ref_key, table["code"], strict=True)))
    top = table[table["max"].isna()].iloc[0]
    opened = parse_integer(folded.str.extract(_OPEN_BRACKET)["lo"])
    is_open = truth(folded.str.contains("plus")) | truth(as_text(text).str.contains(r"[>+]"))
    return out.mask(out.isna() & is_open & truth(opened == top["min"]), top["code"])


def _band_of_label(text: pd.Series) -> pd.Series:
    """INSEE's own label of a tranche, as INSEE writes it ('1 ou 2 salariés', '0 salarié (n'ayant
    pas d'effectif au 31/12…)', 'Unité non employeuse') -> its code."""
    table = bands()
    lookup = dict(zip(fold(table["label"]), table["code"], strict=True))
    return fold(as_text(text).str.replace(r"\s*\(.*$", "", regex=True)).map(lookup)


@per_distinct
def parse_band(values) -> pd.Series:
    """A tranche given as an INSEE code ('11', '3' -> '03', 'NN'), INSEE's label or a bracket."""
    s = as_text(values).str.upper().str.replace(r"\.0$", "", regex=True)
    s = restore_leading_zero(s, 2)
    codes = s.where(truth(s.isin(bands()["code"])))
    return codes.fillna(_band_of_label(values)).fillna(_band_of_bracket(values)).astype("string")


@per_distinct
def parse_headcount(values) -> pd.DataFrame:
    """An 'Effectif' cell: a number (-> headcount and its band), or INSEE's label of a tranche or
    a bracket (-> band only)."""
    label = _band_of_label(values)
    headcount = parse_integer(as_text(values).str.replace(_UNIT, "", regex=True))
    headcount = headcount.mask(label.notna())
    headcount = headcount.where(headcount >= 0)
    band = band_of_headcount(headcount).fillna(label).fillna(_band_of_bracket(values))
    return pd.DataFrame({"headcount": headcount, "headcount_band": band.astype("string")})


@per_distinct
def parse_category(values) -> pd.Series:
    """INSEE category written as a code or a label ('TPE', 'Grande entreprise') -> PME/ETI/GE."""
    pairs = [
        (word, code)
        for code, words in reference.document("categories_entreprise")["synonyms"].items()
        for word in words
    ]
    words = fold(pd.Series([word for word, _ in pairs], dtype="string"))
    lookup = dict(zip(words, (code for _, code in pairs), strict=True))
    return fold(values).map(lookup).astype("string")


def derive_category(headcount: pd.Series, band: pd.Series, revenue: pd.Series) -> pd.Series:
    """PME/ETI/GE from headcount (exact, else the band's upper bound) and turnover.

    Unknown turnover and balance sheet do not exclude a company from a category: the
    headcount alone then decides (an approximation, documented in categories_entreprise.yml).
    Once per distinct (headcount, band, turnover).
    """
    return per_distinct_rows(_category, headcount, band, revenue)


def _category(headcount: pd.Series, band: pd.Series, revenue: pd.Series) -> pd.Series:
    table = bands().set_index("code")
    band_max = band.map(table["max"]).astype("Float64")
    band_min = band.map(table["min"]).astype("Float64")
    upper = headcount.astype("Float64").fillna(band_max).fillna(band_min.where(band_max.isna()))
    spec = reference.document("categories_entreprise")
    out = pd.Series(pd.NA, index=headcount.index, dtype="string")
    undecided = upper.notna()
    for rule in spec["categories"]:
        fits = (upper < rule["max_headcount"]) & ~(revenue > rule["max_turnover_eur"]).fillna(False)
        fits = truth(fits) & undecided
        out[fits] = rule["code"]
        undecided &= ~fits
    out[undecided] = spec["fallback"]
    return out
