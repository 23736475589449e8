"""Benchmark: the perimeter (issue 31) on a generated région whose truth is known.

The région (Occitanie's communes) holds --true digital-health companies (default 600) and
--others companies with no health activity whose activity code is a candidate one (default 6 000,
software firms mostly; names as the register writes them, health-looking decoys among them:
PHARMACIE…, CLINIQUE…, CARDIOPLUME SANTE; a fifth individual entrepreneurs named after a person).
The true companies' names are health-worded for 35 % (Cardioplume Santé, Télésoin), invented for
the rest (Nexalis, Vorami Data); 55 % have a candidate activity code, 45 % another (Medicen found
45 % of healthtech jobs outside health activity codes).

The files, as an agency has them:
- the register's candidates (`kind: sirene`): every company of a candidate activity code;
- the survey (45 % of the true companies: a share of activity, else a segment, else products;
  60 companies with no health activity answer 0 %);
- the cluster's members (30 % of the true ones, `perimeter:`, half of them without SIREN) and a
  list of certified hosts of health data (3 %, `perimeter:`);
- a subsidy list without `perimeter:` (20 % of the true ones, 300 others), with the object of
  each grant (a health project for 70 % of the true ones, 3 % of the others).

Measured on perimetre.csv after `santenum clean` (in process): the precision of « dans le
périmètre » (goal 100 %: nothing counts without evidence), against the companies a clean that
counts every file's company would count; the share of the true companies that evidence reaches;
the worklist's size; the share of the true companies of the worklist found in its first 10 %,
sorted by score, against the same sort by activity code alone and a random order (10 %). And the
time the perimeter takes within the clean.
Usage: python benchmarks/bench_perimeter.py [--true 600] [--others 6000] [--seed 0]
"""

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from santenum.clean import perimeter as rules
from santenum.clean import pipeline
from santenum.clean.perimeter_score import naf_points
from santenum.core import reference
from santenum.core.text import fold, name_key
from santenum.demo.names import company_names
from santenum.demo.register_names import register_names
from santenum.demo.synthetic import head_office_sirets, populated_communes, random_sirens

REGION = "76"
SHUFFLES = 20
SEGMENTS = reference.labels("segments")[:-1]
PRODUCTS = reference.labels("products")
OTHER_NAF = ["70.22Z", "86.21Z", "46.46Z", "74.90B", "85.59A", "32.50B", "62.09Z"]
CANDIDATE_WEIGHTS = {
    "62.01Z": 40, "58.29C": 15, "63.11Z": 8, "62.02A": 20, "72.19Z": 6,
    "26.60Z": 4, "32.50A": 4, "86.90F": 3,
}  # fmt: skip
HEALTH_PROJECTS = [
    "plateforme de télésurveillance des patients insuffisants cardiaques",
    "dossier patient informatisé pour les EHPAD",
    "logiciel d'aide au diagnostic en imagerie médicale",
    "application de prévention du diabète",
    "dispositif médical connecté de suivi à domicile",
    "téléconsultation en zone rurale",
    "hébergement de données de santé certifié",
]
GENERIC_PROJECTS = [
    "modernisation de l'outil de production",
    "développement à l'export",
    "recrutement d'un développeur",
    "plateforme de gestion des stocks",
    "logiciel de facturation pour artisans",
    "rénovation énergétique des locaux",
    "solution de cybersécurité pour PME",
    "application mobile de réservation",
]
SYLLABLES = [c + v for c in "BCDFGKLMNPRSTVZ" for v in "AEIOUY"]
SUFFIXES = ["", "", " Data", " Solutions", " Systems", " Labs", " Technologies"]


def _invented(rng, n: int) -> list:
    words = ["".join(rng.choice(SYLLABLES, size=int(rng.integers(2, 4)))).title() for _ in range(n)]
    return [w + str(rng.choice(SUFFIXES)) for w in words]


def _choice(rng, weights: dict, n: int) -> np.ndarray:
    p = np.array(list(weights.values()), dtype=float)
    return np.array(list(weights))[rng.choice(len(p), size=n, p=p / p.sum())]


def population(rng, n_true: int, n_others: int) -> pd.DataFrame:
    """Every company of the région with its truth (`health`) and attributes."""
    worded = rng.random(n_true) < 0.35
    true_names = np.where(worded, company_names(rng, n_true), _invented(rng, n_true))
    candidate = rng.random(n_true) < 0.55
    true = pd.DataFrame(
        {
            "name": true_names,
            "naf": np.where(
                candidate,
                _choice(rng, CANDIDATE_WEIGHTS, n_true),
                rng.choice(OTHER_NAF, size=n_true),
            ),
            "health": True,
            "individual": False,
        }
    )
    individual = rng.random(n_others) < 0.2
    others = pd.DataFrame(
        {
            "name": register_names(rng, n_others),
            "naf": _choice(rng, CANDIDATE_WEIGHTS, n_others),
            "health": False,
            "individual": individual,
        }
    )
    frame = pd.concat([true, others], ignore_index=True)
    frame["siren"] = random_sirens(len(frame), rng)
    places = populated_communes()
    places = places[places["region_code"] == REGION]
    weights = places["weight"].to_numpy(float)
    drawn = places.iloc[rng.choice(len(places), size=len(frame), p=weights / weights.sum())]
    frame["commune_code"] = drawn["commune_code"].to_numpy()
    frame["postal_code"] = drawn["postal_code"].to_numpy()
    frame["commune"] = drawn["commune_name"].to_numpy()
    frame["plain"] = fold(frame["name"]).str.upper()
    return frame


def _write(folder: Path, name: str, table: pd.DataFrame, options: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    table.to_csv(folder / name, sep=";", index=False)
    (folder / "source.yml").write_text(options, encoding="utf-8")


def write_files(raw: Path, frame: pd.DataFrame, rng) -> None:
    """The agency's files (see the module docstring)."""
    true = frame[frame["health"]]
    others = frame[~frame["health"]]
    candidates = frame[frame["naf"].isin(list(CANDIDATE_WEIGHTS))]
    person = candidates["individual"]
    register = pd.DataFrame(
        {
            "siren": candidates["siren"],
            "siret": head_office_sirets(candidates["siren"]),
            "denominationUniteLegale": candidates["plain"].mask(person, ""),
            "nomUniteLegale": np.where(person, "NOM" + candidates["siren"], ""),
            "categorieJuridiqueUniteLegale": np.where(person, "1000", "5710"),
            "codePostalEtablissement": candidates["postal_code"],
            "codeCommuneEtablissement": candidates["commune_code"],
            "activitePrincipaleEtablissement": candidates["naf"],
            "etablissementSiege": "true",
        }
    )
    _write(raw / "candidats", "extrait-sirene-76.csv", register, "kind: sirene\n")
    respondents = true[rng.random(len(true)) < 0.45]
    answer = rng.choice(
        ["share", "segment", "products"], size=len(respondents), p=[0.6, 0.25, 0.15]
    )
    outsiders = others[~others["individual"]].sample(60, random_state=1)
    survey = pd.DataFrame(
        {
            "Raison sociale": pd.concat([respondents["name"], outsiders["name"]]),
            "SIREN": pd.concat([respondents["siren"], outsiders["siren"]]),
            "Code postal": pd.concat([respondents["postal_code"], outsiders["postal_code"]]),
            "Segment": [
                *np.where(answer == "segment", rng.choice(SEGMENTS, len(answer)), ""),
                *[""] * len(outsiders),
            ],
            "Produits": [
                *np.where(answer == "products", rng.choice(PRODUCTS, len(answer)), ""),
                *[""] * len(outsiders),
            ],
            "Part de l'activité en santé numérique": [
                *np.where(answer == "share", rng.integers(1, 11, len(answer)) * 10, 0).astype(str),
                *["0"] * len(outsiders),
            ],
        }
    )
    survey["Part de l'activité en santé numérique"] = survey[
        "Part de l'activité en santé numérique"
    ].mask(np.r_[answer != "share", np.zeros(len(outsiders), bool)], "")
    _write(raw / "enquete", "enquete.csv", survey, "kind: survey\nregion: '76'\n")
    members = true[rng.random(len(true)) < 0.30]
    cluster = pd.DataFrame(
        {
            "NOM": members["plain"],
            "CP": members["postal_code"],
            "VILLE": fold(members["commune"]).str.upper(),
            "SIREN": members["siren"].where(rng.random(len(members)) < 0.5, ""),
        }
    )
    _write(raw / "cluster", "membres.csv", cluster, "kind: list\nperimeter: membre du cluster\n")
    hosts = true[rng.random(len(true)) < 0.03]
    _write(
        raw / "hds",
        "hebergeurs.csv",
        pd.DataFrame({"Raison sociale": hosts["plain"], "SIREN": hosts["siren"]}),
        "kind: list\nperimeter: hébergeur de données de santé certifié\n",
    )
    funded = pd.concat(
        [
            true[rng.random(len(true)) < 0.20],
            others[~others["individual"]].sample(300, random_state=2),
        ]
    )
    health_project = np.where(
        funded["health"], rng.random(len(funded)) < 0.7, rng.random(len(funded)) < 0.03
    )
    grants = pd.DataFrame(
        {
            "Bénéficiaire": funded["name"],
            "SIREN": funded["siren"],
            "Code postal": funded["postal_code"],
            "Objet de l'aide": np.where(
                health_project,
                rng.choice(HEALTH_PROJECTS, len(funded)),
                rng.choice(GENERIC_PROJECTS, len(funded)),
            ),
        }
    )
    _write(raw / "aides", "aides-innovation.csv", grants, "kind: list\n")


def _in_first_tenth(order: pd.Series, truth: pd.Series) -> float:
    """Share of the true companies of a worklist found in its first 10 %, in this order."""
    first = order.iloc[: max(1, len(order) // 10)]
    return truth.loc[first].sum() / truth.loc[order].sum()


def measure(raw: Path, frame: pd.DataFrame, seed: int) -> dict:
    timed = {}
    qualify = rules.qualify

    def timed_qualify(*args, **kwargs):
        start = time.perf_counter()
        out = qualify(*args, **kwargs)
        timed["perimeter"] = time.perf_counter() - start
        return out

    pipeline.perimeter.qualify = timed_qualify
    start = time.perf_counter()
    result = pipeline.clean_directory(raw, as_of="2023-06-30", show_progress=False)
    timed["clean"] = time.perf_counter() - start
    pipeline.perimeter.qualify = qualify
    # Each row of perimetre.csv is one company: its truth by SIREN, else (a cluster member the
    # list gives without SIREN, found in no other file) by its name.
    table = result.perimeter.reset_index(drop=True)
    by_name = frame.assign(key=name_key(frame["name"])).drop_duplicates("key")
    truth = table["siren"].map(frame.set_index("siren")["health"])
    truth = truth.fillna(name_key(table["name"]).map(by_name.set_index("key")["health"]))
    truth = truth.fillna(False).astype(bool)
    inside = table["status"].eq(rules.IN)
    waiting = table.index[table["status"].eq(rules.TO_QUALIFY)].to_series()
    naf = table["siren"].map(frame.set_index("siren")["naf"])
    # Orders that ignore the words: random, and by activity code (ties in random order); the
    # mean of SHUFFLES draws each.
    draws = [waiting.sample(frac=1, random_state=seed + i) for i in range(SHUFFLES)]
    by_naf = [
        pd.Series(naf_points(naf.loc[d]).sort_values(ascending=False, kind="stable").index)
        for d in draws
    ]
    individuals = frame.loc[frame["individual"], "siren"]
    person_named = table["name"].notna() & table["siren"].isin(individuals)
    return {
        "companies in the files": len(table),
        "true in the files": int(truth.sum()),
        "precision, every company counted": truth.mean(),
        "in the perimeter": int(inside.sum()),
        "precision of « dans le périmètre »": truth[inside].mean(),
        "true reached by evidence": truth[inside].sum() / frame["health"].sum(),
        "out of the perimeter": int(table["status"].eq(rules.OUT).sum()),
        "worklist (à qualifier)": len(waiting),
        "true in the worklist": int(truth[waiting].sum()),
        "first 10 % by score": _in_first_tenth(waiting, truth),
        "first 10 % by activity code alone": np.mean([_in_first_tenth(o, truth) for o in by_naf]),
        "first 10 %, random order": np.mean([_in_first_tenth(d, truth) for d in draws]),
        "individual entrepreneurs named": int(person_named.sum()),
        "clean (s)": timed["clean"],
        "perimeter (s)": timed["perimeter"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--true", type=int, default=600)
    parser.add_argument("--others", type=int, default=6000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    frame = population(rng, args.true, args.others)
    with tempfile.TemporaryDirectory() as folder:
        raw = Path(folder) / "raw"
        write_files(raw, frame, rng)
        for key, value in measure(raw, frame, args.seed).items():
            if "(s)" in key:
                shown = f"{value:.2f}"
            elif isinstance(value, float):
                shown = f"{value:.1%}"
            else:
                shown = str(value)
            print(f"{key:42} {shown}")


if __name__ == "__main__":
    main()
