"""Load each raw file as a Source (its table, kind and header mapping) and turn it into rows of input fields."""

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from santenum.clean.discover import (
    CONFIG_NAME,
    discover,
    load_options,
    proposed_segment,
    source_date,
    source_label,
)
from santenum.clean.fields import is_trade_name, uses_sirene_names
from santenum.clean.readers import RawTable, read_table
from santenum.clean.readers.together import header_key, read_together
from santenum.clean.roles import Roles, assign_roles
from santenum.clean.values import is_person_kind, names_a_person
from santenum.core import reference
from santenum.core.errors import InputError, NothingRead
from santenum.core.insee import INDIVIDUAL_ENTREPRENEUR
from santenum.core.quality import Unread
from santenum.core.table.columns import FIELD_NAMES, FIELDS, Kind

GROUP_BYTES = 64 << 20  # files sharing a header are read together by runs of at most this size

# The fields only a survey answers (their declarations' Kind.SURVEY): a file with one is a survey.
SURVEY_FIELDS = tuple(field.name for field in FIELDS if field.kind is Kind.SURVEY)


@dataclass
class Source:
    """One raw file: its label (path relative to the raw directory), kind, table and header mapping."""

    label: str
    path: Path
    kind: str
    table: RawTable
    mapping: dict
    region: str | None = None  # région of the rows that cannot be located (a regional survey)
    persons: list = field(default_factory=list)  # headers of person columns: never read or copied
    date: str | None = None  # the date the file describes (source.yml `date`), ISO text
    set_aside: dict = field(default_factory=dict)  # header -> why it is knowingly not read
    accept_losses: bool = False  # source.yml says most rows may be quarantined (no failure)
    by_values: dict = field(default_factory=dict)  # header -> field told by its values alone
    # e-mail and telephone columns: never read or copied
    contacts: list = field(default_factory=list)
    insee: bool = False  # INSEE's layout: a row with a value in a person column is a person
    # kind columns that can say « personne physique »
    person_kinds: list = field(default_factory=list)
    perimeter: str | None = None  # source.yml `perimeter`: the evidence its companies are in by
    segment: str | None = None  # source.yml `segment`: the segment it proposes for them

    @property
    def own_names(self) -> list:
        """The name columns that hold a natural person's own name on such a row: every name column
        but a trade name (is_trade_name). Never read nor copied on a natural person's row."""
        return [h for h in self.mapping.get("name", []) if not is_trade_name(h)]

    @property
    def read(self) -> list:
        """The columns read as a field, in file order: the only ones any output may copy."""
        used = {h for headers in self.mapping.values() for h in headers}
        return [h for h in self.table.frame.columns if h in used]

    @property
    def private(self) -> list:
        """Columns never copied into any output: people's identities and contacts."""
        return [*self.persons, *self.contacts]

    @property
    def rows_read(self) -> int:
        return len(self.table.frame) + len(self.table.malformed)

    def ignored_columns(self) -> list:
        """Columns left unused for no stated reason (set-aside columns are not among them, nor
        the kind columns read to tell a natural person's rows)."""
        used = {h for headers in self.mapping.values() for h in headers} | {*self.person_kinds}
        return [h for h in self.table.frame.columns if h not in used and h not in self.set_aside]


def _kind(options: dict, headers: list, mapping: dict) -> str:
    if options.get("kind"):
        return options["kind"]
    if uses_sirene_names(headers):
        return "sirene"
    return "survey" if any(f in mapping for f in SURVEY_FIELDS) else "list"


def load_source(path: Path, raw_dir: Path) -> Source:
    """Read one file and tell what each of its columns is (roles.assign_roles)."""
    options = load_options(path)
    table = read_table(path, options)
    roles = assign_roles(path, table.frame, options, headerless=table.meta.get("header_row") == 0)
    return _source(path, raw_dir, options, table, roles)


def _source(path: Path, raw_dir: Path, options: dict, table: RawTable, roles: Roles) -> Source:
    return Source(
        source_label(path, raw_dir, options),
        path,
        _kind(options, list(table.frame.columns), roles.mapping),
        table,
        roles.mapping,
        _region(options, path),
        roles.persons,
        source_date(options["date"]) if "date" in options else None,
        roles.set_aside,
        bool(options.get("accept_losses")),
        roles.by_values,
        roles.contacts,
        roles.insee,
        roles.person_kinds,
        (options.get("perimeter") or "").strip() or None,
        proposed_segment(options.get("segment")),
    )


def read_sources(paths: list, raw_dir: Path) -> dict:
    """Path -> its Source, or the InputError that says why it could not be read, in the order
    given; files that share a header are read together (_load_group), the others alone."""
    together = {}
    for group in _header_groups(paths):
        together |= _load_group(group, raw_dir)
    read = {}
    for path in paths:
        try:
            read[path] = together[path] if path in together else load_source(path, raw_dir)
        except InputError as exc:
            read[path] = exc
    return read


def _header_groups(paths: list) -> list:
    """The files in groups that may be read together (readers.together): same folder and options,
    same header record, at most GROUP_BYTES of them read at once; every other file a group of its
    own. In the order of their first file."""
    groups = {}
    for path in paths:
        key = header_key(path)
        options = load_options(path)
        shared = (path.parent, json.dumps(options, sort_keys=True, default=str), key)
        groups.setdefault(shared if key else path, []).append(path)
    return [part for group in groups.values() for part in _by_size(group)]


def _by_size(paths: list) -> list:
    """The group cut into runs of at most GROUP_BYTES (the text read at once stays bounded)."""
    runs, size = [[]], 0
    for path in paths:
        bytes_ = path.stat().st_size
        if runs[-1] and size + bytes_ > GROUP_BYTES:
            runs.append([])
            size = 0
        runs[-1].append(path)
        size += bytes_
    return runs


def _load_group(paths: list, raw_dir: Path) -> dict:
    """Path -> Source of the files of a header group read together, their roles told once on all
    their rows; the files it could not read so are not in it (each is read alone)."""
    if len(paths) < 2:
        return {}
    options = load_options(paths[0])
    together = read_together(paths, options)
    if together.frame is None:
        return {}
    try:
        roles = assign_roles(paths[0], together.frame, options)
    except InputError:
        return {}  # each file then says, alone, what it asks
    return {
        path: _source(path, raw_dir, options, table, roles)
        for path, table in zip(paths, together.tables, strict=True)
        if table is not None
    }


def _region(options: dict, path: Path) -> str | None:
    """The `region` option: an INSEE région code that reference/regions.csv knows."""
    if options.get("region") is None:
        return None
    try:
        return reference.region_code(options["region"])
    except ValueError:
        raise InputError(
            path.parent / "source.yml",
            f"unknown région code {options['region']!r} in option region",
        ) from None


@dataclass
class Reading:
    """What a raw folder gave: the sources read, and the files that were not (Unread)."""

    sources: list
    unread: list


def load_sources(raw_dir: Path, strict: bool = False) -> Reading:
    """Every data file under raw_dir but those its source.yml marks `skip: true` (aggregates,
    notes). Each file stands alone: one that cannot be read is reported (Unread) and the others
    are read; `strict` makes the first such file an InputError instead (all or nothing). When no
    file can be read: NothingRead, or the one file's own InputError."""
    raw_dir = Path(raw_dir)
    found = discover(raw_dir)
    errors = [InputError(path, problem) for path, problem in found.refused]
    if strict and errors:
        raise errors[0]
    sources, skipped, wanted = [], 0, []
    for path in found.files:
        try:
            if load_options(path).get("skip"):
                skipped += 1
                continue
            wanted.append(path)
        except InputError as exc:
            if strict:
                raise
            errors.append(exc)
    for read in read_sources(wanted, raw_dir).values():
        if isinstance(read, Source):
            sources.append(read)
        elif strict:
            raise read
        else:
            errors.append(read)
    if skipped and not sources and not errors:
        raise InputError(raw_dir, "every data file is marked skip in source.yml: nothing to clean")
    unread = sorted((_unread(exc, raw_dir) for exc in errors), key=lambda u: u.source)
    if len(errors) == 1 and not sources:
        raise errors[0]
    if not sources:
        raise NothingRead(raw_dir, unread)
    return Reading(sources, unread)


def _unread(error: InputError, raw_dir: Path) -> Unread:
    """The Unread record of a file's InputError: its path in the raw folder, and the problem
    (with the source.yml it lies in, when that is where it lies)."""
    path = Path(error.path)
    relative = path.relative_to(raw_dir) if path.is_relative_to(raw_dir) else path
    if path.name == CONFIG_NAME:
        return Unread(relative.parent.as_posix(), f"{relative.as_posix()}: {error.problem}")
    return Unread(relative.as_posix(), error.problem, getattr(error, "settle", ""))


def _first_value(frame: pd.DataFrame, headers: list) -> pd.Series:
    """Row by row, the first non-blank value of these columns."""
    if not headers:
        return pd.Series(pd.NA, index=frame.index, dtype="string")
    value = frame[headers[0]].astype("string")
    for header in headers[1:]:
        value = value.fillna(frame[header])
    return value


def natural_persons(source: Source, frame: pd.DataFrame, legal_category: pd.Series) -> pd.Series:
    """Rows of `frame` (the source's rows, or those of files read alike) that describe a natural
    person (an individual entrepreneur, a « personne physique »): catégorie juridique 1000, a kind
    column or the name itself that says so (values.PERSON_KINDS: a control list's « PERSONNE
    PHYSIQUE » in place of a name), or, in INSEE's layouts, a value in a person column (filled
    for individuals only). Elsewhere a person column names someone beside the company (a
    laureate, a contact): the row is a company."""
    persons = pd.Series(False, index=frame.index)
    if source.persons and source.insee:
        persons |= frame[source.persons].notna().any(axis=1)
    for header in source.person_kinds:
        persons |= is_person_kind(frame[header])
    for header in source.own_names:  # « PERSONNE PHYSIQUE » or « EI Jean Dupont » as a name
        persons |= names_a_person(frame[header])
    category = legal_category.str.strip()
    if category.notna().any():
        individual = (category.str.removesuffix(".0") == INDIVIDUAL_ENTREPRENEUR) | is_person_kind(
            category
        )
        persons |= individual.astype("boolean").fillna(False).astype(bool)
    return persons


def input_fields(sources: list) -> pd.DataFrame:
    """One row per data row of every file, one text column per input field (blank where absent),
    its file (`source`, `_source_order`: its place in `sources`), row number and `_position` in
    its file's table. Files read alike (_alike: a header group) are done as one table.

    A natural person's row takes its name from trade-name columns only (Source.own_names are
    not read there): an individual entrepreneur is never named after the person.
    """
    parts, order = [], 0
    for batch in _alike(sources):
        parts.append(_fields(batch, order))
        order += len(batch)
    return pd.concat(parts, ignore_index=True)


def _alike(sources: list) -> list:
    """Runs of consecutive sources whose columns are read the same way."""
    runs = []
    for source in sources:
        if runs and _reads_alike(runs[-1][-1], source):
            runs[-1].append(source)
        else:
            runs.append([source])
    return runs


def _reads_alike(a: Source, b: Source) -> bool:
    same = ("kind", "mapping", "region", "persons", "insee", "person_kinds")
    return all(getattr(a, name) == getattr(b, name) for name in same) and list(
        a.table.frame.columns
    ) == list(b.table.frame.columns)


def _fields(batch: list, first_order: int) -> pd.DataFrame:
    source = batch[0]
    frames = [s.table.frame for s in batch]
    frame = frames[0] if len(batch) == 1 else pd.concat(frames, ignore_index=True)
    columns = {field: _first_value(frame, source.mapping.get(field, [])) for field in FIELD_NAMES}
    out = pd.DataFrame(columns, index=frame.index)
    out["natural_person"] = natural_persons(source, frame, out["legal_category"])
    if source.own_names:
        trade = [h for h in source.mapping.get("name", []) if h not in source.own_names]
        out["name"] = out["name"].mask(out["natural_person"], _first_value(frame, trade))
    lengths = [len(f) for f in frames]
    out["source"] = pd.array(np.repeat([s.label for s in batch], lengths), dtype="string")
    out["kind"] = pd.Series(source.kind, index=frame.index, dtype="string")
    out["source_region"] = pd.Series(source.region, index=frame.index, dtype="string")
    out["_source_order"] = np.repeat(np.arange(first_order, first_order + len(batch)), lengths)
    out["row"] = np.concatenate([s.table.rows.to_numpy() for s in batch])
    out["_position"] = np.concatenate([f.index.to_numpy() for f in frames])
    return out
