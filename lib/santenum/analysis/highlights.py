"""« Faits saillants »: five to eight French sentences drawn from the computed figures.

Each sentence quotes its figures with their base and n; a figure whose base is empty is left out
rather than written as « 0 % ». The same sentences head the overview report and index.html.
"""

import pandas as pd

from santenum.analysis import stats
from santenum.core import french, reference
from santenum.core.quality import PerimeterQuality


def _rank(position: int) -> str:
    return "1re" if position == 1 else f"{position}e"


def _size(region: pd.DataFrame, regions: pd.DataFrame, code: str, name: str, waiting: int) -> str:
    """The count; when candidates of the région wait to be qualified (perimetre.csv), it says
    the count is the perimeter's and how many wait."""
    mine = regions.set_index("region_code").loc[code]
    perimeter = " dans le périmètre" if waiting else ""
    rest = f" ; {french.number(waiting)} candidates restent à qualifier" if waiting else ""
    return (
        f"{name} compte {french.number(len(region))} entreprises de santé numérique{perimeter}, "
        f"soit {french.number(mine['per_100k'], 1)} pour 100 000 habitants "
        f"({_rank(int(mine['rank']))} région sur {french.number(len(regions))}){rest}."
    )


def _waiting(code: str, perimeter: PerimeterQuality | None) -> int:
    """Candidates of the région still à qualifier (quality.json's perimeter record), else 0."""
    counts = perimeter.regions.get(code) if perimeter else None
    return counts.to_qualify if counts else 0


def _part(value, n, what: str) -> str:
    """'42,3 % <what> (n = 226)', or '<what> : n trop faible (n = 4)' under MIN_SHARE_N."""
    if french.too_few(n):
        return f"{what} : {french.TOO_FEW} (n = {french.number(n)})"
    return f"{french.percent(value)} {what} (n = {french.number(n)})"


def _sentence(text: str) -> str:
    return text[0].upper() + text[1:] + "."


def _sizes(figures: dict) -> str | None:
    pme, under_ten = figures["pme"], figures["under_ten"]
    if not pme["n"] or not under_ten["n"]:
        return None
    pme = _part(pme["share"], pme["n"], "des entreprises classées sont des PME")
    small = _part(
        under_ten["share"],
        under_ten["n"],
        "des entreprises dont la tranche est connue ont moins de 10 salariés",
    )
    return _sentence(f"{pme} ; {small}")


def _youth(figures: dict) -> str | None:
    young = figures["young"]
    if not young["n"]:
        return None
    what = (
        f"des entreprises dont la date de création est connue ont moins de {stats.YOUNG_YEARS} ans"
    )
    return _sentence(_part(young["share"], young["n"], what))


def _segment(figures: dict) -> str | None:
    first = figures["first_segment"]
    if first is None:
        return None
    what = "des entreprises dont le segment est connu"
    return f"Premier segment : {first['segment']}, {_part(first['share'], first['n'], what)}."


def _places(region: pd.DataFrame) -> str | None:
    deps = stats.distribution(region["departement_code"]).head(2)
    if deps.empty:
        return None
    n = deps["n"].iloc[0]
    if french.too_few(n):
        return f"Départements : {french.TOO_FEW} (n = {french.number(n)} entreprises localisées)."
    names = reference.table("departements").set_index("departement_code")["departement_name"]
    parts = [
        f"{names[row.departement_code]} {french.percent(row.share)}" for row in deps.itertuples()
    ]
    return (
        f"Départements en tête : {' ; '.join(parts)} des entreprises localisées "
        f"(n = {french.number(n)})."
    )


def _ai(figures: dict) -> str | None:
    ai = figures["ai"]
    if not ai["n"]:
        return None
    return _sentence(_part(ai["share"], ai["n"], "des entreprises qui ont répondu intègrent l'IA"))


def _jobs(figures: dict) -> str | None:
    """The digital-health jobs estimate (bounds weighted by the declared share of activity) where
    companies give that share, then the companies' whole headcounts, called what they are."""
    total = figures["jobs"]
    if not total["entreprises"]:
        return None
    whole = (
        f"les {french.number(total['entreprises'])} entreprises de la filière dont l'effectif est "
        f"connu emploient entre {french.number(total['emplois_bas'])} et "
        f"{french.number(total['emplois_haut'])} personnes, toutes activités et groupes compris "
        f"(emplois des entreprises de la filière ; {french.number(total['inconnues'])} sans "
        f"effectif ni tranche)"
    )
    weighted = total["entreprises_ponderees"]
    if not weighted:
        return _sentence(whole)
    return (
        f"Emplois en santé numérique : entre {french.number(total['emplois_sante_bas'])} et "
        f"{french.number(total['emplois_sante_haut'])}, estimés pour les "
        f"{french.number(weighted)} entreprises qui déclarent la part de leur activité consacrée "
        f"à la santé numérique ; {whole}."
    )


def _needs(region: pd.DataFrame) -> str | None:
    needs = stats.multi_choice(
        region["needs"], reference.labels("needs"), base=stats.BASE_KNOWN
    ).sort_values("count", ascending=False, kind="stable")
    if not needs["n"].max():
        return None
    first = needs.iloc[0]
    what = "des entreprises qui ont exprimé un besoin"
    return f"Besoin le plus cité : {first['needs']}, {_part(first['share'], first['n'], what)}."


def sentences(
    companies: pd.DataFrame,
    region_code: str,
    region_name: str,
    population: pd.Series,
    perimeter: PerimeterQuality | None = None,
) -> pd.DataFrame:
    """faits_saillants: one row per sentence (`phrase`), in reading order; with quality.json's
    perimeter record, the candidates still à qualifier after the count."""
    region = companies[companies["region_code"] == region_code]
    regions = stats.regions_table(companies, population)
    figures = stats.headline_figures(region, region_name)
    found = [
        _size(region, regions, region_code, region_name, _waiting(region_code, perimeter)),
        _sizes(figures),
        _youth(figures),
        _segment(figures),
        _places(region),
        _ai(figures),
        _jobs(figures),
        _needs(region),
    ]
    return pd.DataFrame({"phrase": [text for text in found if text]})


def national_sentences(view: pd.DataFrame, names: pd.Series) -> list:
    """Faits saillants of the national index, from stats.national_view (régions, then the total)."""
    regions, total = view.iloc[:-1], view.iloc[-1]
    first = [
        f"{names[row.region_code]} ({french.number(row.per_100k, 1)})"
        for row in regions.head(3).itertuples()
    ]
    young = _part(
        total["young_share"],
        total["young_n"],
        f"des entreprises dont la date de création est connue ont moins de {stats.YOUNG_YEARS} ans",
    )
    ai = _part(total["ai_share"], total["ai_n"], "des entreprises qui ont répondu intègrent l'IA")
    return [
        f"Les {french.number(len(regions))} régions des données comptent "
        f"{french.number(total['count'])} entreprises de santé numérique, soit "
        f"{french.number(total['per_100k'], 1)} pour 100 000 habitants.",
        f"En tête pour le nombre d'entreprises par habitant : {' ; '.join(first)} "
        "entreprises pour 100 000 habitants.",
        _sentence(f"{young} ; {ai}"),
    ]
