"""`santenum inspect RAW`: what `clean` would read in each file, and why, before anything is
written — format, encoding, delimiter, header row, kind, each column's field with its evidence and
three sample values, the columns set aside or unused, and a source.yml to edit. The same reading as
`clean` (sources.read_sources), no output. Samples are shown of what `clean` would copy only: the
columns read as a field, never on a natural person's row a column that holds the person's own
name there; every other column's samples are masked."""

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pandas as pd
import yaml

from santenum.clean.discover import discover, load_options
from santenum.clean.fields import field_of
from santenum.clean.ignored import closest_field, suggestions
from santenum.clean.perimeter import declared_survey
from santenum.clean.readers.delimited import MIXED
from santenum.clean.sources import Source, input_fields, read_sources
from santenum.clean.values import VALUE_EVIDENCE
from santenum.core.errors import InputError
from santenum.core.table.columns import FIELD_LABELS
from santenum.core.text import printable

MASK = "•••"
SAMPLES = 3
SAMPLE_WIDTH = 40
META = {  # the reader's findings, as the analyst reads them
    "format": "format",
    "sheet": "feuille",
    "encoding": "encodage",
    "delimiter": "séparateur",
    "header_row": "en-tête ligne",
    "header_rows": "lignes d'en-tête",
    "amounts_joined": "montants à virgule recollés",
    "lines_joined": "lignes coupées recollées",
    "rows_realigned": "lignes réalignées",
}
# A column's role when it is no field: what `inspect` prints, never a field in source.yml.
PERSON_ROLE, CONTACT_ROLE, SET_ASIDE_ROLE, UNREAD_ROLE, PERSON_KIND_ROLE = (
    "personne",
    "coordonnées",
    "écartée",
    "non lue",
    "nature de la ligne",
)
PERSON_KIND_EVIDENCE = (
    "lue pour une seule chose : une valeur « personne physique », « entrepreneur individuel »… "
    "fait de la ligne une personne, jamais nommée ni copiée"
)


@dataclass(frozen=True)
class Column:
    """One column of a file as `clean` would treat it."""

    header: str
    role: str  # a field name, or one of the roles above
    evidence: str
    samples: tuple
    proposal: str | None = None  # for a column not read: the field its header and values fit


def _samples(values: pd.Series, masked: bool) -> tuple:
    distinct = values.dropna().astype(str).str.strip()
    distinct = distinct[distinct != ""].drop_duplicates().head(SAMPLES)
    if masked:
        return tuple(MASK for _ in distinct)
    return tuple(
        printable(v if len(v) <= SAMPLE_WIDTH else v[: SAMPLE_WIDTH - 1] + "…") for v in distinct
    )


def columns(source: Source, overrides: dict) -> list:
    """Every column of the file, in file order, with its role and evidence."""
    field_of_header = {h: f for f, headers in source.mapping.items() for h in headers}
    proposed = suggestions(source.ignored_columns(), source.table.frame)
    person = input_fields([source])["natural_person"].to_numpy()
    out = []
    for header in source.table.frame.columns:
        values = source.table.frame[header]
        if header in source.private:
            role = PERSON_ROLE if header in source.persons else CONTACT_ROLE
            evidence = source.set_aside[header]
        elif header in source.set_aside:
            role, evidence = SET_ASIDE_ROLE, source.set_aside[header]
        elif header in field_of_header:
            role = field_of_header[header]
            evidence = (
                "source.yml (columns)"
                if header in overrides
                else VALUE_EVIDENCE[role]
                if header in source.by_values
                else field_of(header)[1]
            )
            rank = source.mapping[role].index(header)
            if rank:
                evidence += f", {rank + 1}e colonne de ce champ (lue si les précédentes sont vides)"
        elif header in source.person_kinds:
            role, evidence = PERSON_KIND_ROLE, PERSON_KIND_EVIDENCE
        else:
            near, score = closest_field(header)
            role = UNREAD_ROLE
            evidence = f"champ le plus proche : {near} — {FIELD_LABELS[near]}, {score} %"
            if header in proposed:
                evidence += (
                    f", valeurs conformes : à ajouter à columns si c'est bien {proposed[header]}"
                )
        if header in source.own_names:
            values = values.mask(person)
        samples = _samples(values, header not in field_of_header)
        out.append(Column(header, role, evidence, samples, proposed.get(header)))
    return out


def proposed_options(source: Source, found: list) -> dict:
    """The options of this file for source.yml, as `clean` read it: to check, edit and keep."""
    meta = source.table.meta
    options = {"kind": source.kind}
    for key in ("sheet", "encoding", "delimiter"):
        if meta.get(key) and meta[key] != MIXED:
            options[key] = meta[key]
    if meta.get("header_row", 1) == 0:
        options["header"] = False
    elif meta.get("header_row", 1) != 1:
        options["header_row"] = meta["header_row"]
    # the columns clean reads, each field's in the order it reads them (the first non-blank wins)
    options["columns"] = {h: field for field, headers in source.mapping.items() for h in headers}
    set_aside = [c.header for c in found if c.role == SET_ASIDE_ROLE]
    if set_aside:
        options["ignore"] = set_aside
    options |= {
        k: v for k, v in (("perimeter", source.perimeter), ("segment", source.segment)) if v
    }
    return options


def perimeter_line(source: Source) -> str:
    """What the file says of its companies' perimeter: its `perimeter:` evidence, the answers of
    a declared survey, or none."""
    if source.perimeter:
        segment = f", segment proposé « {source.segment} »" if source.segment else ""
        return f"   périmètre : « {printable(source.perimeter)} »{segment}"
    if declared_survey(source):
        return "   périmètre : les réponses à l'enquête (part d'activité, segment, produits)"
    if source.kind == "survey":
        return (
            "   périmètre : aucun (lu comme une enquête, mais source.yml ne déclare pas "
            "kind: survey : ses réponses ne comptent pas)"
        )
    return "   périmètre : aucun (pas de `perimeter:` : ses entreprises sont à qualifier sans autre preuve)"


def _reading(key: str, value) -> str:
    """One finding of the reader, in the analyst's words (« sans ligne d'en-tête »)."""
    if key == "header_row" and value == 0:
        return "sans ligne d'en-tête (colonnes lues à leurs valeurs)"
    return f"{META.get(key, key)} {printable(str(value))}"


def report(raw_dir: Path) -> tuple:
    """(text to print, number of files that could not be read)."""
    raw_dir = Path(raw_dir)
    lines, proposals, unreadable = [], {}, 0
    found = discover(raw_dir)
    for path, problem in found.refused:
        unreadable += 1
        lines.append(f"== {printable(path.relative_to(raw_dir).as_posix())}")
        lines.append(f"   illisible : {printable(problem)}")
    skipped = {path for path in found.files if load_options(path).get("skip")}
    read = read_sources([path for path in found.files if path not in skipped], raw_dir)
    for path in found.files:
        relative = path.relative_to(raw_dir).as_posix()
        options = load_options(path)
        lines.append(f"== {printable(relative)}")
        if path in skipped:
            lines.append("   écarté par source.yml (skip: true)")
            continue
        source = read[path]
        if isinstance(source, InputError):
            exc = source
            unreadable += 1
            settle = getattr(exc, "settle", "")
            lines.append(f"   {'à trancher' if settle else 'illisible'} : {printable(exc.problem)}")
            lines += [f"   {printable(line)}" for line in settle.splitlines()]
            continue
        meta = source.table.meta
        described = [_reading(key, value) for key, value in meta.items()]
        lines.append(
            f"   {', '.join(described)} ; {source.rows_read} lignes ; nature {source.kind}"
        )
        lines.append(perimeter_line(source))
        found = columns(source, options.get("columns") or {})
        for column in found:  # the columns and how clean reads them (the source.yml below)
            shown = " ; ".join(column.samples) or "(vide)"
            lines.append(
                f"   « {printable(column.header)} » → {column.role} ({column.evidence}) "
                f"ex. : {shown}"
            )
        folder = str(PurePosixPath(relative).parent)
        proposals.setdefault(folder, {})[path.name] = proposed_options(source, found)
    for folder, files in sorted(proposals.items()):
        name = "source.yml" if folder == "." else f"{folder}/source.yml"
        lines.append(f"# {name} proposé (à vérifier) :")
        lines.append(yaml.safe_dump({"files": files}, allow_unicode=True, sort_keys=False).rstrip())
    return "\n".join(lines), unreadable
