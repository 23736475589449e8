"""Candidates in INSEE's register for companies known by name and place, found by DuckDB.

Blocking keeps the national stock out of pandas: the register's names are folded in DuckDB only
for units with an établissement in a département searched, and compared (Jaro-Winkler on the
folded name, and on its words sorted) only with the list's names that share a blocking key
(first word, last word, first or last four letters) in the same département. A company given
only a région is searched in the région's départements. One given no place at all is searched
only among the units its rounded SIRET points to (a name alone, across France, would be a guess;
a source's région can be declared in source.yml).
What leaves DuckDB is one row per (company looked up, candidate SIREN) with its evidence.
"""

import pandas as pd

from santenum.sirene.names import BLOCKS, keys_select
from santenum.sirene.register import create_names

# Pairs whose names are less alike than this are not candidates (Jaro-Winkler, 0 to 1); of the
# others, a query keeps its TOP_CANDIDATES most alike SIRENs (all of them when names tie).
MIN_NAME_SIMILARITY = 0.85
TOP_CANDIDATES = 20
# A rounded SIRET of a row with no place is searched by its exact leading digits, if this many.
MIN_PREFIX = 6
# What the list gives of a company's place, most precise first; the candidate's establishment
# that agrees at the most precise level is the one kept.
PLACE_LEVELS = {"commune": 4, "postal_code": 3, "departement": 1, "region": 0}


def _prepare(con, queries: pd.DataFrame) -> None:
    """Tables q (the companies looked up, with their keys), areas (query, département searched)."""
    con.register("q_input", queries)
    con.execute(f"CREATE TEMP TABLE q AS SELECT *, {keys_select()} FROM q_input")
    con.execute("""
        CREATE TEMP TABLE areas AS
        SELECT query, departement_code AS dept FROM q WHERE departement_code IS NOT NULL
        UNION
        SELECT q.query, p.dept FROM q JOIN (SELECT DISTINCT dept, region FROM places) p
            ON p.region = q.region_code
        WHERE q.departement_code IS NULL
    """)


def _siret_hits(con) -> None:
    """Table siret_hits (query, siren): for rows with no place, the units whose SIREN starts with
    the digits a rounded SIRET still gives exactly (at least MIN_PREFIX of them). The last kept
    digit may have been rounded up, so the prefix of the value one rounding step lower counts too."""
    con.execute("""
        CREATE TEMP TABLE prefixes AS
        WITH given AS (
            SELECT query, rounded_digits AS digits, least(9, 13 - rounded_zeros) AS width
            FROM q WHERE departement_code IS NULL AND region_code IS NULL
              AND rounded_digits IS NOT NULL
        )
        SELECT DISTINCT query, width, left(digits, width) AS prefix FROM given
        UNION
        SELECT DISTINCT query, width,
               left(lpad(CAST(CAST(digits AS HUGEINT) - CAST(pow(10, 14 - width) AS HUGEINT)
                              AS VARCHAR), 14, '0'), width)
        FROM given
    """)
    widths = [
        row[0]
        for row in con.execute(
            f"SELECT DISTINCT width FROM prefixes WHERE width >= {MIN_PREFIX} ORDER BY width"
        ).fetchall()
    ]
    hits = [
        f"SELECT DISTINCT p.query, u.siren FROM prefixes p JOIN units u "
        f"ON p.width = {width} AND left(u.siren, {width}) = p.prefix"
        for width in widths
    ]
    con.execute(
        "CREATE TEMP TABLE siret_hits AS "
        + (" UNION ".join(hits) if hits else "SELECT NULL::BIGINT AS query, NULL AS siren LIMIT 0")
    )


def _pairs(con) -> None:
    """Table pairs: best name of each (query, SIREN) sharing a blocking key in a département
    searched, or pointed to by a rounded SIRET; alike enough; the TOP_CANDIDATES most alike
    SIRENs of each query (ties kept)."""
    similarity = (
        "greatest(jaro_winkler_similarity(q.name_key, r.name_key), "
        "jaro_winkler_similarity(q.sorted_key, r.sorted_key))"
    )
    select = f"SELECT q.query, r.siren, r.name, r.name_key, r.sorted_key, {similarity} AS name_similarity"
    joins = [
        f"{select} FROM q JOIN areas a USING (query) JOIN reg_names r "
        f"ON r.dept = a.dept AND r.{block} = q.{block}"
        for block in BLOCKS
    ]
    joins.append(
        f"{select} FROM q JOIN siret_hits h USING (query) JOIN reg_names r ON r.siren = h.siren"
    )
    # Of a SIREN's names equally alike, the same one is kept whatever the order of the rows.
    best = (
        "arg_max({'name': name, 'key': name_key, 'sorted': sorted_key}, "
        "(name_similarity, name_key, sorted_key, name))"
    )
    con.execute(f"""
        CREATE TEMP TABLE pairs AS
        SELECT query, siren, name_similarity, best.name AS matched_name,
               best.key AS matched_key, best.sorted AS matched_sorted
        FROM (
            SELECT query, siren, max(name_similarity) AS name_similarity, {best} AS best
            FROM ({" UNION ALL ".join(joins)})
            WHERE name_similarity >= {MIN_NAME_SIMILARITY}
            GROUP BY query, siren
            QUALIFY rank() OVER (PARTITION BY query ORDER BY max(name_similarity) DESC)
                <= {TOP_CANDIDATES}
        )
    """)


def _with_places(con) -> pd.DataFrame:
    """Each pair with its establishment that best agrees with the query's place, and its unit."""
    level = f"""CASE
        WHEN q.commune_code IS NOT NULL AND e.commune = q.commune_code THEN {PLACE_LEVELS["commune"]}
        WHEN q.postal_code IS NOT NULL AND q.postal_code IN (e.postal, e.cedex)
            THEN {PLACE_LEVELS["postal_code"]}
        WHEN q.departement_code IS NOT NULL AND e.dept = q.departement_code
            THEN {PLACE_LEVELS["departement"]}
        WHEN q.departement_code IS NULL AND q.region_code IS NOT NULL AND e.region = q.region_code
            THEN {PLACE_LEVELS["region"]}
        END"""
    rounded = """CASE WHEN q.rounded_digits IS NULL THEN NULL ELSE
        abs(CAST(e.siret AS HUGEINT) - CAST(q.rounded_digits AS HUGEINT))
            < CAST(pow(10, q.rounded_zeros) AS HUGEINT) END"""
    return con.execute(f"""
        WITH candidates AS (
            SELECT e.* FROM etab_places e WHERE e.siren IN (SELECT DISTINCT siren FROM pairs)
        ), scored AS (
            SELECT p.*, e.siret, e.commune, e.postal, e.state AS establishment_state,
                   e.activity, {level} AS place_level,
                   {rounded} AS siret_fits,
                   q.departement_code IS NULL AND q.region_code IS NULL AS placeless
            FROM pairs p JOIN q USING (query) JOIN candidates e USING (siren)
        ), best AS (
            SELECT * FROM scored
            WHERE place_level IS NOT NULL OR placeless
            QUALIFY row_number() OVER (
                PARTITION BY query, siren
                ORDER BY place_level DESC NULLS LAST, siret_fits DESC NULLS LAST,
                         establishment_state = 'A' DESC, siret) = 1
        )
        SELECT b.query, b.siren, b.siret, b.name_similarity, b.matched_name, b.place_level,
               least(damerau_levenshtein(q.name_key, b.matched_key),
                     damerau_levenshtein(q.sorted_key, b.matched_sorted)) AS name_edits,
               b.siret_fits, b.commune, b.postal, b.establishment_state,
               abs(q.creation_year - TRY_CAST(left(u.creation_date, 4) AS INTEGER)) AS year_gap,
               CASE WHEN q.naf_code IS NOT NULL THEN q.naf_code IN (
                   replace(upper(u.naf), '.', ''),
                   replace(upper(b.activity), '.', '')) END AS naf_agrees,
               u.unit_state, u.denomination, u.legal_category, u.creation_date,
               u.headcount_band, u.size_category, u.naf
        FROM best b JOIN units u USING (siren) JOIN q USING (query)
        ORDER BY b.query, b.siren
    """).df()


def find_candidates(con, queries: pd.DataFrame, *, names_ready: bool) -> pd.DataFrame:
    """Candidates of each query (see module docstring); `queries` as built by identify.queries().
    The register's tables (register.TABLES) are open; reg_names is folded here for the
    départements searched unless `names_ready` (an index holds every département's)."""
    _prepare(con, queries)
    _siret_hits(con)
    if not names_ready:
        create_names(
            con, "dept IN (SELECT dept FROM areas) OR siren IN (SELECT siren FROM siret_hits)"
        )
    _pairs(con)
    return _with_places(con)
