"""The names of every column santenum's tables use, and what readers see for each: one vocabulary
for report pages, tables.xlsx and charts. CSV files keep the machine names (docs/reports.md lists
them); a new column of a stats table gets its French header here, and its kind if it is a share
or a code.
"""

from santenum.core.table.columns import LABELS as VARIABLE_LABELS

# Companies whose place could not be read: counted apart wherever régions are counted.
UNLOCATED = "entreprises sans localisation, absentes des chiffres régionaux"
# quality.json's identification counts (clean --unites-legales --etablissements), as readers see them.
IDENTIFICATION_LABELS = {
    "looked_up": "lignes recherchées dans SIRENE (sans SIREN valide)",
    "identified": "identifiées dans SIRENE",
    "confirmed": "identifiées par l'analyste",
    "to_check": "à vérifier (identification.csv)",
    "not_found": "non trouvées dans SIRENE",
    "rejected": "écartées par l'analyste",
}

# Column headers of the tables shown: the company columns' labels, shorter forms where a table
# lists one value per row, and the columns that stats functions add.
HEADERS = {
    **VARIABLE_LABELS,
    "count": "effectif",
    "n": "n",
    "share": "part",
    "base": "base",
    "ci": "IC 95 %",
    "ci_low": "IC 95 % (bas)",
    "ci_high": "IC 95 % (haut)",
    "products": "produit",
    "size_category": "catégorie",
    "headcount_band": "tranche",
    "band_label": "tranche d'effectifs",
    "departement_code": "dép.",
    "departement_name": "département",
    "region_name": "région",
    "indicateur": "indicateur",
    "value": "chiffre publié",
    "location_quotient": "indice de spécialisation (1 = comme la France)",
    "national_share": "part nationale",
    "recent": "créations 4 dern. années",
    "previous": "créations 4 années préc.",
    "growth": "évolution",
    "strong": "segment fort",
    "per_100k": "pour 100 000 hab.",
    "rank": "rang",
    "median": "médiane",
    "q1": "1er quartile",
    "q3": "3e quartile",
    "mean": "moyenne",
    "year": "année",
    "accelerating": "en accélération",
    "emplois_bas": "emplois (bas)",
    "emplois_haut": "emplois (haut)",
    "part_tranches": "part estimée par tranche",
    "emplois_sante_bas": "emplois en santé numérique (bas)",
    "emplois_sante_haut": "emplois en santé numérique (haut)",
    "entreprises_ponderees": "entreprises pondérées",
    "digital_health_share": "part de l'activité en santé numérique",
    "figure": "indicateur",
    "unit": "unité",
    "denominator": "base de l'étude",
    "scope": "périmètre",
    "variable": "variable",
    "missing_share": "part manquante",
    "age": "âge",
    "label": "libellé",
    "uses_ai": "IA",
    "pme_share": "part de PME",
    "under_ten_share": "moins de 10 salariés",
    "young_share": "moins de 4 ans",
    "ai_share": "intègrent l'IA",
    "metropole_share": "dans une métropole",
    "technology": "technologie",
    "needs": "besoin",
    "maturity": "stade",
    "publie": "publié",
    "recalcule": "recalculé",
    "ecart": "écart",
    "unite": "unité",
    "base_recalcul": "base du recalcul",
    "regions": "régions classées",
    "position": "position",
    "chiffre": "chiffre de la région",
    "avant": "édition précédente",
    "apres": "édition actuelle",
    "variation": "variation",
    "motif": "motif",
    "departement_code_avant": "dép. avant",
    "departement_code_apres": "dép. après",
    "edition": "édition",
    "lieu": "commune ou code postal",
    "value_chain": "maillon",
    "phrase": "phrase",
    "dimension": "dimension",
    "valeur": "segment, département ou catégorie",
    "nombre": "nombre",
    "tied": "à égalité avec",
    "pme_n": "n (part de PME)",
    "under_ten_n": "n (moins de 10 salariés)",
    "young_n": "n (moins de 4 ans)",
    "ai_n": "n (IA)",
    "metropole_n": "n (métropole)",
    "national_n": "n (France)",
    "national_count": "effectif (France)",
    "entreprises": "entreprises",
    "inconnues": "tranche inconnue",
    "source": "source",
}

# Indicators of the AFOM material: name -> (label, unit); shares and growth are in percent.
INDICATORS = {
    "per_100k": ("entreprises pour 100 000 habitants", "pour 100 000 hab."),
    "young_share": ("part de moins de 4 ans", "%"),
    "ai_share": ("part intégrant l'IA", "%"),
    "under_ten_share": ("part de moins de 10 salariés", "%"),
    "growth": ("évolution des créations (4 dernières années / 4 précédentes)", "%"),
    "top_two_share": ("concentration : part des deux premiers départements", "%"),
}

# Columns holding a figure in the unit its row's unit column gives (a percentage in percent: 11.25
# with the unit « % »), shown with the decimals it needs (up to two, as published).
FIGURES = frozenset({"publie", "recalcule", "ecart", "chiffre", "value"})
UNIT_COLUMNS = ("unite", "unit")
PERCENT_UNIT = "%"

# Columns that hold codes written with digits (never numbers: '03' is a tranche, not 3).
CODES = frozenset(
    {
        "siren",
        "siret",
        "company_id",
        "commune_code",
        "postal_code",
        "departement_code",
        "departement_code_avant",
        "departement_code_apres",
        "region_code",
        "headcount_band",
        "naf_code",
    }
)


def header(name) -> str:
    """The French header of a column (its own name when the vocabulary has none)."""
    return HEADERS.get(name, name) if isinstance(name, str) else str(name)


def is_share(name: str) -> bool:
    """A column holding a proportion between 0 and 1 (shown as a percentage)."""
    return (
        name.endswith("share")
        or name.startswith("part_")
        or name in {"growth", "ci_low", "ci_high"}
    )


# The column holding the number of companies a share column rests on, when it is not its own
# `<prefix>_n` nor `n` (an empty tuple: a share no company count governs).
SHARE_BASES = {
    "growth": ("previous", "avant"),
    "part_tranches": ("entreprises",),
    "national_share": ("national_n",),
    "missing_share": (),
}


def share_base(name: str, columns) -> str | None:
    """The column of `columns` holding the n that share column `name` rests on (the rule of a
    share on too few companies applies to it), or None."""
    if not is_share(name):
        return None
    if name in SHARE_BASES:
        return next((base for base in SHARE_BASES[name] if base in columns), None)
    own = f"{name.removesuffix('_share')}_n"
    if name.endswith("_share") and own in columns:
        return own
    return "n" if "n" in columns else None
