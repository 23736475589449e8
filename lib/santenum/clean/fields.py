"""Map the headers of a raw file onto santenum's input fields (declared in core.table.columns).

A header is matched by its key (folded, without spaces: a Field's keys, INSEE's names of every
vintage and other exports' among them), else by its words (a Field's word patterns, fields in
their declared order), never when it holds a person's name (INSEE's nom/prénom columns) or names
a contact detail (NOT_A_FIELD).
"""

import re
from functools import cache

from santenum.core.insee import ETABLISSEMENT_COLUMNS, PERSON_COLUMNS, UNITE_LEGALE_COLUMNS
from santenum.core.table.columns import (
    FIELD_BY_NAME,
    FIELD_NAMES,
    FIELDS,
    IDENTITY_FIELDS,
    WORD_ORDER,
)
from santenum.core.text import fold_one, header_key

# Headers that only INSEE's SIRENE files use.
SIRENE_KEYS = {
    key for field in FIELDS for key in field.keys if key.endswith(("unitelegale", "etablissement"))
} | {"etablissementsiege"}
# Words of a column about who pays or decides (a subsidy file's attribuant, financeur, autorité
# administrative, collectivité): its name and SIRET are the funder's, never the company's.
FUNDER_WORDS = {
    "acheteur",  # a public contract's buyer (DECP: « acheteur_id » beside « titulaire_id »)
    "acheteurs",
    "adjudicateur",
    "attribuant",
    "attribuante",
    "financeur",
    "financeurs",
    "autorite",
    "coll",
    "collectivite",
    "instructeur",
}
# Words of a contact column (an e-mail, a telephone number): never read, never copied.
CONTACT_WORDS = {"mail", "email", "courriel", "telephone", "tel", "portable", "mobile", "fax"}
# Words that make a column something else whatever it also says (a contact, a web site).
NOT_A_FIELD = CONTACT_WORDS | {
    "web",  # « Site web » (a « site » alone is a place of business: « Raison sociale site »)
    "internet",
    "url",
    "commentaire",
    "commentaires",
    "remarques",
}
STOPWORDS = {
    "de",
    "du",
    "des",
    "la",
    "le",
    "les",
    "l",
    "d",
    "en",
    "a",
    "au",
    "aux",
    "et",
    "of",
    "the",
    "n",
    "no",
    "numero",
    "num",
    "nb",
    "nombre",
    "number",
    "par",
}
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_YEAR = re.compile(r"(19|20)\d\d")
# Every known header key -> its field.
FIELD_OF_KEY = {key: field.name for field in FIELDS for key in field.keys}
_PERSON_KEYS = {header_key(column) for column in PERSON_COLUMNS}
# INSEE's published columns are known by name: those not listed above are not santenum's fields.
_INSEE_KEYS = {header_key(column) for column in (*UNITE_LEGALE_COLUMNS, *ETABLISSEMENT_COLUMNS)}


def header_tokens(header: str) -> frozenset:
    """The header's words: camelCase and snake_case split, folded, stop words and years dropped;
    a plural also stands as its singular (« Organismes » is « organisme » too)."""
    words = fold_one(_CAMEL.sub(" ", str(header))).split()
    words = [w for w in words if w not in STOPWORDS and not _YEAR.fullmatch(w)]
    return frozenset(words) | {w[:-1] for w in words if len(w) > 3 and w[-1] in "sx"}


# Identifiers of other registers (health establishments, health professionals, associations,
# schools, VAT, customs, EAN, researchers…): their numbers may pass a SIREN's check digits (FINESS
# numbers do), never a company's identifier.
OTHER_REGISTERS = ("finess", "rpps", "adeli", "orcid", "duns", "eori", "iban", "isni", "idref")
# (« PP »: a personne physique's identifier in the health directories)
OTHER_REGISTER_WORDS = {"rna", "uai", "tva", "ean", "gln", "nir", "ine", "insee", "pp"}


_OTHERS_WORDS = {"adherent", "membre", "client", "fournisseur", "dirigeant", "representant"}


def about_others(header: str) -> bool:
    """True for a column about other people or organisations than the row's own (its members,
    clients, suppliers, leaders: « Nature juridique des adhérents »)."""
    return bool(header_tokens(header) & _OTHERS_WORDS)


# Words of a header that names another organisation than the row's: the grouping it belongs to,
# its group or parent, its intercommunality, its clients or suppliers (« groupement_siren »).
_OTHER_ENTITY_WORDS = {
    "groupement",
    "groupe",
    "mere",
    "holding",
    "epci",
    "intercommunalite",
    "client",
    "fournisseur",
    "donneur",
}
_IDENTIFIER_FIELDS = ("siren", "siret")


def another_entitys_identifier(header: str) -> bool:
    """True for a column whose header names an identifier of another organisation than the row's
    (« groupement_siren », « SIRET du client »): never the row's SIREN or SIRET."""
    tokens = header_tokens(header)
    return bool(tokens & _OTHER_ENTITY_WORDS) and field_of(header, others=True)[0] in (
        _IDENTIFIER_FIELDS
    )


def names_another_register(header: str) -> bool:
    """True for a column a header says holds another register's identifier (« FINESS »,
    « nofinesset », « Numéro RNA »): never read as a SIREN or SIRET by its values."""
    key = header_key(header)
    return any(word in key for word in OTHER_REGISTERS) or bool(
        header_tokens(header) & OTHER_REGISTER_WORDS
    )


@cache
def field_of(header: str, others: bool = False) -> tuple:
    """(field, how) for a header: by INSEE's or a known export's name, else by its words; (None, '').
    An identifier of another organisation than the row's is none (another_entitys_identifier;
    `others`: the field its words would name all the same)."""
    key = header_key(header)
    if key in _PERSON_KEYS:
        return None, ""
    if key in FIELD_OF_KEY:
        return FIELD_OF_KEY[key], "nom connu"
    if key in _INSEE_KEYS:
        return None, ""
    tokens = header_tokens(header)
    if not tokens or tokens & NOT_A_FIELD or tokens & FUNDER_WORDS:
        return None, ""
    for name in WORD_ORDER:
        if any(p.words <= tokens and not tokens & p.unless for p in FIELD_BY_NAME[name].words):
            if name in _IDENTIFIER_FIELDS and tokens & _OTHER_ENTITY_WORDS and not others:
                return None, ""
            return name, "mots de l'en-tête"
    return None, ""


def match_headers(headers: list, overrides: dict | None = None) -> dict:
    """Input field -> original headers (priority order); `overrides` maps header -> field.

    Headers named as santenum knows them come first (in FIELDS order), then those matched by
    their words, in file order; the first non-blank value wins row by row.
    """
    overrides = overrides or {}
    ranked = {}
    for position, header in enumerate(headers):
        field, how = field_of(header)
        if field is None or header in overrides:
            continue
        key = header_key(header)
        known = FIELD_BY_NAME[field].keys
        rank = known.index(key) if key in known else len(known) + position
        ranked.setdefault(field, []).append((rank, header))
    found = {
        field: [h for _, h in sorted(ranked[field])] for field in FIELD_NAMES if field in ranked
    }
    chosen = {}
    for header, field in overrides.items():  # source.yml's columns first, in its order
        if header in headers:
            chosen.setdefault(field, []).append(header)
    for field, mapped in chosen.items():
        found[field] = mapped + found.get(field, [])
    return found


def is_contact(header: str) -> bool:
    """True for a column of e-mails or telephone numbers by its header (CONTACT_WORDS)."""
    return bool(header_tokens(header) & CONTACT_WORDS)


def is_funder(header: str) -> bool:
    """True for a column about who pays or decides (FUNDER_WORDS): never the company's."""
    return bool(header_tokens(header) & FUNDER_WORDS)


def uses_sirene_names(headers: list) -> bool:
    """True when the headers are INSEE's own SIRENE column names."""
    return any(header_key(h) in SIRENE_KEYS for h in headers)


def uses_insee_names(headers: list) -> bool:
    """True for INSEE's SIRENE layouts of every vintage and the annuaire des entreprises export,
    whose person columns are known by name."""
    keys = {header_key(h) for h in headers}
    return uses_sirene_names(headers) or bool(keys & (_PRE_2019_KEYS | PERSON_CAPABLE_NAME_KEYS))


def names_identity(headers: list) -> bool:
    """True when a header names a company's name, SIREN or SIRET (a data sheet's header)."""
    return any(field_of(str(h))[0] in IDENTITY_FIELDS for h in headers if h not in (None, ""))


def count_known(headers: list) -> int:
    """How many headers name a known input field (used to find the header row)."""
    return sum(field_of(str(h))[0] is not None for h in headers if h is not None)


# Pre-2019 SIRENE layout (and the annuaire des entreprises export): name columns that hold an
# individual entrepreneur's own name (uses_insee_names tells such files).
PERSON_CAPABLE_NAME_KEYS = {"nomenlong", "l1normalisee", "nomcomplet"}
_TRADE_NAME_WORDS = {"enseigne", "enseignes", "usuel", "usuelle", "commercial", "commerciale"}


def is_trade_name(header: str) -> bool:
    """True for a column of trade names (an « enseigne », a « nom commercial », INSEE's
    dénominations usuelles): the only name a natural person's row may be known by."""
    key = header_key(header)
    return key.startswith(("enseigne", "denominationusuelle")) or bool(
        header_tokens(header) & _TRADE_NAME_WORDS
    )


# Keys that only INSEE's pre-2019 layout uses: in such a file, NOM is the person's surname.
_PRE_2019_KEYS = {"nomenlong", "l1normalisee", "apen700", "apet700", "tefen", "tefet", "dcren"}
# Headers that always describe a person (a first name, a title, a sex), by key or by word.
_PERSON_ONLY_KEYS = {"civilite", "sexe", "genre", "nomnaissance", "nomdenaissance", "nomusage"}
_PERSON_WORDS = {"prenom", "prenoms", "prenom1", "civilite"}
_SURNAME_KEYS = {"nom", "noms", "nomdefamille", "nomdusage"}


# Words of a header that make a « Nom » an organisation's or a thing's, not a person's.
ORGANISATION_WORDS = {
    "entreprise",
    "entreprises",
    "societe",
    "structure",
    "organisme",
    "organisation",
    "organization",
    "etablissement",
    "raison",
    "sociale",
    "denomination",
    "company",
    "association",
    "startup",
    "commercial",
    "commerciale",
    "enseigne",
    "marque",
    "usuel",
    "groupe",
    "ues",
    "laboratoire",
    "cabinet",
}


def person_headers(headers) -> list:
    """Headers of columns holding a natural person's identity: never read, never copied.

    INSEE's nom/prénom/sexe columns of every vintage, any first-name or civility column, a plain
    "Nom" in a file that also has a first-name column or uses INSEE's pre-2019 layout, and, beside
    a first-name column, any « Nom de X » whose words name no organisation and no place: « Nom du
    lauréat » beside « Prénom du candidat » is the laureate's surname, « Nom de l'entreprise »
    the company's and « Nom de la commune » a place.
    """
    keys = {header: header_key(header) for header in map(str, headers)}
    by_word = {h for h in keys if header_tokens(h) & _PERSON_WORDS}
    surname_context = by_word or _PRE_2019_KEYS & set(keys.values())
    return [
        header
        for header, key in keys.items()
        if key in _PERSON_KEYS
        or key in _PERSON_ONLY_KEYS
        or header in by_word
        or (surname_context and key in _SURNAME_KEYS)
        or (by_word and _a_surname(header))
    ]


def _a_surname(header: str) -> bool:
    """« Nom … » whose other words name no organisation, and that no other field claims."""
    tokens = header_tokens(header)
    return (
        bool(tokens & {"nom", "name", "noms"})
        and not tokens & ORGANISATION_WORDS
        and field_of(header)[0] in (None, "name")
    )


# Header keys that name a company's name for sure; other name headers (« Nom », « Structure »,
# a kind of company such as « Lauréat ») name it less surely (name_standing).
_GENERIC_NAME_KEYS = {"nom", "name", "structure"}


def name_standing(header: str) -> int:
    """How surely a header names the company's name: 3 a company's name (« Raison sociale »,
    « Dénomination », INSEE's names), 2 a generic one (« Nom », « Structure »), 1 by its words
    (« Lauréat », « Nom de la startup »), 0 not a name."""
    field, how = field_of(header)
    if field != "name":
        return 0
    if how != "nom connu":
        return 1
    return 2 if header_key(header) in _GENERIC_NAME_KEYS else 3
