"""« Faits saillants »: five to eight French sentences drawn from the computed figures.

Each sentence quotes its figures with their base and n; a figure whose base is empty is left out
rather than written as « 0 % ». The same sentences head the overview report and index.html.
"""

import pandas as pd

from santenum.analysis import stats
from santenum.core import french, reference


def _rank(position: int) -> str:
    return "1re" if position == 1 else f"{position}e"


def _size(region: pd.DataFrame, regions: pd.DataFrame, code: str, name: str) -> str:
    mine = regions.set_index("region_code").loc[code]
    return (
        f"{name} compte {french.number(len(region))} entreprises de santé numérique, soit "
        f"{french.number(mine['per_100k'], 1)} pour 100 000 habitants "
        f"({_rank(int(mine['rank']))} région sur {french.number(len(regions))})."
    )


def _sizes(region: pd.DataFrame) -> str | None:
    categories = stats.category_counts(region).set_index("size_category")
    under_ten = stats.under_ten_share(region).iloc[0]
    if not categories["n"].max() or not under_ten["n"]:
        return None
    return (
        f"{french.percent(categories['share'].get('PME', 0.0))} des entreprises classées sont des PME "
        f"(n = {french.number(categories['n'].max())}) ; {french.percent(under_ten['share'])} "
        f"des entreprises dont la tranche est connue ont moins de 10 salariés "
        f"(n = {french.number(under_ten['n'])})."
    )


def _youth(region: pd.DataFrame) -> str | None:
    young = stats.young_share(region["age_years"]).iloc[0]
    if not young["n"]:
        return None
    return (
        f"{french.percent(young['share'])} des entreprises dont la date de création est connue "
        f"ont moins de {stats.YOUNG_YEARS} ans (n = {french.number(young['n'])})."
    )


def _segment(region: pd.DataFrame) -> str | None:
    segments = stats.distribution(region["segment"])
    if segments.empty:
        return None
    first = segments.iloc[0]
    return (
        f"Premier segment : {first['segment']}, {french.percent(first['share'])} des entreprises "
        f"dont le segment est connu (n = {french.number(first['n'])})."
    )


def _places(region: pd.DataFrame) -> str | None:
    deps = stats.distribution(region["departement_code"]).head(2)
    if deps.empty:
        return None
    names = reference.table("departements").set_index("departement_code")["departement_name"]
    parts = [
        f"{names[row.departement_code]} {french.percent(row.share)}" for row in deps.itertuples()
    ]
    return (
        f"Départements en tête : {' ; '.join(parts)} des entreprises localisées "
        f"(n = {french.number(deps['n'].iloc[0])})."
    )


def _ai(region: pd.DataFrame) -> str | None:
    ai = stats.share(region["uses_ai"], "IA").iloc[0]
    if not ai["n"]:
        return None
    return (
        f"{french.percent(ai['share'])} des entreprises qui ont répondu intègrent l'IA "
        f"(n = {french.number(ai['n'])})."
    )


def _jobs(region: pd.DataFrame, name: str) -> str | None:
    total = stats.jobs(region, name).iloc[0]
    if not total["entreprises"]:
        return None
    return (
        f"Entre {french.number(total['emplois_bas'])} et {french.number(total['emplois_haut'])} "
        f"emplois dans {french.number(total['entreprises'])} entreprises, dont "
        f"{french.percent(total['part_tranches'])} estimées par leur tranche INSEE ; "
        f"{french.number(total['inconnues'])} sans effectif ni tranche."
    )


def _needs(region: pd.DataFrame) -> str | None:
    needs = stats.multi_choice(
        region["needs"], reference.labels("needs"), base=stats.BASE_KNOWN
    ).sort_values("count", ascending=False, kind="stable")
    if not needs["n"].max():
        return None
    first = needs.iloc[0]
    return (
        f"Besoin le plus cité : {first['needs']}, par {french.percent(first['share'])} des "
        f"entreprises qui ont exprimé un besoin (n = {french.number(first['n'])})."
    )


def sentences(
    companies: pd.DataFrame, region_code: str, region_name: str, population: pd.Series
) -> pd.DataFrame:
    """faits_saillants: one row per sentence (`phrase`), in reading order."""
    region = companies[companies["region_code"] == region_code]
    regions = stats.regions_table(companies, population)
    found = [
        _size(region, regions, region_code, region_name),
        _sizes(region),
        _youth(region),
        _segment(region),
        _places(region),
        _ai(region),
        _jobs(region, region_name),
        _needs(region),
    ]
    return pd.DataFrame({"phrase": [text for text in found if text]})
