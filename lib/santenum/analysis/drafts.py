"""An AFOM and the two scenarios drafted from the computed indicators, for a study without the
analyst's texts (`--texts`): a « proposition à valider », never presented as a finding.

Each line quotes its figure and n, under the same rules as everything the study prints
(core/rules.py): strong and accelerating segments (stats.SCORECARD_RULE), the indicators where the
région clearly stands among the top or bottom three régions (swot.edge_indicators), size, age,
concentration and the needs the companies cite most.
"""

from dataclasses import dataclass

import pandas as pd

from santenum.analysis import highlights, stats, swot
from santenum.core import french, reference, rules
from santenum.core.vocabulary import INDICATORS

PROPOSAL = "proposition à valider"
NOTHING = "Aucun indicateur ne se détache : à compléter avec l'écosystème."
# A share above this is a trait of the région's companies worth a line (most of them).
MOST = 0.5
CONCENTRATED = 0.7  # two départements holding more than this share of the located companies


@dataclass(frozen=True)
class Afom:
    """The four boxes of the AFOM, each a list of French lines."""

    atouts: list
    faiblesses: list
    opportunites: list
    menaces: list


# Edge indicators where being among the first is a weakness: concentration, small companies.
HIGH_IS_WEAK = {INDICATORS["top_two_share"][0], INDICATORS["under_ten_share"][0]}


def _edge_line(row) -> str:
    unit = "\u00a0%" if row.unite == "%" else f" {row.unite}"
    tied = f", {rules.TIED} avec {french.counted(row.tied, 'autre')}" if row.tied else ""
    return (
        f"{row.indicateur[0].upper()}{row.indicateur[1:]} : {french.number(row.chiffre, 1)}{unit} "
        f"(parmi les {row.position} : {highlights.rank_text(int(row.rank))} sur {row.regions} "
        f"régions{tied} ; n = {french.number(row.n)})"
    )


def _edges(edges: pd.DataFrame, strong: bool) -> list:
    """The edge indicators that are strengths (strong) or weaknesses, as lines."""
    return [
        _edge_line(row)
        for row in edges.itertuples()
        if ((row.position == swot.TOP) != (row.indicateur in HIGH_IS_WEAK)) == strong
    ]


def _share_line(row, what: str) -> str | None:
    """`what` with its share when most companies are so, None otherwise or on too few."""
    if rules.too_few(row["n"]) or pd.isna(row["share"]) or row["share"] <= MOST:
        return None
    return f"{what} : {french.percent(row['share'])} (n = {french.number(row['n'])})"


def _segments(names: list) -> str:
    return french.enumeration([f"« {name} »" for name in names])


def afom(companies: pd.DataFrame, region_code: str, population: pd.Series, as_of) -> Afom:
    """The drafted AFOM of a région (its active companies among all of the data's)."""
    region = companies[companies["region_code"] == region_code]
    edges = swot.edge_indicators(companies, region_code, population, as_of)
    card = stats.segment_scorecard(companies, region_code, as_of)
    strong = card.loc[card["strong"], "segment"].tolist()
    rising = card.loc[card["accelerating"] & ~card["strong"], "segment"].tolist()
    figures = stats.headline_figures(region, reference.region_names()[region_code])
    located = region.dropna(subset=["departement_code"])
    top_two = stats.top_share(located["departement_code"].value_counts())
    strengths = _edges(edges, strong=True)
    if strong:
        strengths.append(f"Segments forts, spécialisés et en accélération : {_segments(strong)}")
    weaknesses = _edges(edges, strong=False)
    ranked = set(edges["indicateur"])  # a trait already ranked is not said twice
    small = _share_line(
        figures["under_ten"], "Un tissu de petites entreprises, moins de 10 salariés"
    )
    weaknesses += [small] if small and INDICATORS["under_ten_share"][0] not in ranked else []
    opportunities = []
    if rising:
        opportunities.append(f"Segments en accélération à accompagner : {_segments(rising)}")
    needs = highlights.most_cited(region, "needs")
    if needs:
        opportunities.append(f"Des besoins exprimés qui appellent une offre : {needs}")
    threats = []
    concentrated = len(located) >= rules.MIN_SHARE_N and top_two > CONCENTRATED
    if concentrated and INDICATORS["top_two_share"][0] not in ranked:
        threats.append(
            f"Une filière concentrée : {french.percent(top_two)} des entreprises localisées dans "
            f"deux départements (n = {french.number(len(located))})"
        )
    fragile = _share_line(
        figures["young"], f"La fragilité des jeunes entreprises, moins de {stats.YOUNG_YEARS} ans"
    )
    threats += [fragile] if fragile else []
    return Afom(
        strengths or [NOTHING],
        weaknesses or [NOTHING],
        opportunities or [NOTHING],
        threats or [NOTHING],
    )


def scenarios(companies: pd.DataFrame, region_code: str, as_of) -> dict:
    """{« généraliste »: text, « spécialiste »: text} drafted from the segment scorecard."""
    region = companies[companies["region_code"] == region_code]
    card = stats.segment_scorecard(companies, region_code, as_of)
    ranked = card[rules.ranked_mask(card["segment"])]
    segments = int((ranked["count"] > 0).sum())
    known = int(region["segment"].notna().sum())
    general = (
        f"Structurer la filière dans son ensemble : soutenir les "
        f"{french.counted(segments, 'segment')} où la région compte des entreprises "
        f"({french.counted(known, 'entreprise')} dont le segment est connu), par des actions "
        "communes (visibilité, accès au marché, financement)."
    )
    strong = card.loc[card["strong"]]
    rising = card.loc[card["accelerating"] & ~card["strong"], "segment"].tolist()
    if len(strong):
        detail = french.enumeration(
            [
                f"« {row.segment} » ({french.counted(row.count, 'entreprise')}, indice de "
                f"spécialisation {french.number(row.location_quotient, 2)}, "
                f"{french.counted(row.recent, 'création')} en quatre ans)"
                for row in strong.itertuples()
            ]
        )
        special = f"Concentrer l'effort sur les segments forts de la région : {detail}."
    elif rising:
        special = (
            "Aucun segment ne remplit la règle d'un segment fort ; les segments en accélération "
            f"({_segments(rising)}) sont les candidats d'une stratégie ciblée."
        )
    else:
        special = (
            "Aucun segment ne se détache par sa spécialisation et sa dynamique : une stratégie "
            "ciblée demande un choix de l'écosystème."
        )
    return {"généraliste": general, "spécialiste": f"{special} {stats.SCORECARD_RULE}"}
