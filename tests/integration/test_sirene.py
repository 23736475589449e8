"""`santenum sirene`: hand-written rows in INSEE's exact layout, synthetic stock files, bad input."""

import csv

import pandas as pd
import pytest

from santenum.clean import clean_directory
from santenum.cli import main
from santenum.core.insee import (
    ETABLISSEMENT_COLUMNS,
    ETABLISSEMENT_REQUIRED,
    UNITE_LEGALE_COLUMNS,
    UNITE_LEGALE_REQUIRED,
)
from santenum.demo.synthetic import with_check_digit
from santenum.demo.synthetic_stock import write_stock
from santenum.sirene import COUNTS_FILE, extract_candidates, extract_name
from tests.helpers import SIREN_A, SIREN_B

# Header lines of INSEE's StockEtablissement and StockUniteLegale CSV files (2024 layout).
ETABLISSEMENT_HEADER = (
    "siren,nic,siret,statutDiffusionEtablissement,dateCreationEtablissement,trancheEffectifsEtablissement,"
    "anneeEffectifsEtablissement,activitePrincipaleRegistreMetiersEtablissement,dateDernierTraitementEtablissement,"
    "etablissementSiege,nombrePeriodesEtablissement,complementAdresseEtablissement,numeroVoieEtablissement,"
    "indiceRepetitionEtablissement,dernierNumeroVoieEtablissement,indiceRepetitionDernierNumeroVoieEtablissement,"
    "typeVoieEtablissement,libelleVoieEtablissement,codePostalEtablissement,libelleCommuneEtablissement,"
    "libelleCommuneEtrangerEtablissement,distributionSpecialeEtablissement,codeCommuneEtablissement,"
    "codeCedexEtablissement,libelleCedexEtablissement,codePaysEtrangerEtablissement,libellePaysEtrangerEtablissement,"
    "identifiantAdresseEtablissement,coordonneeLambertAbscisseEtablissement,coordonneeLambertOrdonneeEtablissement,"
    "complementAdresse2Etablissement,numeroVoie2Etablissement,indiceRepetition2Etablissement,typeVoie2Etablissement,"
    "libelleVoie2Etablissement,codePostal2Etablissement,libelleCommune2Etablissement,"
    "libelleCommuneEtranger2Etablissement,distributionSpeciale2Etablissement,codeCommune2Etablissement,"
    "codeCedex2Etablissement,libelleCedex2Etablissement,codePaysEtranger2Etablissement,"
    "libellePaysEtranger2Etablissement,dateDebut,etatAdministratifEtablissement,enseigne1Etablissement,"
    "enseigne2Etablissement,enseigne3Etablissement,denominationUsuelleEtablissement,activitePrincipaleEtablissement,"
    "nomenclatureActivitePrincipaleEtablissement,caractereEmployeurEtablissement"
).split(",")
UNITE_LEGALE_HEADER = (
    "siren,statutDiffusionUniteLegale,unitePurgeeUniteLegale,dateCreationUniteLegale,sigleUniteLegale,"
    "sexeUniteLegale,prenom1UniteLegale,prenom2UniteLegale,prenom3UniteLegale,prenom4UniteLegale,"
    "prenomUsuelUniteLegale,pseudonymeUniteLegale,identifiantAssociationUniteLegale,trancheEffectifsUniteLegale,"
    "anneeEffectifsUniteLegale,dateDernierTraitementUniteLegale,nombrePeriodesUniteLegale,categorieEntreprise,"
    "anneeCategorieEntreprise,dateDebut,etatAdministratifUniteLegale,nomUniteLegale,nomUsageUniteLegale,"
    "denominationUniteLegale,denominationUsuelle1UniteLegale,denominationUsuelle2UniteLegale,"
    "denominationUsuelle3UniteLegale,categorieJuridiqueUniteLegale,activitePrincipaleUniteLegale,"
    "nomenclatureActivitePrincipaleUniteLegale,nicSiegeUniteLegale,economieSocialeSolidaireUniteLegale,"
    "societeMissionUniteLegale,caractereEmployeurUniteLegale"
).split(",")
SIREN_OTHER_NAF, SIREN_CLOSED_SITE, SIREN_CLOSED_UNIT, SIREN_MARSEILLE = (
    "130025265",
    "443061841",
    "552032534",
    "380129866",
)
SIREN_PERSON = "325175479"  # an entrepreneur individuel: a person's name, no denomination


def _siret(siren: str, nic: int) -> str:
    return str(with_check_digit([int(siren) * 10_000 + nic])[0])


def _etab(siren, nic, commune, postal, naf, siege="true", state="A"):
    return {
        "siren": siren,
        "nic": _siret(siren, nic)[9:],
        "siret": _siret(siren, nic),
        "etablissementSiege": siege,
        "codeCommuneEtablissement": commune,
        "codePostalEtablissement": postal,
        "etatAdministratifEtablissement": state,
        "activitePrincipaleEtablissement": naf,
        "nomenclatureActivitePrincipaleEtablissement": "NAFRev2",
        "statutDiffusionEtablissement": "O",
    }


def _unit(siren, name, state="A"):
    return {
        "siren": siren,
        "denominationUniteLegale": name,
        "dateCreationUniteLegale": "2015-03-01",
        "trancheEffectifsUniteLegale": "11",
        "categorieEntreprise": "PME",
        "etatAdministratifUniteLegale": state,
        "statutDiffusionUniteLegale": "O",
        "categorieJuridiqueUniteLegale": "5710",
    }


def _write(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows({**dict.fromkeys(header, ""), **row} for row in rows)
    return path


@pytest.fixture
def stock(tmp_path):
    etab = _write(
        tmp_path / "StockEtablissement_utf8.csv",
        ETABLISSEMENT_HEADER,
        [
            _etab(SIREN_A, 1, "34172", "34000", "58.29C"),  # siège in Montpellier: kept
            _etab(
                SIREN_A, 2, "34172", "34070", "58.29C", siege="false"
            ),  # second site: not a second row
            _etab(SIREN_B, 1, "75056", "75008", "62.01Z"),  # siège in Paris
            _etab(
                SIREN_B, 3, "31555", "31000", "62.01Z", siege="false"
            ),  # its Toulouse site stands for 76
            _etab(
                SIREN_B, 2, "31555", "31400", "62.01Z", siege="false"
            ),  # ... the smallest SIRET of 76 wins
            _etab(SIREN_OTHER_NAF, 1, "34172", "34000", "47.11F"),  # not a candidate activity
            _etab(
                SIREN_CLOSED_SITE, 1, "34172", "34000", "62.01Z", state="F"
            ),  # closed establishment
            _etab(SIREN_CLOSED_UNIT, 1, "34172", "34000", "62.01Z"),  # its unité légale is closed
            _etab(
                SIREN_MARSEILLE, 1, "13201", "13001", "63.11Z"
            ),  # arrondissement -> Marseille, 93
            {
                **_etab(SIREN_PERSON, 1, "34172", "34000", "86.90F"),
                "enseigne1Etablissement": "TELESUIVI FICTIF",
            },
        ],
    )
    units = _write(
        tmp_path / "StockUniteLegale_utf8.csv",
        UNITE_LEGALE_HEADER,
        [
            _unit(SIREN_A, "MEDILOG FICTIF"),
            _unit(SIREN_B, "DATASANTE FICTIVE"),
            _unit(SIREN_OTHER_NAF, "EPICERIE"),
            _unit(SIREN_CLOSED_SITE, "FERMEE"),
            _unit(SIREN_CLOSED_UNIT, "CESSEE", state="C"),
            _unit(SIREN_MARSEILLE, "HEBERGEUR FICTIF"),
            {
                **_unit(SIREN_PERSON, ""),
                "nomUniteLegale": "DUPONT",
                "prenom1UniteLegale": "JEANNE",
                "categorieJuridiqueUniteLegale": "1000",
            },
        ],
    )
    return etab, units


def test_region_extract_follows_the_rules(stock, tmp_path):
    written = extract_candidates(*stock, "76", tmp_path / "out", progress=False)
    assert written == {"76": 3}
    text = (tmp_path / "out" / extract_name("76")).read_text(encoding="utf-8")
    assert (
        "DUPONT" not in text and "JEANNE" not in text and "TELESUIVI FICTIF" in text
    )  # no personal names
    rows = pd.read_csv(tmp_path / "out" / extract_name("76"), dtype=str)
    assert rows["siren"].tolist() == sorted(
        [SIREN_A, SIREN_B, SIREN_PERSON]
    )  # one row each, in SIREN order
    by_siren = rows.set_index("siren")
    assert by_siren.loc[SIREN_A, "siret"] == _siret(SIREN_A, 1)
    assert by_siren.loc[SIREN_B, "siret"] == _siret(
        SIREN_B, 2
    )  # smallest SIRET of its Toulouse sites
    assert by_siren.loc[SIREN_B, "codeCommuneEtablissement"] == "31555"
    assert by_siren.loc[SIREN_A, "denominationUniteLegale"] == "MEDILOG FICTIF"


def test_counts_cover_every_region_and_all_writes_each(stock, tmp_path):
    written = extract_candidates(*stock, "all", tmp_path / "out", progress=False)
    assert written == {"11": 1, "76": 3, "93": 1}
    counts = pd.read_csv(tmp_path / "out" / COUNTS_FILE, dtype={"region_code": str})
    assert counts[["region_code", "naf_code", "companies"]].values.tolist() == [
        ["11", "62.01Z", 1],
        ["76", "58.29C", 1],
        ["76", "62.01Z", 1],
        ["76", "86.90F", 1],
        ["93", "63.11Z", 1],
    ]
    assert counts["region_name"].tolist()[0] == "Île-de-France"


@pytest.mark.slow
def test_extract_is_cleaned_unchanged(stock, tmp_path):
    extract_candidates(*stock, "76", tmp_path / "out", progress=False)
    result = clean_directory(tmp_path / "out", show_progress=False)
    companies = result.companies.set_index("siren")
    assert sorted(companies.index) == sorted([SIREN_A, SIREN_B, SIREN_PERSON])
    assert (
        companies.loc[SIREN_PERSON, "name"] == "TELESUIVI FICTIF"
    )  # the trade name, not the person
    assert set(companies["region_code"]) == {"76"}
    assert companies.loc[SIREN_B, "departement_code"] == "31"
    assert [s["source"] for s in result.quality.to_json()["sources"]] == [extract_name("76")]
    # Candidates by activity code are no evidence: each waits, its name never the person's.
    assert set(companies["perimeter"]) == {"à qualifier"}
    worklist = result.perimeter.set_index("siren")
    assert pd.isna(worklist.loc[SIREN_PERSON, "name"]) and worklist["score"].notna().all()


@pytest.mark.slow
def test_extract_neutralises_formulas_and_keeps_the_legal_category(stock, tmp_path):
    """Issue 20: the extract goes through the one CSV writer, and keeps categorieJuridique so that
    an individual entrepreneur without a trade name is cleaned, shown by its SIREN."""
    etab, units = stock
    rows = list(csv.DictReader(open(units, encoding="utf-8")))
    rows[0]["denominationUniteLegale"] = '=HYPERLINK("http://x","MEDILOG")'
    bare = next(r for r in rows if r["siren"] == SIREN_PERSON)
    _write(units, UNITE_LEGALE_HEADER, rows)
    sites = list(csv.DictReader(open(etab, encoding="utf-8")))
    next(r for r in sites if r["siren"] == bare["siren"])["enseigne1Etablissement"] = ""
    _write(etab, ETABLISSEMENT_HEADER, sites)
    extract_candidates(etab, units, "76", tmp_path / "out", progress=False)
    text = (tmp_path / "out" / extract_name("76")).read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text and '"=HYPERLINK' not in text
    companies = clean_directory(tmp_path / "out", show_progress=False).companies.set_index("siren")
    assert pd.isna(companies.loc[SIREN_PERSON, "name"])  # counted, never named


def _insee_layout(columns: list, published: tuple, required: tuple) -> bool:
    """Columns INSEE publishes, in INSEE's order, the required ones among them."""
    return (
        set(required) <= set(columns)
        and set(columns) <= set(published)
        and [published.index(c) for c in columns] == sorted(published.index(c) for c in columns)
    )


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_synthetic_stock_csv_and_parquet_agree_and_are_deterministic(tmp_path, fmt):
    paths = write_stock(tmp_path / fmt, 4000, 3000, seed=5, fmt=fmt)
    columns = list(
        pd.read_csv(paths[0], nrows=1).columns
        if fmt == "csv"
        else pd.read_parquet(paths[0]).columns
    )
    assert _insee_layout(columns, ETABLISSEMENT_COLUMNS, ETABLISSEMENT_REQUIRED)
    extract_candidates(*paths, "all", tmp_path / f"out-{fmt}", progress=False)
    extract_candidates(*paths, "all", tmp_path / f"again-{fmt}", progress=False)
    for name in sorted(p.name for p in (tmp_path / f"out-{fmt}").glob("*.csv")):
        assert (tmp_path / f"out-{fmt}" / name).read_bytes() == (
            tmp_path / f"again-{fmt}" / name
        ).read_bytes()
    if fmt == "parquet":
        csv_paths = write_stock(tmp_path / "csv-twin", 4000, 3000, seed=5, fmt="csv")
        extract_candidates(*csv_paths, "all", tmp_path / "out-twin", progress=False)
        for path in sorted((tmp_path / "out-parquet").glob("*.csv")):
            assert path.read_bytes() == (tmp_path / "out-twin" / path.name).read_bytes(), path.name


@pytest.mark.slow  # a large generated stock
def test_synthetic_stock_is_realistic(tmp_path):
    etab, units = write_stock(tmp_path, 20_000, 15_000, seed=1, fmt="parquet")
    e, u = pd.read_parquet(etab), pd.read_parquet(units)
    assert (
        _insee_layout(list(u.columns), UNITE_LEGALE_COLUMNS, UNITE_LEGALE_REQUIRED)
        and u["siren"].is_unique
        and e["siret"].is_unique
    )
    assert (
        e.groupby("siren")["etablissementSiege"].apply(lambda s: (s == "true").sum()) == 1
    ).all()
    assert set(e["siren"]) == set(u["siren"])
    assert (
        0.02
        < e["activitePrincipaleEtablissement"]
        .isin(["58.29C", "62.01Z", "62.02A", "63.11Z", "26.60Z", "32.50A", "72.19Z", "86.90F"])
        .mean()
        < 0.06
    )
    assert (e["siret"].str[:9] == e["siren"]).all()
    assert (
        u.loc[u["categorieJuridiqueUniteLegale"] == "1000", "denominationUniteLegale"].isna()
    ).all()


@pytest.mark.parametrize(
    "problem, words",
    [
        ("missing_file", "no such file"),
        ("missing_column", "missing column(s) activitePrincipaleEtablissement"),
        ("unknown_region", "unknown région code '99'"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(stock, tmp_path, capsys, problem, words):
    etab, units = stock
    region = "76"
    if problem == "missing_file":
        etab = tmp_path / "nowhere.csv"
    elif problem == "missing_column":
        frame = pd.read_csv(etab, dtype=str).drop(columns="activitePrincipaleEtablissement")
        etab = tmp_path / "cut.csv"
        frame.to_csv(etab, index=False)
    else:
        region = "99"
    code = main(
        [
            "sirene",
            "--etablissements",
            str(etab),
            "--unites-legales",
            str(units),
            "--region",
            region,
            "--out",
            str(tmp_path / "out"),
            "--quiet",
        ]
    )
    err = capsys.readouterr().err.strip()
    assert code == 2 and err.count("\n") == 0 and words in err
    assert not list(tmp_path.glob("out/*.csv"))


@pytest.mark.slow  # a large generated stock
def test_a_tight_memory_limit_spills_and_gives_the_same_extract(tmp_path):
    paths = write_stock(tmp_path / "stock", 60_000, 50_000, seed=2, fmt="csv")
    extract_candidates(*paths, "all", tmp_path / "roomy", memory_limit="2GB", progress=False)
    extract_candidates(*paths, "all", tmp_path / "tight", memory_limit="40MB", progress=False)
    for path in sorted((tmp_path / "roomy").glob("*.csv")):
        assert path.read_bytes() == (tmp_path / "tight" / path.name).read_bytes(), path.name
