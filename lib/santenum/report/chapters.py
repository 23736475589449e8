"""An executed notebook as a chapter of the study: its opening paragraph, its body, its annexes.

Outputs are placed by the role the notebook gave them (analysis/display.py): the heading and the
faits saillants are left out (the study has its cover and synthèse), the lead opens the chapter,
an annex output goes to the method annex, everything else — tables (laid out for print by
layout.py), charts with their caption, notes — makes the body, in order. Markdown cells are text;
code never appears; cells tagged for JupyterLab only are left out.
"""

from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from markupsafe import Markup

from santenum.analysis import display
from santenum.analysis.charts import CHART_PREFIX
from santenum.report.export import HIDDEN_TAG
from santenum.report.layout import table_fragment
from santenum.report.texts import markdown_html

_SKIPPED_TAGS = {HIDDEN_TAG, "parameters", "injected-parameters"}
_LEFT_OUT = {display.HEADING, display.FACTS, display.PAGE_ONLY}


@dataclass
class Chapter:
    """One notebook's content for the study, as HTML fragments."""

    lead: list = field(default_factory=list)
    body: list = field(default_factory=list)
    annex: list = field(default_factory=list)


def _figure(image: Markup, text: str) -> Markup:
    """A numbered figure; its caption is the chart's title (charts.py sets it as text/plain)."""
    title = text.removeprefix(CHART_PREFIX).strip() if text.startswith(CHART_PREFIX) else ""
    return Markup('<figure class="figure">{}<figcaption>{}</figcaption></figure>').format(
        image, title
    )


def _fragment(output) -> Markup | None:
    """One output as the study prints it: a table, a text, a chart or an image."""
    data = output.get("data", {})
    if "text/html" in data:
        html = data["text/html"].strip()
        if "<table" in html or "santenum-missing" in html:
            return table_fragment(html)
        return Markup(f'<div class="texte">{html}</div>')
    if "image/svg+xml" in data:
        return _figure(Markup(data["image/svg+xml"]), data.get("text/plain", ""))
    if "image/png" in data:
        src = f"data:image/png;base64,{data['image/png'].strip()}"
        return _figure(Markup('<img src="{}" alt="">').format(src), "")
    return None


def role_of(output) -> str | None:
    """The role an output was displayed with (display.py), None for one without."""
    return (output.get("metadata") or {}).get(display.ROLE, {}).get("role")


def read_chapter(notebook: Path) -> Chapter:
    """The chapter of one executed notebook."""
    chapter = Chapter()
    for cell in nbformat.read(notebook, as_version=4).cells:
        if _SKIPPED_TAGS & set(cell.metadata.get("tags", [])):
            continue
        if cell.cell_type == "markdown":
            chapter.body.append(Markup(f'<div class="texte">{markdown_html(cell.source)}</div>'))
            continue
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            role = role_of(output)
            fragment = None if role in _LEFT_OUT else _fragment(output)
            if fragment is None:
                continue
            if role == display.LEAD:
                chapter.lead.append(Markup(f'<div class="lead">{fragment}</div>'))
            elif role == display.ANNEX:
                chapter.annex.append(fragment)
            else:
                chapter.body.append(fragment)
    return chapter
