"""Load each raw file as a Source (its table, kind and header mapping) and turn it into rows of input fields."""

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from santenum.clean.discover import discover, load_options, source_date, source_label
from santenum.clean.fields import (
    FIELDS,
    IDENTITY_FIELDS,
    PERSON_CAPABLE_NAME_KEYS,
    category_columns,
    is_contact,
    is_funder,
    issuer_columns,
    match_headers,
    person_headers,
    uses_insee_names,
    uses_sirene_names,
)
from santenum.clean.persons import people_columns
from santenum.clean.readers import RawTable, read_table
from santenum.clean.values import (
    company_names_first,
    contact_columns,
    identifier_columns,
    not_names_column,
    place_columns,
)
from santenum.core import reference
from santenum.core.errors import InputError
from santenum.core.insee import INDIVIDUAL_ENTREPRENEUR
from santenum.core.text import fold, header_key

SURVEY_FIELDS = (
    "segment",
    "products",
    "technologies",
    "value_chain",
    "uses_ai",
    "digital_health_share",
    "needs",
    "maturity",
)


# Why a column is knowingly not read (quality.json `set_aside_columns`, one line at the end of clean).
PERSON = "identité d'une personne (en-tête ou valeurs) : jamais lue ni copiée"
CONTACT = "e-mails ou téléphones (en-tête ou valeurs) : jamais lus ni copiés"
IGNORED_BY_OPTION = "écartée par source.yml (ignore)"
FUNDER = "financeur ou autorité qui attribue : pas l'entreprise"
ISSUER = "même valeur à chaque ligne alors qu'une autre colonne varie : l'émetteur du fichier"
CATEGORY = "quelques valeurs répétées à côté d'une colonne de noms : une catégorie, pas un nom"
NOT_NAMES = "valeurs qui ne sont pas des noms (nombres, adresses web, e-mails)"


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

    @property
    def private(self) -> list:
        """Columns never copied into any output: people's identities and contacts."""
        return [*self.persons, *self.contacts]

    @property
    def rows_read(self) -> int:
        return len(self.table.frame) + len(self.table.malformed)

    def ignored_columns(self) -> list:
        """Columns left unused for no stated reason (set-aside columns are not among them)."""
        used = {h for headers in self.mapping.values() for h in headers}
        return [h for h in self.table.frame.columns if h not in used and h not in self.set_aside]


def _kind(options: dict, headers: list, mapping: dict) -> str:
    if options.get("kind"):
        return options["kind"]
    if uses_sirene_names(headers):
        return "sirene"
    return "survey" if any(f in mapping for f in SURVEY_FIELDS) else "list"


def load_source(path: Path, raw_dir: Path) -> Source:
    """Read one file and check it has the columns santenum needs."""
    options = load_options(path)
    table = read_table(path, options)
    headers = list(table.frame.columns)
    overrides = options.get("columns") or {}
    missing = [h for h in overrides if h not in headers]
    if missing:
        raise InputError(path, f"source.yml maps column(s) {missing} that the file does not have")
    unknown = sorted(set(overrides.values()) - set(FIELDS))
    if unknown:
        raise InputError(
            path, f"source.yml maps onto unknown field(s) {unknown}; fields: {sorted(FIELDS)}"
        )
    persons = person_headers(headers)
    forced = [h for h in overrides if h in persons]
    if forced:
        raise InputError(
            path,
            f"source.yml maps column {forced[0]!r}, which holds a person's identity: "
            "santenum never reads it",
        )
    # Columns whose values are people's names, whatever their header (source.yml's choice stands).
    # INSEE's layouts name their person columns, and their name columns that hold a person's name
    # on an individual entrepreneur's row are handled row by row (input_fields).
    if not uses_insee_names(headers):
        persons += people_columns(table.frame, exclude=[*persons, *overrides])
    others = [h for h in headers if h not in persons and h not in overrides]
    contacts = [h for h in others if is_contact(h)]
    contacts += contact_columns(table.frame, [h for h in others if h not in contacts])
    ignored = options.get("ignore") or []
    absent = [h for h in ignored if h not in headers]
    if absent:
        raise InputError(path, f"source.yml ignores column(s) {absent} that the file does not have")
    clash = [h for h in ignored if h in overrides]
    if clash:
        raise InputError(path, f"source.yml both maps and ignores column(s) {clash}")
    unread = {*persons, *contacts, *ignored}
    readable = [h for h in headers if h not in unread]
    mapping = match_headers(readable, overrides)
    named = {h for hs in mapping.values() for h in hs}
    unnamed = [h for h in readable if h not in named and not is_funder(h)]
    by_values = identifier_columns(table.frame, unnamed)
    by_values |= place_columns(table.frame, [h for h in unnamed if h not in by_values], mapping)
    for header, field_name in by_values.items():  # after the columns named as such
        mapping.setdefault(field_name, []).append(header)
    issuers = issuer_columns(mapping, table.frame, overrides)
    categories = category_columns(mapping, table.frame, overrides, issuers)
    not_names = [
        h
        for h in mapping.get("name", [])
        if h not in overrides and not_names_column(table.frame[h])
    ]
    dropped = {*issuers, *categories, *not_names}
    mapping = {f: [h for h in hs if h not in dropped] for f, hs in mapping.items()}
    mapping = {f: hs for f, hs in mapping.items() if hs}
    if len(mapping.get("name", [])) > 1 and not set(mapping["name"]) & set(overrides):
        mapping["name"] = company_names_first(table.frame, mapping["name"])
    set_aside = (
        dict.fromkeys(persons, PERSON)
        | dict.fromkeys(contacts, CONTACT)
        | dict.fromkeys(ignored, IGNORED_BY_OPTION)
        | {h: FUNDER for h in readable if is_funder(h) and h not in overrides}
        | dict.fromkeys(issuers, ISSUER)
        | dict.fromkeys(categories, CATEGORY)
        | dict.fromkeys(not_names, NOT_NAMES)
    )
    if not any(f in mapping for f in IDENTITY_FIELDS):
        raise InputError(
            path,
            "missing required column: a company name, SIREN or SIRET "
            f"(headers found: {', '.join(headers[:12])})",
        )
    label = source_label(path, raw_dir, options)
    return Source(
        label,
        path,
        _kind(options, headers, mapping),
        table,
        mapping,
        _region(options, path),
        persons,
        source_date(options["date"]) if "date" in options else None,
        set_aside,
        bool(options.get("accept_losses")),
        by_values,
        contacts,
    )


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


def load_sources(raw_dir: Path) -> list:
    """Every data file under raw_dir but those its source.yml marks `skip: true` (aggregates, notes)."""
    raw_dir = Path(raw_dir)
    paths = [path for path in discover(raw_dir) if not load_options(path).get("skip")]
    if not paths:
        raise InputError(raw_dir, "every data file is marked skip in source.yml: nothing to clean")
    return [load_source(path, raw_dir) for path in paths]


def _first_value(frame: pd.DataFrame, headers: list) -> pd.Series:
    """Row by row, the first non-blank value of these columns."""
    if not headers:
        return pd.Series(pd.NA, index=frame.index, dtype="string")
    value = frame[headers[0]].astype("string")
    for header in headers[1:]:
        value = value.fillna(frame[header])
    return value


def natural_persons(source: Source, legal_category: pd.Series) -> pd.Series:
    """Rows that describe a natural person (an individual entrepreneur): catégorie juridique 1000,
    or a value in one of the file's person columns."""
    frame = source.table.frame
    persons = pd.Series(False, index=frame.index)
    if source.persons:
        persons |= frame[source.persons].notna().any(axis=1)
    category = legal_category.str.strip()
    if category.notna().any():
        individual = (category.str.removesuffix(".0") == INDIVIDUAL_ENTREPRENEUR) | fold(
            category
        ).str.contains("entrepreneur individuel", regex=False)
        persons |= individual.astype("boolean").fillna(False).astype(bool)
    return persons


def input_fields(source: Source, order: int) -> pd.DataFrame:
    """One row per data row of the file, one text column per input field (blank where absent).

    A natural person's row takes its name from trade-name columns only: a column that holds the
    person's own name for such a row (PERSON_CAPABLE_NAME_KEYS) is not read there.
    """
    frame = source.table.frame
    columns = {field: _first_value(frame, source.mapping.get(field, [])) for field in FIELDS}
    out = pd.DataFrame(columns, index=frame.index)
    out["natural_person"] = natural_persons(source, out["legal_category"])
    names = source.mapping.get("name", [])
    trade = [h for h in names if header_key(h) not in PERSON_CAPABLE_NAME_KEYS]
    if trade != names:
        out["name"] = out["name"].mask(out["natural_person"], _first_value(frame, trade))
    out["source"] = pd.Series(source.label, index=frame.index, dtype="string")
    out["kind"] = pd.Series(source.kind, index=frame.index, dtype="string")
    out["source_region"] = pd.Series(source.region, index=frame.index, dtype="string")
    out["_source_order"] = order
    out["row"] = source.table.rows.to_numpy()
    return out
