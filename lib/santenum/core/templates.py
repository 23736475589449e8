"""Jinja templates of santenum's HTML (report pages, notebook snippets): autoescaped, French filters."""

from functools import cache

import jinja2
from markupsafe import Markup

from santenum.core import french
from santenum.core.config import PACKAGE_DIR


@cache
def _environment(folder: str) -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(PACKAGE_DIR / folder),
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters.update(
        number=french.number,
        counted=french.counted,
        percent=french.percent,
        date=french.date,
        period=french.period,
        timestamp=french.timestamp,
        css_string=css_string,
    )
    return environment


def css_string(text) -> str:
    """Text as a quoted CSS string: anything but letters, digits and spaces as a CSS escape."""
    escaped = "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in str(text))
    return Markup(f'"{escaped}"')


def render(folder: str, name: str, **context) -> str:
    """Render template `name` of the package folder `folder` ('report/templates', 'analysis/templates')."""
    return _environment(folder).get_template(name).render(**context)
