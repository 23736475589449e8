"""Benchmark: identify 10 000 names written as people write them in the synthetic national stock.

The list (--queries names): 90 % drawn from the stock's active companies (their denomination, or
their sign one time in two when they have one), 10 % invented companies that are not in the
register; written as people write them (case, accents, legal forms added or dropped, & for ET,
abbreviations, one typo in ten) with the place a list gives (commune and postal code, postal code
only, commune name only, département, région, or nothing with a spreadsheet-rounded SIRET).
Homonyms come from the stock itself (GARAGE NATHALIE exists in many départements).

Goals (issue 33), each measured --runs times (median) in its own child process, beside its floor
measured just before it: the register's stock files read once by DuckDB (every column the index
reads, each decompressed): what any identification that starts from the stock pays at least.
- the index built alone (into a fresh folder): <= 120 s; its size on disk;
- `santenum clean --unites-legales --etablissements` with the index built: <= 25 s, <= 3 GB,
  precision >= 99 %, recall as high as it goes;
- the same with --no-index, once: its decisions must equal the indexed run's, row for row;
- a région's 300 names (Occitanie), end to end with the index;
- the engines on equal terms: santenum's points and splink's Fellegi-Sunter model scoring the same
  candidates (same blocking and pruning, the same evidence: identify_splink.py), thresholds chosen
  on the list's training half (even rows) and reported on its held-out half (odd rows).
Each run prints one line (run, wall, peak RSS, floor, ratio, precision, recall, share to check,
load average) for a person to compare later at a quiet time.
Needs `pip install splink` for the engines (`--engines santenum` runs without it).
Usage: python benchmarks/bench_identify.py [--etablissements 10000000] [--queries 10000] [--runs 3]
"""

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import pandas as pd
from bench_sirene import OUT, stock

from santenum.clean.identification import queries as build_queries
from santenum.clean.identification import read_decisions
from santenum.clean.pipeline import parse
from santenum.clean.sources import load_sources
from santenum.core import reference
from santenum.core.insee import (
    IDENTIFY_ETABLISSEMENT_OPTIONAL,
    IDENTIFY_ETABLISSEMENT_REQUIRED,
    IDENTIFY_UNITE_LEGALE_OPTIONAL,
    IDENTIFY_UNITE_LEGALE_REQUIRED,
)
from santenum.sirene import index
from santenum.sirene.candidates import find_candidates
from santenum.sirene.decide import ACCEPT, MARGIN, decide
from santenum.sirene.register import Register
from santenum.sirene.stock import connect

GOALS = {"index_build_s": 120, "clean_s": 25, "clean_rss_gb": 3, "precision": 0.99}

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
    parsed = parse(load_sources(raw).sources, pd.Timestamp.today().normalize())
    fields, rows = parsed.fields, parsed.rows
    todo = build_queries(rows, fields, read_decisions(raw))
    return todo.assign(row=rows.loc[todo.index, "row"].to_numpy()).reset_index(drop=True)


def load() -> str:
    """The machine's load averages (1, 5, 15 minutes), as uptime prints them."""
    return ",".join(f"{x:.2f}" for x in os.getloadavg())


# A child that runs `santenum ARGS` (or a benchmark step) and prints its own peak RSS (kB) last.
SANTENUM = (
    "import resource, sys\nfrom santenum.cli import main\ncode = main(sys.argv[1:])\n"
    "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\nsys.exit(code)"
)


def _measure(command: list) -> dict:
    """Wall seconds and peak RSS (GB) of a child process that prints its maxrss last on stderr."""
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode:
        sys.exit(
            f"failed ({done.returncode}): {' '.join(map(str, command))}\n{done.stderr[-3000:]}"
        )
    peak = int(done.stderr.strip().splitlines()[-1]) / 2**20
    return {"wall_s": round(wall, 1), "peak_rss_gb": round(peak, 2), "stdout": done.stdout}


def _child(etablissements: int, step: str, *args) -> dict:
    """A benchmark step (floor, build, engines) in its own process, on the same stock."""
    command = [sys.executable, __file__, "--etablissements", str(etablissements), "--child", step]
    return _measure([*command, *map(str, args)])


def floor_child(paths: tuple) -> None:
    """The floor: every column the index reads from the two stock files, decompressed once."""
    wanted = {
        paths[0]: (*IDENTIFY_ETABLISSEMENT_REQUIRED, *IDENTIFY_ETABLISSEMENT_OPTIONAL),
        paths[1]: (*IDENTIFY_UNITE_LEGALE_REQUIRED, *IDENTIFY_UNITE_LEGALE_OPTIONAL),
    }
    with duckdb.connect() as con:
        con.execute("SET memory_limit = '3GB'")
        for path, columns in wanted.items():
            relation = f"read_parquet('{path}')"
            present = {r[0] for r in con.execute(f"DESCRIBE SELECT * FROM {relation}").fetchall()}
            lengths = ", ".join(f'max(length("{c}"))' for c in columns if c in present)
            con.execute(f"SELECT {lengths} FROM {relation}").fetchall()


def build_child(paths: tuple, folder: Path) -> None:
    """The index built alone, into folder."""
    index.ready(Register(paths[1], paths[0], index_dir=folder))


def engines_child(paths: tuple, raw: Path, index_dir: Path, engines: str) -> None:
    """santenum's candidates once (with the index), scored by each engine; ranked candidates and
    timings written beside raw."""
    from identify_splink import score

    queries = _queries(raw)
    register = Register(paths[1], paths[0], index_dir=index_dir)
    timings = {}
    with tempfile.TemporaryDirectory() as scratch:
        con = connect(register.memory_limit, False, Path(scratch))
        index.open_index(con, index.ready(register))
        start = time.perf_counter()
        candidates = find_candidates(
            con, queries.drop(columns=["decision", "row"]), names_ready=True
        )
        timings["candidates_seconds"] = round(time.perf_counter() - start, 1)
        start = time.perf_counter()
        _, ranked = decide(candidates)
        timings["santenum_scoring_seconds"] = round(time.perf_counter() - start, 1)
        ranked[["query", "siren", "score"]].to_parquet(raw.parent / "ranked-santenum.parquet")
        if "splink" in engines:
            scored, timings["splink"] = score(con, candidates)
            scored.to_parquet(raw.parent / "ranked-splink.parquet")
        con.close()
    queries[["query", "row"]].to_parquet(raw.parent / "queries.parquet")
    print(json.dumps(timings))


# Thresholds scanned for each engine: accept the best SIREN at this score or more when it leads
# the next one by the margin. santenum's points are integers; splink's weights are continuous.
GRIDS = {
    "santenum": [(a, m) for a in range(4, 15) for m in (1, 2, 3, 4)],
    "splink": [(a / 2, m) for a in range(-10, 81) for m in (0, 0.5, 1, 2, 3, 4, 6, 8)],
}


def _top_two(queries: pd.DataFrame, ranked: pd.DataFrame) -> pd.DataFrame:
    """By list row: the best SIREN, its score and the next SIREN's score (missing if none)."""
    ranked = ranked.sort_values(["query", "score", "siren"], ascending=[True, False, True])
    ranked = ranked.assign(rank=ranked.groupby("query").cumcount())
    first = ranked[ranked["rank"] == 0].set_index("query")
    second = ranked[ranked["rank"] == 1].set_index("query")["score"]
    top = pd.DataFrame(
        {"siren": first["siren"], "score": first["score"], "next": second.reindex(first.index)}
    )
    return top.reindex(queries["query"]).set_axis(queries["row"])


def _decided(top: pd.DataFrame, accept: float, margin: float) -> tuple:
    """(status, siren) by row: the best SIREN accepted at `accept` when it leads by `margin`."""
    lead = (top["score"] - top["next"]).fillna(float("inf"))
    accepted = (top["score"] >= accept) & (lead >= margin)
    status = pd.Series("non trouvée", index=top.index).mask(accepted, "identifiée")
    return status, top["siren"].where(accepted)


def _evaluate_rows(table: pd.DataFrame, rows, status: pd.Series, siren: pd.Series) -> dict:
    """evaluate() on the list's rows `rows` (file line numbers)."""
    part = table.set_index(table.index + 2).loc[rows].reset_index(drop=True)
    return evaluate(
        part,
        status.reindex(rows).fillna("non trouvée").reset_index(drop=True),
        siren.reindex(rows).reset_index(drop=True).astype("string"),
    )


def _best_on(table, top: pd.DataFrame, engine: str, rows) -> tuple:
    """(accept, margin) of the engine's grid with the best recall at precision >= 99 % on rows."""
    points = []
    for accept, margin in GRIDS[engine]:
        status, siren = _decided(top, accept, margin)
        points.append((accept, margin, _evaluate_rows(table, rows, status, siren)))
    fine = [p for p in points if p[2]["precision"] >= GOALS["precision"]]
    accept, margin, _ = max(fine, key=lambda p: (p[2]["recall"], p[2]["precision"]))
    return accept, margin


def engines_table(folder: Path, table: pd.DataFrame, engines: str) -> list:
    """Per engine: thresholds chosen on one half of the list, precision and recall on the other
    (even rows for training and odd rows held out, then the other way round); santenum's
    thresholds as shipped on both halves too."""
    queries = pd.read_parquet(folder / "queries.parquet")
    rows = table.index + 2
    halves = {"odd": rows[rows % 2 == 1], "even": rows[rows % 2 == 0]}
    results = []
    for engine in engines.split(","):
        top = _top_two(queries, pd.read_parquet(folder / f"ranked-{engine}.parquet"))
        for held_out, train in (("odd", "even"), ("even", "odd")):
            chosen = [("chosen on the training half", *_best_on(table, top, engine, halves[train]))]
            if engine == "santenum":
                chosen.append(("as shipped (tuned on the whole list)", ACCEPT, MARGIN))
            for how, accept, margin in chosen:
                status, siren = _decided(top, accept, margin)
                results.append(
                    {
                        "engine": engine,
                        "thresholds": how,
                        "held_out_rows": held_out,
                        "accept": accept,
                        "margin": margin,
                        "train": _evaluate_rows(table, halves[train], status, siren),
                        "held_out": _evaluate_rows(table, halves[held_out], status, siren),
                    }
                )
    return results


def _clean(raw: Path, out: Path, paths: tuple, *options) -> dict:
    shutil.rmtree(out, ignore_errors=True)
    measured = _measure(
        [sys.executable, "-c", SANTENUM, "clean", str(raw), "--out", str(out), "--quiet",
         "--unites-legales", str(paths[1]), "--etablissements", str(paths[0]), *options]
    )  # fmt: skip
    del measured["stdout"]
    return measured


def _scored(out: Path, truth: pd.DataFrame) -> dict:
    found = pd.read_csv(out / "identification.csv", dtype={"row": int, "siren": "string"})
    by_row = found.set_index("row").reindex(truth.index + 2)
    return evaluate(
        truth, by_row["status"].set_axis(truth.index), by_row["siren"].set_axis(truth.index)
    )


def _line(run: str, measured: dict, floor: float | None = None, result: dict | None = None):
    """One line per run, everything needed to compare it later."""
    fields = {"run": run, **{k: v for k, v in measured.items() if k != "stdout"}}
    if floor:
        fields |= {"floor_s": floor, "ratio": round(measured["wall_s"] / floor, 2)}
    if result:
        fields |= {k: result[k] for k in ("precision", "recall", "to_check_share")}
    fields["load"] = load()
    print(" ".join(f"{k}={v}" for k, v in fields.items()), flush=True)
    return fields


def _median(lines: list, key: str) -> float:
    return round(statistics.median(line[key] for line in lines), 2)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--etablissements", type=int, default=10_000_000)
    parser.add_argument("--queries", type=int, default=10_000)
    parser.add_argument("--region-queries", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--engines", default="santenum,splink")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("child_args", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    paths = stock(args.etablissements, "parquet")
    if args.child:
        children = {"floor": floor_child, "build": build_child, "engines": engines_child}
        extra = [Path(a) for a in args.child_args[:2]] + args.child_args[2:]
        children[args.child](paths, *extra)
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
        return 0
    found_n = args.queries * 9 // 10
    found = sample(paths, found_n, args.seed)
    table = build_list(found, invented(args.queries - found_n, args.seed, found), args.seed)
    region = sample(paths, args.region_queries, args.seed + 1, region="76")
    small = build_list(region, region.head(0), args.seed + 1)
    index_dir = OUT / f"index-{args.etablissements}"
    summary = {}
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        raw, region_raw = write_raw(folder / "list", table), write_raw(folder / "region", small)
        builds, cleans, regions = [], [], []
        for run in range(1, args.runs + 1):
            floor = _child(args.etablissements, "floor")["wall_s"]
            fresh = folder / f"index-build-{run}"
            builds.append(
                _line(
                    f"index-build#{run}",
                    _child(args.etablissements, "build", fresh),
                    floor,
                )
            )
            size = sum(p.stat().st_size for p in fresh.rglob("*") if p.is_file())
            shutil.rmtree(index_dir, ignore_errors=True)
            fresh.rename(index_dir)
            floor = _child(args.etablissements, "floor")["wall_s"]
            out = folder / "out-indexed"
            measured = _clean(raw, out, paths, "--index-dir", str(index_dir))
            cleans.append(_line(f"clean-indexed#{run}", measured, floor, _scored(out, table)))
            measured = _clean(
                region_raw, folder / "out-region", paths, "--index-dir", str(index_dir)
            )
            regions.append(
                _line(
                    f"region-76-indexed#{run}",
                    measured,
                    floor,
                    _scored(folder / "out-region", small),
                )
            )
        floor = _child(args.etablissements, "floor")["wall_s"]
        unindexed = _clean(raw, folder / "out-unindexed", paths, "--no-index")
        _line("clean-no-index#1", unindexed, floor, _scored(folder / "out-unindexed", table))
        same = (folder / "out-indexed" / "identification.csv").read_bytes() == (
            folder / "out-unindexed" / "identification.csv"
        ).read_bytes()
        summary = {
            "index_build_s": _median(builds, "wall_s"),
            "index_build_ratio": _median(builds, "ratio"),
            "index_build_rss_gb": _median(builds, "peak_rss_gb"),
            "index_mb": round(size / 2**20),
            "clean_s": _median(cleans, "wall_s"),
            "clean_ratio": _median(cleans, "ratio"),
            "clean_rss_gb": _median(cleans, "peak_rss_gb"),
            "precision": cleans[-1]["precision"],
            "recall": cleans[-1]["recall"],
            "to_check": cleans[-1]["to_check_share"],
            "region_s": _median(regions, "wall_s"),
            "region_rss_gb": _median(regions, "peak_rss_gb"),
            "same_decisions_without_index": same,
        }
        print("summary " + json.dumps(summary), flush=True)
        recall = _recall_by_place(folder / "out-indexed", table)
        print("recall by place given: " + json.dumps(recall), flush=True)
        engines = _child(args.etablissements, "engines", raw, index_dir, args.engines)
        print("engines " + engines["stdout"].strip() + f" peak_rss_gb={engines['peak_rss_gb']}")
        for result in engines_table(raw.parent, table, args.engines):
            train, held = result["train"], result["held_out"]
            fields = {
                "engine": result["engine"],
                "thresholds": f'"{result["thresholds"]}"',
                "held_out_rows": result["held_out_rows"],
                "accept": result["accept"],
                "margin": result["margin"],
                "train_precision": train["precision"],
                "train_recall": train["recall"],
                "held_out_precision": held["precision"],
                "held_out_recall": held["recall"],
                "held_out_accepted": held["accepted"],
                "held_out_wrong": held["wrong_not_in_register"] + held["wrong_other_company"],
                "held_out_names": held["names"],
            }
            print(" ".join(f"{k}={v}" for k, v in fields.items()), flush=True)
    return 0


def _recall_by_place(out: Path, table: pd.DataFrame) -> dict:
    found = pd.read_csv(out / "identification.csv", dtype="string").set_index("row")
    siren = found.reindex((table.index + 2).astype(str))["siren"]
    right = siren.eq(table["truth_siren"].set_axis(siren.index)).fillna(False)
    recall = table.assign(right=right.to_numpy())[table["truth_siren"].notna()]
    return recall.groupby("place")["right"].mean().round(3).to_dict()


def write_raw(folder: Path, table: pd.DataFrame) -> Path:
    raw = folder / "raw"
    raw.mkdir(parents=True)
    table[COLUMNS].to_csv(raw / "liste.csv", sep=";", index=False)
    return raw


if __name__ == "__main__":
    raise SystemExit(main())
