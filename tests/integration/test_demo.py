"""The demo dataset: committed files equal the generator's default output, and after cleaning
Occitanie reproduces the published figures of the study (../shared/seeds/000, La Tribune)."""

import filecmp

import pandas as pd
import pytest

from santenum.analysis import stats
from santenum.clean import clean_directory
from santenum.clean.sources import input_fields, load_sources
from santenum.cli import main
from santenum.core import config
from santenum.core.table.perimeter import in_perimeter
from santenum.core.table.store import read_companies
from santenum.core.text import match_words
from santenum.demo import previous_dir, write_demo
from santenum.demo.calibration import STUDY_DATE

UNDER_TEN = {"NN", "00", "01", "02", "03"}  # INSEE tranche codes of fewer than 10 employees


def pct(part, whole) -> float:
    return round(100 * part / whole, 2)


@pytest.fixture(scope="module")
def cleaned():
    return clean_directory(config.settings().demo_raw_dir, as_of=STUDY_DATE, show_progress=False)


def counted(companies: pd.DataFrame, region: str = "76") -> pd.DataFrame:
    """A région's companies the study counts: active and in the perimeter (not the register's
    candidates that wait to be qualified)."""
    mine = companies[(companies["region_code"] == region) & ~companies["closed"]]
    return mine[in_perimeter(mine)]


@pytest.fixture(scope="module")
def occitanie(cleaned):
    """Occitanie's active companies in the perimeter (the study counts no ceased company)."""
    return counted(cleaned.companies)


@pytest.mark.slow
def test_committed_files_are_the_default_output(tmp_path):
    write_demo(tmp_path / "demo")
    pending = [
        filecmp.dircmp(config.settings().demo_raw_dir, tmp_path / "demo"),
        filecmp.dircmp(config.settings().demo_previous_raw_dir, previous_dir(tmp_path / "demo")),
    ]
    while pending:
        current = pending.pop()
        assert not current.left_only and not current.right_only, (
            current.left_only,
            current.right_only,
        )
        _, mismatch, errors = filecmp.cmpfiles(
            current.left, current.right, current.common_files, shallow=False
        )
        assert not mismatch and not errors, mismatch + errors
        pending.extend(current.subdirs.values())


@pytest.mark.slow
def test_239_companies_212_pme_14_eti_3_ge(occitanie):
    assert len(occitanie) == 239
    categories = occitanie["size_category"].value_counts(dropna=False)
    assert (categories["PME"], categories["ETI"], categories["GE"]) == (212, 14, 3)
    assert occitanie["size_category"].isna().sum() == 10


@pytest.mark.slow
def test_digital_health_jobs_are_a_few_thousand_not_the_groups_whole_headcounts(occitanie):
    """The study says "quelques milliers"; the groups' whole headcounts (a band of 10 000 and more)
    made the weighted estimate 12 305 to 18 724 when groups declared up to 100 %."""
    groups = occitanie[occitanie["size_category"].isin(["ETI", "GE"])]
    declared = groups["digital_health_share"].dropna()
    assert len(declared) >= 5 and declared.between(0.01, 0.10).all()
    total = stats.jobs(occitanie, "Occitanie").iloc[0]
    assert 1_000 <= total["emplois_sante_bas"] <= total["emplois_sante_haut"] < 10_000


def test_half_under_ten_employees_and_a_third_under_four_years(occitanie):
    banded = occitanie["headcount_band"].dropna()
    assert pct(banded.isin(UNDER_TEN).sum(), len(banded)) == 50.44
    ages = occitanie["age_years"].dropna()
    assert abs((ages < 4).mean() - 1 / 3) < 0.01


def test_segments_and_their_recent_creation_dynamic(occitanie):
    segments = occitanie["segment"].dropna()
    shares = segments.value_counts()
    published = {
        "Outils cliniques – logiciels métiers": 17.5,
        "Outils de gestion – administratif – pilotage": 11.25,
        "Data – traitement de la donnée": 10.0,
    }
    for segment, share in published.items():
        assert pct(shares[segment], len(segments)) == share
    assert shares.drop(list(published)).max() < shares[list(published)].min()
    assert len(shares) >= 8  # the rest spread over the other segments
    for segment in published:
        ages = occitanie.loc[occitanie["segment"] == segment, "age_years"]
        assert (ages < 4).sum() > ((ages >= 4) & (ages < 8)).sum(), segment


def test_ai_share_among_those_who_answered(occitanie):
    answered = occitanie["uses_ai"].dropna()
    assert round(100 * answered.mean()) == 59


def test_departements_and_metropoles(occitanie):
    located = occitanie["departement_code"].dropna()
    counts = located.value_counts()
    for code, share in {"34": 42.29, "31": 38.77, "30": 6.61, "81": 4.41}.items():
        assert pct(counts[code], len(located)) == share
    assert len(counts) > 4
    for code, metropole in {
        "34": "Montpellier Méditerranée Métropole",
        "31": "Toulouse Métropole",
    }.items():
        inside = occitanie.loc[occitanie["departement_code"] == code, "metropole"] == metropole
        assert inside.mean() > 0.5, code


def test_products_as_shares_of_all_companies(occitanie):
    counts = occitanie["products"].explode().value_counts()
    share = {label: 100 * count / len(occitanie) for label, count in counts.items()}
    assert share["Logiciel"] > 30
    assert round(share["Robot ou appareil connecté"]) == 15
    assert abs(share["Plateforme numérique"] - 14) < 0.5
    assert share["Plateforme numérique"] > share["Prestation de service"] > share["Application"] > 0


def test_every_row_is_accounted_for_and_every_mess_is_met(cleaned):
    total = cleaned.quality.total.to_json()
    assert total["rows_read"] == total["kept"] + total["merged"] + total["rejected"]
    reasons = total["rejected_by_reason"]
    assert {"code postal inconnu", "ligne vide"} <= set(reasons)
    # mistyped SIRENs: the rows are kept by name and place, and listed for correction
    assert total["kept_with_identifier_to_check"] >= 30
    assert (
        total["merged"] > 0 and total["location_method"]["région de la source (source.yml)"] >= 12
    )
    assert any(
        "segment" in source["unparsed_values"] for source in cleaned.quality.to_json()["sources"]
    )


@pytest.mark.slow
def test_about_three_percent_of_siren_rows_mistyped(cleaned):
    sources = [
        s for s in load_sources(config.settings().demo_raw_dir).sources if s.kind != "sirene"
    ]
    fields = input_fields(sources)
    carrying = (fields["siren"].notna() | fields["siret"].notna()).sum()
    invalid = ("SIREN invalide", "SIRET invalide")
    mistyped = cleaned.rejected["reason"].str.startswith(invalid).sum() + len(cleaned.to_check)
    assert cleaned.to_check["reason"].str.startswith(invalid).all()
    assert 0.025 < mistyped / carrying < 0.035


def test_peer_regions_are_complete_and_every_region_has_companies(cleaned):
    companies = cleaned.companies[in_perimeter(cleaned.companies)]  # not the candidates
    sizes = companies["region_code"].value_counts()
    metropolitan = {"11", "24", "27", "28", "32", "44", "52", "53", "75", "76", "84", "93", "94"}
    assert set(sizes.index) == metropolitan
    for region in ("11", "75", "44"):
        mine = companies[companies["region_code"] == region]
        assert sizes[region] >= 150
        for column in ("segment", "uses_ai", "size_category", "creation_date", "departement_code"):
            assert mine[column].notna().mean() > 0.4, (region, column)
        assert (mine["products"].list.len() > 0).mean() > 0.5
    assert sizes["11"] / sizes.sum() == pytest.approx(0.36, abs=0.01)  # France Biotech 2019: 36 %


def test_regions_of_one_size_draw_their_own_companies(cleaned):
    """Bretagne was a copy of Pays de la Loire: 40 companies each, every share the same."""
    from santenum.core.reference import region_population

    companies = cleaned.companies[~cleaned.companies["closed"]].assign(
        age_years=lambda f: (STUDY_DATE - f["creation_date"]).dt.days / 365.25
    )
    table = stats.regions_table(companies, region_population()).set_index("region_code")
    shares = ["under_ten_share", "young_share", "ai_share", "metropole_share"]
    for size, regions in table.groupby("count").groups.items():
        profiles = {tuple(table.loc[code, shares].round(3)) for code in regions}
        assert len(profiles) == len(regions), (size, list(regions))
    assert (table.loc["52", shares] != table.loc["53", shares]).sum() >= 3
    segments = {
        code: companies.loc[companies["region_code"] == code, "segment"].value_counts().to_dict()
        for code in ("52", "53")
    }
    assert segments["52"] != segments["53"]


def test_every_readme_says_fictitious_and_names_the_study():
    readmes = sorted(config.settings().demo_raw_dir.rglob("README.md"))
    assert len(readmes) == 8
    for path in readmes:
        assert "Données de démonstration (fictives)" in path.read_text(encoding="utf-8"), path
    top = (config.settings().demo_raw_dir / "README.md").read_text(encoding="utf-8")
    assert "Care Insight" in top and "Ad'Occ" in top


@pytest.mark.slow
def test_another_seed_draws_other_companies_with_the_same_calibration(tmp_path):
    write_demo(tmp_path / "demo", seed=3)
    other = (tmp_path / "demo" / "sirene" / "extrait-sirene.csv").read_bytes()
    assert other != (config.settings().demo_raw_dir / "sirene" / "extrait-sirene.csv").read_bytes()
    companies = clean_directory(tmp_path / "demo", as_of=STUDY_DATE, show_progress=False).companies
    mine = counted(companies)
    assert len(mine) == 239 and mine["size_category"].value_counts()["ETI"] == 14


@pytest.mark.slow
def test_scale_multiplies_sizes(tmp_path):
    assert main(["demo", "--out", str(tmp_path / "demo"), "--scale", "0.5", "--quiet"]) == 0
    companies = clean_directory(tmp_path / "demo", show_progress=False).companies
    assert len(counted(companies)) == 120  # round(239 × 0.5)


def test_refuses_to_overwrite_a_directory_that_is_not_a_demo(tmp_path, capsys):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "survey.csv").write_text("precious\n", encoding="utf-8")
    assert main(["demo", "--out", str(tmp_path / "mine")]) == 2
    assert "not hold a santenum demo" in capsys.readouterr().err
    assert (tmp_path / "mine" / "survey.csv").read_text(encoding="utf-8") == "precious\n"


@pytest.mark.slow
def test_replaces_a_previous_demo(tmp_path):
    write_demo(tmp_path / "demo", seed=1)
    (tmp_path / "demo" / "leftover.csv").write_text("x\n", encoding="utf-8")
    write_demo(tmp_path / "demo", seed=2)
    assert not (tmp_path / "demo" / "leftover.csv").exists()
    assert (
        pd.read_csv(tmp_path / "demo" / "sirene" / "extrait-sirene.csv", dtype=str).shape[0] > 500
    )


@pytest.mark.slow
def test_quality_report_flags_demo_data(cleaned, tmp_path, write_csv):
    assert cleaned.quality.demo_data is True
    write_csv(tmp_path / "raw" / "membres.csv", [["Nom", "Code postal"], ["Une", "34000"]])
    assert clean_directory(tmp_path / "raw", show_progress=False).quality.demo_data is False


@pytest.fixture(scope="module")
def previous_cleaned():
    """The demo's previous edition cleaned at its date (2022-06-30), as `cleaned` is: no register."""
    return clean_directory(
        config.settings().demo_previous_raw_dir, as_of=config.PREVIOUS_AS_OF, show_progress=False
    )


@pytest.mark.slow
def test_previous_edition_has_every_kind_of_churn(cleaned, previous_cleaned):
    """Against the previous edition (2022-06-30): creations, arrivals, newly found companies,
    closures per SIRENE, departures and companies not found again, and smaller headcounts."""
    from santenum.analysis import evolution

    previous = previous_cleaned.companies
    assert not previous["closed"].any()
    current = cleaned.companies
    editions = evolution.match(
        previous[in_perimeter(previous)], current[in_perimeter(current)], config.PREVIOUS_AS_OF
    )
    _, motifs = evolution.entries_exits(editions, "76")
    assert (motifs["count"] > 0).all(), motifs
    created = editions.current["creation_date"] > pd.Timestamp(config.PREVIOUS_AS_OF)
    assert not previous["siren"].isin(editions.current.loc[created, "siren"].dropna()).any()
    assert evolution.headcount_change(editions, "76").iloc[0]["variation"] > 0


@pytest.mark.slow
def test_the_previous_editions_decisions_carry_over_and_only_the_undecided_wait(
    cleaned, previous_cleaned
):
    """The current edition's perimetre_decisions.csv is the previous one's, then new lines: every
    company decided then is decided the same way now, but the member this edition no longer holds
    (reported, line 8), and none of them is asked about again."""
    then = previous_cleaned.perimeter
    decided = then[then["decision"].notna()].set_index("siren")["decision"]
    now = cleaned.perimeter.set_index("siren")
    carried = decided[decided.index.isin(now.index)]
    assert len(carried) == len(decided) - 1 and cleaned.quality.perimeter.decisions_unmatched == [8]
    assert now.loc[carried.index, "decision"].tolist() == carried.tolist()
    waiting = now.index[now["status"] == "à qualifier"]
    assert not waiting.isin(decided.index).any()
    assert cleaned.quality.perimeter.decisions_applied == len(carried) + 4  # and four new ones


@pytest.fixture(scope="module")
def identified(demo_data):
    """The demo cleaned with its register (data/raw/demo/registre), as `make clean-demo` does: the
    table and identification.csv that the session's demo set-up wrote (not cleaned again)."""
    identification = pd.read_csv(demo_data.parent / "identification.csv", dtype="string")
    return read_companies(demo_data), identification


@pytest.mark.slow
def test_identification_in_the_demo_register_keeps_the_studys_figures(identified):
    occitanie = counted(identified[0])
    assert len(occitanie) == 239
    categories = occitanie["size_category"].value_counts()
    assert (categories["PME"], categories["ETI"], categories["GE"]) == (212, 14, 3)
    banded = occitanie["headcount_band"].dropna()
    assert pct(banded.isin(UNDER_TEN).sum(), len(banded)) == 50.44
    dated = occitanie["creation_date"].dropna()
    assert len(dated) == 208 and (occitanie["age_years"] < 4).sum() == 69


@pytest.mark.slow
def test_the_demo_register_identifies_respondents_by_their_own_name_or_sign(identified):
    table = identified[1]
    found = table[table["status"] == "identifiée"]
    assert len(found) > 300 and (table["status"] == "à vérifier").any()
    folder = config.settings().demo_raw_dir / "registre"
    units = pd.read_csv(folder / "StockUniteLegale.csv", dtype="string").set_index("siren")
    signs = pd.read_csv(folder / "StockEtablissement.csv", dtype="string").set_index("siren")
    words = match_words(found["name"])
    by_name = words == match_words(found["siren"].map(units["denominationUniteLegale"]))
    by_sign = words == match_words(found["siren"].map(signs["enseigne1Etablissement"]))
    assert (by_name.fillna(False) | by_sign.fillna(False)).all()
    assert by_sign.fillna(False).any()  # some respondents are registered under a legal name
