"""Jinja templates of santenum's HTML (report pages, notebook snippets): autoescaped, French filters."""

from functools import cache

import jinja2

from santenum.analysis import french
from santenum.config import PACKAGE_DIR


@cache
def _environment(folder: str) -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(PACKAGE_DIR / folder),
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters.update(number=french.number, date=french.date, timestamp=french.timestamp)
    return environment


def render(folder: str, name: str, **context) -> str:
    """Render template `name` of the package folder `folder` ('report/templates', 'analysis/templates')."""
    return _environment(folder).get_template(name).render(**context)
