"""The register's tables that identification reads, as views over INSEE's stock or over its index.

- `etab_places`: each establishment with its current commune, département and région (reference
  communes; arrondissements and communes déléguées count for their commune), postal and CEDEX
  codes, state, activity, whether it is the siège, and its signs (non-diffusible ones empty);
- `units`: each unit's state and what identification hands on (its denomination unless
  non-diffusible, legal category, creation date, headcount band, size category, NAF);
- `reg_names`: every name a company is known by — its unit's denomination, acronym and usual names
  in each département where it has an establishment, each establishment's signs in its own —
  folded once (names.match_words) with its keys.
Over the stock, create_names() folds the names of the départements a list searches only; the index
(sirene/index.py) keeps them for every département, so that a run folds none.
"""

from dataclasses import dataclass
from pathlib import Path

from santenum.core.insee import (
    ETABLISSEMENT_NAMES,
    IDENTIFY_ETABLISSEMENT_OPTIONAL,
    IDENTIFY_ETABLISSEMENT_REQUIRED,
    IDENTIFY_UNITE_LEGALE_OPTIONAL,
    IDENTIFY_UNITE_LEGALE_REQUIRED,
    NON_DIFFUSIBLE,
    UNITE_LEGALE_NAMES,
)
from santenum.sirene.names import keys_select, match_words
from santenum.sirene.stock import commune_places, open_view

TABLES = ("etab_places", "units", "reg_names")


@dataclass(frozen=True)
class Register:
    """INSEE's stock files (StockUniteLegale, StockEtablissement), CSV or Parquet; the DuckDB
    memory limit; where their index is kept (None: the user's cache folder, index.default_root())
    and whether to use one."""

    unites_legales: Path
    etablissements: Path
    memory_limit: str = "3GB"
    index_dir: Path | None = None
    use_index: bool = True


def _non_diffusible(column: str) -> str:
    return f"nullif({column}, '{NON_DIFFUSIBLE}')"


# Each relation of TABLES but reg_names, from the stock's views `etab` and `ul`.
RELATIONS = {
    "etab_places": f"""
        SELECT e.siren, e.siret, p.current_code AS commune, p.dept, p.region,
               e.codePostalEtablissement AS postal, e.codeCedexEtablissement AS cedex,
               e.etatAdministratifEtablissement AS state,
               e.activitePrincipaleEtablissement AS activity,
               coalesce(e.etablissementSiege = 'true', false) AS head_office,
               {", ".join(_non_diffusible(c) + f' AS "{c}"' for c in ETABLISSEMENT_NAMES)}
        FROM etab e LEFT JOIN places p ON p.commune_code = e.codeCommuneEtablissement
    """,
    "units": f"""
        SELECT siren, etatAdministratifUniteLegale AS unit_state,
               {_non_diffusible("denominationUniteLegale")} AS denomination,
               categorieJuridiqueUniteLegale AS legal_category,
               dateCreationUniteLegale AS creation_date,
               trancheEffectifsUniteLegale AS headcount_band,
               categorieEntreprise AS size_category,
               activitePrincipaleUniteLegale AS naf
        FROM ul
    """,
}


def open_stock(con, register: Register) -> None:
    """Views `etab` and `ul` over the stock files, and `places`, `etab_places` and `units` over
    them; InputError (one line) if a file is not INSEE's layout."""
    open_view(
        con,
        "etab",
        Path(register.etablissements),
        IDENTIFY_ETABLISSEMENT_REQUIRED,
        IDENTIFY_ETABLISSEMENT_OPTIONAL,
    )
    open_view(
        con,
        "ul",
        Path(register.unites_legales),
        IDENTIFY_UNITE_LEGALE_REQUIRED,
        IDENTIFY_UNITE_LEGALE_OPTIONAL,
    )
    con.register("places", commune_places())
    for name, sql in RELATIONS.items():
        con.execute(f"CREATE TEMP VIEW {name} AS {sql}")


def create_names(con, searched: str | None = None) -> None:
    """Table reg_names: (siren, dept, name, keys) of every unit and establishment whose
    establishment (a row of etab_places) meets the SQL condition `searched`; all when None."""
    searched = searched or "true"
    con.execute(
        f"CREATE TEMP TABLE unit_depts AS SELECT DISTINCT siren, dept FROM etab_places WHERE {searched}"
    )
    # One SELECT per name column (columnar scans), rather than UNPIVOT, several times slower here.
    units = " UNION ALL ".join(
        f"SELECT siren, {_non_diffusible(column)} AS name FROM ul "
        f"WHERE {column} IS NOT NULL AND siren IN (SELECT siren FROM unit_depts)"
        for column in UNITE_LEGALE_NAMES
    )
    establishments = " UNION ALL ".join(
        f'SELECT siren, dept, "{column}" AS name FROM etab_places '
        f'WHERE "{column}" IS NOT NULL AND ({searched})'
        for column in ETABLISSEMENT_NAMES
    )
    # Step by step into temporary tables: as one statement DuckDB's plan took twice as long.
    con.execute(f"CREATE TEMP TABLE unit_names AS {units}")
    con.execute(f"CREATE TEMP TABLE etab_names AS {establishments}")
    # Each distinct name folded once (a name recurs across units and départements), into a table:
    # in a subquery DuckDB would repeat the folding in each key computed from it.
    con.execute(f"""
        CREATE TEMP TABLE name_words AS
        SELECT name, {match_words("name")} AS words
        FROM (SELECT name FROM unit_names UNION SELECT name FROM etab_names)
    """)
    con.execute(
        f"CREATE TEMP TABLE name_keys AS SELECT name, {keys_select()} "
        "FROM name_words WHERE words IS NOT NULL"
    )
    con.execute("""
        CREATE TEMP TABLE reg_names AS
        SELECT n.siren, n.dept, k.*
        FROM (SELECT u.siren, d.dept, u.name FROM unit_names u JOIN unit_depts d USING (siren)
              UNION ALL
              SELECT siren, dept, name FROM etab_names) n
        JOIN name_keys k USING (name)
    """)
    for scratch in ("unit_depts", "unit_names", "etab_names", "name_words", "name_keys"):
        con.execute(f"DROP TABLE {scratch}")
