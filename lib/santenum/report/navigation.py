"""Links between a région's report pages: back to the landing page and the study, previous and
next report. Added once every notebook has run, so that only pages that exist are linked."""

import re
from pathlib import Path

from markupsafe import Markup, escape

_BODY = re.compile(r"<body[^>]*>", re.IGNORECASE)


def _nav(previous, following) -> Markup:
    links = [
        Markup('<a href="index.html">Accueil des rapports</a>'),
        Markup('<a href="etude.html">Étude complète</a>'),
    ]
    if previous is not None:
        links.append(Markup('<a href="{}" rel="prev">← {}</a>').format(*previous))
    if following is not None:
        links.append(Markup('<a href="{}" rel="next">{} →</a>').format(*following))
    return Markup('<nav class="santenum-nav">') + escape(" · ").join(links) + Markup("</nav>")


def add_navigation(pages: list) -> None:
    """pages: (html path, title) of the pages written, in reading order; each gets its links
    at the top and at the bottom of its body."""
    links = [(path.name, title) for path, title in pages]
    for number, (path, _) in enumerate(pages):
        nav = str(  # plain text: Markup + str would escape the page
            _nav(
                links[number - 1] if number else None,
                links[number + 1] if number + 1 < len(links) else None,
            )
        )
        html = Path(path).read_text(encoding="utf-8")
        body = _BODY.search(html)
        end = html.rindex("</body>")
        html = html[: body.end()] + nav + html[body.end() : end] + nav + html[end:]
        Path(path).write_text(html, encoding="utf-8")
