"""The committed reference tables under data/reference/ (read once, cached; each caller gets its own
copy), and the facts derived from them.

Every stage asks this module for région names, current communes, métropoles, INSEE bands,
taxonomy labels and the candidate NAF codes: each fact is computed in one place.
"""

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from santenum.core import config
from santenum.core.caching import cached_copies

CURRENT_COMMUNE = "commune-actuelle"
ALL_REGIONS = "all"  # --region all: every région the data has, one report set each


def path(name: str) -> Path:
    """A reference file's path, in the settings' reference folder."""
    return config.settings().reference_dir / name


@cached_copies
def table(name: str) -> pd.DataFrame:
    """A reference CSV with every column read as text (codes keep their leading zeros)."""
    frame = pd.read_csv(path(f"{name}.csv"), dtype="string", keep_default_na=False)
    return frame.mask(frame == "")


@cached_copies
def document(name: str) -> dict:
    """A reference YAML document (libyaml's safe loader when PyYAML has it: about 8 times faster)."""
    with open(path(f"{name}.yml"), encoding="utf-8") as fh:
        return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def region_names() -> pd.Series:
    """INSEE région code -> région name."""
    return table("regions").set_index("region_code")["region_name"]


@dataclass(frozen=True)
class RegionName:
    """A région's name as French sentences use it (region_articles.csv): `le` with its article
    (« l'Occitanie », « les Pays de la Loire »), `en` (« en Occitanie », « dans les Pays de la
    Loire », « à La Réunion »), `de` (« de l'Occitanie ») and whether its verb is plural."""

    name: str
    le: str
    en: str
    de: str
    plural: bool

    @property
    def subject(self) -> str:
        """The name opening a sentence: « L'Occitanie », « Les Pays de la Loire », « Mayotte »."""
        return self.le[0].upper() + self.le[1:]

    def verb(self, singular: str, plural: str) -> str:
        """The verb agreed with the région: « compte » or « comptent »."""
        return plural if self.plural else singular


def region_name(code: str) -> RegionName:
    """The région's name and its French forms (article, « en », « de », number)."""
    forms = table("region_articles").set_index("region_code").loc[code]
    return RegionName(
        region_names()[code], forms["le"], forms["en"], forms["de"], forms["plural"] == "oui"
    )


def region_code(code) -> str:
    """A known INSEE région code as text ('1' -> '01'), else ValueError naming it."""
    text = str(code).strip().zfill(2)
    if text not in region_names().index:
        raise ValueError(f"unknown région code {str(code).strip()!r}")
    return text


def departement_names() -> pd.Series:
    """INSEE département code -> département name."""
    return table("departements").set_index("departement_code")["departement_name"]


def departement_labels() -> pd.Series:
    """INSEE département code -> its name with its code, as tables show it: « Hérault (34) »."""
    names = departement_names()
    return names + " (" + names.index.to_series() + ")"


def band_labels() -> pd.Series:
    """INSEE tranche code -> its label (« 10 à 19 salariés »): tables show labels, never codes."""
    return table("tranches_effectifs").set_index("code")["label"]


def current_communes(communes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Current communes only (no arrondissements, no communes déléguées or associées).

    `communes` is the communes table, or a copy of it with columns added (default: the table).
    """
    communes = table("communes") if communes is None else communes
    return communes[communes["commune_type"] == CURRENT_COMMUNE]


def metropoles() -> pd.DataFrame:
    """EPCI that are métropoles (including the Métropole de Lyon)."""
    epci = table("epci")
    return epci[epci["epci_type"].isin(["METRO", "MET69"])]


def naf_candidates() -> list:
    """NAF codes whose establishments are digital-health candidates (naf_candidates.csv)."""
    return table("naf_candidates")["naf_code"].tolist()


@cached_copies
def bands() -> pd.DataFrame:
    """INSEE tranche codes with integer bounds (max missing for the open top band)."""
    frame = table("tranches_effectifs")
    frame["min"] = frame["min"].astype("Int64")
    frame["max"] = frame["max"].astype("Int64")
    return frame


def labels(taxonomy: str) -> list:
    """Canonical labels of a taxonomy (segments, products, technologies, value_chain) in its order."""
    return [entry["label"] for entry in document(taxonomy)["values"]]


def catch_all(taxonomy: str) -> list:
    """Labels of a taxonomy that hold what no other label describes ("Autres"): not a segment
    of their own in any ranking or rule."""
    return [entry["label"] for entry in document(taxonomy)["values"] if entry.get("catch_all")]


def region_population() -> pd.Series:
    """Population of each région (sum of its départements'), indexed by région code."""
    deps = table("departements")
    return pd.to_numeric(deps["population"]).groupby(deps["region_code"]).sum()
