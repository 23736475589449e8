"""`santenum report --texts DIR`: the analyst's own words, in Markdown, placed in the study.

`synthese.md` opens the document, `contexte.md` (the ecosystem's context) follows the perimeter,
`afom.md`, `scenarios.md` and `feuille_de_route.md` follow the chapters, `<notebook>.md` (e.g.
`03_taille_age.md`) follows that chapter's opening paragraph. `{{ name }}` quotes a
headline figure (analysis/indicators.py); raw HTML is shown as text, images are not loaded. Every
file is read and checked before any notebook runs: an unknown file or placeholder is an error.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import mistune
from markupsafe import Markup, escape

from santenum.analysis.indicators import INDICATORS
from santenum.core.errors import InputError
from santenum.core.files import read_user_file

# file stem -> the title it takes in the document (notebook files end their own chapter)
CONTEXT = "contexte"
OWN_CHAPTERS = {
    "synthese": "Synthèse",
    CONTEXT: "Périmètre et écosystème",
    "afom": "Atouts, faiblesses, opportunités, menaces (AFOM)",
    "scenarios": "Scénarios",
    "feuille_de_route": "Feuille de route",
}
MAX_BYTES = 1_000_000
_NAME = re.compile(r"\s*([a-z0-9_]+)\s*")


class _Renderer(mistune.HTMLRenderer):
    """Markdown to HTML with no image fetched: an image is its alternative text."""

    def image(self, text: str, url: str, title=None) -> str:
        return f"<em>[{text}]</em>"


_markdown = mistune.create_markdown(
    renderer=_Renderer(escape=True), plugins=["table", "strikethrough"]
)


def markdown_html(source: str) -> Markup:
    """Markdown as HTML: raw HTML shown as text, no image loaded."""
    return Markup(_markdown(source))


@dataclass(frozen=True)
class Texts:
    """The analyst's Markdown sources, by file stem, checked."""

    sources: dict

    def has(self, stem: str) -> bool:
        """Whether the analyst gave the text `stem`."""
        return stem in self.sources

    def html(self, stem: str, values: dict) -> Markup | None:
        """The text `stem` as HTML, its placeholders filled from values; None if not given."""
        source = self.sources.get(stem)
        if source is None:
            return None
        parts, at = [], 0
        for start, end, inner in placeholders(source):
            parts += [source[at:start], str(values[_NAME.fullmatch(inner)[1]])]
            at = end
        return markdown_html("".join(parts) + source[at:])


def placeholders(source: str) -> Iterator[tuple]:
    """(start, end, text inside) of each `{{ … }}`, in one pass: each `{{` is matched with the
    first `}}` after it, and the search stops at a `{{` left open (a regular expression's lazy
    match looked for `}}` from every `{{` again: 80 kB of them took 69 s)."""
    start = source.find("{{")
    while start != -1:
        end = source.find("}}", start + 2)
        if end == -1:
            return
        yield start, end + 2, source[start + 2 : end]
        start = source.find("{{", end + 2)


def _check_placeholders(path: Path, source: str) -> None:
    for _, _, inner in placeholders(source):
        name = _NAME.fullmatch(inner)
        if name is None or name[1] not in INDICATORS:
            raise InputError(
                path,
                f"unknown placeholder {{{{{escape(inner.strip())[:40]}}}}}: "
                f"known names are {', '.join(INDICATORS)}",
            )


def read_texts(folder, notebooks: list) -> Texts:
    """Every Markdown file of folder, checked; InputError (one line) on the first problem."""
    if folder is None:
        return Texts({})
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(folder, "no such folder (--texts)")
    known = [*OWN_CHAPTERS, *(Path(notebook).stem for notebook in notebooks)]
    sources = {}
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        if path.suffix != ".md" or path.stem not in known:
            raise InputError(
                path, f"not a text santenum places (--texts takes {', '.join(known)}, as .md)"
            )
        try:
            source = read_user_file(path, limit=MAX_BYTES, what="--texts", root=folder).decode()
        except UnicodeDecodeError:
            raise InputError(path, "not UTF-8 text") from None
        _check_placeholders(path, source)
        sources[path.stem] = source
    return Texts(sources)
