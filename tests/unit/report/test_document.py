"""etude.html: the study's chapters in order, the analyst's words, the annexes, data escaped."""

import re
from pathlib import Path

import pandas as pd

from santenum.analysis import display
from santenum.core.french import NBSP
from santenum.core.perimeter_summary import perimeter_summary
from santenum.core.quality import (
    IdentificationCounts,
    PerimeterCounts,
    PerimeterQuality,
    QualityReport,
    SourceQuality,
)
from santenum.report import document
from santenum.report.chapters import read_chapter
from santenum.report.results import Job, RegionRun
from santenum.report.texts import read_texts

HOSTILE = '<img src=x onerror="alert(1)">Évil & Co'


def run_record(notebooks, skipped=()):
    """A run.json as a reader would find it (read back through RegionRun.from_json)."""
    return RegionRun.from_json(
        {
            "parameters": {
                "region_code": "76",
                "region_name": "Occitanie",
                "peer_regions": ["11"],
                "peer_names": ["Île-de-France"],
                "as_of": "2023-06-30",
                "jobs": 1,
                "timeout": 600,
            },
            "input": {
                "path": "/x/companies.parquet",
                "sha256": "ab" * 32,
                "rows": 3,
                "unlocated": 0,
                "demo": False,
                "quality": None,
                "previous": None,
            },
            "region_rows": 3,
            "versions": {"santenum": "9.9"},
            "started": "2023-07-01T10:00:00+00:00",
            "ended": "2023-07-01T10:01:00+00:00",
            "status": "failed",
            "notebooks": [
                {
                    "name": name,
                    "title": name,
                    "html": f"{name}.html",
                    "executed": f"{name}.ipynb",
                    "status": "skipped" if name in skipped else "failed",
                    "error": "aucune édition précédente fournie" if name in skipped else "boom",
                }
                for name in notebooks
            ],
        }
    )


def region():
    return pd.DataFrame(
        {
            "company_id": ["1", "2", "3"],
            "name": [HOSTILE, "alpha santé", None],  # the third: a person without a trade name
            "commune_code": pd.array(["31555", None, "34172"], dtype="string"),
            "segment": pd.array(["Télésanté", None, None], dtype="string"),
            "products": [["Logiciel"], [], None],
            "headcount_band": pd.array(["11", None, None], dtype="string"),
            "region_code": ["76"] * 3,
            "siren": pd.array(["732829320", None, None], dtype="string"),
            "departement_code": pd.array(["31", None, "34"], dtype="string"),
            "sources": [["enquete.csv"], ["membres.csv"], ["membres.csv"]],
        }
    )


def quality_record(sources, identification=None, perimeter=None) -> QualityReport:
    """quality.json's record with these sources (their counts; nothing else read); perimeter:
    région 76's PerimeterCounts arguments."""
    unread = {
        "date": None,
        "reading": {},
        "columns": {},
        "columns_by_values": {},
        "ignored_columns": [],
        "suggested_columns": {},
        "set_aside_columns": {},
        "rejected_by_reason": {},
        "kept_with_identifier_to_check": 0,
        "missing_share": {},
        "unparsed_values": {},
    }
    return QualityReport(
        "9.9",
        "2023-06-30",
        False,
        [SourceQuality(**{**unread, **source}) for source in sources],
        None,
        None if identification is None else IdentificationCounts(**identification),
        perimeter=None
        if perimeter is None
        else PerimeterQuality(
            PerimeterCounts(**perimeter), {"76": PerimeterCounts(**perimeter)}, 0, 0, [], [], {}
        ),
    )


def build(tmp_path, texts=None, with_directory=True, quality=None, logo=None, **study):
    """etude.html of a two-chapter run; quality: quality_record's arguments, if any."""
    names = ["01_apercu", "03_taille_age"]
    jobs = [
        Job(i, name, "76", Path(f"{name}.ipynb"), tmp_path, title, title, {})
        for i, (name, title) in enumerate(
            zip(names, ["Vue d'ensemble", "Taille et âge"], strict=True)
        )
    ]
    frame = region()
    record = None if quality is None else quality_record(**quality)
    return document.build(
        document.Study(
            run=run_record(names),
            jobs=jobs,
            region=frame,
            texts=read_texts(texts, names),
            values={"entreprises": "3"},
            facts=["L'Occitanie compte 3 entreprises."],
            quality=record,
            perimeter=perimeter_summary("76", len(frame), record),
            publisher="Ad'Occ",
            logo=logo,
            directory=with_directory,
            **study,
        )
    )


def test_chapters_in_notebook_order_with_contents_and_annexes(tmp_path):
    html = build(tmp_path)
    order = [
        "Synthèse",
        "Périmètre et écosystème",
        "1. Vue d&#39;ensemble",
        "2. Taille et âge",
        "Annexe A. Méthode",
        "Annexe B. Glossaire",
        "Annexe C. Annuaire",
        "Annexe D. Reproductibilité",
    ]
    contents = [html.index(f">{title}", html.index("Sommaire")) for title in order]
    chapters = [html.index(f"<h1>{title}", html.index("</nav>")) for title in order]
    assert contents == sorted(contents) and chapters == sorted(chapters)
    assert html.index("</nav>") < chapters[0]
    assert "Ad&#39;Occ" in html and "L&#39;Occitanie compte 3 entreprises." in html
    assert "Ce chapitre n'a pas pu être calculé\u00a0: boom." in html  # french.tie_html
    assert "Carnets en échec\u00a0: 01_apercu.ipynb, 03_taille_age.ipynb" in html


def test_the_directory_is_sorted_escaped_and_lists_no_unnamed_person(tmp_path):
    html = build(tmp_path)
    directory = html[html.index('id="annexe-annuaire"') : html.index('id="annexe-technique"')]
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;Évil &amp; Co" in directory
    # sorted as a reader would: accents, case and punctuation ignored ("alpha" < "<img…")
    assert directory.index("alpha santé") < directory.index("&lt;img")
    assert "Toulouse" in directory and "10 à 19 salariés" in directory
    assert "2 entreprises actives" in directory  # the unnamed row is left out


def test_the_directory_writes_a_missing_value_as_every_table_does(tmp_path):
    """The annuaire left blank cells where the study's other tables write « – »."""
    html = build(tmp_path)
    directory = html[html.index('id="annexe-annuaire"') : html.index('id="annexe-technique"')]
    rows = re.findall(r"<tr>(.*?)</tr>", directory[directory.index("<tbody>") :], re.S)
    cells = [cell for row in rows for cell in re.findall(r"<td>(.*?)</td>", row)]
    assert "" not in cells and display.MISSING in cells


def test_the_directory_can_be_left_out(tmp_path):
    html = build(tmp_path, with_directory=False)
    assert "annexe-annuaire" not in html and "Annexe C. Reproductibilité" in html


def test_the_analysts_words_go_where_they_belong(tmp_path):
    texts = tmp_path / "textes"
    texts.mkdir()
    (texts / "synthese.md").write_text("Synthèse : {{ entreprises }} entreprises.", "utf-8")
    (texts / "03_taille_age.md").write_text("Mot sur la taille.", "utf-8")
    (texts / "scenarios.md").write_text("## Généraliste", "utf-8")
    html = build(tmp_path, texts)
    assert html.index("Synthèse\u00a0: 3 entreprises.") < html.index("1. Vue d&#39;ensemble</h1>")
    chapter = html[html.index("2. Taille et âge</h1>") :]
    assert chapter.index("Mot sur la taille.") < chapter.index(">Scénarios</h1>")
    assert chapter.index(">Scénarios</h1>") < chapter.index("Annexe A. Méthode</h1>")


def test_the_method_annex_gives_each_source_and_the_response_rates(tmp_path):
    source = {
        "source": "enquete.csv",
        "kind": "survey",
        "rows_read": 1200,
        "kept": 3,
        "merged": 1195,
        "rejected": 2,
    }
    listed = {**source, "source": "membres.csv", "kind": "list", "date": "2023-03"}
    html = build(tmp_path, quality={"sources": [{**source, "date": None}, listed]})
    method = html[html.index('id="annexe-methode"') : html.index('id="annexe-glossaire"')]
    number = '<td class="number">'
    assert (
        f"<td>enquete.csv</td><td>enquête</td><td>non précisée</td>{number}1\u00a0200</td>"
        in method
    )
    assert "<td>membres.csv</td><td>liste</td><td>mars 2023</td>" in method
    # the missing date is explained to readers, not how a developer gives it (source.yml)
    note = re.search(r"<p>Date des données « non précisée »[^<]*</p>", method.replace(NBSP, " "))
    assert note and "recueillies" in note[0]
    assert "source.yml" not in method and "<code>" not in method
    # segment known for 1 of the 3 companies, commune for 2: worked by hand
    assert f"<td>segment de marché</td>{number}1</td>{number}33,3\u00a0%</td>" in method
    assert f"<td>commune</td>{number}2</td>{number}66,7\u00a0%</td>" in method


def test_a_chapter_is_the_notebooks_outputs_without_code_and_figures_have_captions(tmp_path):
    import nbformat
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

    notebook = new_notebook(
        cells=[
            new_markdown_cell("# Pour l'analyste", metadata={"tags": ["hide-in-report"]}),
            new_markdown_cell("Texte **du** chapitre."),
            new_code_cell(
                "secret_code = 1",
                outputs=[
                    new_output(
                        "display_data",
                        data={
                            "image/svg+xml": "<svg></svg>",
                            "text/plain": "Graphique : Âge <script>",
                        },
                    )
                ],
            ),
        ]
    )
    path = tmp_path / "n.ipynb"
    nbformat.write(notebook, path)
    html = "".join(read_chapter(path).body)
    assert "Pour l" not in html and "secret_code" not in html
    assert "<strong>du</strong>" in html
    assert "<figcaption>Âge &lt;script&gt;</figcaption>" in html


def test_a_chapter_not_asked_for_is_left_out(tmp_path):
    """07_evolution without --previous is skipped: the study has no « chapter 2 failed » for it."""
    run = run_record(["01_apercu", "07_evolution"], skipped={"07_evolution"})
    jobs = [
        Job(i, name, "76", Path(f"{name}.ipynb"), tmp_path, name, name, {})
        for i, name in enumerate(["01_apercu", "07_evolution"])
    ]
    frame = region()
    html = document.build(
        document.Study(
            run,
            jobs,
            frame,
            read_texts(None, []),
            {},
            [],
            None,
            perimeter_summary("76", len(frame), None),
        )
    )
    assert "07_evolution</h1>" not in html and "aucune édition précédente" not in html
    assert "<h1>1. 01_apercu</h1>" in html


def test_the_logo_is_embedded_on_the_cover_and_a_wrong_one_refused(tmp_path):
    import pytest

    from santenum.core.errors import InputError

    logo = tmp_path / "logo.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>', "utf-8")
    html = build(tmp_path, logo=document.logo_uri(logo))
    cover = html[html.index('class="cover"') : html.index("</section>")]
    assert '<img class="logo" src="data:image/svg+xml;base64,' in cover
    assert 'alt="Ad&#39;Occ"' in cover
    (tmp_path / "notes.txt").write_text("x", "utf-8")
    with pytest.raises(InputError, match="takes .png"):
        document.logo_uri(tmp_path / "notes.txt")
    with pytest.raises(InputError, match="no such file"):
        document.logo_uri(tmp_path / "absent.png")


def test_the_method_annex_says_what_the_register_identified(tmp_path):
    found = {"looked_up": 1250, "identified": 1000, "confirmed": 12, "to_check": 138,
             "not_found": 95, "rejected": 5}  # fmt: skip
    html = build(tmp_path, quality={"sources": [], "identification": found})
    method = html[html.index('id="annexe-methode"') : html.index('id="annexe-glossaire"')]
    assert (
        "1\u00a0250 lignes recherchées, 1\u00a0012 identifiées (dont 12 par l'analyste)" in method
    )
    assert "138 à vérifier, 100 non trouvées ou écartées" in method
    assert "Identification" not in build(tmp_path, quality={"sources": []})


def test_no_analyst_decision_is_not_mentioned(tmp_path):
    found = {"looked_up": 3, "identified": 2, "confirmed": 0, "to_check": 1, "not_found": 0,
             "rejected": 0}  # fmt: skip
    html = build(tmp_path, quality={"sources": [], "identification": found})
    assert "3 lignes recherchées, 2 identifiées, 1 à vérifier" in html


def test_without_the_analysts_texts_an_afom_and_scenarios_are_proposed(tmp_path):
    from santenum.analysis.drafts import Afom

    afom = Afom(
        ["Segments forts : « Data »"], ["Aucun"], ["Des besoins"], ["Une filière concentrée"]
    )
    scenarios = {"généraliste": "Tout soutenir.", "spécialiste": "Cibler « Data »."}
    html = build(tmp_path, afom=afom, scenarios=scenarios)
    afom_part = html[html.index('id="afom"') : html.index('id="scenarios"')]
    afom_part = afom_part.replace("\u00a0", " ")  # french.tie_html
    assert "Proposition à valider" in afom_part and "Segments forts : « Data »" in afom_part
    assert "Opportunités" in afom_part and "Une filière concentrée" in afom_part
    scenario_part = html[html.index('id="scenarios"') : html.index('id="annexe-methode"')]
    scenario_part = scenario_part.replace("\u00a0", " ")  # french.tie_html
    assert "Scénario « spécialiste »" in scenario_part and "Cibler « Data »." in scenario_part
    assert "Proposition à valider" in scenario_part
    # the analyst's own AFOM replaces the draft and is not marked
    texts = tmp_path / "textes"
    texts.mkdir()
    (texts / "afom.md").write_text("Notre AFOM.", "utf-8")
    own = build(tmp_path, texts, afom=afom)
    own_part = own[own.index('id="afom"') : own.index('id="annexe-methode"')]
    assert "Notre AFOM." in own_part and "Proposition à valider" not in own_part


def test_the_perimeter_section_gives_the_rule_the_counts_and_the_context(tmp_path):
    texts = tmp_path / "textes"
    texts.mkdir()
    (texts / "contexte.md").write_text("Deux métropoles, {{ entreprises }} entreprises.", "utf-8")
    sources = [
        {"source": "enquete.csv", "kind": "survey", "rows_read": 1, "kept": 1, "merged": 0,
         "rejected": 0},
        {"source": "membres.csv", "kind": "list", "rows_read": 2, "kept": 2, "merged": 0,
         "rejected": 0},
    ]  # fmt: skip
    # as clean/perimeter.py would count région() with membres.csv given `perimeter: membre du
    # cluster`, a certified-host list naming one of them, and four candidates waiting
    perimeter = {
        "in_perimeter": 3, "to_qualify": 4, "out_of_perimeter": 1, "conflicts": 1,
        "by_evidence": {"enquête": 1, "membre du cluster": 2, "hébergeur certifié": 1},
        "by_first_evidence": {"enquête": 1, "membre du cluster": 2},
    }  # fmt: skip
    html = build(tmp_path, texts, quality={"sources": sources, "perimeter": perimeter})
    part = html[html.index('id="perimetre"') : html.index('id="chapitre-1"')]
    assert "sur une preuve de son activité" in part and "code d&#39;activité (NAF) seul" in part
    rows = re.findall(
        r"<tr><td>([^<]+)</td><td class=\"number\">(\d+)</td><td class=\"number\">(\d+)", part
    )
    assert rows == [
        ("réponse à l&#39;enquête", "1", "1"),
        ("liste\u00a0: membre du cluster", "2", "2"),
        ("liste\u00a0: hébergeur certifié", "0", "1"),
    ]
    assert 'entreprises du périmètre</td><td class="number">3</td>' in part
    assert "4 candidates à qualifier" in part and "dont 1 dont les preuves se contredisent" in part
    assert "1 entreprise hors périmètre" in part
    annex = html[html.index('id="annexe-methode"') :].replace("\u00a0", " ")
    assert "4 candidates à qualifier dans la région n'y sont pas comptées" in annex
    assert "Deux métropoles, 3 entreprises." in part


def test_a_table_cleaned_before_the_perimeter_says_so(tmp_path):
    html = build(tmp_path, quality={"sources": []})
    part = html[html.index('id="perimetre"') : html.index('id="chapitre-1"')]
    assert "ne donne pas le périmètre" in part
    assert 'entreprises du périmètre</td><td class="number">3</td>' in part


def test_the_cover_carries_the_publisher_and_a_discreet_credit(tmp_path):
    html = build(tmp_path)
    cover = html[html.index('class="cover"') : html.index("</section>")]
    assert '<p class="publisher">Ad&#39;Occ</p>' in cover
    assert '<p class="cover-foot">Réalisé avec santenum' in cover
    # « en Occitanie » on one line: the title never ends with the région alone on its line
    assert f"La filière santé numérique en{NBSP}Occitanie" in cover


def test_response_rates_count_a_list_answer_as_the_chapters_do(tmp_path):
    """Needs were « 239 (100 %) » in the method annex while the needs chapter used 172: an empty
    list in an Arrow column is no answer."""
    from santenum.core.table.lists import text_lists

    frame = region().assign(needs=text_lists([["Financement"], [], None], range(3)))
    rates = {label: (known, share) for label, known, share in document.response_rates(frame)}
    assert rates["besoins"] == ("1", "33,3\u00a0%")
