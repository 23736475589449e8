"""The company table and the fields files hold, declared once (pandera-style).

A Column is what companies.parquet holds: its order, French label, merge precedence, taxonomy and
the Check its values pass. A Field is what a file's column can be read as: how headers name it
(keys, then word patterns), its kind, and the Column its parsed values fill. Everything else
derives from these two tuples: header matching and column roles (clean/fields.py, clean/roles.py),
the values a column must hold to be read as a field and their parsers (clean/values.py,
clean/parse.py, keyed by the field's name), the schema (clean/validate.py), `santenum inspect`,
the conformity step that turns a value outside its column's Check into an unparsed value, and
the reports' headers. Adding a field is one Field (and a Column when the table keeps it) here,
and its parser in clean/parse.py (docs/contributing.md).
"""

import re
from dataclasses import dataclass
from enum import StrEnum

from santenum.core.table.perimeter import PerimeterStatus

# Which kind of source wins when merged rows disagree: the register (SIRENE) for identity and
# location, the survey for what companies declare. Within one kind, a head office (siège) comes
# first, then file order, then row order.
REGISTER_FIRST = ("sirene", "survey", "list")
SURVEY_FIRST = ("survey", "list", "sirene")
SURVEY_NAME_FIRST = ("survey", "sirene", "list")  # survey names keep their accents and case


@dataclass(frozen=True)
class Check:
    """The values a column may hold: a pattern (whole value), bounds, or the labels of a reference
    table (`among`: 'departements', 'regions', 'bands', 'categories', or a taxonomy's name)."""

    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    among: str | None = None
    siren: bool = False  # passes the SIREN check digits


@dataclass(frozen=True)
class Column:
    """One column of the company table."""

    name: str
    label: str  # header shown to readers
    precedence: tuple | None = None  # source kinds in order when merged rows disagree
    taxonomy: str | None = None  # data/reference/<taxonomy>.yml whose labels the values must be
    is_list: bool = False  # several labels per company (an Arrow list of text)
    dtype: str = "string"  # pandas dtype (list columns: Arrow lists of text)
    check: Check | None = None
    nullable: bool = True
    unique: bool = False  # no two companies share a (non-missing) value
    # The value of a table written before the column existed; else missing (false for a boolean
    # column that is never missing).
    default: object = None


COLUMNS = (
    Column("company_id", "identifiant", nullable=False, unique=True),
    Column("siren", "SIREN", REGISTER_FIRST, check=Check(siren=True), unique=True),
    # a company known by its SIREN alone has no name, and an individual entrepreneur none of its own
    Column("name", "raison sociale", SURVEY_NAME_FIRST),
    Column("commune_code", "commune (code)", REGISTER_FIRST, check=Check(r"\d{5}|2[AB]\d{3}")),
    Column("postal_code", "code postal", REGISTER_FIRST, check=Check(r"\d{5}")),
    Column("departement_code", "département", REGISTER_FIRST, check=Check(among="departements")),
    Column("region_code", "région (code)", REGISTER_FIRST, check=Check(among="regions")),
    Column("metropole", "métropole", REGISTER_FIRST),
    Column("creation_date", "date de création", REGISTER_FIRST, dtype="datetime64[s]"),
    Column("age_years", "âge", dtype="Int64", check=Check(minimum=0)),
    Column("headcount", "effectif salarié", SURVEY_FIRST, dtype="Int64", check=Check(minimum=0)),
    Column("headcount_band", "tranche d'effectifs", REGISTER_FIRST, check=Check(among="bands")),
    Column(
        "size_category", "catégorie d'entreprise", REGISTER_FIRST, check=Check(among="categories")
    ),
    Column("naf_code", "code NAF", REGISTER_FIRST, check=Check(r"\d{2}\.\d{2}[A-Z]")),
    Column(
        "revenue_eur", "chiffre d'affaires", SURVEY_FIRST, dtype="Float64", check=Check(minimum=0)
    ),
    Column("segment", "segment", SURVEY_FIRST, taxonomy="segments"),
    Column("products", "produits", SURVEY_FIRST, taxonomy="products", is_list=True),
    Column("technologies", "technologies", SURVEY_FIRST, taxonomy="technologies", is_list=True),
    Column(
        "value_chain",
        "maillons de la chaîne de valeur",
        SURVEY_FIRST,
        taxonomy="value_chain",
        is_list=True,
    ),
    Column("uses_ai", "IA", SURVEY_FIRST, dtype="boolean"),
    Column(
        "digital_health_share",
        "part de l'activité en santé numérique",
        SURVEY_FIRST,
        dtype="Float64",
        check=Check(minimum=0, maximum=1),
    ),
    Column("needs", "besoins", SURVEY_FIRST, taxonomy="needs", is_list=True),
    Column("maturity", "maturité", SURVEY_FIRST, taxonomy="maturity", is_list=True),
    # The register's state: a company SIRENE says has ceased stays in the table, marked closed, so
    # that an edition can count it as an exit; analyses count active companies only.
    Column("closed", "cessée (SIRENE)", REGISTER_FIRST, dtype="boolean", nullable=False),
    # Whether the company belongs to the filière, on evidence (clean/perimeter.py); analyses count
    # only the companies in it. A table written before the perimeter counted every company.
    Column(
        "perimeter",
        "périmètre",
        check=Check("|".join(re.escape(status.value) for status in PerimeterStatus)),
        nullable=False,
        default=PerimeterStatus.IN.value,
    ),
    Column("sources", "sources", is_list=True, nullable=False),
)
NAMES = [column.name for column in COLUMNS]
BY_NAME = {column.name: column for column in COLUMNS}
# Merged columns and the order of source kinds that wins for each.
PRECEDENCE = {column.name: column.precedence for column in COLUMNS if column.precedence}
# List columns mapped onto a taxonomy (products, technologies, value chain).
LIST_FIELDS = tuple(column.name for column in COLUMNS if column.is_list and column.taxonomy)
LABELS = {column.name: column.label for column in COLUMNS}


class Kind(StrEnum):
    """What a field tells about a company."""

    IDENTITY = "identité"  # who it is: a file needs one of these
    PLACE = "lieu"
    ATTRIBUTE = "attribut"  # size, age, activity
    SURVEY = "enquête"  # what a company declares (a file with one is a survey)
    STATE = "registre"  # the register's states


@dataclass(frozen=True)
class Words:
    """A header pattern: every word of `words` in the header and none of `unless` (header words
    are folded, camelCase and snake_case split, stop words and years dropped)."""

    words: frozenset
    unless: frozenset = frozenset()


def words(*patterns: str, unless: str = "") -> tuple:
    """Word patterns from text: words("code postal", "cp", unless="commune")."""
    excluded = frozenset(unless.split())
    return tuple(Words(frozenset(p.split()), excluded) for p in patterns)


@dataclass(frozen=True)
class Field:
    """What a file's column can be read as."""

    name: str
    kind: Kind
    keys: tuple = ()  # header keys (core.text.header_key) naming it, in priority order
    words: tuple = ()  # Words, tried when no key names a header
    column: str | None = None  # the Column its parsed values fill, when one does directly


# Words of a header about something other than the company's name, whatever else it says.
_NOT_THE_NAME = (
    "contact dirigeant prenom responsable representant physique fichier usage pourcentage montant "
    "objet identification identifiant id date projet programme operation dossier acronyme "
    "intitule domaine nombre nature type categorie statut forme activite secteur metier profession "
    "produit specialite"
)
# Words of a header about other people or organisations than the row's (its members, clients,
# leaders): such a column says nothing of the row itself (« Nature juridique des adhérents »).
_OTHERS = "adherent adherents membre membres client clients fournisseur dirigeant representant"
# Fields in the order of the table's inputs (quality.json lists a file's columns in this order).
FIELDS = (
    Field(
        "name",
        Kind.IDENTITY,
        (
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
            "l1normalisee",
            "nomenlong",
            "nomcomplet",
            "nomraisonsociale",
            "nombeneficiaire",
            "rs",  # the FINESS files' raison sociale
            "rslongue",
        ),
        # « Porteur du projet » names the company carrying a project; the other words, a kind of
        # company (a startup, a laureate, an exhibitor, a member…) or its name
        words("porteur", unless="prenom contact mail email nombre")
        + words(
            "raison sociale",
            "denomination",
            "nom",
            "entreprise",
            "societe",
            "structure",
            "company",
            "organisation",
            "organization",
            "organisme",
            "enseigne",
            "name",
            "beneficiaire",
            "startup",
            "start up",
            "laureat",
            "exposant",
            "adherent",
            "membre",
            "association",
            "personne morale",
            "partenaire",
            "partner",
            "firm",
            "beneficiary",
            "applicant",
            "participant",
            "titulaire",
            unless=_NOT_THE_NAME,
        ),
    ),
    Field(
        "legal_category",
        Kind.IDENTITY,
        ("categoriejuridiqueunitelegale", "categoriejuridique", "nj", "naturejuridique"),
        words(
            "categorie juridique",
            "nature juridique",
            "forme juridique",
            unless=_OTHERS,
        ),
    ),
    Field(
        "siren",
        Kind.IDENTITY,
        ("siren", "numerosiren", "nsiren", "nodesiren", "sirenentreprise"),
        words("siren"),
        "siren",
    ),
    Field(
        "siret",
        Kind.IDENTITY,
        (
            "siret",
            "numerosiret",
            "nsiret",
            "nodesiret",
            "siretsiege",
            "siegesiret",
            "idbeneficiaire",
        ),
        words(
            "siret", "id beneficiaire", "identifiant beneficiaire", "identification beneficiaire"
        ),
    ),
    Field(
        "commune_code",
        Kind.PLACE,
        (
            "codecommune",
            "codeinsee",
            "codeinseecommune",
            "codecommuneinsee",
            "codecommuneetablissement",
            "depcomet",
            "siegecommune",
            "depcom",
            "codgeo",
            "comcode",
            "codecom",
            "inseecom",
            "cominsee",
        ),
        words("code commune", "code insee", "com code", "code com", "insee com"),
    ),
    Field(
        "commune_name",
        Kind.PLACE,
        (
            "commune",
            "ville",
            "localite",
            "libellecommuneetablissement",
            "libcom",
            "siegelibellecommune",
            "comnom",
            "nomcom",
            "libellecommune",
            "nomdelacommune",
        ),
        words(
            "commune",
            "ville",
            "localite",
            "city",
            "town",
            "com nom",
            "nom com",
            unless="effectif population habitants",
        ),
    ),
    Field(
        "postal_code",
        Kind.PLACE,
        ("codepostal", "cp", "postalcode", "codepostaletablissement", "codpos", "siegecodepostal"),
        words("code postal", "cp", "zip", "postcode", "postal"),
        "postal_code",
    ),
    Field(
        "creation_date",
        Kind.ATTRIBUTE,
        (
            "datedecreation",
            "datecreation",
            "creation",
            "anneedecreation",
            "anneecreation",
            "datedecreationdelentreprise",
            "datecreationunitelegale",
            "dcren",
        ),
        words(
            "creation",
            "founded",
            "founding",
            "fondation",
            "debut activite",
            unless="adhesion",
        ),
        "creation_date",
    ),
    Field(
        "headcount",
        Kind.ATTRIBUTE,
        (
            "effectif",
            "effectifs",
            "effectiftotal",
            "nombredesalaries",
            "nbsalaries",
            "salaries",
            "nombredemployes",
        ),
        words(
            "effectif",
            "effectifs",
            "salaries",
            "salarie",
            "employes",
            "employees",
            "headcount",
            "staff",
            "etp",
            unless="commune population annee ville",
        ),
        "headcount",
    ),
    Field(
        "headcount_band",
        Kind.ATTRIBUTE,
        (
            "tranchedeffectif",
            "tranchedeffectifs",
            "trancheeffectif",
            "trancheeffectifs",
            "trancheeffectifsunitelegale",
            "trancheeffectifsetablissement",
            "tefen",
            "tefet",
            "trancheeffectifsalarie",
        ),
        words("tranche effectif", "tranche effectifs", "tranche salaries", "band"),
        "headcount_band",
    ),
    Field(
        "size_category",
        Kind.ATTRIBUTE,
        (
            "categoriedentreprise",
            "categorieentreprise",
            "categorie",
            "tailledentreprise",
            "taille",
        ),
        words("categorie", "taille", "size", unless="annee"),
        "size_category",
    ),
    Field(
        "revenue",
        Kind.ATTRIBUTE,
        ("chiffredaffaires", "chiffredaffaire", "ca", "caht", "turnover", "revenue"),
        words("chiffre affaires", "chiffre affaire", "ca", "turnover", "revenue"),
        "revenue_eur",
    ),
    Field(
        "segment",
        Kind.SURVEY,
        ("segment", "segmentdemarche", "segmentdemarchee", "domainedactivite"),
        words("segment", "domaine activite", "sector", "secteur"),
        "segment",
    ),
    Field(
        "products",
        Kind.SURVEY,
        ("produits", "produit", "typedeproduits", "typesdeproduits", "offre"),
        words("produits", "produit", "offre", "products"),
        "products",
    ),
    Field(
        "technologies",
        Kind.SURVEY,
        ("technologies", "technologie", "technologiesutilisees", "briquestechnologiques"),
        words("technologies", "technologie", "technologiques", "technology"),
        "technologies",
    ),
    Field(
        "value_chain",
        Kind.SURVEY,
        ("maillonsdelachainedevaleur", "chainedevaleur", "maillons", "maillon"),
        words("chaine valeur", "maillons", "maillon", "value chain"),
        "value_chain",
    ),
    Field(
        "digital_health_share",
        Kind.SURVEY,
        (
            "partdelactiviteensantenumerique",
            "partdelactivitesantenumerique",
            "partsantenumerique",
            "partdelactiviteensante",
            "partduchiffredaffairesensantenumerique",
        ),
        words("part activite sante", "part sante numerique"),
        "digital_health_share",
    ),
    Field(
        "needs",
        Kind.SURVEY,
        ("besoins", "besoin", "vosbesoins", "besoinsprioritaires", "attentes"),
        words("besoins", "besoin", "needs"),
        "needs",
    ),
    Field(
        "maturity",
        Kind.SURVEY,
        ("maturite", "stade", "stadededeveloppement", "stadedematurite", "niveaudematurite"),
        words("maturite", "stade developpement", "maturity"),
        "maturity",
    ),
    Field(
        "uses_ai",
        Kind.SURVEY,
        ("ia", "intelligenceartificielle", "usageia", "utilisationdelia", "integrationdelia"),
        words("ia", "intelligence artificielle", "ai"),
        "uses_ai",
    ),
    Field(
        "naf_code",
        Kind.ATTRIBUTE,
        (
            "codenaf",
            "naf",
            "codeape",
            "ape",
            "activiteprincipaleunitelegale",
            "activiteprincipaleetablissement",
            "apen700",
            "apet700",
            "activiteprincipale",
        ),
        words("naf", "ape", "activite principale", unless="nomenclature"),
        "naf_code",
    ),
    Field(
        "legal_unit_state",
        Kind.STATE,
        ("etatadministratifunitelegale", "etatadministratif"),
        words("etat administratif"),
    ),
    Field(
        "establishment_state",
        Kind.STATE,
        ("etatadministratifetablissement",),
        words("etat administratif etablissement"),
    ),
    Field("head_office", Kind.STATE, ("etablissementsiege",), words("siege")),
    Field(
        "address",
        Kind.PLACE,
        ("adresse", "address", "adressecomplete", "adressepostale", "localisation", "location"),
        words(
            "adresse",
            "address",
            "localisation",
            "location",
            "voie",
            "complement",
            "cedex",
            "distribution",
            unless="mail email courriel web url ip electronique",
        ),
    ),
    Field(
        "country",
        Kind.PLACE,
        ("pays", "country", "paysdusiege", "libellepaysetrangeretablissement"),
        words("pays", "country", unless="code"),
    ),
    Field(
        "departement",
        Kind.PLACE,
        (
            "departement",
            "dept",
            "dep",
            "codedepartement",
            "numerodepartement",
            "depnom",
            "nomdep",
            "depcode",
            "codedep",
            "libelledepartement",
        ),
        words("departement", "dep nom", "dep code", unless="effectif population attribuant"),
    ),
    Field(
        "region",
        Kind.PLACE,
        (
            "region",
            "coderegion",
            "idregion",
            "nomregion",
            "regnom",
            "nomreg",
            "regcode",
            "codereg",
            "libelleregion",
        ),
        words("region", "reg nom", "reg code", unless="effectif population attribuant"),
    ),
)
# The order word patterns are tried in (a header takes the first field that fits): identifiers
# first, places before the company's name (« com_nom » and « Nom de la ville » are places), the
# name last.
WORD_ORDER = (
    "address",
    "siret",
    "siren",
    "legal_category",
    "headcount_band",
    "headcount",
    "postal_code",
    "commune_code",
    "commune_name",
    "creation_date",
    "naf_code",
    "size_category",
    "revenue",
    "segment",
    "products",
    "technologies",
    "value_chain",
    "uses_ai",
    "digital_health_share",
    "needs",
    "maturity",
    "establishment_state",
    "legal_unit_state",
    "head_office",
    "country",
    "departement",
    "region",
    "name",
)
FIELD_NAMES = tuple(field.name for field in FIELDS)
FIELD_BY_NAME = {field.name: field for field in FIELDS}
# Each field's French name, for messages beside its identifier (the one source.yml takes): the
# label of the column it fills, else its own.
FIELD_LABELS = {
    **{field.name: LABELS[field.column] for field in FIELDS if field.column in LABELS},
    "name": LABELS["name"],
    "legal_category": "catégorie juridique",
    "siret": "SIRET",
    "commune_code": "code commune",
    "commune_name": "commune",
    "legal_unit_state": "état de l'unité légale",
    "establishment_state": "état de l'établissement",
    "head_office": "siège",
    "address": "adresse",
    "country": "pays",
    "departement": "département",
    "region": "région",
}
assert sorted(WORD_ORDER) == sorted(FIELD_NAMES)
# Fields that identify a company: a file needs at least one of them.
IDENTITY_FIELDS = ("name", "siren", "siret")
