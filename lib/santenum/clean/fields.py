"""Map the headers of a raw file onto santenum's input fields."""

from santenum.clean.normalise.text import header_key
from santenum.sirene.columns import PERSON_COLUMNS

# Input field -> header keys (see text.header_key) in priority order: when a file has
# several of them, the first non-blank value wins row by row.
FIELDS = {
    "name": [
        "raisonsociale",
        "denomination",
        "nomdelentreprise",
        "entreprise",
        "societe",
        "nom",
        "nomdelastructure",
        "structure",
        "companyname",
        "name",
        "denominationunitelegale",
        "denominationusuelle1unitelegale",
        "enseigne1etablissement",
        "denominationusuelleetablissement",
    ],
    # INSEE's catégorie juridique: 1000 is an individual entrepreneur, named after a person.
    "legal_category": ["categoriejuridiqueunitelegale", "categoriejuridique"],
    "siren": ["siren", "numerosiren", "nsiren", "nodesiren", "sirenentreprise"],
    "siret": ["siret", "numerosiret", "nsiret", "nodesiret", "siretsiege"],
    "commune_code": [
        "codecommune",
        "codeinsee",
        "codeinseecommune",
        "codecommuneinsee",
        "codecommuneetablissement",
    ],
    "commune_name": ["commune", "ville", "localite", "libellecommuneetablissement"],
    "postal_code": ["codepostal", "cp", "postalcode", "codepostaletablissement"],
    "creation_date": [
        "datedecreation",
        "datecreation",
        "creation",
        "anneedecreation",
        "anneecreation",
        "datedecreationdelentreprise",
        "datecreationunitelegale",
    ],
    "headcount": [
        "effectif",
        "effectifs",
        "effectiftotal",
        "nombredesalaries",
        "nbsalaries",
        "salaries",
        "nombredemployes",
    ],
    "headcount_band": [
        "tranchedeffectif",
        "tranchedeffectifs",
        "trancheeffectif",
        "trancheeffectifs",
        "trancheeffectifsunitelegale",
        "trancheeffectifsetablissement",
    ],
    "size_category": [
        "categoriedentreprise",
        "categorieentreprise",
        "categorie",
        "tailledentreprise",
        "taille",
    ],
    "revenue": ["chiffredaffaires", "chiffredaffaire", "ca", "caht", "turnover", "revenue"],
    "segment": ["segment", "segmentdemarche", "segmentdemarchee", "domainedactivite"],
    "products": ["produits", "produit", "typedeproduits", "typesdeproduits", "offre"],
    "technologies": [
        "technologies",
        "technologie",
        "technologiesutilisees",
        "briquestechnologiques",
    ],
    "value_chain": ["maillonsdelachainedevaleur", "chainedevaleur", "maillons", "maillon"],
    "uses_ai": [
        "ia",
        "intelligenceartificielle",
        "usageia",
        "utilisationdelia",
        "integrationdelia",
    ],
    "naf_code": [
        "codenaf",
        "naf",
        "codeape",
        "ape",
        "activiteprincipaleunitelegale",
        "activiteprincipaleetablissement",
    ],
    "legal_unit_state": ["etatadministratifunitelegale"],
    "establishment_state": ["etatadministratifetablissement"],
    "head_office": ["etablissementsiege"],
}

# Fields that identify a company: a file needs at least one of them.
IDENTITY_FIELDS = ("name", "siren", "siret")
# Headers that only INSEE's SIRENE files use.
SIRENE_KEYS = {
    key
    for keys in FIELDS.values()
    for key in keys
    if key.endswith(("unitelegale", "etablissement"))
} | {"etablissementsiege"}


def match_headers(headers: list, overrides: dict | None = None) -> dict:
    """Input field -> original headers (priority order); `overrides` maps header -> field."""
    overrides = overrides or {}
    keyed = {header: header_key(header) for header in headers}
    found = {}
    for field, keys in FIELDS.items():
        ranked = sorted(
            (keys.index(k), h) for h, k in keyed.items() if k in keys and h not in overrides
        )
        if ranked:
            found[field] = [h for _, h in ranked]
    for header, field in overrides.items():
        if header in headers:
            found.setdefault(field, []).insert(0, header)
    return found


def uses_sirene_names(headers: list) -> bool:
    """True when the headers are INSEE's own SIRENE column names."""
    return any(header_key(h) in SIRENE_KEYS for h in headers)


def count_known(headers: list) -> int:
    """How many headers name a known input field (used to find the header row)."""
    known = {key for keys in FIELDS.values() for key in keys}
    return sum(header_key(h) in known for h in headers if h is not None)


def personal_headers(headers) -> list:
    """Headers of INSEE's columns holding a natural person's name: never read, never copied."""
    keys = {header_key(column) for column in PERSON_COLUMNS}
    return [header for header in headers if header_key(header) in keys]
