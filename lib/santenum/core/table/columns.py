"""The columns of companies.parquet, declared once: order, French label, merge precedence, taxonomy.

Cleaning derives its merge precedence, list fields and schema order from COLUMNS; reports derive
their column headers. Adding a company field starts here (then its input headers in
clean/fields.py and, unless it is a taxonomy field, its parser in clean/parse.py).
"""

from dataclasses import dataclass

from santenum.core.table.perimeter import PerimeterStatus

# Which kind of source wins when merged rows disagree: the register (SIRENE) for identity and
# location, the survey for what companies declare. Within one kind, a head office (siège) comes
# first, then file order, then row order.
REGISTER_FIRST = ("sirene", "survey", "list")
SURVEY_FIRST = ("survey", "list", "sirene")
SURVEY_NAME_FIRST = ("survey", "sirene", "list")  # survey names keep their accents and case


@dataclass(frozen=True)
class Column:
    """One column of the company table."""

    name: str
    label: str  # header shown to readers
    precedence: tuple | None = (
        None  # source kinds in order when merged rows disagree; None: derived
    )
    taxonomy: str | None = None  # data/reference/<taxonomy>.yml whose labels the values must be
    is_list: bool = False  # several labels per company (an Arrow list of text)
    dtype: str = "string"  # pandas dtype (list columns: Arrow lists of text)
    default: object = None  # the value of a table written before the column existed (else missing)


COLUMNS = (
    Column("company_id", "identifiant"),
    Column("siren", "SIREN", REGISTER_FIRST),
    Column("name", "raison sociale", SURVEY_NAME_FIRST),
    Column("commune_code", "commune (code)", REGISTER_FIRST),
    Column("postal_code", "code postal", REGISTER_FIRST),
    Column("departement_code", "département", REGISTER_FIRST),
    Column("region_code", "région (code)", REGISTER_FIRST),
    Column("metropole", "métropole", REGISTER_FIRST),
    Column("creation_date", "date de création", REGISTER_FIRST, dtype="datetime64[s]"),
    Column("age_years", "âge", dtype="Int64"),
    Column("headcount", "effectif salarié", SURVEY_FIRST, dtype="Int64"),
    Column("headcount_band", "tranche d'effectifs", REGISTER_FIRST),
    Column("size_category", "catégorie d'entreprise", REGISTER_FIRST),
    Column("naf_code", "code NAF", REGISTER_FIRST),
    Column("revenue_eur", "chiffre d'affaires", SURVEY_FIRST, dtype="Float64"),
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
    ),
    Column("needs", "besoins", SURVEY_FIRST, taxonomy="needs", is_list=True),
    Column("maturity", "maturité", SURVEY_FIRST, taxonomy="maturity", is_list=True),
    # The register's state: a company SIRENE says has ceased stays in the table, marked closed, so
    # that an edition can count it as an exit; analyses count active companies only.
    Column("closed", "cessée (SIRENE)", REGISTER_FIRST, dtype="boolean", default=False),
    # Whether the company belongs to the filière, on evidence (clean/perimeter.py); analyses count
    # only the companies in it. A table written before the perimeter counted every company.
    Column("perimeter", "périmètre", default=PerimeterStatus.IN.value),
    Column("sources", "sources", is_list=True),
)
NAMES = [column.name for column in COLUMNS]
BY_NAME = {column.name: column for column in COLUMNS}
# Merged columns and the order of source kinds that wins for each.
PRECEDENCE = {column.name: column.precedence for column in COLUMNS if column.precedence}
# List columns mapped onto a taxonomy (products, technologies, value chain).
LIST_FIELDS = tuple(column.name for column in COLUMNS if column.is_list and column.taxonomy)
LABELS = {column.name: column.label for column in COLUMNS}
