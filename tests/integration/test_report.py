"""`santenum report` on the demo data: outputs, self-contained HTML, failures, atomic re-runs, escaping."""

import base64
import json
import re
import shutil

import openpyxl
import pandas as pd
import pytest

from santenum.cli import main
from santenum.core import config
from santenum.core.files import MANIFEST
from santenum.core.table.perimeter import in_perimeter
from santenum.core.table.store import read_companies, write_companies
from santenum.demo import ensure_demo_data, ensure_previous_demo_data
from santenum.report.results import RegionRun
from santenum.report.run import ReportOptions, run_report
from tests.helpers import (
    SIREN_A,
    demo_report_argv,
    fixture_notebooks,
    parse,
    report_with,
)

pytestmark = [pytest.mark.slow]

EXTERNAL = re.compile(
    r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//""", re.I
)


def test_run_succeeds_and_writes_every_report(demo_run):
    code, out = demo_run
    assert code == 0
    notebooks = sorted(p.stem for p in config.settings().notebook_dir.glob("*.ipynb"))
    for name in notebooks:
        assert (out / f"{name}.html").is_file() and (out / f"{name}.ipynb").is_file()
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert run["status"] == "ok" and [nb["name"] for nb in run["notebooks"]] == notebooks
    assert run["input"]["sha256"] and run["input"]["demo"] is True
    assert {"python", "pandas", "papermill", "santenum"} <= set(run["versions"])
    assert all(nb["started"] <= nb["ended"] for nb in run["notebooks"])
    assert RegionRun.from_json(run).to_json() == run  # run.json reads back into its record


def test_index_links_resolve_and_say_demo(demo_run):
    _, out = demo_run
    index = parse(out / "index.html")
    assert index.links
    for link in index.links:
        if link.startswith("data:image/svg+xml;base64,"):
            continue
        target, _, anchor = link.partition("#")
        assert (out / target).exists(), link
        if anchor:  # the anchor is in the page it names
            assert f'id="{anchor}"' in (out / target).read_text(encoding="utf-8"), link
    text = (out / "index.html").read_text(encoding="utf-8")
    assert "Données de démonstration (fictives)" in text and "tables.xlsx" in text


def test_reports_have_no_code_and_no_external_resources(demo_run):
    _, out = demo_run
    for html in sorted(out.glob("*.html")):
        text = html.read_text(encoding="utf-8")
        assert not EXTERNAL.search(text), html.name
        parsed = parse(html)
        assert not {"jp-InputArea", "jp-InputPrompt", "jp-OutputPrompt"} & set(parsed.classes), (
            html.name
        )
        assert '<html lang="fr"' in text, html.name
        assert "session.start(" not in text and "import " not in text.split("<body", 1)[1], (
            html.name
        )
        if html.name != "index.html":
            assert all(
                src.startswith("data:image/svg+xml;base64,")
                for src in parsed.links
                if "image" in src
            )
    charts = parse(out / "04_geographie.html").images  # départements, companies by commune, density
    assert len(charts) == 3 and all(
        src.startswith("data:image/svg+xml;base64,") for src, _ in charts
    )
    for html in sorted(out.glob("0*.html")):
        for src, _ in parse(html).images:  # every chart is drawn by matplotlib
            svg = base64.b64decode(src.partition(",")[2]).decode("utf-8")
            assert "<svg" in svg and "Matplotlib" in svg, html.name
    assert [alt for _, alt in charts] == [
        "Graphique : Entreprises par département — Occitanie",
        "Graphique : Entreprises par commune — Occitanie",
        "Graphique : Entreprises pour 100 000 habitants, France métropolitaine",
    ]


def test_tables_workbook_has_a_sheet_per_table(demo_run):
    _, out = demo_run
    csvs = sorted((out / "tables").glob("*.csv"))
    sheets = openpyxl.load_workbook(out / "tables.xlsx", read_only=True).sheetnames
    assert sheets[0] == "sommaire" and sheets[-1] == "annuaire"  # the study's annex C too
    assert len(sheets) == len(csvs) + 2 > 20


def test_rerun_replaces_atomically_and_tables_are_byte_identical(demo_run, tmp_path):
    out = tmp_path / "occitanie"  # a copy: the shared run stays as other tests read it
    shutil.copytree(demo_run[1], out, symlinks=True)
    before = {p.name: p.read_bytes() for p in sorted((out / "tables").glob("*.csv"))}
    workbook = (out / "tables.xlsx").read_bytes()
    # a file an earlier run wrote (listed in its manifest) that this run does not write
    (out / "stale.txt").write_text("from an earlier run", encoding="utf-8")
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    (out / MANIFEST).write_text(json.dumps({"files": [*manifest["files"], "stale.txt"]}))
    study = (out / "etude.html").read_bytes()
    assert main(["report", *demo_report_argv(out, ensure_previous_demo_data())]) == 0
    assert not (out / "stale.txt").exists()
    assert {p.name: p.read_bytes() for p in sorted((out / "tables").glob("*.csv"))} == before
    assert (out / "tables.xlsx").read_bytes() == workbook
    assert (out / "etude.html").read_bytes() == study
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".")]


def test_a_broken_notebook_fails_alone(tmp_path, capsys):
    fixtures = fixture_notebooks(tmp_path, {"ok.ipynb": "ok", "broken.ipynb": "broken"})
    out = tmp_path / "run"
    assert report_with(fixtures, out) == 1
    err = capsys.readouterr().err
    # cell 5 of the executed copy: title, parameters, papermill's injected parameters, x = 1, raise
    assert "broken" in err and "cellule 5" in err and "cassé exprès" in err
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    status = {nb["name"]: nb for nb in run["notebooks"]}
    assert status["ok"]["status"] == "ok" and status["broken"]["status"] == "failed"
    assert (out / "ok.html").is_file() and (out / "tables" / "ok__region.csv").is_file()
    executed = json.loads((out / "broken.ipynb").read_text(encoding="utf-8"))
    assert any(
        o.get("ename") == "ValueError" for c in executed["cells"] for o in c.get("outputs", [])
    )
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "échec" in index and "cassé exprès" in index


def test_a_notebook_past_its_timeout_is_stopped(tmp_path):
    fixtures = fixture_notebooks(tmp_path, {"slow.ipynb": "slow"})
    assert report_with(fixtures, tmp_path / "run", "--timeout", "8") == 1
    run = json.loads((tmp_path / "run" / "run.json").read_text(encoding="utf-8"))
    assert (
        run["notebooks"][0]["error"].startswith("délai dépassé")
        and run["notebooks"][0]["seconds"] < 30
    )


@pytest.mark.parametrize(
    "argv, words",
    [
        (["--region", "99"], "unknown région code '99'"),
        (["--peers", "11,XX"], "unknown région code 'XX'"),
        (["--data", "nowhere/companies.parquet"], "no such file"),
        (["--as-of", "hier"], "not a date"),
    ],
)
def test_bad_parameters_are_refused_before_any_notebook(tmp_path, capsys, argv, words):
    out = tmp_path / "run"
    assert main(["report", "--no-study-pdf", "--out", str(out), "--quiet", *argv]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and words in err
    assert not out.exists() and not list(tmp_path.iterdir())


def test_company_names_are_escaped(tmp_path):
    companies = read_companies(ensure_demo_data())
    biggest = companies.index[
        (companies["region_code"] == "76") & (companies["size_category"] == "GE")
    ][0]
    companies.loc[biggest, "name"] = "<script>alert(1)</script>"
    data = tmp_path / "data" / "companies.parquet"
    data.parent.mkdir()
    write_companies(companies, data)
    out = tmp_path / "run"
    run_report(
        ReportOptions(
            study_pdf=False,
            data=data,
            out=out,
            notebooks=[config.settings().notebook_dir / "01_apercu.ipynb"],
            progress=False,
            as_of="2023-06-30",
        )
    )
    text = (out / "01_apercu.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "<script>alert(1)" not in text


def test_all_regions_get_a_report_set_and_a_national_index(all_regions_run):
    code, out, _ = all_regions_run
    assert code == 0
    companies = read_companies(ensure_demo_data())
    regions = set(companies.loc[in_perimeter(companies), "region_code"].dropna())
    assert {p.name for p in out.iterdir() if p.is_dir()} == regions | {"logs"}
    for region in regions:
        assert pd.read_csv(out / region / "tables" / "ok__region.csv", dtype=str)[
            "region"
        ].tolist() == [region]
        assert (out / region / "index.html").is_file()
    national = parse(out / "index.html")
    assert sorted(link for link in national.links if link.endswith("index.html")) == sorted(
        f"{r}/index.html" for r in regions
    )


def test_each_region_is_finished_while_the_next_regions_notebooks_run(all_regions_run):
    """A région's study (and its PDF) starts as soon as its own notebooks end, not after every
    région's: when the first study is written, most régions' notebooks have not run yet."""
    code, _, executed = all_regions_run
    assert code == 0
    companies = read_companies(ensure_demo_data())  # a région's report counts its perimeter only
    regions = companies.loc[in_perimeter(companies) & ~companies["closed"], "region_code"].nunique()
    assert len(executed) == regions and executed[0] < regions // 2


def test_a_study_that_cannot_be_printed_fails_alone(tmp_path, monkeypatch, capsys):
    """A study past its deadline: exit 1 (partial), one line, every other file published."""
    from santenum.report import study_pdf

    late = "etude.pdf : délai dépassé (600 s), PDF non écrit"
    monkeypatch.setattr(study_pdf._Worker, "print", lambda worker, html, timeout: late)
    fixtures = fixture_notebooks(tmp_path, {"ok.ipynb": "ok"})
    out = tmp_path / "run"
    assert main(["report", "--notebooks", str(fixtures), "--out", str(out), "--quiet"]) == 1
    error = capsys.readouterr().err.strip()
    assert error.count("\n") == 0 and late in error and "région 76" in error
    assert {"etude.html", "run.json", "index.html", "ok.html"} <= {p.name for p in out.iterdir()}
    assert not (out / "etude.pdf").exists()


def test_a_kernel_that_dies_fails_only_its_notebook(tmp_path):
    # one job slot: ok runs after crash, on a new kernel
    fixtures = fixture_notebooks(tmp_path, {"crash.ipynb": "crash", "ok.ipynb": "ok"})
    out = tmp_path / "run"
    assert report_with(fixtures, out, "-j", "1") == 1
    status = {nb["name"]: nb for nb in json.loads((out / "run.json").read_text())["notebooks"]}
    assert status["crash"]["status"] == "failed" and "DeadKernel" in status["crash"]["error"]
    # said as it happened (it was reported as a kernel that did not start, and run twice)
    assert status["crash"]["error"].startswith("le noyau s'est arrêté pendant l'exécution")
    assert status["ok"]["status"] == "ok" and (out / "ok.html").is_file()


def test_a_kernel_that_dies_during_the_reset_is_replaced(tmp_path):
    """The slot timed out, a KeyError on a job id ended it, and later notebooks never ran."""
    fixtures = fixture_notebooks(
        tmp_path, {"a_die_in_reset.ipynb": "die_in_reset", "b_ok.ipynb": "ok"}
    )
    out = tmp_path / "run"
    assert report_with(fixtures, out, "-j", "1") == 0
    status = {
        nb["name"]: nb["status"] for nb in json.loads((out / "run.json").read_text())["notebooks"]
    }
    assert status == {"a_die_in_reset": "ok", "b_ok": "ok"}


def test_a_relative_out_directory_gets_its_tables(tmp_path, monkeypatch):
    fixtures = fixture_notebooks(tmp_path, {"ok.ipynb": "ok"})
    monkeypatch.chdir(tmp_path)
    assert report_with(fixtures, "reports/run") == 0
    out = tmp_path / "reports" / "run"
    assert sorted(p.name for p in (out / "tables").iterdir()) == [
        "ok__region.csv",
        "ok__titres.json",
    ]
    assert openpyxl.load_workbook(out / "tables.xlsx", read_only=True).sheetnames == [
        "sommaire",
        "ok region",
        "annuaire",
    ]
    assert not (out / "reports").exists()


def test_ctrl_c_stops_every_slot_and_leaves_nothing_behind(tmp_path):
    """After Ctrl-C, worker threads kept running notebooks and writing into the run."""
    import os
    import signal
    import threading

    fixtures = fixture_notebooks(tmp_path, {f"{n}_slow.ipynb": "slow" for n in "abc"})
    out = tmp_path / "run"
    threading.Timer(12, os.kill, (os.getpid(), signal.SIGINT)).start()
    assert report_with(fixtures, out, "-j", "2") == 130
    assert not out.exists() and [p.name for p in tmp_path.iterdir()] == ["notebooks"]
    assert [t.name for t in threading.enumerate() if t.name.startswith("santenum-slot")] == []


def test_the_demo_accelerating_segments_are_the_studys_three(demo_run):
    """The study names three segments whose creations accelerate over four years (Care Insight for
    Ad'Occ, 2023): outils cliniques, outils de gestion and data; « Autres » and 1 -> 3 are not."""
    _, out = demo_run
    dynamics = pd.read_csv(out / "tables" / "02_segments__dynamique_creations.csv")
    assert sorted(dynamics.loc[dynamics["accelerating"], "segment"]) == [
        "Data – traitement de la donnée",
        "Outils cliniques – logiciels métiers",
        "Outils de gestion – administratif – pilotage",
    ]


def test_a_notebook_folder_without_notebooks_is_one_line_and_exit_2(tmp_path, capsys):
    empty = tmp_path / "carnets"
    empty.mkdir()
    argv = ["report", "--data", str(tmp_path / "x.parquet"), "--notebooks", str(empty)]
    assert main([*argv, "--out", str(tmp_path / "run"), "--quiet"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "no notebook (*.ipynb) in this folder" in err
    assert not (tmp_path / "run").exists()


def test_a_table_with_no_company_in_the_perimeter_is_refused_pointing_to_perimetre_csv(
    tmp_path, write_csv, capsys
):
    """A list without `perimeter:` cleaned alone: every company waits; nothing to count."""
    write_csv(
        tmp_path / "raw" / "liste.csv",
        [["Nom", "SIREN", "Code postal"], ["Alpha", SIREN_A, "31000"]],
    )
    processed = tmp_path / "processed"
    assert main(["clean", str(tmp_path / "raw"), "--out", str(processed), "--quiet"]) == 0
    capsys.readouterr()
    fixtures = fixture_notebooks(tmp_path, {"ok.ipynb": "ok"})
    data = str(processed / "companies.parquet")
    assert report_with(fixtures, tmp_path / "run", "--data", data) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "no company in the perimeter" in err and "perimetre.csv" in err
    assert not (tmp_path / "run").exists()
