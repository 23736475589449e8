"""Benchmark: identify names written as people write them in the synthetic national SIRENE stock.

A list of --queries names (default 10 000): 90 % drawn from the stock's active companies (their
denomination, or their sign one time in two when they have one), 10 % invented companies that are
not in the register; written as people write them (case, accents, legal forms added or dropped,
& for ET, abbreviations, one typo in ten) with the place a list gives (commune and postal code,
postal code only, commune name only, département, région, or nothing with a spreadsheet-rounded
SIRET). Homonyms come from the stock itself (GARAGE NATHALIE exists in many départements).

Measured, each in its own process (wall time and peak resident memory):
- `santenum clean RAW --unites-legales --etablissements` end to end (the DuckDB engine);
- the two engines on the same queries and the same blocked candidates: santenum's points and
  thresholds (sirene/decide.py) and splink 5's Fellegi-Sunter model (EM-trained m, u by random
  sampling, term-frequency adjustment on names), both precision-first;
- a région's few hundred names (Occitanie), end to end.
Precision and recall of the auto-accepted matches, share sent to review. Targets (issue 22):
precision >= 99 %, recall >= 90 %, <= 60 s and <= 4 GB for 10 000 names on 2 cores.
Needs `pip install splink` for the splink engine (`--engines duckdb` runs without it).
Usage: python benchmarks/bench_identify.py [--etablissements 10000000] [--queries 10000]
"""

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import pandas as pd
from bench_sirene import stock

from santenum.clean.identification import queries as build_queries
from santenum.clean.identification import read_decisions
from santenum.clean.pipeline import read_rows
from santenum.clean.sources import load_sources
from santenum.core import reference
from santenum.sirene.candidates import find_candidates
from santenum.sirene.decide import ACCEPT, MARGIN, decide
from santenum.sirene.register import Register
from santenum.sirene.stock import connect

ACCENTED = {
    "SANTE": "Santé", "SOCIETE": "Société", "MEDICAL": "Médical", "ELECTRICITE": "Électricité",
    "RENOVATION": "Rénovation", "SECURITE": "Sécurité", "ETABLISSEMENTS": "Établissements",
    "INGENIERIE": "Ingénierie", "SYSTEMES": "Systèmes", "CHATEAU": "Château",
}  # fmt: skip
ABBREVIATIONS = {
    "SAINT": "ST", "SOCIETE": "STE", "LABORATOIRE": "LABO", "ETABLISSEMENTS": "ETS",
    "INTERNATIONAL": "INTL",
}  # fmt: skip
LEGAL = ("SAS", "SARL", "SA", "EURL")
PLACES = {  # what the list gives -> share of names
    "commune_and_postal": 0.55,
    "postal": 0.15,
    "commune": 0.10,
    "departement": 0.08,
    "region": 0.05,
    "rounded_siret": 0.05,
    "nothing": 0.02,
}
COLUMNS = ["Raison sociale", "Code postal", "Commune", "Département", "Région", "SIRET"]


def _typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(["swap", "drop", "replace"])
    if kind == "swap":
        return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    return word[:i] + rng.choice("aeioursnt").upper() + word[i + 1 :]


def written(name: str, rng: random.Random) -> str:
    """A register name as a person writes it on a list."""
    words = name.split()
    if words[-1] in LEGAL and rng.random() < 0.5:
        words = words[:-1]
    elif rng.random() < 0.25:
        form = rng.choice(LEGAL)
        words = [*words, form] if rng.random() < 0.7 else [form, *words]
    words = [ABBREVIATIONS.get(w, w) if rng.random() < 0.5 else w for w in words]
    words = ["&" if w == "ET" and rng.random() < 0.5 else w for w in words]
    if rng.random() < 0.1:
        long = [i for i, w in enumerate(words) if len(w) >= 4 and w not in LEGAL]
        if long:
            i = rng.choice(long)
            words[i] = _typo(words[i], rng)
    case = rng.random()
    if case < 0.65:
        accents = rng.random() < 0.7
        words = [
            ACCENTED[w] if accents and w in ACCENTED else w if w in LEGAL else w.capitalize()
            for w in words
        ]
        if case < 0.15:
            words = [w.lower() for w in words]
    return " ".join(words)


def _rounded(siret: str, rng: random.Random) -> str:
    if rng.random() < 0.5:
        return siret[:12] + "00"
    return f"{int(siret[:8]) / 10**7:.7f}".replace(".", ",") + "E+13"


def sample(paths: tuple, n: int, seed: int, region: str | None = None) -> pd.DataFrame:
    """Active named establishments of the stock (one per SIREN), with where they are."""
    places = reference.current_communes()[["commune_code", "departement_code", "region_code"]]
    where = "AND p.region_code = ?" if region else ""
    with duckdb.connect() as con:
        con.register("places", places)
        frame = con.execute(
            f"""
            SELECT e.siren, e.siret, e.codePostalEtablissement AS postal,
                   e.libelleCommuneEtablissement AS commune, p.departement_code, p.region_code,
                   u.denominationUniteLegale AS denomination, e.enseigne1Etablissement AS sign
            FROM read_parquet('{paths[0]}') e
            JOIN places p ON p.commune_code = e.codeCommuneEtablissement
            JOIN read_parquet('{paths[1]}') u USING (siren)
            WHERE e.etatAdministratifEtablissement = 'A' AND u.etatAdministratifUniteLegale = 'A'
              AND (u.denominationUniteLegale IS NOT NULL OR e.enseigne1Etablissement IS NOT NULL)
              {where}
            QUALIFY row_number() OVER (PARTITION BY e.siren ORDER BY hash(e.siret || '{seed}')) = 1
            ORDER BY hash(e.siren || '{seed}') LIMIT {n}
            """,
            [region] if region else [],
        ).df()
    return frame


def invented(n: int, seed: int, like: pd.DataFrame) -> pd.DataFrame:
    """n companies not in the register: names made as the stock's, placed like real ones."""
    import numpy as np

    from santenum.demo.register_names import register_names

    names = register_names(np.random.default_rng(seed + 99), n)
    places = like.sample(n, replace=True, random_state=seed)
    return places.assign(siren=None, siret=None, denomination=names, sign=None)


def build_list(found: pd.DataFrame, missing: pd.DataFrame, seed: int) -> pd.DataFrame:
    """The list's rows (COLUMNS) and the truth (`truth_siren`, None when not in the register)."""
    rng = random.Random(seed)
    regions = reference.region_names()
    rows = []
    for company in pd.concat([found, missing]).sample(frac=1, random_state=seed).itertuples():
        use_sign = pd.notna(company.sign) and (pd.isna(company.denomination) or rng.random() < 0.5)
        name = written(company.sign if use_sign else company.denomination, rng)
        place = rng.choices(list(PLACES), weights=list(PLACES.values()))[0]
        if place == "rounded_siret" and company.siret is None:
            place = "nothing"
        commune = company.commune.title()
        rows.append(
            {
                "Raison sociale": name,
                "Code postal": company.postal if place in ("commune_and_postal", "postal") else "",
                "Commune": commune if place in ("commune_and_postal", "commune") else "",
                "Département": company.departement_code if place == "departement" else "",
                "Région": regions.get(company.region_code, "") if place == "region" else "",
                "SIRET": _rounded(company.siret, rng) if place == "rounded_siret" else "",
                "truth_siren": company.siren,
                "place": place,
            }
        )
    return pd.DataFrame(rows)


def evaluate(truth: pd.DataFrame, status: pd.Series, siren: pd.Series) -> dict:
    """Precision and recall of auto-accepted matches; shares to check and not found."""
    accepted = status.str.startswith("identifiée")
    right = accepted & siren.eq(truth["truth_siren"]).fillna(False)
    in_register = truth["truth_siren"].notna()
    return {
        "names": len(truth),
        "accepted": int(accepted.sum()),
        "precision": round(float(right.sum() / max(accepted.sum(), 1)), 4),
        "recall": round(float(right.sum() / in_register.sum()), 4),
        # Wrong acceptances: an invented company given a namesake's SIREN, or a registered one
        # given another company's.
        "wrong_not_in_register": int((accepted & ~in_register).sum()),
        "wrong_other_company": int((accepted & in_register & ~right).sum()),
        "to_check_share": round(float(status.eq("à vérifier").mean()), 4),
        "not_found_share": round(float(status.eq("non trouvée").mean()), 4),
    }


def _queries(raw: Path) -> pd.DataFrame:
    """santenum's own queries for the list (the same reading as `santenum clean`)."""
    fields, rows, _ = read_rows(load_sources(raw))
    todo = build_queries(rows, fields, read_decisions(raw))
    return todo.assign(row=rows.loc[todo.index, "row"].to_numpy()).reset_index(drop=True)


def duckdb_engine(raw: Path, register: Register) -> pd.DataFrame:
    """(row, status, siren) by santenum's engine, and the ranked candidates for threshold curves."""
    queries = _queries(raw)
    with tempfile.TemporaryDirectory() as scratch:
        con = connect(register.memory_limit, False, Path(scratch))
        from santenum.sirene.candidates import open_register

        open_register(con, register)
        candidates = find_candidates(con, queries.drop(columns=["decision", "row"]))
        con.close()
    decided, ranked = decide(candidates)
    out = queries[["query", "row"]].set_index("query")
    out["status"] = decided["status"].reindex(out.index).fillna("non trouvée")
    out["siren"] = decided["siren"].where(decided["status"] == "identifiée").reindex(out.index)
    ranked.to_parquet(raw.parent / "ranked-duckdb.parquet")
    return out.reset_index()


def splink_engine(raw: Path, register: Register) -> pd.DataFrame:
    """The same queries and blocks, scored by splink's Fellegi-Sunter model (EM-trained)."""
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    from santenum.sirene import candidates as engine

    queries = _queries(raw)
    with tempfile.TemporaryDirectory() as scratch:
        con = connect(register.memory_limit, False, Path(scratch))
        engine.open_register(con, register)
        engine._prepare(con, queries.drop(columns=["decision", "row"]))
        engine._siret_hits(con)
        engine._register_names(con)
        con.execute("""
            CREATE TABLE left_records AS
            SELECT q.query * 1000 + row_number() OVER (PARTITION BY q.query ORDER BY a.dept)
                       AS unique_id,
                   q.query, CAST(NULL AS VARCHAR) AS siren, CAST(NULL AS VARCHAR) AS siret,
                   q.name_key, q.block_first, q.block_last, q.block_head, q.block_tail, a.dept,
                   q.commune_code AS commune, q.postal_code AS postal, q.rounded_digits,
                   q.rounded_zeros
            FROM q LEFT JOIN areas a USING (query)
        """)
        kept = " UNION ".join(
            [
                f"SELECT r.* FROM reg_names r JOIN areas a ON a.dept = r.dept "
                f"JOIN q ON q.query = a.query AND q.{b} = r.{b}"
                for b in engine.BLOCKS
            ]
            + ["SELECT r.* FROM reg_names r JOIN siret_hits h USING (siren)"]
        )
        con.execute(f"""
            CREATE TABLE right_records AS
            WITH kept AS ({kept})
            SELECT row_number() OVER (ORDER BY k.siren, e.siret, k.name) AS unique_id,
                   CAST(NULL AS BIGINT) AS query, k.siren, e.siret, k.name_key, k.block_first,
                   k.block_last, k.block_head, k.block_tail, k.dept, e.commune,
                   coalesce(e.cedex, e.postal) AS postal, CAST(NULL AS VARCHAR) AS rounded_digits,
                   CAST(NULL AS BIGINT) AS rounded_zeros
            FROM kept k JOIN etab_places e ON e.siren = k.siren AND e.dept = k.dept
        """)
        left_n, right_n = (
            con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]
            for t in ("left_records", "right_records")
        )
        fits = (
            "abs(CAST(siret_r AS HUGEINT) - CAST(rounded_digits_l AS HUGEINT)) "
            "< CAST(pow(10, rounded_zeros_l) AS HUGEINT)"
        )
        settings = SettingsCreator(
            link_type="link_only",
            probability_two_random_records_match=len(queries) * 0.9 / (left_n * right_n),
            blocking_rules_to_generate_predictions=[
                *(block_on("dept", b) for b in engine.BLOCKS),
                "l.dept IS NULL AND left(r.siren, 6) = left(l.rounded_digits, 6)",
            ],
            comparisons=[
                cl.JaroWinklerAtThresholds("name_key", [0.95, 0.92, 0.85]).configure(
                    term_frequency_adjustments=True
                ),
                # One place comparison (commune, else postal code): two would break the
                # conditional independence EM assumes (same commune, same postal code).
                cl.CustomComparison(
                    comparison_levels=[
                        cll.CustomLevel("commune_l IS NULL AND postal_l IS NULL").configure(
                            is_null_level=True
                        ),
                        cll.CustomLevel("commune_l = commune_r", label_for_charts="commune"),
                        cll.CustomLevel("postal_l = postal_r", label_for_charts="postal code"),
                        cll.ElseLevel(),
                    ],
                    output_column_name="place",
                ),
                cl.CustomComparison(
                    comparison_levels=[
                        cll.CustomLevel("rounded_digits_l IS NULL").configure(is_null_level=True),
                        cll.CustomLevel(fits, label_for_charts="rounded SIRET fits"),
                        cll.ElseLevel(),
                    ],
                    output_column_name="siret",
                ),
            ],
            additional_columns_to_retain=["siren", "query"],
        )
        db_api = DuckDBAPI(connection=con)
        linker = Linker(
            [db_api.register("left_records"), db_api.register("right_records")],
            settings,
            log_level="WARNING",
        )
        linker.training.estimate_u_using_random_sampling(max_pairs=2e6, seed=1)
        linker.training.estimate_parameters_using_expectation_maximisation(block_on("name_key"))
        linker.training.estimate_parameters_using_expectation_maximisation(block_on("commune"))
        pairs = linker.inference.predict(threshold_match_probability=0.01).as_pandas_dataframe()
        con.close()
    ranked = (
        pairs.groupby(["query_l", "siren_r"])["match_probability"]
        .max()
        .reset_index()
        .set_axis(["query", "siren", "score"], axis=1)
        .sort_values(["query", "score", "siren"], ascending=[True, False, True])
    )
    ranked["rank"] = ranked.groupby("query").cumcount()
    ranked.to_parquet(raw.parent / "ranked-splink.parquet")
    return _decisions(queries, ranked, *SPLINK_DEFAULT, review=0.5)


# Thresholds scanned for each engine (accept at least, lead over the next SIREN at least).
CURVES = {
    "duckdb": [(a, m) for a in (6.0, 7.0, 8.0, 9.0, 10.0) for m in (1.0, 2.0, 3.0)],
    "splink": [
        (a, m) for a in (0.1, 0.2, 0.3, 0.5, 0.8, 0.9, 0.95, 0.99, 0.999) for m in (0.0, 0.2, 0.5)
    ],
}
SPLINK_DEFAULT = (0.99, 0.5)


def _decisions(queries, ranked, accept: float, margin: float, review: float) -> pd.DataFrame:
    """(query, row, status, siren): accept the best SIREN when its score reaches `accept` and
    leads the next SIREN by `margin`; list it for review above `review`."""
    first = ranked[ranked["rank"] == 0].set_index("query")
    second = ranked[ranked["rank"] == 1].set_index("query")["score"].reindex(first.index)
    lead = (first["score"] - second).fillna(float("inf"))
    accepted = (first["score"] >= accept) & (lead >= margin)
    out = queries[["query", "row"]].set_index("query")
    status = pd.Series("non trouvée", index=out.index)
    status[first.index[first["score"] >= review]] = "à vérifier"
    status[first.index[accepted]] = "identifiée"
    out["status"] = status
    out["siren"] = first["siren"].where(accepted).reindex(out.index)
    return out.reset_index()


def curve(engine: str, folder: Path, table: pd.DataFrame) -> list:
    """Precision and recall of each engine's thresholds, from its ranked candidates."""
    ranked = pd.read_parquet(folder / f"ranked-{engine}.parquet")
    queries = pd.read_parquet(folder / f"decisions-{engine}.parquet")[["query", "row"]]
    points = []
    for accept, margin in CURVES[engine]:
        decided = _decisions(queries, ranked, accept, margin, review=0.0)
        by_row = decided.set_index("row").reindex(table.index + 2)
        result = evaluate(
            table, by_row["status"].set_axis(table.index), by_row["siren"].set_axis(table.index)
        )
        points.append({"accept": accept, "margin": margin, **result})
    return points


def best_point(points: list, precision: float = 0.99) -> dict:
    """The highest recall among thresholds whose precision reaches `precision`."""
    fine = [p for p in points if p["precision"] >= precision]
    return max(fine, key=lambda p: (p["recall"], p["precision"])) if fine else {}


def child(engine: str, raw: Path, register: Register) -> None:
    """Run one engine and print its decisions as JSON lines (for the parent to score)."""
    start = time.perf_counter()
    out = (duckdb_engine if engine == "duckdb" else splink_engine)(raw, register)
    elapsed = time.perf_counter() - start
    out.to_parquet(raw.parent / f"decisions-{engine}.parquet")
    print(json.dumps({"seconds": round(elapsed, 1)}))
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)


# `santenum ARGS` that reports its own peak resident memory (children's maxima would mix runs).
SANTENUM = (
    "import resource, sys\nfrom santenum.cli import main\ncode = main(sys.argv[1:])\n"
    "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\nsys.exit(code)"
)


def _measure(command: list) -> tuple:
    """(wall seconds, peak RSS in GB as the process reports it last on stderr, stdout)."""
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        sys.exit(
            f"failed ({done.returncode}): {' '.join(map(str, command))}\n{done.stderr[-3000:]}"
        )
    peak = int(done.stderr.strip().splitlines()[-1]) / 2**20
    return time.perf_counter() - start, peak, done.stdout


def end_to_end(raw: Path, paths: tuple, truth: pd.DataFrame) -> dict:
    out = raw.parent / "clean-out"
    seconds, peak, _ = _measure(
        [sys.executable, "-c", SANTENUM, "clean", str(raw), "--out", str(out), "--quiet",
         "--unites-legales", str(paths[1]), "--etablissements", str(paths[0])]
    )  # fmt: skip
    table = pd.read_csv(out / "identification.csv", dtype={"row": int, "siren": "string"})
    by_row = table.set_index("row").reindex(truth.index + 2)
    result = evaluate(
        truth, by_row["status"].set_axis(truth.index), by_row["siren"].set_axis(truth.index)
    )
    return {**result, "seconds": round(seconds, 1), "peak_rss_gb": round(peak, 2)}


def write_raw(folder: Path, table: pd.DataFrame) -> Path:
    raw = folder / "raw"
    raw.mkdir(parents=True)
    table[COLUMNS].to_csv(raw / "liste.csv", sep=";", index=False)
    return raw


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--etablissements", type=int, default=10_000_000)
    parser.add_argument("--queries", type=int, default=10_000)
    parser.add_argument("--region-queries", type=int, default=300)
    parser.add_argument("--engines", default="duckdb,splink")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--raw", help=argparse.SUPPRESS)
    args = parser.parse_args()
    paths = stock(args.etablissements, "parquet")
    register = Register(paths[1], paths[0])
    if args.child:
        child(args.child, Path(args.raw), register)
        return 0
    found_n = args.queries * 9 // 10
    found = sample(paths, found_n, args.seed)
    table = build_list(found, invented(args.queries - found_n, args.seed, found), args.seed)
    with tempfile.TemporaryDirectory() as folder:
        raw = write_raw(Path(folder), table)
        report = {"end_to_end": end_to_end(raw, paths, table)}
        print(json.dumps(report, ensure_ascii=False))
        for engine in args.engines.split(","):
            seconds, peak, out = _measure(
                [sys.executable, __file__, "--etablissements", str(args.etablissements),
                 "--child", engine, "--raw", str(raw)]
            )  # fmt: skip
            decisions = pd.read_parquet(Path(folder) / f"decisions-{engine}.parquet")
            by_row = decisions.set_index("row").reindex(table.index + 2)
            report[engine] = {
                **evaluate(
                    table,
                    by_row["status"].set_axis(table.index),
                    by_row["siren"].set_axis(table.index),
                ),
                "seconds": json.loads(out)["seconds"],
                "peak_rss_gb": round(peak, 2),
            }
            print(json.dumps({engine: report[engine]}, ensure_ascii=False))
            points = curve(engine, Path(folder), table)
            for point in points:
                print(
                    f"  {engine} accept {point['accept']} margin {point['margin']}: precision "
                    f"{point['precision']:.4f} recall {point['recall']:.4f}"
                )
            best = best_point(points)
            report[f"{engine}_best_thresholds"] = best
            print(json.dumps({f"{engine}, best recall at precision >= 99 %": best}))
        found_siren = (
            pd.read_csv(Path(folder) / "clean-out" / "identification.csv", dtype="string")
            .set_index("row")
            .reindex((table.index + 2).astype(str))["siren"]
        )
        right = found_siren.eq(table["truth_siren"].set_axis(found_siren.index)).fillna(False)
        recall = table.assign(right=right.to_numpy())[table["truth_siren"].notna()]
        print("recall by place given:", recall.groupby("place")["right"].mean().round(3).to_dict())
    region = sample(paths, args.region_queries, args.seed + 1, region="76")
    small = build_list(region, region.head(0), args.seed + 1)
    with tempfile.TemporaryDirectory() as folder:
        raw = write_raw(Path(folder), small)
        report["region_76"] = end_to_end(raw, paths, small)
        print(json.dumps({"region_76": report["region_76"]}, ensure_ascii=False))
    print(f"thresholds: ACCEPT={ACCEPT}, MARGIN={MARGIN}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
