"""Find the data files of a raw directory and the options its source.yml gives each of them."""

from pathlib import Path

import yaml

from santenum.clean.readers import READERS, supported
from santenum.core.errors import InputError

IGNORED_SUFFIXES = {".md", ".yml", ".yaml"}
CONFIG_NAME = "source.yml"
CONFIG_KEYS = {
    "kind",
    "label",
    "encoding",
    "delimiter",
    "sheet",
    "header_row",
    "columns",
    "region",
    "skip",
}
KINDS = ("sirene", "survey", "list")


def discover(raw_dir: Path) -> list:
    """Every data file under raw_dir, sorted; refuses files of an unknown format."""
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise InputError(raw_dir, "not a directory")
    files = []
    for path in sorted(p for p in raw_dir.rglob("*") if p.is_file()):
        relative = path.relative_to(raw_dir)
        if any(part.startswith(".") for part in relative.parts) or path.name.upper().startswith(
            "README"
        ):
            continue
        suffix = path.suffix.lower()
        if suffix in READERS:
            files.append(path)
        elif suffix not in IGNORED_SUFFIXES:
            raise InputError(
                path, f"unsupported format '{suffix or path.name}' (use {supported()})"
            )
    if not files:
        raise InputError(raw_dir, f"no data file ({supported()}) found")
    return files


def load_options(path: Path) -> dict:
    """Options for one file from the source.yml beside it: top-level defaults, `files:` overrides."""
    config_path = path.parent / CONFIG_NAME
    if not config_path.exists():
        return {}
    try:
        config = yaml.safe_load(config_path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise InputError(config_path, f"not valid YAML ({str(exc).splitlines()[0]})") from None
    if not isinstance(config, dict):
        raise InputError(config_path, "expected a mapping of options")
    options = {k: v for k, v in config.items() if k != "files"}
    options.update((config.get("files") or {}).get(path.name) or {})
    unknown = set(options) - CONFIG_KEYS
    if unknown:
        raise InputError(
            config_path, f"unknown option(s) {sorted(unknown)}; allowed: {sorted(CONFIG_KEYS)}"
        )
    if options.get("kind") not in (None, *KINDS):
        raise InputError(config_path, f"kind must be one of {KINDS}, not {options['kind']!r}")
    return options
