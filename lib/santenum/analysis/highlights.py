"""« Faits saillants »: five to eight French sentences drawn from the computed figures.

Each sentence quotes its figures with their base and n; a figure whose base is empty is left out
rather than written as « 0 % », a share on too few companies is named but not given, and a first
place is claimed only when it is clear (core/rules.py). The same sentences head the overview
report, index.html and the study's synthèse; the chapters' opening paragraphs (leads.py) reuse
their builders.
"""

import pandas as pd

from santenum.analysis import stats
from santenum.core import french, reference, rules
from santenum.core.quality import PerimeterQuality


def rank_text(position: int, tied: bool = False) -> str:
    """'1re', '2e', with « à égalité » when another shares it."""
    text = "1re" if position == 1 else f"{position}e"
    return f"{text}, {rules.TIED}" if tied else text


def part(value, n, what: str, noun: str) -> str:
    """'42,3 % <what> (n = 226)'; under rules.MIN_SHARE_N: '<noun> n'est pas donnée : n trop
    faible (n = 4)', which still reads as a sentence."""
    if rules.too_few(n):
        return f"{noun} n'est pas donnée : {rules.TOO_FEW} (n = {french.number(n)})"
    return f"{french.percent(value)} {what} (n = {french.number(n)})"


def sentence(text: str) -> str:
    return text[0].upper() + text[1:] + "."


def leading(rows: pd.DataFrame, label: str, n: int, one: str, several: str, base: str) -> str:
    """The first label of a distribution as a sentence, by the rules: « one : A, 17,5 % base
    (n = 160) » when it is clearly ahead, else the labels tied with it (« several, à égalité… »);
    `rows`: stats.leaders."""
    if rules.too_few(n):
        return f"{one} n'est pas désigné : {rules.TOO_FEW} (n = {french.number(n)} {base})."
    if len(rows) == 1:
        row = rows.iloc[0]
        return (
            f"{one} : {row[label]}, {french.percent(row['share'])} des {base} "
            f"(n = {french.number(n)})."
        )
    shown = [f"{row[label]} ({french.percent(row['share'])})" for _, row in rows.head(4).iterrows()]
    if len(rows) > 4:
        shown.append(french.counted(len(rows) - 4, "autre"))
    return (
        f"{several}, {rules.TIED} compte tenu des intervalles de confiance (part des {base}, "
        f"n = {french.number(n)}) : {french.enumeration(shown)}."
    )


def size_sentence(region: pd.DataFrame, regions: pd.DataFrame, code: str, waiting: int = 0) -> str:
    """The count; when `waiting` candidates of the région are still à qualifier (perimetre.csv),
    it says the count is the perimeter's and how many wait."""
    name = reference.region_name(code)
    mine = regions.set_index("region_code").loc[code]
    perimeter = " dans le périmètre" if waiting else ""
    rest = f" ; {french.number(waiting)} candidates restent à qualifier" if waiting else ""
    return (
        f"{name.subject} {name.verb('compte', 'comptent')} "
        f"{french.counted(len(region), 'entreprise')} de santé numérique{perimeter}, soit "
        f"{french.number(mine['per_100k'], 1)} pour 100 000 habitants "
        f"({density_rank_text(regions, code)}){rest}."
    )


def density_rank_text(regions: pd.DataFrame, code: str) -> str:
    """The région's rank by companies per 100 000 inhabitants (stats.regions_table): '2e région
    sur 13', '2e région sur 12 classées' when régions on too few companies are not ranked, or
    why the région itself is not."""
    rank = regions.set_index("region_code").loc[code, "rank"]
    if pd.isna(rank):
        return f"non classée : {rules.TOO_FEW}"
    tied = int((regions["rank"] == rank).sum()) > 1
    ranked = int(regions["rank"].notna().sum())
    among = "" if ranked == len(regions) else " classées"
    return f"{rank_text(int(rank), tied)} région sur {french.number(ranked)}{among}"


def waiting(code: str, perimeter: PerimeterQuality | None) -> int:
    """Candidates of the région still à qualifier (quality.json's perimeter record), else 0."""
    counts = perimeter.regions.get(code) if perimeter else None
    return counts.to_qualify if counts else 0


def sizes_sentence(figures: dict) -> str | None:
    pme, under_ten = figures["pme"], figures["under_ten"]
    if not pme["n"] or not under_ten["n"]:
        return None
    pme = part(
        pme["share"],
        pme["n"],
        "des entreprises classées sont des PME",
        "la part des PME parmi les entreprises classées",
    )
    small = part(
        under_ten["share"],
        under_ten["n"],
        "des entreprises dont la tranche est connue ont moins de 10 salariés",
        "la part des entreprises de moins de 10 salariés",
    )
    return sentence(f"{pme} ; {small}")


YOUNG = f"des entreprises dont la date de création est connue ont moins de {stats.YOUNG_YEARS} ans"
YOUNG_NOUN = f"la part des entreprises de moins de {stats.YOUNG_YEARS} ans"
AI = "des entreprises qui ont répondu intègrent l'IA"
AI_NOUN = "la part des entreprises qui intègrent l'IA"


def youth_sentence(figures: dict) -> str | None:
    young = figures["young"]
    if not young["n"]:
        return None
    return sentence(part(young["share"], young["n"], YOUNG, YOUNG_NOUN))


def segment_sentence(figures: dict) -> str | None:
    if not figures["segments_n"]:
        return None
    return leading(
        figures["first_segments"],
        "segment",
        figures["segments_n"],
        "Premier segment",
        "Segments en tête",
        "entreprises dont le segment est connu",
    )


def places_sentence(region: pd.DataFrame) -> str | None:
    deps = stats.distribution(region["departement_code"]).head(2)
    if deps.empty:
        return None
    n = deps["n"].iloc[0]
    if rules.too_few(n):
        return (
            f"La part des premiers départements n'est pas donnée : {rules.TOO_FEW} "
            f"(n = {french.counted(n, 'entreprise localisée', 'entreprises localisées')})."
        )
    names = reference.departement_names()
    parts = [
        f"{names[row.departement_code]} {french.percent(row.share)}" for row in deps.itertuples()
    ]
    return (
        f"Départements en tête : {' ; '.join(parts)} des entreprises localisées "
        f"(n = {french.number(n)})."
    )


def ai_sentence(figures: dict) -> str | None:
    ai = figures["ai"]
    if not ai["n"]:
        return None
    return sentence(part(ai["share"], ai["n"], AI, AI_NOUN))


def jobs_sentence(figures: dict) -> str | None:
    """The digital-health jobs estimate (bounds weighted by the declared share of activity) where
    companies give that share, then the companies' whole headcounts, called what they are."""
    total = figures["jobs"]
    if not total["entreprises"]:
        return None
    whole = (
        f"les {french.counted(total['entreprises'], 'entreprise')} de la filière dont l'effectif "
        f"est connu emploient entre {french.number(total['emplois_bas'])} et "
        f"{french.number(total['emplois_haut'])} personnes, toutes activités et groupes compris "
        f"(emplois des entreprises de la filière ; {french.number(total['inconnues'])} sans "
        f"effectif ni tranche)"
    )
    weighted = total["entreprises_ponderees"]
    if not weighted:
        return sentence(whole)
    return (
        f"Emplois en santé numérique : entre {french.number(total['emplois_sante_bas'])} et "
        f"{french.number(total['emplois_sante_haut'])}, estimés pour les "
        f"{french.counted(weighted, 'entreprise')} dont l'effectif est connu et qui déclarent la "
        f"part de leur activité consacrée à la santé numérique ; {whole}."
    )


# The list columns whose first item a sentence names: (one, several, whose share it is).
CITED = {
    "products": (
        "Type de produit le plus cité",
        "Types de produits les plus cités",
        "entreprises qui ont décrit leur offre",
    ),
    "needs": (
        "Besoin le plus cité",
        "Besoins les plus cités",
        "entreprises qui ont exprimé un besoin",
    ),
    "maturity": (
        "Stade de maturité le plus déclaré",
        "Stades de maturité les plus déclarés",
        "entreprises qui l'ont renseigné",
    ),
}


def most_cited(region: pd.DataFrame, column: str) -> str | None:
    """The first item of a list column (CITED) among the companies that name one, as `leading`
    writes it; None when none names any."""
    cited = stats.multi_choice(region[column], reference.labels(column), base=stats.BASE_KNOWN)
    cited = cited.sort_values("count", ascending=False, kind="stable")
    n = int(cited["n"].max()) if len(cited) else 0
    if not n:
        return None
    return leading(stats.leaders(cited, column), column, n, *CITED[column])


def sentences(
    companies: pd.DataFrame,
    region_code: str,
    region_name: str,
    population: pd.Series,
    perimeter: PerimeterQuality | None = None,
) -> pd.DataFrame:
    """faits_saillants: one row per sentence (`phrase`), in reading order; with quality.json's
    perimeter record, the count says how many candidates still wait."""
    region = companies[companies["region_code"] == region_code]
    regions = stats.regions_table(companies, population)
    figures = stats.headline_figures(region, region_name)
    found = [
        size_sentence(region, regions, region_code, waiting(region_code, perimeter)),
        sizes_sentence(figures),
        youth_sentence(figures),
        segment_sentence(figures),
        places_sentence(region),
        ai_sentence(figures),
        jobs_sentence(figures),
        most_cited(region, "needs"),
    ]
    return pd.DataFrame({"phrase": [text for text in found if text]})


def national_sentences(view: pd.DataFrame, names: pd.Series) -> list:
    """Faits saillants of the national index, from stats.national_view (régions, then the total)."""
    regions, total = view.iloc[:-1], view.iloc[-1]
    first = [
        f"{names[row.region_code]} ({french.number(row.per_100k, 1)})"
        for row in regions[regions["rank"].notna()].head(3).itertuples()
    ]
    young = part(total["young_share"], total["young_n"], YOUNG, YOUNG_NOUN)
    ai = part(total["ai_share"], total["ai_n"], AI, AI_NOUN)
    return [
        f"Les {french.number(len(regions))} régions des données comptent "
        f"{french.counted(total['count'], 'entreprise')} de santé numérique, soit "
        f"{french.number(total['per_100k'], 1)} pour 100 000 habitants.",
        f"En tête pour le nombre d'entreprises par habitant : {' ; '.join(first)} "
        "entreprises pour 100 000 habitants.",
        sentence(f"{young} ; {ai}"),
    ]
