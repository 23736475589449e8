"""The study as one document: `etude.html` (single file, offline), which study_pdf.py prints to
`etude.pdf` (WeasyPrint).

Cover (the publisher's name and logo, a discreet credit to santenum), contents with page numbers,
the synthèse (faits saillants and the analyst's text), « Périmètre et écosystème » (the rule, the
counts by evidence, the analyst's context), one numbered chapter per notebook that ran (its lead,
the analyst's text for it, its tables and charts, no code), the AFOM, scenarios and roadmap (the
analyst's, or an AFOM and scenarios drafted from the indicators, marked « proposition à
valider »), then annexes: method, glossary, directory of companies, reproducibility. WeasyPrint is
used for the PDF because it implements CSS paged media (running heads, page numbers in the
contents through target-counter, PDF bookmarks from the headings, named landscape pages), which
Chromium does not.
"""

import base64
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from markupsafe import Markup

from santenum.analysis import display
from santenum.analysis.drafts import PROPOSAL, Afom
from santenum.analysis.tables import DIRECTORY_HEADERS, directory_table
from santenum.core import french, reference, rules
from santenum.core.errors import InputError
from santenum.core.files import read_user_file
from santenum.core.perimeter_summary import PerimeterSummary
from santenum.core.quality import QualityReport
from santenum.core.table.lists import is_missing
from santenum.core.templates import render
from santenum.core.text import fold_one
from santenum.report.chapters import read_chapter
from santenum.report.glossary import GLOSSARY
from santenum.report.logo import check_logo
from santenum.report.results import RegionRun, Status
from santenum.report.texts import CONTEXT, OWN_CHAPTERS, Texts

TEMPLATES = "report/templates"
STUDY = "etude.html"
# what the cleaning calls each kind of source (clean/discover.py KINDS), in the method annex
SOURCE_KINDS = {"sirene": "extrait SIRENE", "survey": "enquête", "list": "liste"}
# variables whose response rate the method annex gives, as the chapters count them (the n of
# their tables: stats.completeness, a list column's empty list unanswered): column -> label
ANSWERED = {
    "segment": "segment de marché",
    "commune_code": "commune",
    "creation_date": "date de création",
    "headcount_band": "tranche d'effectifs",
    "size_category": "catégorie d'entreprise",
    "revenue_eur": "chiffre d'affaires",
    "products": "produits et services",
    ("technologies", "value_chain"): "technologies et maillons de la chaîne de valeur",
    "uses_ai": "usage de l'intelligence artificielle",
    "digital_health_share": "part de l'activité en santé numérique",
    "needs": "besoins",
    "maturity": "maturité",
}


@dataclass(frozen=True)
class Study:
    """What one région's study is made of."""

    run: RegionRun
    jobs: list  # the région's Jobs, in notebook order
    region: pd.DataFrame  # the région's active companies
    texts: Texts
    values: dict  # indicators.indicators: what {{ name }} quotes
    facts: list  # the faits saillants
    quality: QualityReport | None
    perimeter: PerimeterSummary
    afom: Afom | None = None  # drafted when the texts have no afom.md
    scenarios: dict | None = None  # drafted when the texts have no scenarios.md
    publisher: str | None = None
    logo: str | None = None  # a data: URI
    directory: bool = True


def response_rates(region: pd.DataFrame) -> list:
    """(variable, companies that answer it, share) on the région's companies, counted as the
    chapters count them (the n of their tables: a list column's empty list is no answer; a pair
    of columns is answered when both are)."""
    rows = []
    for columns, label in ANSWERED.items():
        columns = columns if isinstance(columns, tuple) else (columns,)
        known = pd.Series(len(columns) <= len(region.columns), index=region.index)
        for column in columns:
            known &= ~is_missing(region[column]) if column in region else False
        count = int(known.sum())
        share = count / len(region) if len(region) else None
        rows.append((label, french.number(count), french.percent(share)))
    return rows


def directory(region: pd.DataFrame) -> list:
    """The annuaire (tables.directory_table, also a sheet of tables.xlsx) as rows of text, a
    value the data does not give written as every published table writes it (display.MISSING)."""
    return directory_table(region).fillna(display.MISSING).to_dict("records")


def _chapters(study: Study) -> tuple:
    """(chapters, annex fragments): each notebook that ran or failed, in order."""
    results = {notebook.name: notebook for notebook in study.run.notebooks}
    chapters, annex = [], []
    for job in study.jobs:
        result = results[job.name]
        if result.status is Status.SKIPPED:  # not asked for (07 without --previous)
            continue
        ok = result.status is Status.OK
        content = read_chapter(job.executed) if ok else None
        chapters.append(
            {
                "id": f"chapitre-{len(chapters) + 1}",
                "title": job.title,
                "lead": content.lead if content else [],
                "body": content.body if content else [],
                "failed": not ok,
                "error": result.error,
                "words": study.texts.html(job.name, study.values),
            }
        )
        annex += content.annex if content else []
    return chapters, annex


def _afom_html(afom: Afom) -> Markup:
    boxes = (
        ("Atouts", afom.atouts, "Faiblesses", afom.faiblesses),
        ("Opportunités", afom.opportunites, "Menaces", afom.menaces),
    )
    return Markup(render(TEMPLATES, "afom.html.j2", boxes=boxes))


def _closing(study: Study) -> list:
    """The AFOM, scenarios and roadmap: the analyst's texts, else the drafted AFOM and scenarios."""
    own = {stem: study.texts.html(stem, study.values) for stem in OWN_CHAPTERS}
    drafted = {
        "afom": _afom_html(study.afom) if study.afom else None,
        "scenarios": Markup(render(TEMPLATES, "scenarios.html.j2", scenarios=study.scenarios))
        if study.scenarios
        else None,
    }
    parts = []
    for stem in ("afom", "scenarios", "feuille_de_route"):
        html = own[stem] if own[stem] is not None else drafted.get(stem)
        if html is not None:
            parts.append(
                {
                    "id": stem,
                    "title": OWN_CHAPTERS[stem],
                    "html": html,
                    "proposal": own[stem] is None,
                }
            )
    return parts


def build(study: Study) -> str:
    """etude.html's text for one région's study, with French no-break spaces (french.tie_html:
    « n = 227 » or « 100 000 » never split over two lines)."""
    chapters, annex = _chapters(study)
    params = study.run.parameters
    name = reference.region_name(params.region_code)
    html = render(
        TEMPLATES,
        "etude.html.j2",
        # « en Occitanie » kept on one line: the cover's title never ends on the région alone
        title=f"La filière santé numérique {name.en.replace(' ', french.NBSP)}",
        region=name,
        run=study.run,
        as_of=french.date(params.as_of),
        publisher=study.publisher,
        logo=study.logo,
        demo=study.run.input.demo,
        facts=study.facts,
        synthese=study.texts.html("synthese", study.values),
        context=study.texts.html(CONTEXT, study.values),
        perimeter=study.perimeter,
        chapters=chapters,
        closing=_closing(study),
        proposal=PROPOSAL,
        quality_tables=annex,
        sources=study.quality.sources if study.quality else [],
        region_sources=set(study.region["sources"].explode().dropna())
        if "sources" in study.region
        else set(),
        identification=study.quality.identification if study.quality else None,
        source_kinds=SOURCE_KINDS,
        rates=response_rates(study.region),
        min_share_n=rules.MIN_SHARE_N,
        glossary=dict(sorted(GLOSSARY.items(), key=lambda item: fold_one(item[0]))),
        directory=directory(study.region) if study.directory else None,
        directory_columns=DIRECTORY_HEADERS,
    )
    return french.tie_html(html)


LOGO_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
}
LOGO_MAX_BYTES = 2_000_000


def logo_uri(path) -> str:
    """The logo file as a data: URI for the cover, else InputError (one line) naming the problem:
    read without following links (files.read_user_file), checked by its kind (logo.check_logo)."""
    path = Path(path)
    kind = LOGO_TYPES.get(path.suffix.lower())
    if kind is None:
        raise InputError(path, f"--logo takes {', '.join(LOGO_TYPES)} files")
    data = read_user_file(path, limit=LOGO_MAX_BYTES, what="--logo")
    check_logo(data, kind, path)
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"
