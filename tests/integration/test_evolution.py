"""Two hand-built editions with known entries, exits, moves and size changes (issue 14).

Région 76 at the previous edition (2022-06-30): A, B, C, D, E and Alpha; now: A (moved 34 -> 31,
band 11 -> 12), C (matched by name and commune; PME -> ETI), F (arrived from Île-de-France),
G (created 2023), H (older, newly found) and two "Alpha" with different SIRENs (ambiguous). B
ceased (SIRENE), D left for Nouvelle-Aquitaine, E and the old Alpha are not found again.
"""

import json

import pandas as pd
import pytest
from stdnum import luhn

from santenum.analysis import evolution, session
from santenum.cli import main
from santenum.core import config
from santenum.core.table.ages import active_with_ages
from santenum.core.table.columns import COLUMNS
from santenum.core.table.lists import text_lists
from santenum.core.table.perimeter import PerimeterStatus
from santenum.core.table.store import read_companies, write_companies
from santenum.report.run import ReportOptions, run_report
from tests.helpers import SIREN_A, SIREN_B, write_quality

PREVIOUS_AS_OF = "2022-06-30"
PLACES = {
    "34172": ("34000", "34", "76"),
    "31555": ("31000", "31", "76"),
    "30189": ("30000", "30", "76"),
    "33063": ("33000", "33", "75"),
    "75056": ("75001", "75", "11"),
}


def siren(stem: str) -> str:
    return stem + luhn.calc_check_digit(stem)


SIREN_C, SIREN_D, SIREN_X, SIREN_Y, SIREN_G = (
    siren(s) for s in ("12345678", "23456789", "34567890", "45678901", "56789012")
)


def company(
    cid,
    name,
    commune,
    created=None,
    sid=None,
    band=None,
    headcount=None,
    category=None,
    closed=False,
):
    postal, dep, region = PLACES[commune]
    return {
        "company_id": cid,
        "siren": sid,
        "name": name,
        "commune_code": commune,
        "postal_code": postal,
        "departement_code": dep,
        "region_code": region,
        "creation_date": pd.Timestamp(created) if created else pd.NaT,
        "headcount": headcount,
        "headcount_band": band,
        "size_category": category,
        "closed": closed,
    }


def table(rows) -> pd.DataFrame:
    frame = pd.DataFrame(rows)
    out = pd.DataFrame(index=frame.index)
    for column in COLUMNS:
        if column.is_list:
            out[column.name] = text_lists([[] for _ in frame.index], frame.index)
        elif column.name in frame:
            out[column.name] = frame[column.name].astype(column.dtype)
        else:
            default = pd.NA if column.default is None else column.default
            out[column.name] = pd.Series(default, index=frame.index, dtype=column.dtype)
    return out


PREVIOUS = table(
    [
        company(SIREN_A, "Arcadia", "34172", "2015-01-01", SIREN_A, "11", 12, "PME"),
        company(SIREN_B, "Bêta Santé", "34172", "2020-03-01", SIREN_B, "01", 1, "PME"),
        company("Xc", "Médi Q", "34172", "2000-01-01", None, "32", 200, "PME"),
        company(SIREN_D, "Delta", "30189", "2019-09-01", SIREN_D, "02", 4, "PME"),
        company("Xe", "Zeta", "31555"),
        company("Xalpha", "Alpha", "34172", "2012-05-05"),
        company(SIREN_C, "Foxtrot", "75056", "2016-01-01", SIREN_C, "03", 7, "PME"),
    ]
)
CURRENT = table(
    [
        company(SIREN_A, "ARCADIA", "31555", "2015-01-01", SIREN_A, "12", 25, "PME"),
        company(SIREN_B, "BETA SANTE", "34172", "2020-03-01", SIREN_B, "01", 1, "PME", closed=True),
        company("Xc2", "MEDI-Q SAS", "34172", "2000-01-01", None, "32", 240, "ETI"),
        company(SIREN_D, "DELTA", "33063", "2019-09-01", SIREN_D, "02", 5, "PME"),
        company(SIREN_C, "FOXTROT", "31555", "2016-01-01", SIREN_C, "03", 8, "PME"),
        company(SIREN_G, "Golf", "31555", "2023-01-10", SIREN_G, "NN", 0, "PME"),
        company("Xh", "Helix", "34172", "2010-01-01"),
        company(SIREN_X, "Alpha", "34172", None, SIREN_X),
        company(SIREN_Y, "ALPHA", "34172", None, SIREN_Y),
    ]
)


@pytest.fixture(scope="module")
def editions():
    return evolution.match(PREVIOUS, CURRENT, PREVIOUS_AS_OF)


def test_entries_exits_and_their_reasons(editions):
    totals, motifs = evolution.entries_exits(editions, "76")
    assert totals.set_index("indicateur")["count"].to_dict() == {
        "entrées": 5,
        "sorties": 4,
        "présentes aux deux éditions": 2,
    }
    assert motifs.set_index("motif")["count"].to_dict() == {
        "créées depuis l'édition précédente": 1,
        "arrivées d'une autre région": 1,
        "existantes, nouvellement recensées": 3,
        "cessées (SIRENE)": 1,
        "parties dans une autre région": 1,
        "non retrouvées": 2,
    }


def test_name_and_place_match_and_ambiguous_keys_are_listed(editions):
    pairs = editions.pairs.set_index("previous_id")
    assert pairs.loc["Xc", "current_id"] == "Xc2" and pairs.loc["Xc", "how"] == "nom et commune"
    assert "Xalpha" not in pairs.index
    assert sorted(editions.ambiguous["company_id"]) == sorted(["Xalpha", SIREN_X, SIREN_Y])


def test_counts_then_and_now_by_departement(editions):
    table = evolution.counts_then_and_now(editions, "76", "departement_code").set_index(
        "departement_code"
    )
    assert table[["avant", "apres", "variation"]].to_dict("index") == {
        "34": {"avant": 4, "apres": 4, "variation": 0},
        "31": {"avant": 1, "apres": 3, "variation": 2},
        "30": {"avant": 1, "apres": 0, "variation": -1},
        "ensemble": {"avant": 6, "apres": 7, "variation": 1},
    }
    assert table.loc["31", "growth"] == 2.0


def test_moves_sizes_and_headcounts_of_companies_in_both(editions):
    moves = evolution.moves(editions, "76")
    assert moves.to_dict("records") == [
        {"departement_code_avant": "34", "departement_code_apres": "31", "count": 1}
    ]
    bands = evolution.band_changes(
        editions, "76", ["NN", "00", "01", "02", "03", "11", "12", "21", "22", "31", "32"]
    )
    assert bands.set_index("indicateur")["count"].to_dict() == {
        "tranche supérieure": 1,
        "même tranche": 1,
        "tranche inférieure": 0,
    }
    grid = evolution.category_transitions(editions, "76").set_index("catégorie avant")
    assert grid.loc["PME"].to_dict() == {"PME": 1, "ETI": 1}
    heads = evolution.headcount_change(editions, "76").iloc[0]
    assert (heads["n"], heads["avant"], heads["apres"], heads["variation"]) == (2, 212, 265, 53)


def test_survival_by_age_at_the_previous_edition(editions):
    table = evolution.survival(editions, "76").set_index("age")
    assert table[["count", "n"]].to_dict("index") == {
        "moins de 4 ans": {"count": 1, "n": 2},
        "4 à 9 ans": {"count": 1, "n": 1},
        "10 à 19 ans": {"count": 0, "n": 1},
        "20 ans et plus": {"count": 1, "n": 1},
        "date de création inconnue": {"count": 0, "n": 1},
    }


def test_an_older_table_without_the_newer_columns_still_reads(tmp_path):
    old = PREVIOUS.drop(columns=["closed", "technologies", "value_chain", "perimeter"])
    path = tmp_path / "companies.parquet"
    write_companies(old.assign(extra_col=1), path)
    back = read_companies(path)
    assert list(back.columns) == [c.name for c in COLUMNS]
    assert not back["closed"].any() and back["technologies"].map(len).eq(0).all()
    # Before the perimeter, an analyst qualified the list by hand: every company counts.
    assert len(active_with_ages(back, pd.Timestamp("2023-06-30"))) == len(old)
    json.dumps(back["company_id"].tolist())


def test_each_edition_counts_the_companies_of_its_perimeter_only(tmp_path):
    """Zeta (not found again) waits to be qualified in the previous edition, Helix (newly found)
    in this one: neither is an exit or an entry; the other flows are the fixture's."""
    waiting = PerimeterStatus.TO_QUALIFY.value
    paths = _write_editions(
        tmp_path,
        PREVIOUS.assign(perimeter=PREVIOUS["perimeter"].mask(PREVIOUS["name"].eq("Zeta"), waiting)),
        CURRENT.assign(perimeter=CURRENT["perimeter"].mask(CURRENT["name"].eq("Helix"), waiting)),
    )
    study = session.start("07_evolution", paths["current"], output_dir=tmp_path / "out")
    assert "Helix" not in study.companies["name"].tolist()
    totals, _ = evolution.entries_exits(study.editions(paths["previous"]), "76")
    assert totals["count"].tolist() == [4, 3, 2]


def _write_editions(tmp_path, previous=PREVIOUS, current=CURRENT):
    paths = {}
    for name, frame, as_of in (
        ("previous", previous, PREVIOUS_AS_OF),
        ("current", current, "2023-06-30"),
    ):
        folder = tmp_path / name
        folder.mkdir()
        write_companies(frame, folder / "companies.parquet")
        write_quality(folder, as_of)
        paths[name] = folder / "companies.parquet"
    return paths


def _csv(out, table):
    return pd.read_csv(
        out / "tables" / f"07_evolution__{table}.csv", dtype={"departement_code": str}
    )


def _evolution_report(tmp_path, **options) -> tuple:
    """(run records, output folder) of 07_evolution alone on the fixture's current edition."""
    paths = _write_editions(tmp_path)
    out = tmp_path / "run"
    notebook = config.settings().notebook_dir / "07_evolution.ipynb"
    previous = paths["previous"] if options.pop("with_previous") else None
    runs = run_report(
        ReportOptions(
            study_pdf=False,
            data=paths["current"],
            previous=previous,
            out=out,
            notebooks=[notebook],
            progress=False,
            **options,
        )
    )
    return runs, out


@pytest.mark.slow
def test_the_evolution_report_gives_the_fixture_numbers(tmp_path):
    runs, out = _evolution_report(tmp_path, with_previous=True, as_of="2023-06-30")
    assert runs[0].status == "ok", runs[0].notebooks
    totals = _csv(out, "entrees_sorties")
    assert totals.to_dict("list") == {
        "indicateur": ["entrées", "sorties", "présentes aux deux éditions"],
        "count": [5, 4, 2],
    }
    assert _csv(out, "motifs")["count"].tolist() == [1, 1, 3, 1, 1, 2]
    deps = _csv(out, "evolution_departements").set_index("departement_code")
    assert deps.loc["31", ["avant", "apres"]].tolist() == [1, 3]
    assert _csv(out, "effectifs_communs").iloc[0][["n", "variation"]].tolist() == [2, 53]
    assert _csv(out, "demenagements").to_dict("records") == [
        {"departement_code_avant": 34, "departement_code_apres": 31, "count": 1}
    ]
    assert len(_csv(out, "correspondances_ambigues")) == 3
    html = (out / "07_evolution.html").read_text(encoding="utf-8")
    assert "présentes aux deux éditions" in html and "Arcadia" not in html


@pytest.mark.slow
def test_without_previous_the_evolution_report_is_skipped_and_the_index_says_so(tmp_path):
    runs, out = _evolution_report(tmp_path, with_previous=False)
    assert runs[0].status == "ok" and runs[0].notebooks[0].status == "skipped"
    assert not (out / "07_evolution.html").exists()
    assert "aucune édition précédente fournie" in (out / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("content", [b"", b"nom;ville\nA;B\n"])
def test_a_previous_file_that_is_not_a_company_table_gives_one_line_and_exit_2(
    tmp_path, capsys, content
):
    paths = _write_editions(tmp_path)
    bad = tmp_path / "old.parquet"
    bad.write_bytes(content)
    argv = ["report", "--data", str(paths["current"]), "--previous", str(bad), "--quiet"]
    assert main([*argv, "--out", str(tmp_path / "run")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and str(bad) in err and "Parquet" in err
    assert not (tmp_path / "run").exists()


def test_a_parquet_that_is_not_a_company_table_is_refused(tmp_path, capsys):
    paths = _write_editions(tmp_path)
    other = tmp_path / "other.parquet"
    pd.DataFrame({"siren": ["1"], "ville": ["Albi"]}).to_parquet(other)
    argv = ["report", "--data", str(paths["current"]), "--previous", str(other), "--quiet"]
    assert main([*argv, "--out", str(tmp_path / "run")]) == 2
    assert "not a company table" in capsys.readouterr().err


def test_companies_placed_by_their_region_alone_are_matched_by_name_and_region():
    """Issue 20: a list that gives only the région (source.yml `region`) has no commune or postal
    code; the same company in both editions was one exit and one entry."""

    def region_only(cid, name, region="76"):
        row = company(cid, name, "34172")
        return {
            **row,
            "commune_code": None,
            "postal_code": None,
            "departement_code": None,
            "region_code": region,
        }

    previous = table([region_only("P1", "Télé Santé Sud"), region_only("P2", "Medi Data", "75")])
    current = table([region_only("C1", "TELE SANTE SUD"), company("C2", "Medi Data", "33063")])
    editions = evolution.match(previous, current, PREVIOUS_AS_OF)
    assert editions.pairs[["previous_id", "current_id", "how"]].values.tolist() == [
        ["P1", "C1", "nom et région"]
    ]  # Medi Data now has a commune: not matched on a région the previous edition alone gives
