"""splink on santenum's candidates: the same blocking, pruning and comparisons, another scorer.

For bench_identify.py. Left records are the companies looked up (santenum's queries), right
records the candidates santenum's blocking keeps for each (one per query and SIREN, with the
establishment that best agrees with the query's place, Jaro-Winkler >= 0.85, top 20), so that
splink scores exactly the pairs santenum scores; its only blocking rule is `l.query = r.query`.
Its comparisons are santenum's evidence, each a splink comparison computed from both records:
names (exact after folding, one edit at Jaro-Winkler >= 0.95, >= 0.92, else), place (commune,
postal or CEDEX code, département, région, else), a rounded SIRET (fits, contradicts), the
candidate's state (unit ceased, establishment closed, active), creation year (same, three years
or more apart, else) and NAF code (agrees, else). Fellegi-Sunter parameters are learnt without
the truth, as splink's guide does it: u by random sampling of record pairs, m by EM twice (among
pairs of the same folded name, then of the same commune, over every list row and candidate), and
the prior (probability two random records match) from deterministic rules with an assumed recall.
EM among each row's own candidates only was tried first: with every candidate's name already
alike, it took most of them for matches (m of an exact name 0.07). Term-frequency adjustment of
exact names was tried too and lowered recall on the training half: left out.
Needs `pip install splink` (santenum's optional extra `bench`).
"""

import time

import pandas as pd

NAME_SIMILARITY = (
    "greatest(jaro_winkler_similarity(name_key_l, matched_key_r), "
    "jaro_winkler_similarity(sorted_key_l, matched_sorted_r))"
)
NAME_EDITS = (
    "least(damerau_levenshtein(name_key_l, matched_key_r), "
    "damerau_levenshtein(sorted_key_l, matched_sorted_r))"
)
SIRET_FITS = (
    "abs(CAST(siret_r AS HUGEINT) - CAST(rounded_digits_l AS HUGEINT)) "
    "< CAST(pow(10, rounded_zeros_l) AS HUGEINT)"
)
# Pairs held as matches to estimate the prior: the same folded name in the same commune, or a
# rounded SIRET that fits with a name at least alike; and the share of true matches they are
# assumed to find (a guess a user would make, not the benchmark's truth).
DETERMINISTIC_RULES = (
    "l.query = r.query AND l.name_key = r.matched_key AND l.commune = r.commune",
    "l.query = r.query AND l.rounded_digits IS NOT NULL AND l.name_key = r.matched_key "
    "AND abs(CAST(r.siret AS HUGEINT) - CAST(l.rounded_digits AS HUGEINT)) "
    "< CAST(pow(10, l.rounded_zeros) AS HUGEINT)",
)
ASSUMED_RECALL = 0.6
U_PAIRS = 1e7
EM_RULES = ("l.name_key = r.matched_key", "l.commune = r.commune")
EM_PAIRS = 5e6


def _comparisons():
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl

    def custom(name, levels, null=None):
        first = [cll.CustomLevel(null).configure(is_null_level=True)] if null else []
        return cl.CustomComparison(
            comparison_levels=[
                *first,
                *(cll.CustomLevel(sql, label_for_charts=label) for label, sql in levels),
                cll.ElseLevel(),
            ],
            output_column_name=name,
        )

    return [
        custom(
            "name",
            [
                ("exact", f"{NAME_SIMILARITY} >= 0.999"),
                ("one edit", f"{NAME_SIMILARITY} >= 0.95 AND {NAME_EDITS} <= 1"),
                ("jaro-winkler 0.92", f"{NAME_SIMILARITY} >= 0.92"),
            ],
        ),
        custom(
            "place",
            [
                ("commune", "commune_l = commune_r"),
                ("postal code", "postal_l IN (postal_r, cedex_r)"),
                ("département", "dept_l = dept_r"),
                ("région", "dept_l IS NULL AND region_l = region_r"),
            ],
            null="commune_l IS NULL AND postal_l IS NULL AND dept_l IS NULL AND region_l IS NULL",
        ),
        custom(
            "siret",
            [("fits", SIRET_FITS)],
            null="rounded_digits_l IS NULL",
        ),
        custom(
            "state",
            [
                ("unit ceased", "unit_state_r = 'C'"),
                ("establishment closed", "establishment_state_r = 'F'"),
            ],
        ),
        custom(
            "creation_year",
            [
                ("same", "creation_year_l = creation_year_r"),
                ("3 years or more apart", "abs(creation_year_l - creation_year_r) >= 3"),
            ],
            null="creation_year_l IS NULL OR creation_year_r IS NULL",
        ),
        custom(
            "naf",
            [("agrees", "naf_l IN (naf_r, activity_r)")],
            null="naf_l IS NULL",
        ),
    ]


LEFT = """
    SELECT query AS unique_id, query, name_key, sorted_key,
           CAST(NULL AS VARCHAR) AS matched_key, CAST(NULL AS VARCHAR) AS matched_sorted,
           commune_code AS commune, postal_code AS postal, CAST(NULL AS VARCHAR) AS cedex,
           departement_code AS dept, region_code AS region, CAST(NULL AS VARCHAR) AS siret,
           rounded_digits, rounded_zeros, CAST(NULL AS VARCHAR) AS unit_state,
           CAST(NULL AS VARCHAR) AS establishment_state, creation_year, naf_code AS naf,
           CAST(NULL AS VARCHAR) AS activity, CAST(NULL AS VARCHAR) AS siren
    FROM q
"""
RIGHT = """
    SELECT row_number() OVER (ORDER BY c.query, c.siren) AS unique_id, c.query,
           CAST(NULL AS VARCHAR) AS name_key, CAST(NULL AS VARCHAR) AS sorted_key,
           p.matched_key, p.matched_sorted, e.commune, e.postal, e.cedex, e.dept, e.region,
           c.siret, CAST(NULL AS VARCHAR) AS rounded_digits, CAST(NULL AS BIGINT) AS rounded_zeros,
           c.unit_state, c.establishment_state,
           TRY_CAST(left(c.creation_date, 4) AS INTEGER) AS creation_year,
           replace(upper(c.naf), '.', '') AS naf, replace(upper(e.activity), '.', '') AS activity,
           c.siren
    FROM candidates c JOIN pairs p USING (query, siren) JOIN etab_places e USING (siret)
"""


def score(con, candidates: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """(query, siren, score) of every candidate, splink's match weight (log2 of its Bayes
    factor, additive as santenum's points) as score, and the seconds spent training and
    predicting. `con` holds santenum's tables q, pairs and
    etab_places after find_candidates()."""
    from splink import DuckDBAPI, Linker, SettingsCreator

    con.register("candidates", candidates)
    con.execute(f"CREATE TEMP TABLE left_records AS {LEFT}")
    con.execute(f"CREATE TEMP TABLE right_records AS {RIGHT}")
    left_n, right_n = (
        con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]
        for t in ("left_records", "right_records")
    )
    settings = SettingsCreator(
        link_type="link_only",
        blocking_rules_to_generate_predictions=["l.query = r.query"],
        comparisons=_comparisons(),
        additional_columns_to_retain=["query", "siren"],
        retain_intermediate_calculation_columns=False,
    )
    db_api = DuckDBAPI(connection=con)
    linker = Linker(
        [db_api.register("left_records"), db_api.register("right_records")],
        settings,
        log_level="WARNING",
    )
    start = time.perf_counter()
    linker.training.estimate_probability_two_random_records_match(
        list(DETERMINISTIC_RULES), recall=ASSUMED_RECALL
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=U_PAIRS, seed=1)
    # m by EM as splink's guide does it: once among pairs of the same folded name (place, SIRET
    # and state learnt), once among pairs of the same commune (name and state learnt), over
    # every list row and every candidate, not only each row's own candidates.
    for rule in EM_RULES:
        linker.training.estimate_parameters_using_expectation_maximisation(rule, max_pairs=EM_PAIRS)
    trained = time.perf_counter()
    pairs = linker.inference.predict().as_pandas_dataframe()
    predicted = time.perf_counter()
    model = linker.misc.save_model_to_json()
    levels = {
        f"{comparison['output_column_name']}: {level.get('label_for_charts', '?')}": [
            round(level.get("m_probability", float("nan")), 4),
            round(level.get("u_probability", float("nan")), 6),
        ]
        for comparison in model["comparisons"]
        for level in comparison["comparison_levels"]
        if not level.get("is_null_level")
    }
    ranked = pairs[["query_l", "siren_r", "match_weight"]].set_axis(
        ["query", "siren", "score"], axis=1
    )
    return ranked, {
        "left_records": left_n,
        "right_records": right_n,
        "prior": linker._settings_obj._probability_two_random_records_match,
        "training_seconds": round(trained - start, 1),
        "prediction_seconds": round(predicted - trained, 1),
        "m_u": levels,
    }
