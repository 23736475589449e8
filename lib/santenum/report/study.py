"""One région's study written from its run: etude.html, and etude.pdf unless turned off
(document.py lays it out)."""

import logging

import pandas as pd

from santenum.analysis import drafts
from santenum.analysis.indicators import indicators
from santenum.core import reference
from santenum.core.perimeter_summary import perimeter_summary
from santenum.report import document, index
from santenum.report.study_pdf import print_study

log = logging.getLogger(__name__)


def write_study(out, run, jobs, companies, texts, quality, logo, options) -> str | None:
    """etude.html (and etude.pdf unless turned off) for one région's run; logo: its data: URI.
    Without the analyst's AFOM or scenarios, drafted ones take their place (drafts.py). Returns
    why etude.pdf could not be printed within --timeout (study_pdf.py), else None."""
    params = run.parameters
    population = reference.region_population()
    code = params.region_code
    values = indicators(companies, code, params.region_name, population, params.as_of)
    facts = index.overview(out, "faits_saillants")
    region = companies[companies["region_code"] == code]
    as_of = pd.Timestamp(params.as_of)
    study = document.Study(
        run=run,
        jobs=jobs,
        region=region,
        texts=texts,
        values=values,
        facts=[] if facts is None else list(facts["phrase"]),
        quality=quality,
        perimeter=perimeter_summary(region, quality),
        afom=None if texts.has("afom") else drafts.afom(companies, code, population, as_of),
        scenarios=None if texts.has("scenarios") else drafts.scenarios(companies, code, as_of),
        publisher=options.publisher,
        logo=logo,
        directory=options.directory,
    )
    html = out / document.STUDY
    html.write_text(document.build(study), encoding="utf-8")
    if not options.study_pdf:
        return None
    log.info("impression de %s (WeasyPrint)", html.with_suffix(".pdf").name)
    return print_study(html, options.timeout)
