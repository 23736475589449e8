"""Find the data files of a raw directory and the options its source.yml gives each of them."""

import codecs
import datetime
import logging
import os
import re
from collections import deque
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from santenum.clean.normalise.taxonomy import map_label
from santenum.clean.readers import READERS, supported
from santenum.core.errors import InputError
from santenum.core.files import MANIFEST
from santenum.core.text import printable

log = logging.getLogger(__name__)

IGNORED_SUFFIXES = {".md", ".yml", ".yaml"}
CONFIG_NAME = "source.yml"
# The analyst's identification decisions (clean/identification.py), beside the data, not data.
DECISIONS_NAME = "identification_decisions.csv"
# The analyst's perimeter decisions (clean/perimeter_decisions.py), beside the data, not data.
PERIMETER_DECISIONS_NAME = "perimetre_decisions.csv"
KINDS = ("sirene", "survey", "list")
MAX_CONFIG_BYTES = 64 * 1024
MAX_DEPTH = 4  # files: -> name: -> columns: -> header: field
# Data files one raw folder may hold (each costs about 30 ms to clean: 1 000 take about 30 s).
MAX_FILES = 10_000


@dataclass(frozen=True)
class Discovered:
    """The data files of a raw folder, and the files it holds that cannot be read (each with its
    problem: a link outside the folder or to nothing, a pipe or device, an unknown format)."""

    files: list
    refused: list  # (path, problem)


def discover(raw_dir: Path) -> Discovered:
    """Every data file under raw_dir, sorted, and the files refused with their problem. Hidden
    files are left out with a warning, but santenum's own record of what it wrote (MANIFEST, in a
    `sirene --out` folder) silently; README files, .md/.yml files, identification_decisions.csv
    and perimetre_decisions.csv are not data."""
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise InputError(raw_dir, "not a directory")
    root = raw_dir.resolve()
    files, refused, hidden = [], [], set()
    for path in sorted(raw_dir.rglob("*")):
        relative = path.relative_to(raw_dir)
        first_hidden = next(
            (i for i, part in enumerate(relative.parts) if part.startswith(".")), None
        )
        if first_hidden is not None:
            if relative.parts[first_hidden] == MANIFEST and path.is_file():
                continue
            hidden.add(Path(*relative.parts[: first_hidden + 1]).as_posix())
            continue
        problem = _problem(path, root)
        if problem:
            refused.append((path, problem))
            continue
        if path.is_dir() or path.name.upper().startswith("README"):
            continue
        decisions = relative.as_posix() in (DECISIONS_NAME, PERIMETER_DECISIONS_NAME)
        if decisions or path.suffix.lower() in IGNORED_SUFFIXES:
            continue
        files.append(path)
        if len(files) > MAX_FILES:
            raise InputError(raw_dir, f"more than {MAX_FILES} data files: split the folder")
    for name in sorted(hidden):
        log.warning("%s : fichier ou dossier caché, non lu", printable(name))
    if not files and not refused:
        raise InputError(raw_dir, f"no data file ({supported()}) found")
    _check_sources(raw_dir, files)
    return Discovered(files, refused)


def _problem(path: Path, root: Path) -> str | None:
    """Why a path of the raw folder cannot be read, or None (folders and text files are fine)."""
    if path.is_symlink():
        target = path.resolve()
        if not target.exists():
            return "broken link"
        if not target.is_relative_to(root):
            return "a link to a file outside the raw folder: not read"
    if path.is_dir():
        return None
    if not path.is_file():
        return "not a regular file (a pipe, socket or device)"
    suffix = path.suffix.lower()
    if suffix not in READERS and suffix not in IGNORED_SUFFIXES:
        if path.name.upper().startswith("README"):
            return None
        return f"unsupported format '{suffix or path.name}' (use {supported()})"
    return None


def source_label(path: Path, raw_dir: Path, options: dict) -> str:
    """What the outputs call a file's rows: its `label:` in source.yml, else its path in raw_dir."""
    return options.get("label") or path.relative_to(raw_dir).as_posix()


def _check_sources(raw_dir: Path, files: list) -> None:
    """Every `files:` entry of a source.yml names a file beside it, and no two files read take
    the same label (their rows could not be told apart in the outputs); else InputError."""
    for config_path in sorted({path.parent / CONFIG_NAME for path in files}):
        if not config_path.exists():
            continue
        for name in read_config(config_path).get("files") or {}:
            if not os.path.lexists(config_path.parent / str(name)):
                raise InputError(
                    config_path, f"files: {_short(name)} names no file of {config_path.parent.name}"
                )
    seen = {}
    for path in files:
        options = load_options(path)
        if options.get("skip"):
            continue
        label = source_label(path, raw_dir, options)
        if label in seen:
            raise InputError(
                path,
                f"same label {_short(label)} as {seen[label].relative_to(raw_dir).as_posix()}: "
                "give each file its own (source.yml, files: NAME: label: …)",
            )
        seen[label] = path


def load_options(path: Path) -> dict:
    """Options for one file from the source.yml beside it: top-level defaults, `files:` overrides."""
    config_path = path.parent / CONFIG_NAME
    if not config_path.exists():
        return {}
    config = read_config(config_path)
    options = {k: v for k, v in config.items() if k != "files"}
    options.update((config.get("files") or {}).get(path.name) or {})
    return options


def read_config(config_path: Path) -> dict:
    """source.yml, checked: its size, plain YAML (no anchors, nesting of at most MAX_DEPTH levels),
    known options, each of its type; InputError naming the first problem otherwise."""
    size = config_path.stat().st_size
    if size > MAX_CONFIG_BYTES:
        raise InputError(config_path, f"too large ({size} bytes; at most {MAX_CONFIG_BYTES})")
    try:
        text = config_path.read_text(encoding="utf-8")
        _check_nodes(yaml.compose(text, Loader=yaml.SafeLoader), config_path)
        config = yaml.safe_load(text) or {}
    except RecursionError:
        raise InputError(config_path, f"nested deeper than {MAX_DEPTH} levels") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise InputError(config_path, f"not valid YAML ({str(exc).splitlines()[0]})") from None
    except ValueError as exc:  # a scalar YAML reads as a date that is not one: 2023-02-30
        raise InputError(
            config_path, f"a value cannot be read ({exc}); quote text that looks like a date"
        ) from None
    if not isinstance(config, dict):
        raise InputError(config_path, "expected a mapping of options")
    _check_options(config, config_path, "")
    files = config.get("files")
    if files is not None and not isinstance(files, dict):
        raise InputError(config_path, "files: expected a mapping of file name -> options")
    for name, options in (files or {}).items():
        if options is not None and not isinstance(options, dict):
            raise InputError(config_path, f"files: {_short(name)}: expected a mapping of options")
        _check_options(options or {}, config_path, f"files: {_short(name)}: ")
    return config


def _check_nodes(root, config_path: Path) -> None:
    """Refuse anchors/aliases (a few lines can stand for billions of values) and deep nesting,
    breadth first: a node met twice is an alias, found at the depth of its second use."""
    seen, queue = set(), deque([(root, 0)])
    while queue:
        node, depth = queue.popleft()
        if node is None:
            continue
        if depth > MAX_DEPTH:
            raise InputError(config_path, f"nested deeper than {MAX_DEPTH} levels")
        if id(node) in seen:
            raise InputError(config_path, "YAML anchors and aliases (&, *) are not accepted")
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            queue.extend((part, depth + 1) for pair in node.value for part in pair)
        elif isinstance(node, yaml.SequenceNode):
            queue.extend((item, depth + 1) for item in node.value)


def _check_options(options: dict, config_path: Path, where: str) -> None:
    allowed = CONFIG_KEYS if where else CONFIG_KEYS | {"files"}
    unknown = sorted(map(str, set(options) - allowed))
    if unknown:
        raise InputError(
            config_path,
            f"{where}unknown option(s) [{', '.join(map(_short, unknown))}]; "
            f"allowed: {sorted(CONFIG_KEYS)}",
        )
    for key, value in options.items():
        if key == "files" or value is None:
            continue
        problem = _type_problem(key, value)
        if problem:
            raise InputError(config_path, f"{where}{key}: {problem}, not {_short(value)}")


def _type_problem(key: str, value) -> str | None:
    """What is wrong with an option's value, or None."""
    valid, expected = _CHECKS[key]
    return None if valid(value) else expected


def _known_codec(value) -> bool:
    try:
        return isinstance(value, str) and bool(codecs.lookup(value))
    except LookupError:
        return False


SOURCE_DATE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")


def source_date(value) -> str | None:
    """The `date` option as ISO text ('2023-03-15', '2023-03' or '2023'), None if not a date. YAML
    reads an unquoted 2023-03-15 as a date and 2023 as a number."""
    if isinstance(value, datetime.date):
        return value.isoformat()[:10]
    text = str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
    if not SOURCE_DATE.fullmatch(text):
        return None
    try:
        datetime.date.fromisoformat((text + "-01-01")[:10])
    except ValueError:
        return None
    return text


def _is_text_or_number(value) -> bool:
    return isinstance(value, (str, int)) and not isinstance(value, bool)


def _is_label(value) -> bool:
    return isinstance(value, str) and bool(value.strip())


def proposed_segment(value) -> str | None:
    """The `segment` option as a label of segments.yml (a synonym or a typo read as it), or None."""
    if not _is_label(value):
        return None
    found = map_label([value], "segments").iloc[0]
    return None if pd.isna(found) else str(found)


# Option -> (check of its value, what it expects).
_CHECKS = {
    "kind": (lambda v: v in KINDS, f"expected one of {', '.join(KINDS)}"),
    "label": (lambda v: isinstance(v, str), "expected text"),
    "encoding": (_known_codec, "expected an encoding such as utf-8 or cp1252"),
    "delimiter": (lambda v: isinstance(v, str) and len(v) == 1, "expected one character"),
    "sheet": (lambda v: isinstance(v, str), "expected a sheet name"),
    "header_row": (lambda v: type(v) is int and v >= 1, "expected a row number from 1"),
    "header": (lambda v: isinstance(v, bool), "expected true or false (false: no header row)"),
    "columns": (
        lambda v: isinstance(v, dict) and all(isinstance(f, str) for f in v.values()),
        "expected a mapping of column -> field",
    ),
    "region": (_is_text_or_number, "expected an INSEE région code"),
    "skip": (lambda v: isinstance(v, bool), "expected true or false"),
    "date": (lambda v: source_date(v) is not None, "expected a date: 2023-03-15, 2023-03 or 2023"),
    "accept_losses": (lambda v: isinstance(v, bool), "expected true or false"),
    "ignore": (
        lambda v: isinstance(v, list) and all(isinstance(h, str) for h in v),
        "expected a list of column names",
    ),
    # Evidence that the file's companies belong to the filière (clean/perimeter.py), and the
    # segment it proposes for them.
    "perimeter": (_is_label, "expected the evidence as text (« membre du cluster e-santé »)"),
    "segment": (lambda v: proposed_segment(v) is not None, "expected a segment of segments.yml"),
}
CONFIG_KEYS = frozenset(_CHECKS)


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
