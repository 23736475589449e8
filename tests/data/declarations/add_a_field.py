"""Run santenum with one more field declared as docs/contributing.md says: a Column and a Field in
core/table/columns.py (the module's own source with the two declarations added), and its parser
in clean/parse.py's PARSERS. Used by tests/unit/core/test_declarations.py in a child process."""

import importlib
import pathlib
import sys
import types

COLUMN = (
    '    Column("website", "site web", SURVEY_FIRST, check=Check(r"[a-z0-9.-]+\\.[a-z]{2,}")),\n'
)
FIELD = '    Field("website", Kind.ATTRIBUTE, ("siteweb",), words("site web"), "website"),\n'


def declare() -> None:
    """Load core/table/columns.py with the website Column and Field added to its tuples."""
    original = importlib.import_module("santenum.core.table.columns")
    source = pathlib.Path(original.__file__).read_text(encoding="utf-8")
    source = source.replace('    Column("closed",', COLUMN + '    Column("closed",', 1)
    source = source.replace("FIELDS = (\n", "FIELDS = (\n" + FIELD, 1)
    source = source.replace("WORD_ORDER = (\n", 'WORD_ORDER = (\n    "website",\n', 1)
    module = types.ModuleType(original.__name__)
    module.__file__ = original.__file__
    exec(compile(source, original.__file__, "exec"), module.__dict__)
    sys.modules[original.__name__] = module
    importlib.import_module("santenum.core.table").columns = module


def website(values):
    """The parser: a web site's domain, lower case, without « www. »; missing otherwise."""
    domain = values.str.lower().str.extract(r"(?:www\.)?([a-z0-9.-]+\.[a-z]{2,})$")[0]
    return domain.astype("string")


if __name__ == "__main__":
    declare()
    importlib.import_module("santenum.clean.parse").PARSERS["website"] = website
    sys.exit(importlib.import_module("santenum.cli").main(sys.argv[1:]))
