"""What a column's values say it is: whether they read as a field (before a column is proposed for
it); identifier columns told by their check digits and place columns told by the reference,
whatever their header; contact columns (e-mails, telephone numbers) never read nor copied."""

import numpy as np
import pandas as pd

from santenum.clean.fields import about_others
from santenum.clean.normalise import geography
from santenum.clean.normalise.geography import normalise_commune_code, normalise_postal_code
from santenum.clean.normalise.identifiers import compact_digits, siren_is_valid, siret_is_valid
from santenum.clean.normalise.size import parse_headcount
from santenum.clean.parse import PARSERS
from santenum.core.table.columns import IDENTITY_FIELDS
from santenum.core.text import LEADING_FORMS, TRAILING_FORMS, among, fold, restore_leading_zero


def _share(check):
    return lambda values: check(values).fillna(False).astype(bool)


def _parsed(parse):
    return lambda values: parse(values).notna()


def _identifier(width: int, valid):
    return lambda values: valid(restore_leading_zero(compact_digits(values), width))


def _text(values: pd.Series) -> pd.Series:
    """Words, not a number, a date, an address on the web or an e-mail."""
    return ~values.str.contains(r"^[\d\s.,/:%€$£+-]*$|https?://|www\.|@", regex=True)


# Field -> what a value must satisfy for a column to be proposed as that field: its parser reads
# it (clean/parse.py's PARSERS), or the test below; a field not listed takes any text.
FITS = {
    **{field: _parsed(parser) for field, parser in PARSERS.items()},
    "siren": _identifier(9, siren_is_valid),
    "siret": _identifier(14, siret_is_valid),
    "postal_code": lambda v: among(normalise_postal_code(v), geography.postal_codes()),
    "commune_code": lambda v: among(normalise_commune_code(v), geography.commune_codes()),
    "headcount": lambda v: parse_headcount(v)["headcount_band"].notna(),
    "head_office": lambda v: v.str.lower().isin(["true", "false", "oui", "non", "vrai", "faux"]),
    "name": _text,
    "commune_name": _text,
    "departement": lambda v: geography.area(v, pd.Series(pd.NA, index=v.index))[
        "departement_code"
    ].notna(),
    "region": lambda v: geography.area(pd.Series(pd.NA, index=v.index), v)["region_code"].notna(),
}
FIT_SHARE = 0.5  # of a column's first values that must fit the field
FIT_SAMPLE = 200


def _sample(values: pd.Series) -> pd.Series:
    """A column's first FIT_SAMPLE non-blank values, as text: what its role is told from."""
    return values.dropna().astype("string").head(FIT_SAMPLE)


def fits(field: str, values: pd.Series) -> bool:
    """True when at least half of the column's first non-blank values read as `field`."""
    sample = _sample(values)
    if sample.empty:
        return False
    check = FITS.get(field)
    return check is None or _share(check)(sample).mean() >= FIT_SHARE


IDENTIFIER_SHARE = 0.9  # of a column's first values that must pass their check digits
MIN_IDENTIFIERS = 5


def identifier_columns(frame: pd.DataFrame, candidates: list) -> dict:
    """Header -> 'siret' or 'siren' for the candidate columns whose first values (five at least)
    nearly all pass a SIRET's, else a SIREN's, check digits (« Identifiant », « N° »): a check a
    column of other numbers passes one time in ten."""
    found = {}
    for header in candidates:
        sample = _sample(frame[header])
        if len(sample) < MIN_IDENTIFIERS:
            continue
        for field in ("siret", "siren"):
            if _share(FITS[field])(sample).mean() >= IDENTIFIER_SHARE:
                found[header] = field
                break
    return found


# What `santenum inspect` says of a column whose field its values told.
VALUE_EVIDENCE = {
    "siren": "valeurs : clés de contrôle valides",
    "siret": "valeurs : clés de contrôle valides",
    "commune_name": "valeurs : noms de communes françaises",
    "postal_code": "valeurs : codes postaux que la commune de la ligne confirme",
    "name": "valeurs : seule colonne de noms d'organisations (fichier sans ligne d'en-tête)",
}
PLACE_SHARE = 0.8  # of a column's first values the reference must confirm as places
POSTAL_SHARE = 0.9  # of a column's first values that must be postal codes in use


def commune_name_column(frame: pd.DataFrame, candidates: list) -> str | None:
    """The first candidate column whose first values (five at least) are, for PLACE_SHARE of them,
    names of French communes (« Implantation », « Localisation »…); else None."""
    for header in candidates:
        sample = _sample(frame[header])
        if len(sample) < MIN_IDENTIFIERS or not _text(sample).all():
            continue
        if among(geography.place_key(sample), geography.commune_place_keys()).mean() >= PLACE_SHARE:
            return header
    return None


def postal_code_column(frame: pd.DataFrame, candidates: list, communes: str) -> str | None:
    """The first candidate column of postal codes that the commune column `communes` confirms row
    by row (PLACE_SHARE of the rows giving both name a commune the code serves). Amounts such as
    30000 or 15000 are postal codes too: without a commune column to confirm them, five-digit
    numbers are never read as places."""
    for header in candidates:
        pairs = frame[[header, communes]].dropna().astype("string").head(FIT_SAMPLE)
        if len(pairs) < MIN_IDENTIFIERS or FITS["postal_code"](pairs[header]).mean() < POSTAL_SHARE:
            continue
        if geography.postal_code_agrees(pairs[header], pairs[communes]).mean() >= PLACE_SHARE:
            return header
    return None


def place_columns(frame: pd.DataFrame, candidates: list, mapping: dict) -> dict:
    """Header -> 'commune_name' / 'postal_code' for unnamed columns the reference confirms, for
    the place fields no header named."""
    found = {}
    communes = (mapping.get("commune_name") or [None])[0]
    if communes is None and "commune_code" not in mapping:
        communes = commune_name_column(frame, candidates)
        if communes is not None:
            found[communes] = "commune_name"
    if communes is not None and "postal_code" not in mapping:
        others = [h for h in candidates if h != communes]
        postal = postal_code_column(frame, others, communes)
        if postal is not None:
            found[postal] = "postal_code"
    return found


_EMAIL = r"^[^@\s]+@[^@\s]+\.[a-zA-Z]{2,}$"
_PHONE = r"^(?:\+33\s?|0)[1-9](?:[\s.-]?\d{2}){4}$"
CONTACT_SHARE = 0.5


def contact_columns(frame: pd.DataFrame, candidates: list) -> list:
    """Columns whose values are mostly e-mail addresses or French telephone numbers: a person's
    contact as often as a company's, never read nor copied into any output."""
    cells = _sampled_cells(frame, candidates)
    text = cells.str.strip()
    contact = (text.str.fullmatch(_EMAIL) | text.str.fullmatch(_PHONE)).fillna(False)
    share = contact.astype(float).groupby(cells.index, sort=False).mean()
    return [h for h in candidates if share.get(h, 0.0) >= CONTACT_SHARE]


def _sampled_cells(frame: pd.DataFrame, candidates: list) -> pd.Series:
    """Each candidate column's first FIT_SAMPLE non-blank values (_sample), as one text Series
    indexed by the column's header: one pass over the cells, whatever the number of columns (a
    file of 20 000 columns cost a pass per column)."""
    if len(frame) > FIT_SAMPLE:  # a tall table: its first values, column by column
        samples = {h: _sample(frame[h]) for h in candidates}
        parts = [pd.Series(v.to_numpy(), index=[h] * len(v)) for h, v in samples.items()]
        return pd.concat(parts).astype("string") if parts else pd.Series(dtype="string")
    values = frame[candidates].to_numpy(dtype=object).ravel(order="F")
    cells = pd.Series(values, index=np.repeat(candidates, len(frame)), dtype="string")
    return cells[cells.notna()]


COMPANY_SHARE = 0.3  # of a name column's values that must carry a legal form (SAS, SARL…)


def _legal_form_share(values: pd.Series) -> float:
    folded = fold(_sample(values))
    if folded.empty:
        return 0.0
    forms = folded.str.contains(TRAILING_FORMS) | folded.str.contains(LEADING_FORMS)
    return float(forms.fillna(False).mean())


def company_names_first(frame: pd.DataFrame, headers: list) -> list:
    """Name columns with the one whose values look most like companies' names first (a legal form
    on COMPANY_SHARE of them, twice as often as in the first column: « Structure » holding
    « Biosense SAS » beside « Nom » holding a product's name); else as given."""
    shares = {header: _legal_form_share(frame[header]) for header in headers}
    best = max(headers, key=shares.get)
    if shares[best] >= COMPANY_SHARE and shares[best] >= 2 * shares[headers[0]]:
        return [best, *(h for h in headers if h != best)]
    return headers


def not_names_column(values: pd.Series) -> bool:
    """True for a column a header calls a name whose filled values are mostly numbers, web
    addresses or e-mails (at least half of its first values): never a company's name."""
    sample = _sample(values)
    return not sample.empty and _text(sample).mean() < FIT_SHARE


def clearly_companies(first: pd.Series, second: pd.Series) -> bool:
    """True when the first column's values carry legal forms (SAS, SARL…) on COMPANY_SHARE of
    them, twice as often as the second's: its values are the companies' names."""
    share = _legal_form_share(first)
    return share >= COMPANY_SHARE and share >= 2 * _legal_form_share(second)


def compact_identifier(values: pd.Series) -> pd.Series:
    """An identifier's digits as written (spaces, dots and dashes dropped); missing if none."""
    return compact_digits(values.astype("string"))


def identifier_like(values: pd.Series) -> bool:
    """True when at least half of a column's first values are shaped like a SIREN or a SIRET
    (nine or fourteen digits, one less where a spreadsheet dropped the leading zero, or a SIRET a
    spreadsheet wrote in scientific notation), whatever their check digits."""
    sample = _sample(values).str.strip()
    if sample.empty:
        return True
    scientific = sample.str.fullmatch(r"[0-9][.,][0-9]+[eE]\+?[0-9]{1,2}")
    digits = compact_digits(sample).str.fullmatch(r"[0-9]{8,9}|[0-9]{13,14}")
    return bool((scientific.fillna(False) | digits.fillna(False)).mean() >= FIT_SHARE)


def places_column(values: pd.Series) -> bool:
    """True for a column a header calls a name whose first values (five at least) are, for
    PLACE_SHARE of them, names of communes, départements or régions (« com_nom » holding
    « Montpellier »): places, not companies."""
    sample = _sample(values)
    if len(sample) < MIN_IDENTIFIERS:
        return False
    communes = among(geography.place_key(sample), geography.commune_place_keys())
    areas = geography.area(sample, sample)
    places = communes | areas["departement_code"].notna() | areas["region_code"].notna()
    return bool(places.mean() >= PLACE_SHARE)


NAME_WORDS_SHARE = 0.8  # of a column's values that must be words (not numbers, not addresses)
NAME_WORDS = 8  # at most this many words in most names (a description has more)
KINDS = 10  # a column of at most this many distinct values holds kinds, not names, and so
KINDS_COVER = 0.6  # does one whose five commonest values fill this share of its rows


def holds_kinds(values: pd.Series) -> bool:
    """True for a column of a few kinds repeated (« Médecin », « REPAS », « Entreprise privée »),
    told on its folded values, each seen twice on average: at most KINDS distinct, or five of them
    on KINDS_COVER of its rows. A list of companies, even one naming each company many times,
    spreads wider; a short list of a few companies does not repeat them."""
    folded = fold(values.dropna().astype("string")).dropna()
    counts = folded.value_counts()
    if len(folded) < 2 * len(counts):
        return False
    return len(counts) <= KINDS or counts.head(5).sum() >= KINDS_COVER * len(folded)


def _codes_or_figures(values: pd.Series) -> pd.Series:
    """True for a value that is a code (one word of capitals, digits and / . - _, a digit in it, or
    four letters at most: « BLQP0100 », « EU/1/14/944 », « COE ») or holds a figure with its unit
    or after a colon (« 300 mg », « Cataracte : 790 »): no organisation's name."""
    code = values.str.fullmatch(r"[A-Z0-9/._-]*[0-9][A-Z0-9/._-]*|[A-Z]{1,4}")
    figure = values.str.contains(
        r"[0-9]+(?:[.,][0-9]+)?\s*(?:mg|g|ml|l|%|µg|ui)\b|:\s*[0-9]", regex=True
    )
    return (code.fillna(False) | figure.fillna(False)).astype(bool)


def name_candidates(frame: pd.DataFrame, candidates: list) -> list:
    """The candidate columns whose values read as organisations' names — words (not numbers, web
    or e-mail addresses), short (not descriptions), varied (not a few repeated kinds), not places —
    those whose values carry legal forms (SAS, SARL…) most often first. People's columns are found
    before (persons.people_columns)."""
    found = []
    for header in candidates:
        sample = _sample(frame[header])
        if len(sample) < MIN_IDENTIFIERS or _text(sample).mean() < NAME_WORDS_SHARE:
            continue
        if holds_kinds(frame[header]):
            continue  # a few kinds repeated (« Médecin », « Entreprise privée »): no names
        if places_column(sample) or sample.str.split().str.len().median() > NAME_WORDS:
            continue
        if _codes_or_figures(sample).mean() >= FIT_SHARE:
            continue  # codes (« BLQP0100 », « COE ») or doses and figures (« 300 mg »)
        found.append(header)
    return sorted(found, key=lambda h: -_legal_form_share(frame[h]))


def examples(values: pd.Series, count: int = 3, width: int = 30) -> str:
    """A few of a column's values, for a message: « A ; B ; C »."""
    sample = _sample(values).drop_duplicates().head(count)
    return " ; ".join(v if len(v) <= width else v[: width - 1] + "…" for v in sample)


# What a kind column (or a legal form) says of a row that is a natural person, on folded text.
PERSON_KINDS = (
    r"\b(?:personnes? physiques?|particuliers?|entrepreneur individuel|entreprise individuelle"
    r"|auto ?entrepreneur|micro ?entrepreneur|profession liberale|indivision)\b"
    r"|^ei(?:rl)?\b|\bei(?:rl)?$"  # the legal form EI / EIRL before or after a name
)


PERSON_KIND_WORDS = 6  # at most this many words in a value that says what its row is


# A word of PERSON_KINDS in any case and accent: a value without one needs no folding (RE2, fast).
_PERSON_KIND_HINT = (
    r"(?i)physique|particulier|individuel|entrepreneur|lib.{1,2}rale|indivision"
    r"|^\W*e\.?i\.?(?:r\.?l\.?)?(?:\W|$)|(?:\W|^)e\.?i\.?(?:r\.?l\.?)?\W*$"
)


def is_person_kind(values: pd.Series) -> pd.Series:
    """True where a value says its row is a natural person (« Personne physique », « Indivision
    entre personnes physiques »): the kind alone, not a list of kinds (« Personnes morales,
    personnes physiques » says what an organisation's members are)."""
    text = pd.Series(values).astype("string[pyarrow]")
    hint = _person_kind_hint(text)
    if not hint.all():
        out = pd.Series(False, index=text.index)
        out[hint] = _is_person_kind(text[hint])
        return out
    return _is_person_kind(values)


def names_a_person(values: pd.Series) -> pd.Series:
    """True where a name cell says a natural person (is_person_kind), alone or as one of the
    holders it lists (« EI STEPHANY MAZIOUX | MMA IARD »): the cell is never copied."""
    found = is_person_kind(values)
    text = values.astype("string")
    listed = text.str.contains("|", regex=False).fillna(False).to_numpy(dtype=bool)
    if listed.any():
        parts = text[listed].str.split("|").explode().str.strip()
        found[listed] |= is_person_kind(parts).groupby(level=0).any()
    return found


def _person_kind_hint(text: pd.Series) -> np.ndarray:
    """True where a value holds one of PERSON_KINDS' words (RE2: fast, no folding)."""
    hint = text.astype("string[pyarrow]").str.contains(_PERSON_KIND_HINT, regex=True)
    return hint.fillna(False).to_numpy(dtype=bool)


def _is_person_kind(values: pd.Series) -> pd.Series:
    folded = fold(values)
    alone = ~values.astype("string").str.contains(r"[,;/+]", regex=True).fillna(False)
    short = folded.str.split().str.len() <= PERSON_KIND_WORDS
    said = folded.str.contains(PERSON_KINDS, regex=True)
    return (said & short & alone).fillna(False).astype(bool)


def person_kind_columns(frame: pd.DataFrame, candidates: list) -> list:
    """The columns of kinds (holds_kinds) one value of which says its row is a natural person:
    a lobbyists' register whose « Nature de l'organisme » reads « Personne physique » there; never
    a column about others (« … des adhérents »: about the organisation's members)."""
    cells = _sampled_cells(frame, candidates) if len(frame) <= FIT_SAMPLE else None
    hinted = None if cells is None else set(cells.index[_person_kind_hint(cells)])
    return [
        header
        for header in candidates
        if (hinted is None or header in hinted)  # no value holds a kind's word: none says one
        and not about_others(header)
        and holds_kinds(frame[header])
        and is_person_kind(frame[header].dropna()).any()
    ]


ISSUER_MIN_ROWS = 5  # a file this long whose identity column never varies names its issuer
ISSUER_FILLED = 0.9  # of the rows an issuer's column fills (a mostly empty column is no issuer)
CATEGORY_RATIO = (
    3  # a name column beside a column of kinds has at least this many times more values
)


def issuer_columns(mapping: dict, frame, overrides: dict) -> list:
    """Identity columns that hold one value on (nearly) every row when another column of the same
    field varies: the file's issuer (the council that pays, the authority that decides: « Nom de
    l'attributaire » in one département's file), not the companies it lists. Columns source.yml
    maps are never among them."""
    if len(frame) < ISSUER_MIN_ROWS:
        return []
    found = []
    for field in IDENTITY_FIELDS:
        headers = mapping.get(field, [])
        varies = {h: not _one_value(frame[h]) for h in headers}
        constant = [
            h
            for h in headers
            if h not in overrides and not varies[h] and frame[h].notna().mean() >= ISSUER_FILLED
        ]
        if any(varies.values()):
            found += constant
    return found


def _one_value(values: pd.Series) -> bool:
    """True for a column of at most one distinct value (missing values aside): each value is the
    first (no count of a million distinct names)."""
    given = values.dropna()
    return given.empty or bool((given == given.iloc[0]).all())


def category_columns(mapping: dict, frame, overrides: dict, set_aside: list) -> list:
    """Name columns that hold a few kinds repeated (values.holds_kinds) beside a name column with
    CATEGORY_RATIO times more distinct values: a kind of structure (« Structure » : « Entreprise »
    or « Unité économique et sociale » in the gender-equality index; « Activité de l'organisme »
    beside « Organismes contrôlés »), not a company's name."""
    headers = [h for h in mapping.get("name", []) if h not in set_aside]
    if len(frame) < ISSUER_MIN_ROWS or len(headers) < 2:
        return []
    distinct = {h: frame[h].nunique(dropna=True) for h in headers}
    most = max(distinct.values())
    return [
        h
        for h in headers
        if h not in overrides
        and distinct[h] > 1
        and holds_kinds(frame[h])
        and most >= CATEGORY_RATIO * distinct[h]
    ]


# Fields a header names whose values decide for themselves: the identity's (roles asks or sets
# aside), the places the reference locates row by row (a CEDEX code, a foreign town), free text.
_TOLD_ELSEWHERE = {
    "name",
    "siren",
    "siret",
    "postal_code",
    "commune_code",
    "commune_name",
    "address",
}


def contradicted_columns(frame: pd.DataFrame, mapping: dict, overrides: dict) -> dict:
    """Header -> field of the columns a header names as a field their values mostly do not fit (a
    « Région » of produce origins — Bordeaux, Madagascar —, a « Code catégorie professionnelle » of
    letters): set aside, never read as that field."""
    return {
        header: field
        for field, headers in mapping.items()
        if field not in _TOLD_ELSEWHERE
        for header in headers
        if header not in overrides and not fits(field, frame[header])
    }
