"""Executed notebook -> one self-contained HTML file: no code, images embedded, nothing from the network."""

from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import TagRemovePreprocessor

from santenum.core.templates import css_string

TEMPLATES = Path(__file__).parent / "templates"
HIDDEN_TAG = (
    "hide-in-report"  # cells for analysts in JupyterLab (title, how to use), left out of the HTML
)


def export_html(notebook_path, html_path, title: str) -> Path:
    """Write the notebook's outputs (inputs and prompts hidden) as a standalone HTML page."""
    exporter = HTMLExporter(
        template_name="lab",
        extra_template_paths=[str(TEMPLATES)],
        template_file="santenum.html.j2",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
        language_code="fr",
    )
    exporter.register_filter("css_string", css_string)
    exporter.register_preprocessor(
        TagRemovePreprocessor(remove_cell_tags={HIDDEN_TAG}), enabled=True
    )
    notebook = nbformat.read(notebook_path, as_version=4)
    notebook.metadata["title"] = title
    body, _ = exporter.from_notebook_node(notebook)
    html_path = Path(html_path)
    html_path.write_text(body, encoding="utf-8")
    return html_path
