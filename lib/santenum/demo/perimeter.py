"""The demo's perimeter, as an agency would have it (issue 31): the cluster lists as evidence, two
fictitious evidence lists, the register's candidates of every région — `santenum sirene` on the
demo's own register, by activity code, most of them with no health activity — and the analyst's
decisions, the previous edition's carried over to the current one.

The evidence lists name companies the survey or the cluster already put in, and the decisions
decide candidates out or confirm companies already in: the study's figures hold (239 in
Occitanie), and the candidates wait, as in a real edition.
"""

from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from santenum.clean.discover import PERIMETER_DECISIONS_NAME
from santenum.core import reference
from santenum.core.files import MANIFEST, write_csv
from santenum.demo import calibration as cal
from santenum.demo.population import WITH_SIREN, _communes
from santenum.demo.register import FILES, REGISTER_DIR, other_companies
from santenum.sirene.extract import extract_candidates

CLUSTER_EVIDENCE = "membre du cluster e-santé (fictif)"
CANDIDATES_DIR = "sirene-candidats"
HDS_SEGMENT = "Cybersécurité & hébergement de données de santé"
# folder -> (file, its source.yml): two fictitious evidence lists.
EVIDENCE_LISTS = {
    "hds": (
        "hebergeurs-donnees-sante.csv",
        {
            "kind": "list",
            "label": "Hébergeurs de données de santé certifiés (liste fictive)",
            "perimeter": "hébergeur de données de santé certifié (fictif)",
            "segment": HDS_SEGMENT,
        },
    ),
    "laureats": (
        "laureats-i-nov-sante.csv",
        {
            "kind": "list",
            "label": "Lauréats i-Nov santé (liste fictive)",
            "perimeter": "lauréat i-Nov santé (fictif)",
        },
    ),
}
LAUREATE_SEGMENTS = ("Imagerie & aide au diagnostic", "Data – traitement de la donnée")
LAUREATE_SHARE = 0.4
# Words of the register's names that an analyst reads as health, and decides on first.
HEALTH_LOOKING = r"\b(?:PHARMACIE|CLINIQUE|SANTE|MEDICAL|PHARMA|DIAGNOSTIC|BIOTECH)\b"
WHY_OUT = {
    "PHARMACIE": "officine",
    "DIAGNOSTIC": "diagnostics immobiliers",
    "CLINIQUE": "clinique vétérinaire",
    "BIOTECH": "biotechnologies agricoles",
    "": "aucune activité numérique en santé",
}
DECIDED_OUT = 4  # candidates of Occitanie decided out at the previous edition
DECIDED_OUT_LATER = 2  # and at the current one
DECISION_COLUMNS = ["siren", "name", "commune", "decision", "segment", "note"]


def write_candidates(out: Path) -> None:
    """out/sirene-candidats/: `santenum sirene --region all` on the edition's own register. The
    demo's folder is rewritten whole each time: the record of what `sirene` wrote there, a hidden
    file `clean` would warn about, is left out."""
    register = Path(out) / REGISTER_DIR
    unites_legales, etablissements = (register / name for name in FILES)
    extract_candidates(
        etablissements,
        unites_legales,
        reference.ALL_REGIONS,
        Path(out) / CANDIDATES_DIR,
        progress=False,
    )
    (Path(out) / CANDIDATES_DIR / MANIFEST).unlink()


def _members(companies: pd.DataFrame) -> pd.DataFrame:
    """Active companies whose SIREN the lists give (every one of them is in the perimeter)."""
    return companies[~companies["ceased"] & companies["pattern"].isin(WITH_SIREN)]


def _write_list(folder: Path, name: str, options: dict, rows: pd.DataFrame, date: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(rows, folder / name)
    text = yaml.safe_dump({**options, "date": date}, allow_unicode=True, sort_keys=False)
    (folder / "source.yml").write_text(text, encoding="utf-8")


def write_evidence_lists(out: Path, companies: pd.DataFrame, seed: int, as_of) -> None:
    """hds/: the certified hosts of health data (by name and SIREN); laureats/: a contest's
    laureates (by name and town, as such lists give them)."""
    rng = np.random.default_rng([seed, 31])
    members = _members(companies)
    hosts = members[members["segment"].eq(HDS_SEGMENT)].sort_values("plain_name")
    name, options = EVIDENCE_LISTS["hds"]
    table = pd.DataFrame({"Raison sociale": hosts["plain_name"], "SIREN": hosts["siren"]})
    _write_list(Path(out) / "hds", name, options, table, f"{as_of:%Y-%m}")
    pool = members[members["segment"].isin(LAUREATE_SEGMENTS) & members["commune_code"].notna()]
    drawn = pool.loc[rng.random(len(pool)) < LAUREATE_SHARE].sort_values("name")
    name, options = EVIDENCE_LISTS["laureats"]
    table = pd.DataFrame(
        {
            "Entreprise": drawn["name"],
            "Code postal": drawn["postal_code"],
            "Ville": drawn["commune_name"],
        }
    )
    _write_list(Path(out) / "laureats", name, options, table, f"{as_of:%Y}")


def _why_out(name: str) -> str:
    """The analyst's note on a health-looking name that is no digital-health company."""
    return next((why for word, why in WHY_OUT.items() if word in name.split()), WHY_OUT[""])


def _decided(
    rows: pd.DataFrame, decision: str, note=None, own_segment=False, by_name=False
) -> list:
    """Decision lines on these companies: by SIREN, or by name and commune (no SIREN); with the
    segment each declared, if own_segment."""
    return [
        {
            "siren": None if by_name else row.siren,
            "name": row.name,
            "commune": row.commune if by_name else None,
            "decision": decision,
            "segment": row.segment if own_segment else None,
            "note": note or _why_out(row.name),
        }
        for row in rows.itertuples()
    ]


def decisions(seed: int, current: pd.DataFrame, before: pd.DataFrame) -> tuple:
    """(previous edition's decisions, current edition's: the previous ones, then new ones)."""
    places = _communes().set_index("commune_code")
    others = other_companies(seed, places.reset_index())
    others["region"] = others["commune_code"].map(places["region_code"])
    others["commune"] = others["commune_code"].map(places["commune_name"])
    looking = others[others["name"].str.contains(HEALTH_LOOKING)].sort_values("siren")
    out = looking[looking["region"].eq(cal.OCCITANIE)].head(DECIDED_OUT + DECIDED_OUT_LATER)
    then = _members(before).assign(name=lambda f: f["plain_name"])
    cluster = then[
        then["pattern"].eq("cluster+sirene") & ~then["gone_later"] & ~then["ceases_later"]
    ]
    confirmed = cluster[cluster["region_code"].eq(cal.OCCITANIE)].sort_values("siren").head(2)
    gone = then[then["gone_later"]].sort_values("siren").head(1)
    now = _members(current).assign(name=lambda f: f["plain_name"])
    # A respondent confirmed with the segment it declared (the figures do not move).
    breton = now[now["pattern"].eq("survey+sirene") & now["region_code"].eq("53")]
    named = set(reference.labels("segments")) - set(reference.catch_all("segments"))
    breton = breton[breton["segment"].isin(named)].sort_values("siren")
    previous = [
        *_decided(out.head(DECIDED_OUT), "non"),
        *_decided(confirmed, "oui", "adhérent du cluster, activité vérifiée"),
        *_decided(gone, "oui", "activité vérifiée en 2022"),
    ]
    newer = [
        *_decided(out.tail(DECIDED_OUT_LATER), "non"),
        *_decided(breton.head(1), "oui", "activité vérifiée", own_segment=True),
        # By name and commune, as an analyst writes it when a list gives no SIREN.
        *_decided(looking[looking["region"].eq("75")].head(1), "non", by_name=True),
    ]
    frame = lambda rows: pd.DataFrame(rows, columns=DECISION_COLUMNS)  # noqa: E731
    return frame(previous), frame(previous + newer)


def write_decisions(out: Path, table: pd.DataFrame) -> None:
    """RAW/perimetre_decisions.csv, `;`-separated as a spreadsheet saves it in French."""
    text = table.fillna("").to_csv(sep=";", index=False, lineterminator="\n")
    (Path(out) / PERIMETER_DECISIONS_NAME).write_text(text, encoding="utf-8")
