"""SIREN / SIRET checks, vectorised; tests prove them equal to python-stdnum's.

python-stdnum costs about 11 µs a number: 1,000,000 SIRENs would take 11 s of the 20 s budget,
so the same rules (stdnum.fr.siren / stdnum.fr.siret, La Poste's exception included) run here on
digit matrices, and tests/unit/clean/test_identifiers.py checks agreement with stdnum on random numbers.
stdnum itself names the fault of the (few) invalid numbers in the quarantine reason.
"""

import re
from decimal import Decimal, InvalidOperation

import numpy as np
import pandas as pd
import pyarrow as pa
from stdnum import exceptions as stdnum_errors
from stdnum.fr import siren as stdnum_siren
from stdnum.fr import siret as stdnum_siret

from santenum.clean.reasons import SIREN_INVALID, SIRET_INVALID, SIRET_MISMATCH
from santenum.core.table.lists import as_arrow
from santenum.core.text import as_text, per_distinct, restore_leading_zero, substitute, truth

LA_POSTE_SIREN = "356000000"
LA_POSTE_HEAD_OFFICE = "35600000000048"


def compact_digits(values) -> pd.Series:
    """Identifier text without spaces, dots or dashes ('552 100 554' -> '552100554')."""
    s = substitute(as_text(values), r"\.0$", "")
    s = substitute(s, "[ \t\xa0\u202f.-]", "")
    # Placeholders such as 'NC' or 'n/a' carry no digit: they mean "not given".
    return s.mask(~truth(s.str.contains(r"\d")))


def digit_matrix(values: pd.Series, width: int) -> np.ndarray:
    """Digits of equal-length digit strings as an (n, width) integer matrix."""
    array = as_arrow(values, pa.large_string())
    offsets = np.frombuffer(array.buffers()[1], dtype=np.int64)[
        array.offset : array.offset + len(array) + 1
    ]
    raw = np.frombuffer(array.buffers()[2], dtype=np.uint8)[offsets[0] : offsets[-1]].reshape(
        -1, width
    )
    return (raw - ord("0")).astype(np.int16)


def luhn_residue(digits: np.ndarray) -> np.ndarray:
    """Luhn sum modulo 10 of each row (0 means the row is a valid Luhn number)."""
    reversed_digits = digits[:, ::-1].copy()
    doubled = reversed_digits[:, 1::2] * 2
    reversed_digits[:, 1::2] = np.where(doubled > 9, doubled - 9, doubled)
    return reversed_digits.sum(axis=1) % 10


def _checked(values: pd.Series, width: int, rule) -> pd.Series:
    shaped = truth(values.str.fullmatch(rf"\d{{{width}}}"))
    out = pd.Series(False, index=values.index)
    if shaped.any():
        out[shaped] = rule(values[shaped], digit_matrix(values[shaped], width))
    return out


def siren_is_valid(values: pd.Series) -> pd.Series:
    """Vectorised equivalent of stdnum.fr.siren.is_valid on compact strings (tests check they agree)."""
    return _checked(values, 9, lambda _, d: luhn_residue(d) == 0)


def siret_is_valid(values: pd.Series) -> pd.Series:
    """Vectorised equivalent of stdnum.fr.siret.is_valid on compact strings, La Poste rule included."""

    def rule(text, digits):
        la_poste = (text.str.startswith(LA_POSTE_SIREN) & (text != LA_POSTE_HEAD_OFFICE)).to_numpy()
        checksum = np.where(la_poste, digits.sum(axis=1) % 5 == 0, luhn_residue(digits) == 0)
        return checksum & (luhn_residue(digits[:, :9]) == 0)

    return _checked(values, 14, rule)


_FAULTS = {
    stdnum_errors.InvalidChecksum: "clé de contrôle fausse",
    stdnum_errors.InvalidLength: "longueur",
    stdnum_errors.InvalidFormat: "caractères non numériques",
}


def _fault(number: str, module) -> str:
    try:
        module.validate(number)
    except stdnum_errors.ValidationError as exc:
        return _FAULTS.get(type(exc), exc.message)
    return "refusé"


def _reasons(values: pd.Series, valid: pd.Series, reason: str, module) -> pd.Series:
    """'SIREN invalide (longueur)' and the like for invalid values, via stdnum, once per value."""
    bad = values[values.notna() & ~valid]
    faults = {number: f"{reason} ({_fault(number, module)})" for number in bad.unique()}
    return bad.map(faults).reindex(values.index).astype("string")


def resolve_siren(siren_raw, siret_raw) -> pd.DataFrame:
    """Return columns siren (valid or missing) and reason (why the row must be quarantined).

    A valid SIREN gives the SIREN; a valid SIRET gives its first nine digits when the SIREN is
    missing or fails its check; a SIRET typed in the SIREN column counts as a SIRET and a SIREN
    typed in the SIRET column as a SIREN; two valid identifiers that disagree are a reason to
    quarantine (which one is right cannot be told).

    A SIREN written as nine digits with no SIRET (a register's every row) is only checked: the
    rules below leave it as it is.
    """
    siren_raw, siret_raw = pd.Series(siren_raw), pd.Series(siret_raw)
    plain = truth(siren_raw.astype("string").str.fullmatch("[0-9]{9}")) & siret_raw.isna()
    if not plain.any() or not siren_raw.index.is_unique:
        return _resolved(siren_raw, siret_raw)
    siren = siren_raw[plain].astype("string")
    valid = siren_is_valid(siren)
    reason = _reasons(siren, valid, SIREN_INVALID, stdnum_siren)
    checked = pd.DataFrame({"siren": siren.where(valid), "reason": reason})
    if plain.all():
        return checked
    rest = _resolved(siren_raw[~plain], siret_raw[~plain])
    return pd.concat([checked, rest]).reindex(siren_raw.index)


def _resolved(siren_raw: pd.Series, siret_raw: pd.Series) -> pd.DataFrame:
    """resolve_siren() by its rules (compacted, moved between columns, leading zero put back)."""
    siren = compact_digits(siren_raw)
    siret = compact_digits(siret_raw)
    siret_in_siren = truth(siren.str.fullmatch(r"\d{13,14}"))
    siren_in_siret = truth(siret.str.fullmatch(r"\d{8,9}"))
    siren, siret = (
        siren.mask(siret_in_siren).fillna(siret.where(siren_in_siret)),
        siret.mask(siren_in_siret).fillna(siren.where(siret_in_siren)),
    )
    # Excel often drops the leading zero of identifiers.
    siren = restore_leading_zero(siren, 9)
    siret = restore_leading_zero(siret, 14)
    siren_ok = siren_is_valid(siren)
    siret_ok = siret_is_valid(siret)
    reason = (
        _reasons(siren, siren_ok, SIREN_INVALID, stdnum_siren)
        .mask(siret_ok)
        .fillna(_reasons(siret, siret_ok, SIRET_INVALID, stdnum_siret))
    )
    mismatch = siren_ok & siret_ok & truth(siret.str[:9] != siren)
    reason = reason.mask(mismatch, SIRET_MISMATCH)
    out = siren.where(siren_ok, siret.str[:9].where(siret_ok))
    return pd.DataFrame({"siren": out.where(reason.isna()), "reason": reason}, index=siren.index)


def rounded_siret(text) -> tuple:
    """(14 digits, how many trailing digits are rounding zeros) of a SIRET a spreadsheet rounded
    (« 7,86E+13 », « 45032466000000 »), else (None, None)."""
    compact = re.sub(r"[\s\u00a0\u202f]", "", str(text)).replace(",", ".")
    try:
        if re.search(r"[eE]", compact):
            mantissa = compact.lower().split("e")[0].lstrip("+-")
            significant = len(re.sub(r"\D", "", mantissa).lstrip("0"))
            digits = str(int(Decimal(compact)))
            zeros = len(digits) - significant
        else:
            digits = re.sub(r"\D", "", compact.split(".")[0])
            zeros = len(digits) - len(digits.rstrip("0"))
    except (InvalidOperation, ValueError):
        return None, None
    return (digits, zeros) if len(digits) == 14 and zeros >= 2 else (None, None)


def near_identifier(given, siren: str) -> bool:
    """True when an identifier that failed its check is a spreadsheet's rounding of this SIREN's
    SIRET (its significant digits are the SIREN's first ones, the last of them rounded) or one
    typo away from it (a digit changed, two neighbours swapped, in its first nine digits)."""
    digits, zeros = rounded_siret(given)
    if digits is not None:
        significant = digits[: len(digits) - zeros]
        if len(significant) < 3:
            return False
        if len(significant) > 9:
            return significant[:9] == siren
        return abs(int(significant) - int(siren[: len(significant)])) <= 1
    typed = re.sub(r"\D", "", str(given))
    if len(typed) not in (9, 14):
        return False
    head = typed[:9]
    changed = [i for i in range(9) if head[i] != siren[i]]
    swapped = (
        len(changed) == 2
        and changed[1] == changed[0] + 1
        and head[changed[0]] == siren[changed[1]]
        and head[changed[1]] == siren[changed[0]]
    )
    return len(changed) <= 1 or swapped


_NAF = r"^(\d{2})\.?\s?(\d{2})\s?([A-Za-z])(?:\s*[-–:]\s*\D.*)?$"


@per_distinct
def parse_naf(values: pd.Series) -> pd.Series:
    """A NAF code as INSEE writes it ('62.01Z') from '6201Z', '62.01 z', '62.01Z' or with its label
    after a dash or colon ('62.01Z - Programmation informatique'); else missing."""
    parts = as_text(values).str.extract(_NAF)
    return (parts[0] + "." + parts[1] + parts[2].str.upper()).astype("string")
