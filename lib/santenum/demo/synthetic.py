"""Synthetic SIRENE-schema rows (INSEE column names) for tests and benchmarks."""

from functools import cache

import numpy as np
import pandas as pd

from santenum.core import reference

BAND_WEIGHTS = {
    "NN": 0.40,
    "00": 0.10,
    "01": 0.18,
    "02": 0.11,
    "03": 0.07,
    "11": 0.06,
    "12": 0.04,
    "21": 0.015,
    "22": 0.01,
    "31": 0.002,
    "32": 0.002,
    "41": 0.001,
}


@cache
def populated_communes() -> pd.DataFrame:
    """Current communes that have a postal code (the first of them), weighted by population + 1."""
    communes = reference.current_communes()
    postal = reference.table("postal_codes").drop_duplicates("commune_code")
    communes = communes.merge(postal, on="commune_code")
    communes["weight"] = pd.to_numeric(communes["population"]).fillna(0) + 1
    return communes.reset_index(drop=True)


def with_check_digit(bodies: np.ndarray) -> np.ndarray:
    """Each integer followed by its Luhn check digit (SIREN and SIRET use Luhn), as integers."""
    bodies = np.asarray(bodies, dtype=np.int64)
    total = np.zeros(len(bodies), dtype=np.int64)
    rest = bodies.copy()
    for position in range(
        19
    ):  # the body's last digit is second from the right once the check digit follows
        digit = rest % 10
        if position % 2 == 0:
            digit = np.where(digit > 4, 2 * digit - 9, 2 * digit)
        total += digit
        rest //= 10
        if not rest.any():
            break
    return bodies * 10 + (10 - total % 10) % 10


def random_siren_numbers(n: int, rng: np.random.Generator) -> np.ndarray:
    """n distinct checksum-valid SIREN numbers (9 digits, first 1-9) as int64, in random order."""
    bodies = np.unique(rng.integers(10_000_000, 100_000_000, size=int(n * 1.1) + 16))
    if len(bodies) < n:
        raise ValueError(f"cannot draw {n} distinct SIREN numbers")
    bodies = rng.permutation(bodies)[:n]
    return with_check_digit(bodies)


def random_sirens(n: int, rng: np.random.Generator) -> np.ndarray:
    """n distinct checksum-valid SIREN strings (first digit 1-9)."""
    return random_siren_numbers(n, rng).astype(str)


def head_office_sirets(sirens) -> list:
    """A valid SIRET for each SIREN: NIC 0001 plus the check digit."""
    bodies = np.asarray(sirens, dtype=np.int64) * 10_000 + 1
    return [str(v) for v in with_check_digit(bodies)]


def mistyped(number: str, rng: np.random.Generator) -> str:
    """The number with one digit changed: a Luhn check always catches it."""
    position = int(rng.integers(len(number)))
    wrong = (int(number[position]) + int(rng.integers(1, 10))) % 10
    return number[:position] + str(wrong) + number[position + 1 :]


def sirene_rows(n: int, seed: int = 0, closed_share: float = 0.02) -> pd.DataFrame:
    """n unités légales with their siège, in one frame using INSEE's column names."""
    rng = np.random.default_rng(seed)
    communes = populated_communes()
    weights = communes["weight"].to_numpy(float)
    commune = rng.choice(communes["commune_code"].to_numpy(), size=n, p=weights / weights.sum())
    sirens = random_sirens(n, rng)
    bands = rng.choice(
        list(BAND_WEIGHTS),
        size=n,
        p=np.array(list(BAND_WEIGHTS.values())) / sum(BAND_WEIGHTS.values()),
    )
    days = rng.integers(0, 50 * 365, size=n)
    created = (pd.Timestamp("1975-01-01") + pd.to_timedelta(days, unit="D")).strftime("%Y-%m-%d")
    return pd.DataFrame(
        {
            "siren": sirens,
            "denominationUniteLegale": "ENTREPRISE FICTIVE " + pd.Series(np.arange(n)).astype(str),
            "dateCreationUniteLegale": created,
            "trancheEffectifsUniteLegale": bands,
            "categorieEntreprise": np.where(np.isin(bands, ["32", "41"]), "ETI", "PME"),
            "activitePrincipaleUniteLegale": rng.choice(reference.naf_candidates(), size=n),
            "etatAdministratifUniteLegale": np.where(rng.random(n) < closed_share, "C", "A"),
            "codeCommuneEtablissement": commune,
            "etablissementSiege": "true",
        }
    )
