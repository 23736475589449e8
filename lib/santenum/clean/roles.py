"""Column roles: which field each column of a file holds, told by its header AND its values.

A column is read as a field only when its values support it. A header names candidates (a
Field's keys and words, core.table.columns); values decide between them and can overrule them:
people's names, e-mails and telephone numbers are never read; a name column of places, numbers or
one repeated value is no company's name; an unnamed column whose values pass a SIREN's check
digits or are communes the reference knows is read as such. When the reading cannot be right
without the analyst — two name columns of equal standing that name different things, two
identifier columns that disagree, an identifier column whose values are no identifiers — the file
asks (core.errors.Question): nothing of it is read, and the source.yml lines that settle it are
given. source.yml's `columns` and `ignore` always win.
"""

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from santenum.clean import values as by_value
from santenum.clean.fields import (
    another_entitys_identifier,
    is_contact,
    is_funder,
    match_headers,
    name_standing,
    names_another_register,
    person_headers,
    uses_insee_names,
)
from santenum.clean.persons import people_columns
from santenum.core.errors import InputError, Question
from santenum.core.table.columns import FIELD_NAMES, IDENTITY_FIELDS
from santenum.core.text import name_key

# Why a column is knowingly not read (quality.json `set_aside_columns`, one line at the end of clean).
PERSON = "identité d'une personne (en-tête ou valeurs) : jamais lue ni copiée"
CONTACT = "e-mails ou téléphones (en-tête ou valeurs) : jamais lus ni copiés"
IGNORED_BY_OPTION = "écartée par source.yml (ignore)"
FUNDER = "financeur ou autorité qui attribue : pas l'entreprise"
OTHER_ENTITY = (
    "identifiant d'une autre organisation (groupement, groupe, client…) : pas celui de la ligne"
)
ISSUER = "même valeur à chaque ligne alors qu'une autre colonne varie : l'émetteur du fichier"
CATEGORY = "quelques valeurs répétées à côté d'une colonne de noms : une catégorie, pas un nom"
NOT_NAMES = "valeurs qui ne sont pas des noms (nombres, adresses web, e-mails)"
PLACES = "valeurs qui sont des lieux (communes, départements, régions), pas des noms"
NOT_IDENTIFIERS = "l'en-tête nomme un SIREN ou un SIRET, ses valeurs n'en sont pas"
CONTRADICTED = "l'en-tête nomme le champ {field}, ses valeurs n'en sont pas"

FILLED = 0.5  # of the rows two competing columns must both fill to compete
DIFFERENT = 0.5  # of the rows both fill on which their values must differ to name other things


@dataclass(frozen=True)
class Roles:
    """What each column of a file is: the fields read (field -> headers, first non-blank wins row
    by row), the columns never read (persons, contacts) or knowingly set aside (header -> why),
    and the columns whose field their values alone told (header -> field)."""

    mapping: dict
    persons: list
    contacts: list
    set_aside: dict
    by_values: dict
    insee: bool  # INSEE's own layout, whose person columns are known by name
    person_kinds: list  # columns of kinds that can say a row is a natural person


def assign_roles(path: Path, frame: pd.DataFrame, options: dict, headerless: bool = False) -> Roles:
    """The roles of the columns of `frame` (the file at `path`, with its source.yml `options`;
    `headerless`: the file has no header row, its columns are told by their values alone);
    InputError when source.yml does not fit the file or no column identifies a company, Question
    when the file cannot be read right without the analyst."""
    headers = list(frame.columns)
    overrides = options.get("columns") or {}
    ignored = options.get("ignore") or []
    _check_options(path, headers, overrides, ignored)
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
    # on an individual entrepreneur's row are handled row by row (sources.input_fields).
    insee = uses_insee_names(headers)
    if not insee:
        persons += people_columns(frame, exclude=[*persons, *overrides])
    others = [h for h in headers if h not in persons and h not in overrides]
    contacts = [h for h in others if is_contact(h)]
    contacts += by_value.contact_columns(frame, [h for h in others if h not in contacts])
    readable = [h for h in headers if h not in {*persons, *contacts, *ignored}]
    mapping = match_headers(readable, overrides)
    named = {h for hs in mapping.values() for h in hs}
    unnamed = [h for h in readable if h not in named and not is_funder(h)]
    by_values = by_value.identifier_columns(
        frame,
        [h for h in unnamed if not names_another_register(h) and not another_entitys_identifier(h)],
    )
    by_values |= by_value.place_columns(frame, [h for h in unnamed if h not in by_values], mapping)
    if not any(f in mapping for f in IDENTITY_FIELDS):
        names = by_value.name_candidates(frame, [h for h in unnamed if h not in by_values])
        by_values |= _name_by_values(path, frame, names, headerless)
    for header, field_name in by_values.items():  # after the columns named as such
        mapping.setdefault(field_name, []).append(header)
    issuers = by_value.issuer_columns(mapping, frame, overrides)
    categories = by_value.category_columns(mapping, frame, overrides, issuers)
    chosen = [h for h in mapping.get("name", []) if h not in overrides]
    not_names = [h for h in chosen if by_value.not_names_column(frame[h])]
    places = [h for h in chosen if h not in not_names and by_value.places_column(frame[h])]
    not_identifiers = [] if insee else _not_identifiers(frame, mapping, overrides)
    contradicted = {} if insee else by_value.contradicted_columns(frame, mapping, overrides)
    dropped = {*issuers, *categories, *not_names, *places, *not_identifiers, *contradicted}
    mapping = {f: [h for h in hs if h not in dropped] for f, hs in mapping.items()}
    mapping = {f: hs for f, hs in mapping.items() if hs}
    if not_identifiers and not any(f in mapping for f in IDENTITY_FIELDS):
        header = not_identifiers[0]
        raise Question(
            path,
            f"la colonne « {header} » s'appelle un identifiant mais ses valeurs n'en sont pas (ex. "
            f": {by_value.examples(frame[header])}), et aucune autre colonne ne nomme l'entreprise",
            settle(path, {"(la colonne du nom de l'entreprise)": "name"}, [header]),
        )
    if not insee:
        _ask_if_identifiers_disagree(path, frame, mapping, overrides)
        if len(mapping.get("name", [])) > 1 and not set(mapping["name"]) & set(overrides):
            mapping["name"] = _names_in_order(path, frame, mapping["name"])
    set_aside = (
        dict.fromkeys(persons, PERSON)
        | dict.fromkeys(contacts, CONTACT)
        | dict.fromkeys(ignored, IGNORED_BY_OPTION)
        | {h: FUNDER for h in readable if is_funder(h) and h not in overrides}
        | {
            h: OTHER_ENTITY
            for h in readable
            if another_entitys_identifier(h) and h not in overrides
        }
        | dict.fromkeys(issuers, ISSUER)
        | dict.fromkeys(categories, CATEGORY)
        | dict.fromkeys(not_names, NOT_NAMES)
        | dict.fromkeys(places, PLACES)
        | dict.fromkeys(not_identifiers, NOT_IDENTIFIERS)
        | {h: CONTRADICTED.format(field=f) for h, f in contradicted.items()}
    )
    if not any(f in mapping for f in IDENTITY_FIELDS):
        shown = [h for h in headers if h not in persons and h not in contacts]  # never a person's
        raise InputError(
            path,
            "missing required column: a company name, SIREN or SIRET "
            f"(headers found: {', '.join(shown[:12])})",
        )
    used = {h for hs in mapping.values() for h in hs}
    kinds = by_value.person_kind_columns(frame, [h for h in readable if h not in used])
    return Roles(mapping, persons, contacts, set_aside, by_values, insee, kinds)


def _check_options(path: Path, headers: list, overrides: dict, ignored: list) -> None:
    """source.yml's `columns` and `ignore` name columns the file has, and fields santenum knows."""
    missing = [h for h in overrides if h not in headers]
    if missing:
        raise InputError(path, f"source.yml maps column(s) {missing} that the file does not have")
    unknown = sorted(set(overrides.values()) - set(FIELD_NAMES))
    if unknown:
        raise InputError(
            path, f"source.yml maps onto unknown field(s) {unknown}; fields: {sorted(FIELD_NAMES)}"
        )
    absent = [h for h in ignored if h not in headers]
    if absent:
        raise InputError(path, f"source.yml ignores column(s) {absent} that the file does not have")
    clash = [h for h in ignored if h in overrides]
    if clash:
        raise InputError(path, f"source.yml both maps and ignores column(s) {clash}")


def settle(path: Path, columns: dict, ignore: list, headerless: bool = False) -> str:
    """The source.yml lines (beside the file) that decide a question: these columns as these
    fields, those columns set aside (and no header row, for a file without one)."""
    options = {"header": False} if headerless else {}
    options["columns"] = columns
    if ignore:
        options["ignore"] = ignore
    text = yaml.safe_dump({"files": {path.name: options}}, allow_unicode=True, sort_keys=False)
    return text.rstrip()


def _name_by_values(path: Path, frame: pd.DataFrame, names: list, headerless: bool) -> dict:
    """{header: 'name'} for the one column whose values are companies' names in a file without a
    header row. Where several could be, or where a header row names none (« Acteur »), the file
    asks: values alone do not settle which column is the company."""
    if headerless and len(names) == 1:
        return {names[0]: "name"}
    if not names:
        return {}
    shown = " ; ".join(f"« {h} » (ex. : {by_value.examples(frame[h])})" for h in names[:3])
    what = "aucun en-tête ne nomme l'entreprise" if not headerless else "pas de ligne d'en-tête"
    raise Question(
        path,
        f"{what} ; colonnes qui peuvent être le nom de l'entreprise : {shown}",
        settle(path, {names[0]: "name"}, [], headerless),
    )


def _not_identifiers(frame: pd.DataFrame, mapping: dict, overrides: dict) -> list:
    """Columns a header calls a SIREN or SIRET whose values are mostly no identifier (text, short
    numbers, lists of companies): set aside, never read as one."""
    return [
        header
        for field in ("siren", "siret")
        for header in mapping.get(field, [])
        if header not in overrides and not by_value.identifier_like(frame[header])
    ]


def _ask_if_identifiers_disagree(path, frame, mapping, overrides) -> None:
    """Two columns of one identifier whose values differ on most rows: two companies per row (the
    beneficiary's and an agent's), and which one the row is about cannot be told."""
    for field in ("siren", "siret"):
        headers = [h for h in mapping.get(field, []) if h not in overrides]
        for first, second in zip(headers, headers[1:], strict=False):
            digits = frame[[first, second]].apply(by_value.compact_identifier)
            if _differ(digits[first], digits[second]):
                raise Question(
                    path,
                    f"deux colonnes donnent un {field.upper()} différent sur la plupart des lignes "
                    f": « {first} » et « {second} »",
                    settle(path, {first: field}, [second]),
                )


def _differ(first: pd.Series, second: pd.Series) -> bool:
    """Both columns filled on FILLED of the rows, and different on DIFFERENT of those."""
    both = first.notna() & second.notna()
    if both.mean() < FILLED:
        return False
    return bool((first[both] != second[both]).mean() >= DIFFERENT)


def _names_in_order(path: Path, frame: pd.DataFrame, headers: list) -> list:
    """The name columns, the one that holds the companies' names first (the first non-blank wins
    row by row): a header that names a company's name outranks a generic one (« Raison sociale »
    before « Nom »), then values with legal forms (SAS, SARL…) outrank values without. Two columns
    of the same standing, both filled, that name different things on most rows ask. Columns of a
    lower standing only fill a row the first leaves blank (« Noms des clients » never comes before
    « Raison sociale »)."""
    ordered = sorted(headers, key=lambda h: -name_standing(h))
    top = [h for h in ordered if name_standing(h) == name_standing(ordered[0])]
    ordered = by_value.company_names_first(frame, top) + ordered[len(top) :]
    first, second = ordered[0], ordered[1]
    if len(top) == 1 or by_value.clearly_companies(frame[first], frame[second]):
        return ordered
    keys = frame[[first, second]].apply(name_key)
    if _differ(keys[first], keys[second]):
        raise Question(
            path,
            f"deux colonnes peuvent être le nom de l'entreprise : « {first} » (ex. : "
            f"{by_value.examples(frame[first])}) et « {second} » (ex. : "
            f"{by_value.examples(frame[second])})",
            settle(path, {first: "name"}, [second]),
        )
    return ordered
