"""The paragraph that opens each chapter: its figures read in a few sentences.

Built from the same facts as the faits saillants (highlights.py) and under the same rules (a share
on too few companies withheld, a first place only when clear, « Autres » never ranked). Session
.heading shows it for the notebooks named in LEADS; 07_evolution shows its own (evolution_lead),
once the two editions are matched.
"""

import pandas as pd

from santenum.analysis import highlights, stats
from santenum.core import french, reference


def _named(labels: list) -> str:
    return french.enumeration([f"« {label} »" for label in labels])


def _overview(study) -> str:
    region = study.region
    name = reference.region_name(study.region_code)
    categories = stats.category_counts(region).set_index("size_category")["count"]
    classed = int(categories.sum())
    text = [
        f"{name.subject} {name.verb('compte', 'comptent')} "
        f"{french.counted(len(region), 'entreprise')} de santé numérique au "
        f"{study.as_of:%d/%m/%Y}"
    ]
    if classed:
        mix = french.enumeration(
            [f"{french.number(count)} {label}" for label, count in categories.items() if count]
        )
        text[0] += f" : {mix}"
        if len(region) > classed:
            text[0] += f" ({french.number(len(region) - classed)} non classées)"
    sentences = [text[0] + "."]
    places = highlights.places_sentence(region)
    if places:
        sentences.append(places)
    return " ".join(sentences)


def _segments(study) -> str | None:
    figures = stats.headline_figures(study.region, study.region_name)
    first = highlights.segment_sentence(figures)
    if first is None:
        return None
    dynamics = stats.recent_creations(study.region, study.as_of)
    accelerating = dynamics.loc[dynamics["accelerating"], "segment"].tolist()
    growth = (
        f"Segments en accélération selon la règle ci-dessous : {_named(accelerating)}."
        if accelerating
        else "Aucun segment n'est en accélération selon la règle ci-dessous."
    )
    return f"{first} {growth}"


def _sizes(study) -> str | None:
    figures = stats.headline_figures(study.region, study.region_name)
    parts = [
        text
        for text in (highlights.sizes_sentence(figures), highlights.youth_sentence(figures))
        if text
    ]
    jobs = highlights.jobs_sentence(figures)
    return " ".join(parts + ([jobs] if jobs else [])) or None


def _geography(study) -> str | None:
    located = study.region.dropna(subset=["departement_code"])
    if located.empty:
        return None
    counts = located["departement_code"].value_counts()
    sentences = [
        f"Les {french.counted(len(located), 'entreprise localisée', 'entreprises localisées')} "
        f"se répartissent dans {french.counted(len(counts), 'département')}."
    ]
    places = highlights.places_sentence(study.region)
    if places:
        sentences.append(places)
    metropole = stats.metropole_share(located)
    sentences.append(
        highlights.sentence(
            highlights.part(
                metropole,
                len(located),
                "des entreprises localisées sont dans une métropole",
                "la part des entreprises dans une métropole",
            )
        )
    )
    return " ".join(sentences)


def _products(study) -> str | None:
    products = highlights.most_cited(study.region, "products")
    ai = highlights.ai_sentence(stats.headline_figures(study.region, study.region_name))
    return " ".join(text for text in (products, ai) if text) or None


def _benchmark(study) -> str | None:
    regions = stats.regions_table(study.companies, study.region_population())
    if study.region_code not in set(regions["region_code"]):
        return None
    sentences = [highlights.size_sentence(study.region, regions, study.region_code)]
    card = stats.segment_scorecard(study.companies, study.region_code, study.as_of)
    strong = card.loc[card["strong"], "segment"].tolist()
    sentences.append(
        f"Segments forts (scénario « spécialiste ») : {_named(strong)}."
        if strong
        else "Aucun segment ne remplit la règle d'un segment fort : le scénario « spécialiste » "
        "n'a pas de cible évidente."
    )
    return " ".join(sentences)


def _needs(study) -> str | None:
    cited = [highlights.most_cited(study.region, column) for column in ("needs", "maturity")]
    return " ".join(text for text in cited if text) or None


LEADS = {
    "01_apercu": _overview,
    "02_segments": _segments,
    "03_taille_age": _sizes,
    "04_geographie": _geography,
    "05_produits_technologies": _products,
    "06_benchmark": _benchmark,
    "08_besoins_maturite": _needs,
}


def lead(study) -> str | None:
    """The opening paragraph of the study's notebook (a Session), None for a notebook it does not
    know (an agency's own)."""
    make = LEADS.get(study.notebook)
    return make(study) if make else None


def evolution_lead(totals: pd.DataFrame, previous_as_of, as_of) -> str:
    """07_evolution's opening paragraph, from evolution.entries_exits' totals."""
    count = totals.set_index("indicateur")["count"]
    net = int(count["entrées"]) - int(count["sorties"])
    change = f"un solde de {'+' if net > 0 else ''}{french.number(net)}"
    return (
        f"Entre le {pd.Timestamp(previous_as_of):%d/%m/%Y} et le {pd.Timestamp(as_of):%d/%m/%Y} : "
        f"{french.counted(count['entrées'], 'entrée')} et "
        f"{french.counted(count['sorties'], 'sortie')}, soit {change} ; "
        f"{french.counted(count['présentes aux deux éditions'], 'entreprise')} "
        f"{'présente' if count['présentes aux deux éditions'] < 2 else 'présentes'} aux deux "
        "éditions."
    )
