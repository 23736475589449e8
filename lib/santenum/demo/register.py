"""The demo's register: small INSEE-layout stock files in which `santenum clean` identifies companies.

Every demo company is a unit of the register. Those the SIRENE extract gives (a SIREN on a list)
and the survey respondents without a SIREN who give their town bear the name the lists use; the
others (cluster members known by name only, respondents who left their address or their creation
date blank) are registered under a legal name the lists never use, so that a person, and
identification, would not find them — which keeps the study's calibrated figures. Distractors
make identification earn its result: namesakes in another département, a ceased namesake at the
same address, respondents registered under a legal name whose sign (enseigne) is the name they
use, and a few thousand other companies of the régions.
"""

from pathlib import Path

import numpy as np
import pandas as pd

from santenum.core.files import write_csv
from santenum.core.insee import ETABLISSEMENT_COLUMNS, UNITE_LEGALE_COLUMNS
from santenum.core.text import fold
from santenum.demo import calibration as cal
from santenum.demo.population import _communes
from santenum.demo.register_names import register_names
from santenum.demo.synthetic import head_office_sirets, random_sirens

REGISTER_DIR = "registre"
FILES = ("StockUniteLegale.csv", "StockEtablissement.csv")
SOURCE_YML = (
    "# INSEE-layout stock files for identification, not a source of companies.\nskip: true\n"
)
FINDABLE_PATTERN = "survey"  # respondents without a SIREN who give their town
SHARES = {"namesake_elsewhere": 0.3, "ceased_namesake": 0.15, "sign": 0.2}
OTHER_COMPANIES = 3000
OTHER_NAF = "62.01Z"
CATEGORIES = {"under 10": "PME", "10 to 249": "PME", "ETI": "ETI", "GE": "GE"}


def _units(frame: pd.DataFrame) -> pd.DataFrame:
    """Register rows (unit and its siège) of frame's columns siren, name, sign, commune_code,
    postal_code, creation_date, band, category, state, naf."""
    communes = fold(_communes().set_index("commune_code")["commune_name"]).str.upper()
    closed = frame["state"].eq("C")
    return pd.DataFrame(
        {
            "siren": frame["siren"],
            "statutDiffusionUniteLegale": "O",
            "dateCreationUniteLegale": frame["creation_date"].dt.strftime("%Y-%m-%d"),
            "trancheEffectifsUniteLegale": frame["band"],
            "categorieEntreprise": frame["category"],
            "etatAdministratifUniteLegale": frame["state"],
            "denominationUniteLegale": frame["name"],
            "categorieJuridiqueUniteLegale": "5710",
            "activitePrincipaleUniteLegale": frame["naf"],
            "siret": head_office_sirets(frame["siren"]),
            "etablissementSiege": "true",
            "codePostalEtablissement": frame["postal_code"],
            "libelleCommuneEtablissement": frame["commune_code"].map(communes),
            "codeCommuneEtablissement": frame["commune_code"],
            "etatAdministratifEtablissement": np.where(closed, "F", "A"),
            "enseigne1Etablissement": frame["sign"],
            "activitePrincipaleEtablissement": frame["naf"],
        }
    ).astype("string")


def _elsewhere(rng, frame: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """frame's rows moved to communes of another département (Paris when the draw is the same)."""
    department = places.set_index("commune_code")["departement_code"]
    drawn = places.iloc[rng.integers(0, len(places), len(frame))]
    same = drawn["departement_code"].to_numpy() == frame["commune_code"].map(department).to_numpy()
    commune = np.where(same, "75056", drawn["commune_code"].to_numpy())
    postal = np.where(same, "75001", drawn["postal_code"].to_numpy())
    return frame.assign(commune_code=commune, postal_code=postal)


def other_companies(seed: int, places: pd.DataFrame) -> pd.DataFrame:
    """The register's other companies (most of them software firms with no health activity), from
    their own draws: the same in every edition, as a register is from one year to the next, so that
    the analyst's decisions on the candidates they make carry over."""
    rng = np.random.default_rng([seed, 22, 1])
    background = places.iloc[rng.integers(0, len(places), OTHER_COMPANIES)]
    return pd.DataFrame(
        {
            "siren": random_sirens(OTHER_COMPANIES, rng),
            "name": register_names(rng, OTHER_COMPANIES),
            "sign": pd.NA,
            "commune_code": background["commune_code"].to_numpy(),
            "postal_code": background["postal_code"].to_numpy(),
            "creation_date": cal.STUDY_DATE
            - pd.to_timedelta(rng.integers(400, 15000, OTHER_COMPANIES), unit="D"),
            "band": "NN",
            "category": "PME",
            "state": "A",
        }
    )


def register_frames(
    companies: pd.DataFrame, seed: int, naf: pd.Series
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(StockUniteLegale, StockEtablissement) of the demo companies and the distractors; naf: the
    extract's NAF code by SIREN (62.01Z for the others)."""
    rng = np.random.default_rng(
        [seed, 22]
    )  # its own draws: the demo's other files stay as they are
    places = _communes()
    own = companies["siren"].notna()
    findable = (
        companies["pattern"].eq(FINDABLE_PATTERN)
        & companies["commune_code"].notna()
        & companies["creation_date"].notna()
    )
    known = own | findable
    units = pd.DataFrame(
        {
            "siren": companies["siren"].fillna(companies["register_siren"]),
            "name": companies["plain_name"],
            "sign": pd.Series(pd.NA, index=companies.index, dtype="object"),
            "commune_code": companies["commune_code"],
            "postal_code": companies["postal_code"],
            "creation_date": companies["creation_date"],
            "band": companies["band"].where(companies["size_class"].isin(list(CATEGORIES))),
            "category": companies["size_class"].map(CATEGORIES),
            "state": np.where(companies["ceased"], "C", "A"),
        }
    )
    # Hidden companies: a legal name the lists never use, a town and a creation date.
    units.loc[~known, "name"] = register_names(rng, int((~known).sum()))
    placeless = units.index[units["commune_code"].isna()]
    spare = places.iloc[rng.integers(0, len(places), len(placeless))]
    units.loc[placeless, "commune_code"] = spare["commune_code"].to_numpy()
    units.loc[placeless, "postal_code"] = spare["postal_code"].to_numpy()
    undated = units["creation_date"].isna()
    units.loc[undated, "creation_date"] = cal.STUDY_DATE - pd.DateOffset(years=12)
    # Respondents registered under a legal name whose sign is the name they use.
    signed = findable & (rng.random(len(companies)) < SHARES["sign"])
    units.loc[signed, "sign"] = units.loc[signed, "name"]
    units.loc[signed, "name"] = register_names(rng, int(signed.sum()))
    named = units[known]
    twins = _elsewhere(rng, named[rng.random(len(named)) < SHARES["namesake_elsewhere"]], places)
    ceased = units[findable & (rng.random(len(companies)) < SHARES["ceased_namesake"])].assign(
        state="C", band="NN", category="PME"
    )
    ceased["creation_date"] = ceased["creation_date"] - pd.DateOffset(years=9)
    others = other_companies(seed, places)
    distractors = pd.concat([twins.assign(sign=pd.NA), ceased.assign(sign=pd.NA)])
    taken = set(units["siren"]) | set(others["siren"])
    pool = [s for s in random_sirens(2 * len(distractors) + 10, rng) if s not in taken]
    distractors["siren"] = pool[: len(distractors)]
    table = pd.concat([units, distractors, others], ignore_index=True)
    table = table.drop_duplicates("siren").sort_values("siren", kind="stable")
    table["naf"] = table["siren"].map(naf).fillna(OTHER_NAF)
    rows = _units(table)
    return (
        rows[[c for c in UNITE_LEGALE_COLUMNS if c in rows]],
        rows[[c for c in ETABLISSEMENT_COLUMNS if c in rows]].assign(
            nic=lambda r: r["siret"].str[9:]
        )[[c for c in ETABLISSEMENT_COLUMNS if c in rows or c == "nic"]],
    )


def write_register(out: Path, companies: pd.DataFrame, seed: int, naf: pd.Series) -> None:
    """out/registre/: the two stock files and a source.yml that keeps `clean` from reading them;
    naf: the NAF code of each SIREN the SIRENE extract gives (the register says the same)."""
    folder = Path(out) / REGISTER_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for frame, name in zip(register_frames(companies, seed, naf), FILES, strict=True):
        write_csv(frame, folder / name)
    (folder / "source.yml").write_text(SOURCE_YML, encoding="utf-8")


def register_files(raw: Path) -> tuple[Path, Path] | None:
    """(StockUniteLegale, StockEtablissement) of a demo folder, if it has them."""
    paths = tuple(Path(raw) / REGISTER_DIR / name for name in FILES)
    return paths if all(p.is_file() for p in paths) else None
