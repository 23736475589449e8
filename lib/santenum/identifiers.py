"""SIREN / SIRET checks with python-stdnum, applied once per distinct value."""
import pandas as pd
from stdnum.fr import siren as stdnum_siren
from stdnum.fr import siret as stdnum_siret

from santenum.text import as_text


def compact_digits(values) -> pd.Series:
    """Identifier text without spaces, dots or dashes ('552 100 554' -> '552100554')."""
    s = as_text(values).str.replace(r"\.0$", "", regex=True)
    s = s.str.replace(r"[\s\u00a0\u202f.\-]", "", regex=True)
    # Placeholders such as 'NC' or 'n/a' carry no digit: they mean "not given".
    return s.mask(~s.str.contains(r"\d").fillna(False).astype(bool))


def _valid(values: pd.Series, is_valid) -> pd.Series:
    distinct = values.dropna().unique()
    verdict = {v: bool(is_valid(v)) for v in distinct}
    return values.map(verdict).astype("boolean").fillna(False).astype(bool)


def resolve_siren(siren_raw, siret_raw) -> pd.DataFrame:
    """Return columns siren (valid or missing) and reason (why the row must be quarantined).

    The SIREN column wins; a SIRET gives its first nine digits when no SIREN is given (a
    SIRET typed in the SIREN column counts as a SIRET); a SIRET that disagrees with the SIREN
    is a reason to quarantine.
    """
    siren = compact_digits(siren_raw)
    siret = compact_digits(siret_raw)
    siret_in_siren = siren.str.fullmatch(r"\d{13,14}").fillna(False).astype(bool)
    siret = siret.fillna(siren.where(siret_in_siren))
    siren = siren.mask(siret_in_siren)
    index = siren.index
    # Excel often drops the leading zero of identifiers.
    siren = siren.mask(siren.str.fullmatch(r"\d{8}").fillna(False).astype(bool), "0" + siren)
    siret = siret.mask(siret.str.fullmatch(r"\d{13}").fillna(False).astype(bool), "0" + siret)
    siren_ok = _valid(siren, stdnum_siren.is_valid)
    siret_ok = _valid(siret, stdnum_siret.is_valid)
    reason = pd.Series(pd.NA, index=index, dtype="string")
    reason = reason.mask(siret.notna() & ~siret_ok, "SIRET invalide")
    reason = reason.mask(siren.notna() & ~siren_ok, "SIREN invalide")
    mismatch = siren_ok & siret_ok & (siret.str[:9] != siren).fillna(False).astype(bool)
    reason = reason.mask(mismatch, "SIRET ne correspondant pas au SIREN")
    out = siren.where(siren_ok, siret.str[:9].where(siret_ok))
    return pd.DataFrame({"siren": out.where(reason.isna()), "reason": reason}, index=index)
