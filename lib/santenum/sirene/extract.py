"""`santenum sirene`: candidate digital-health companies of a région from INSEE's national SIRENE stock.

DuckDB streams StockEtablissement and StockUniteLegale (CSV or Parquet, INSEE's column names)
within a memory limit. Kept: active establishments (etatAdministratifEtablissement = 'A') of the
région (commune code → région through the reference communes, arrondissements included) whose
activity code is in data/reference/naf_candidates.csv, joined to their active unité légale.
One row per company and région: its siège if the siège is in the région, else its establishment
of the région with the smallest SIRET. Individual entrepreneurs' personal names are not copied:
only the unité légale's denomination and the establishment's trade names.
"""

import logging
import shutil
from pathlib import Path

import pandas as pd

from santenum.core import reference
from santenum.core.errors import InputError
from santenum.core.files import staged_directory, write_csv
from santenum.core.insee import (
    ETABLISSEMENT_OPTIONAL,
    ETABLISSEMENT_REQUIRED,
    EXTRACT_COLUMNS,
    UNITE_LEGALE_OPTIONAL,
    UNITE_LEGALE_REQUIRED,
)
from santenum.sirene.stock import commune_places, connect, open_view, reading_errors

log = logging.getLogger(__name__)

COUNTS_FILE = "counts_by_region.csv"
# Beside the files, so that `santenum clean OUT` reads the extracts and leaves the counts out.
# No `perimeter:`: an activity code is no evidence, so every candidate is « à qualifier » until a
# survey, an evidence list or the analyst's decision says otherwise (clean/perimeter.py).
SOURCE_YML = (
    "# Candidates by activity code: no evidence of the filière, each « à qualifier » (perimetre.csv)\n"
    f"kind: sirene\nfiles:\n  {COUNTS_FILE}:\n    skip: true\n"
)


def extract_name(region: str) -> str:
    return f"extrait-sirene-{region}.csv"


def commune_regions() -> pd.DataFrame:
    """Any commune code of the reference (arrondissements, communes déléguées too) -> région."""
    places = commune_places()
    return pd.DataFrame({"commune_code": places["commune_code"], "region_code": places["region"]})


def check_region(region: str) -> list | None:
    """[code] for a known région, None for 'all'; InputError otherwise."""
    if region == reference.ALL_REGIONS:
        return None
    try:
        return [reference.region_code(region)]
    except ValueError as exc:
        raise InputError("--region", str(exc)) from None


def select_candidates(con, etablissements: Path, unites_legales: Path) -> None:
    """Table `candidates`: one row per (région, company), every région."""
    open_view(con, "etab", Path(etablissements), ETABLISSEMENT_REQUIRED, ETABLISSEMENT_OPTIONAL)
    open_view(con, "ul", Path(unites_legales), UNITE_LEGALE_REQUIRED, UNITE_LEGALE_OPTIONAL)
    con.register("communes", commune_regions())
    con.register("naf", pd.DataFrame({"naf_code": reference.naf_candidates()}))
    con.execute("""
        CREATE TEMP TABLE candidates AS
        WITH kept AS (
            SELECT e.*, c.region_code
            FROM etab e JOIN communes c ON c.commune_code = e.codeCommuneEtablissement
            WHERE e.etatAdministratifEtablissement = 'A'
              AND e.activitePrincipaleEtablissement IN (SELECT naf_code FROM naf)
        ), chosen AS (
            SELECT * FROM kept
            QUALIFY row_number() OVER (PARTITION BY region_code, siren
                                       ORDER BY etablissementSiege = 'true' DESC, siret) = 1
        )
        SELECT chosen.*, ul.* EXCLUDE (siren)
        FROM chosen JOIN ul USING (siren)
        WHERE ul.etatAdministratifUniteLegale = 'A'
    """)


def _write_extract(con, region: str, path: Path) -> int:
    """The région's candidates through the one CSV writer (formula-like names neutralised)."""
    columns = ", ".join(f'"{c}"' for c in EXTRACT_COLUMNS)
    frame = con.execute(
        f"SELECT {columns} FROM candidates WHERE region_code = ? ORDER BY siren, siret", [region]
    ).df()
    write_csv(frame.astype("string"), path)
    return len(frame)


def counts_by_region(con) -> pd.DataFrame:
    """Candidate companies per région and NAF code (of the establishment kept)."""
    counts = con.execute("""
        SELECT region_code, activitePrincipaleEtablissement AS naf_code, count(*) AS companies
        FROM candidates GROUP BY ALL ORDER BY region_code, naf_code
    """).df()
    counts.insert(1, "region_name", counts["region_code"].map(reference.region_names()))
    return counts


def extract_candidates(
    etablissements,
    unites_legales,
    region: str,
    out,
    memory_limit: str = "2GB",
    progress: bool = True,
) -> dict:
    """Write extrait-sirene-<région>.csv for the région (or every région) and counts_by_region.csv.

    Returns {région: companies written}. Files appear in out only once all are written.
    """
    wanted = check_region(region)
    with staged_directory(out, owned=True) as staging:
        con = connect(memory_limit, progress, staging / ".duckdb")
        with reading_errors(etablissements, unites_legales):
            select_candidates(con, etablissements, unites_legales)
        counts = counts_by_region(con)
        written = {}
        for code in wanted or sorted(counts["region_code"].unique()):
            written[code] = _write_extract(con, code, staging / extract_name(code))
            if not written[code]:
                log.warning("région %s : aucune entreprise candidate", code)
        write_csv(counts, staging / COUNTS_FILE)
        (staging / "source.yml").write_text(SOURCE_YML, encoding="utf-8")
        con.close()
        shutil.rmtree(
            staging / ".duckdb", ignore_errors=True
        )  # DuckDB's spill files are not outputs
    return written
