"""The study as one document: `etude.html` (single file, offline) and `etude.pdf` (WeasyPrint).

Cover, contents with page numbers, the synthèse (faits saillants and the analyst's text), one
numbered chapter per notebook that ran (its outputs, without code), the analyst's AFOM, scenarios
and roadmap, then annexes: method, glossary, directory of companies, technical provenance.
WeasyPrint is used for the PDF because it implements CSS paged media (running heads, page numbers
in the contents through target-counter, PDF bookmarks from the headings), which Chromium does not.
"""

import base64
import logging
from pathlib import Path

import nbformat
import pandas as pd
from markupsafe import Markup

from santenum.analysis.charts import CHART_PREFIX
from santenum.core import french, reference
from santenum.core.errors import InputError
from santenum.core.files import read_user_file
from santenum.core.quality import QualityReport
from santenum.core.templates import render
from santenum.core.text import fold
from santenum.report.export import HIDDEN_TAG
from santenum.report.glossary import GLOSSARY
from santenum.report.logo import check_logo
from santenum.report.results import RegionRun, Status
from santenum.report.texts import OWN_CHAPTERS, Texts, markdown_html

log = logging.getLogger(__name__)
TEMPLATES = "report/templates"
STUDY = "etude.html"
_SKIPPED_TAGS = {HIDDEN_TAG, "parameters", "injected-parameters"}
# what the cleaning calls each kind of source (clean/discover.py KINDS), in the method annex
SOURCE_KINDS = {"sirene": "extrait SIRENE", "survey": "enquête", "list": "liste"}
# variables whose response rate the method annex gives: column -> label
ANSWERED = {
    "segment": "segment de marché",
    "commune_code": "commune",
    "creation_date": "date de création",
    "headcount_band": "tranche d'effectifs",
    "size_category": "catégorie d'entreprise",
    "revenue_eur": "chiffre d'affaires",
    "products": "produits et services",
    "technologies": "technologies",
    "uses_ai": "usage de l'intelligence artificielle",
    "digital_health_share": "part de l'activité en santé numérique",
    "needs": "besoins",
    "maturity": "maturité",
}


def _known(values: pd.Series) -> pd.Series:
    """Whether each value is given (a list column counts an empty list as not given)."""
    if values.dtype == object:
        return values.map(lambda v: v is not None and not (hasattr(v, "__len__") and not len(v)))
    return values.notna()


def _figure(image: Markup, text: str) -> Markup:
    """A numbered figure; its caption is the chart's title (charts.py sets it as text/plain)."""
    title = text.removeprefix(CHART_PREFIX).strip() if text.startswith(CHART_PREFIX) else ""
    return Markup('<figure class="figure">{}<figcaption>{}</figcaption></figure>').format(
        image, title
    )


def _outputs(cell) -> list:
    """The HTML fragments of one code cell's outputs: HTML, SVG charts, PNG images."""
    fragments = []
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        if "text/html" in data:
            html = data["text/html"].strip()
            kind = "tableau" if "<table" in html else "texte"
            fragments.append(Markup(f'<div class="{kind}">{html}</div>'))
        elif "image/svg+xml" in data:
            figure = Markup(data["image/svg+xml"])
            fragments.append(_figure(figure, data.get("text/plain", "")))
        elif "image/png" in data:
            src = f"data:image/png;base64,{data['image/png'].strip()}"
            fragments.append(_figure(Markup('<img src="{}" alt="">').format(src), ""))
    return fragments


def chapter_body(notebook: Path) -> list:
    """One executed notebook's content for the document: Markdown cells and outputs, no code."""
    fragments = []
    for cell in nbformat.read(notebook, as_version=4).cells:
        if _SKIPPED_TAGS & set(cell.metadata.get("tags", [])):
            continue
        if cell.cell_type == "markdown":
            fragments.append(Markup(f'<div class="texte">{markdown_html(cell.source)}</div>'))
        elif cell.cell_type == "code":
            fragments.extend(_outputs(cell))
    return fragments


def response_rates(region: pd.DataFrame) -> list:
    """(variable, companies that answer it, share) for ANSWERED, on the région's companies."""
    rows = []
    for column, label in ANSWERED.items():
        known = int(_known(region[column]).sum()) if column in region else 0
        rows.append(
            (
                label,
                french.number(known),
                french.percent(known / len(region) if len(region) else None),
            )
        )
    return rows


def directory(region: pd.DataFrame) -> list:
    """The annuaire: every active company with a name (a natural person without a trade name has
    none, by cleaning's rule), sorted by name: name, commune, segment, products, size band."""
    communes = reference.table("communes").drop_duplicates("commune_code")
    communes = communes.set_index("commune_code")["commune_name"]
    bands = reference.bands().set_index("code")["label"]
    named = region[region["name"].fillna("").str.strip() != ""]
    named = named.assign(key=fold(named["name"]).fillna("")).sort_values(["key", "company_id"])
    return [
        {
            "nom": row.name,
            "commune": communes.get(row.commune_code, "") if pd.notna(row.commune_code) else "",
            "segment": row.segment if pd.notna(row.segment) else "",
            "produits": " ; ".join(row.products) if row.products is not None else "",
            "tranche": bands.get(row.headcount_band, "") if pd.notna(row.headcount_band) else "",
        }
        for row in named.itertuples()
    ]


def build(
    run: RegionRun,
    jobs: list,
    region: pd.DataFrame,
    texts: Texts,
    values: dict,
    facts: list,
    quality: QualityReport | None,
    organisation: str | None,
    logo: str | None,
    with_directory: bool,
) -> str:
    """etude.html's text for one région's run."""
    results = {notebook.name: notebook for notebook in run.notebooks}
    chapters = []
    for job in jobs:
        result = results[job.name]
        if result.status is Status.SKIPPED:  # not asked for (07 without --previous)
            continue
        body = chapter_body(job.executed) if result.status is Status.OK else []
        chapters.append(
            {
                "id": f"chapitre-{len(chapters) + 1}",
                "title": job.title,
                "body": body,
                "failed": result.status is not Status.OK,
                "error": result.error,
                "words": texts.html(job.name, values),
            }
        )
    own = {stem: texts.html(stem, values) for stem in OWN_CHAPTERS}
    params = run.parameters
    return render(
        TEMPLATES,
        "etude.html.j2",
        title=f"La filière santé numérique en {params.region_name}",
        run=run,
        as_of=french.date(params.as_of),
        organisation=organisation,
        logo=logo,
        demo=run.input.demo,
        facts=facts,
        synthese=own["synthese"],
        chapters=chapters,
        closing=[
            {"id": stem, "title": OWN_CHAPTERS[stem], "html": own[stem]}
            for stem in ("afom", "scenarios", "feuille_de_route")
            if own[stem] is not None
        ],
        sources=quality.sources if quality else [],
        identification=quality.identification if quality else None,
        source_kinds=SOURCE_KINDS,
        rates=response_rates(region),
        glossary=GLOSSARY,
        directory=directory(region) if with_directory else None,
    )


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


def check_printer() -> None:
    """InputError (one line: what to install) if WeasyPrint cannot load its system libraries."""
    try:
        import weasyprint  # noqa: F401 — loads Pango
    except (ImportError, OSError) as exc:
        raise InputError(
            "etude.pdf",
            f"WeasyPrint cannot start ({type(exc).__name__}): install Pango (Debian: apt install "
            "libpango-1.0-0 libpangoft2-1.0-0; or scripts/install-browser.sh), or --no-study-pdf",
        ) from None


class _Problems(logging.Handler):
    """Collects WeasyPrint's errors (an image not drawn, a URL refused) to report them in one line."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def print_document(html: Path) -> Path:
    """Write html's PDF beside it with WeasyPrint (CSS paged media, bookmarks from headings).
    Only data: URLs are read (the document is self-contained; nothing leaves the machine); what
    WeasyPrint could not draw is logged as one warning."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    weasyprint_log = logging.getLogger("weasyprint")
    problems = _Problems()
    weasyprint_log.addHandler(problems)
    previous, weasyprint_log.propagate = weasyprint_log.propagate, False
    try:
        pdf = html.with_suffix(".pdf")
        fetcher = URLFetcher(allowed_protocols=("data",))
        HTML(filename=str(html), url_fetcher=fetcher).write_pdf(str(pdf))
    finally:
        weasyprint_log.removeHandler(problems)
        weasyprint_log.propagate = previous
    if problems.messages:
        log.warning(
            "%s: %d élément(s) non dessiné(s) dans le PDF (%s)",
            pdf.name,
            len(problems.messages),
            problems.messages[0],
        )
    return pdf
