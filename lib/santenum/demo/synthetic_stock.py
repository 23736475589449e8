"""Synthetic INSEE SIRENE stock files (StockEtablissement, StockUniteLegale) of any size.

INSEE's column names (a subset, in INSEE's order) and realistic value distributions: names as
the register writes them (demo.register_names), signs on some establishments, communes drawn by
population, INSEE tranche codes, NAF codes (about 4 % in the digital-health candidate
list), closed units and establishments, one siège per unit. Written in chunks, so millions of rows
fit in little memory. For tests (small) and the national-scale benchmark (large).
"""

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from santenum.core import reference
from santenum.core.insee import ETABLISSEMENT_COLUMNS, UNITE_LEGALE_COLUMNS
from santenum.demo.register_names import register_names
from santenum.demo.synthetic import (
    BAND_WEIGHTS,
    populated_communes,
    random_siren_numbers,
    with_check_digit,
)

# NAF codes common in the register (weights: share of establishments); the candidate codes of
# naf_candidates.csv share CANDIDATE_WEIGHT among them (about 4 % of establishments).
CANDIDATE_WEIGHT = 4.1
COMMON_NAF_WEIGHTS = {
    "68.20B": 12,
    "47.11F": 3,
    "56.10A": 6,
    "70.22Z": 8,
    "43.21A": 4,
    "86.21Z": 5,
    "96.02A": 4,
    "49.32Z": 3,
    "85.59A": 4,
    "74.90B": 5,
    "41.20A": 3,
    "46.90Z": 4,
    "68.10Z": 6,
    "01.11Z": 5,
    "93.12Z": 3,
    "94.99Z": 10,
    "81.21Z": 3,
    "86.90D": 2,
    "82.99Z": 6,
}
CHUNK_ROWS = 1_000_000
SIGN_SHARE = 0.12  # establishments with a sign (enseigne)


def naf_weights() -> dict:
    """Weight of each NAF code drawn: the common ones, then the candidates sharing CANDIDATE_WEIGHT."""
    candidates = reference.naf_candidates()
    return {
        **COMMON_NAF_WEIGHTS,
        **{code: CANDIDATE_WEIGHT / len(candidates) for code in candidates},
    }


def _choice(rng, weights: dict, size: int) -> np.ndarray:
    p = np.array(list(weights.values()), dtype=float)
    return np.array(list(weights), dtype=object)[rng.choice(len(p), size=size, p=p / p.sum())]


def _dates(rng, size: int, first: str = "1960-01-01", last: str = "2025-12-31") -> np.ndarray:
    start, end = np.datetime64(first), np.datetime64(last)
    days = rng.integers(0, int((end - start).astype(int)), size=size)
    return np.datetime_as_string(start + days.astype("timedelta64[D]"), unit="D")


def _table(columns: dict, layout: tuple) -> pa.Table:
    """The generated columns as text, in the order of INSEE's layout."""
    return pa.table(
        {name: pa.array(columns[name], type=pa.string()) for name in layout if name in columns}
    )


class _Writer:
    """Parquet or CSV, chunk by chunk."""

    def __init__(self, path: Path):
        self.path, self.writer = path, None

    def write(self, table: pa.Table) -> None:
        if self.writer is None:
            self.writer = (
                pq.ParquetWriter(self.path, table.schema)
                if self.path.suffix == ".parquet"
                else pa_csv.CSVWriter(self.path, table.schema)
            )
        self.writer.write_table(table)

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


def _signs(rng, n: int) -> np.ndarray:
    """Signs (enseignes) of SIGN_SHARE of n establishments, None for the others."""
    signs = np.full(n, None, dtype=object)
    signed = np.flatnonzero(rng.random(n) < SIGN_SHARE)
    signs[signed] = register_names(rng, len(signed))
    return signs


def _unites_legales(rng, sirens: np.ndarray, closed: np.ndarray, writer: _Writer) -> None:
    for start in range(0, len(sirens), CHUNK_ROWS):
        part = slice(start, start + CHUNK_ROWS)
        n = len(sirens[part])
        individual = (
            rng.random(n) < 0.35
        )  # entrepreneurs individuels: a person's name, no denomination
        bands = _choice(rng, BAND_WEIGHTS, n)
        numbers = np.arange(start, start + n).astype(str)
        writer.write(
            _table(
                {
                    "siren": sirens[part].astype(str),
                    "statutDiffusionUniteLegale": np.full(n, "O", dtype=object),
                    "dateCreationUniteLegale": _dates(rng, n),
                    "sigleUniteLegale": np.full(n, None, dtype=object),
                    "trancheEffectifsUniteLegale": bands,
                    "anneeEffectifsUniteLegale": np.where(bands == "NN", None, "2022"),
                    "categorieEntreprise": np.where(
                        np.isin(bands, ["32", "41", "42"]),
                        "ETI",
                        np.where(np.isin(bands, ["51", "52", "53"]), "GE", "PME"),
                    ),
                    "anneeCategorieEntreprise": np.full(n, "2022", dtype=object),
                    "etatAdministratifUniteLegale": np.where(closed[part], "C", "A"),
                    "nomUniteLegale": np.where(individual, np.char.add("NOM", numbers), None),
                    "denominationUniteLegale": np.where(individual, None, register_names(rng, n)),
                    "categorieJuridiqueUniteLegale": np.where(individual, "1000", "5710"),
                    "activitePrincipaleUniteLegale": _choice(rng, naf_weights(), n),
                    "nomenclatureActivitePrincipaleUniteLegale": np.full(
                        n, "NAFRev2", dtype=object
                    ),
                    "caractereEmployeurUniteLegale": np.where(bands == "NN", "N", "O"),
                },
                UNITE_LEGALE_COLUMNS,
            )
        )


def _etablissements(
    rng, sirens: np.ndarray, closed: np.ndarray, n_etab: int, writer: _Writer
) -> None:
    # Every unit has its siège; the other establishments go to units drawn at random.
    owner = np.concatenate(
        [np.arange(len(sirens)), rng.integers(0, len(sirens), size=n_etab - len(sirens))]
    )
    order = np.argsort(owner, kind="stable")
    rank = np.empty(n_etab, dtype=np.int64)
    counts = np.bincount(owner, minlength=len(sirens))
    rank[order] = np.arange(n_etab) - np.repeat(np.cumsum(counts) - counts, counts)
    places = populated_communes()
    p = places["weight"].to_numpy(float)
    for start in range(0, n_etab, CHUNK_ROWS):
        part = slice(start, start + CHUNK_ROWS)
        n = len(owner[part])
        unit = owner[part]
        nic = rank[part] + 1
        place = places.iloc[rng.choice(len(places), size=n, p=p / p.sum())]
        state = np.where(closed[unit] | (rng.random(n) < 0.3), "F", "A")
        writer.write(
            _table(
                {
                    "siren": sirens[unit].astype(str),
                    "nic": np.char.zfill(nic.astype(str), 4),
                    "siret": with_check_digit(sirens[unit] * 10_000 + nic).astype(str),
                    "statutDiffusionEtablissement": np.full(n, "O", dtype=object),
                    "dateCreationEtablissement": _dates(rng, n),
                    "trancheEffectifsEtablissement": _choice(rng, BAND_WEIGHTS, n),
                    "anneeEffectifsEtablissement": np.full(n, "2022", dtype=object),
                    "etablissementSiege": np.where(rank[part] == 0, "true", "false"),
                    "codePostalEtablissement": place["postal_code"].to_numpy(object),
                    "libelleCommuneEtablissement": place["commune_name"]
                    .str.upper()
                    .to_numpy(object),
                    "codeCommuneEtablissement": place["commune_code"].to_numpy(object),
                    "etatAdministratifEtablissement": state,
                    "enseigne1Etablissement": _signs(rng, n),
                    "denominationUsuelleEtablissement": np.full(n, None, dtype=object),
                    "activitePrincipaleEtablissement": _choice(rng, naf_weights(), n),
                    "nomenclatureActivitePrincipaleEtablissement": np.full(
                        n, "NAFRev2", dtype=object
                    ),
                    "caractereEmployeurEtablissement": np.full(n, "N", dtype=object),
                },
                ETABLISSEMENT_COLUMNS,
            )
        )


def write_stock(
    folder, etablissements: int, unites_legales: int, seed: int = 0, fmt: str = "parquet"
) -> tuple:
    """Write StockEtablissement.<fmt> and StockUniteLegale.<fmt> under folder; return both paths."""
    if etablissements < unites_legales:
        raise ValueError("every unité légale has at least one établissement")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    sirens = random_siren_numbers(unites_legales, rng)
    closed = rng.random(unites_legales) < 0.25
    paths = (folder / f"StockEtablissement.{fmt}", folder / f"StockUniteLegale.{fmt}")
    for path, write in (
        (paths[1], lambda w: _unites_legales(rng, sirens, closed, w)),
        (paths[0], lambda w: _etablissements(rng, sirens, closed, etablissements, w)),
    ):
        writer = _Writer(path)
        try:
            write(writer)
        finally:
            writer.close()
    return paths
