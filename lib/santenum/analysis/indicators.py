"""Named headline figures, in French, that an analyst's texts quote as `{{ name }}`.

Each value comes from the figures the faits saillants quote (stats.headline_figures); a
share on too few companies reads « n trop faible », a figure without a base reads « – ».
"""

import pandas as pd

from santenum.analysis import display, stats
from santenum.core import french, rules

# name -> what it is (documented in docs/reports.md and checked before the notebooks run)
INDICATORS = {
    "region": "nom de la région",
    "date": "date d'observation (jj/mm/aaaa)",
    "entreprises": "entreprises actives de la filière dans la région",
    "entreprises_pour_100000": "entreprises pour 100 000 habitants",
    "rang_densite": "rang de la région parmi les régions classées (entreprises pour 100 000 habitants)",
    "part_pme": "part des PME parmi les entreprises classées",
    "part_moins_10_salaries": "part des entreprises de moins de 10 salariés (tranche connue)",
    "part_moins_4_ans": "part des entreprises de moins de 4 ans (date de création connue)",
    "part_ia": "part des entreprises qui intègrent l'IA (répondantes)",
    "emplois_sante_bas": "emplois en santé numérique, borne basse (estimation pondérée)",
    "emplois_sante_haut": "emplois en santé numérique, borne haute (estimation pondérée)",
    "emplois_filiere_bas": "emplois des entreprises de la filière, borne basse",
    "emplois_filiere_haut": "emplois des entreprises de la filière, borne haute",
    "premier_segment": "segment qui compte le plus d'entreprises (ou les segments à égalité)",
}


def _share(row) -> str:
    return rules.share_text(row["share"], row["n"]) if row["n"] else display.MISSING


def _first_segment(figures: dict) -> str:
    """« Outils cliniques – logiciels métiers », or the first of tied segments and how many it is
    tied with, or « n trop faible »."""
    first, n = figures["first_segments"], figures["segments_n"]
    if not n or first.empty:
        return display.MISSING
    if rules.too_few(n):
        return rules.TOO_FEW
    name = f"« {first['segment'].iloc[0]} »"
    if len(first) == 1:
        return name
    others = french.counted(len(first) - 1, "autre segment", "autres segments")
    return f"{name}, {rules.TIED} avec {others} compte tenu des intervalles de confiance"


def _density_rank(regions: pd.DataFrame, mine: pd.Series) -> str:
    """'2 sur 13' among the régions ranked (one on too few companies is not: stats.density_rank),
    or « n trop faible » when the région is not."""
    if pd.isna(mine["rank"]):
        return rules.TOO_FEW
    return f"{int(mine['rank'])} sur {int(regions['rank'].notna().sum())}"


def indicators(
    companies: pd.DataFrame,
    region_code: str,
    region_name: str,
    population: pd.Series,
    as_of: str,
) -> dict:
    """INDICATORS' values for one région of the active companies, as French text."""
    region = companies[companies["region_code"] == region_code]
    regions = stats.regions_table(companies, population).set_index("region_code")
    mine = regions.loc[region_code] if region_code in regions.index else None
    figures = stats.headline_figures(region, region_name)
    jobs = figures["jobs"]
    weighted = bool(jobs["entreprises_ponderees"])
    values = {
        "region": region_name,
        "date": french.date(as_of),
        "entreprises": french.number(len(region)),
        "entreprises_pour_100000": display.MISSING
        if mine is None
        else french.number(mine["per_100k"], 1),
        "rang_densite": display.MISSING if mine is None else _density_rank(regions, mine),
        "part_pme": _share(figures["pme"]) if len(region) else display.MISSING,
        "part_moins_10_salaries": _share(figures["under_ten"]),
        "part_moins_4_ans": _share(figures["young"]),
        "part_ia": _share(figures["ai"]),
        "emplois_sante_bas": french.number(jobs["emplois_sante_bas"])
        if weighted
        else display.MISSING,
        "emplois_sante_haut": french.number(jobs["emplois_sante_haut"])
        if weighted
        else display.MISSING,
        "emplois_filiere_bas": french.number(jobs["emplois_bas"]),
        "emplois_filiere_haut": french.number(jobs["emplois_haut"]),
        "premier_segment": _first_segment(figures),
    }
    return values
