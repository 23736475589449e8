"""One région's study: what it takes from the company table alone (prepare_study, computed while
the notebooks run), then etude.html written from the région's run (document.py lays it out;
study_pdf.py prints it)."""

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from santenum.analysis import drafts
from santenum.analysis.drafts import Afom
from santenum.analysis.indicators import indicators
from santenum.core import reference
from santenum.core.perimeter_summary import PerimeterSummary, perimeter_summary
from santenum.report import document, index


@dataclass(frozen=True)
class StudyData:
    """What a région's study takes from the company table alone (no notebook needed)."""

    region: pd.DataFrame  # the région's active companies
    values: dict  # indicators.indicators: what {{ name }} quotes
    perimeter: PerimeterSummary
    afom: Afom | None  # drafted when the texts have no afom.md
    scenarios: dict | None  # drafted when the texts have no scenarios.md


def prepare_study(companies, code: str, as_of: str, texts, quality) -> StudyData:
    """The part of région `code`'s study that the company table alone gives. Without the
    analyst's AFOM or scenarios, drafted ones take their place (drafts.py)."""
    population = reference.region_population()
    name = reference.region_names()[code]
    region = companies[companies["region_code"] == code]
    date = pd.Timestamp(as_of)
    return StudyData(
        region=region,
        values=indicators(companies, code, name, population, as_of),
        perimeter=perimeter_summary(code, len(region), quality),
        afom=None if texts.has("afom") else drafts.afom(companies, code, population, date),
        scenarios=None if texts.has("scenarios") else drafts.scenarios(companies, code, date),
    )


def write_study(out, run, jobs, data: StudyData, texts, quality, logo, options) -> Path:
    """etude.html for one région's run (its notebooks ended), returned; logo: its data: URI."""
    facts = index.overview(out, "faits_saillants")
    study = document.Study(
        run=run,
        jobs=jobs,
        region=data.region,
        texts=texts,
        values=data.values,
        facts=[] if facts is None else list(facts["phrase"]),
        quality=quality,
        perimeter=data.perimeter,
        afom=data.afom,
        scenarios=data.scenarios,
        publisher=options.publisher,
        logo=logo,
        directory=options.directory,
    )
    html = out / document.STUDY
    html.write_text(document.build(study), encoding="utf-8")
    return html
