"""What the study says of its perimeter: the rule, and the companies it counts by their evidence.

One typed record, PerimeterSummary, read by the study's « Périmètre et écosystème » section (and
nothing else): the rule as a paragraph, the companies counted by the evidence that puts them in
the perimeter (each company once, by its first evidence: the survey, then each list in file
order, then the register's extract, then an analyst's decision), the candidates still « à
qualifier » and those set out of the perimeter. `perimeter_summary` fills it from what the company
table and quality.json hold.
"""

from dataclasses import dataclass

import pandas as pd

from santenum.core.quality import QualityReport

SURVEY, LIST, SIRENE, ANALYST = "survey", "list", "sirene", "analyst"
# Evidence kinds in the order a company is counted under (its first one).
EVIDENCE_ORDER = (SURVEY, LIST, SIRENE, ANALYST)
EVIDENCE_LABELS = {
    SURVEY: "réponse à l'enquête",
    LIST: "liste",
    SIRENE: "extrait du répertoire SIRENE",
    ANALYST: "décision de l'analyste",
}
RULE = (
    "Toute entreprise active (non cessée selon le répertoire SIRENE) que nomme une source de "
    "l'étude — enquête, liste de membres ou de lauréats, extrait SIRENE — et dont l'établissement "
    "retenu est dans la région entre dans le périmètre."
)


@dataclass(frozen=True)
class EvidenceCount:
    """Companies counted in the perimeter on one piece of evidence."""

    kind: str  # SURVEY, LIST, SIRENE or ANALYST
    label: str  # as readers read it: « réponse à l'enquête », « liste : membres-occitanie.csv »
    companies: int


@dataclass(frozen=True)
class PerimeterSummary:
    """The perimeter of one région's study."""

    rule: str  # the perimeter rule, one paragraph of French
    counted: tuple  # EvidenceCount, each company once (its first evidence), in EVIDENCE_ORDER
    to_qualify: int = 0  # candidates « à qualifier », not counted until a person decides
    out: int = 0  # companies a source names that the rule sets out of the perimeter

    @property
    def total(self) -> int:
        """Companies in the perimeter: the study's population."""
        return sum(count.companies for count in self.counted)


def _first_evidence(sources, kinds: dict, lists: list) -> tuple:
    """(kind, label) of a company's first evidence among its sources."""
    names = list(sources) if sources is not None else []
    found = [kinds.get(name) for name in names]
    if SURVEY in found:
        return SURVEY, EVIDENCE_LABELS[SURVEY]
    for name in lists:
        if name in names:
            return LIST, f"{EVIDENCE_LABELS[LIST]} : {name}"
    if SIRENE in found:
        return SIRENE, EVIDENCE_LABELS[SIRENE]
    return ANALYST, EVIDENCE_LABELS[ANALYST]


def perimeter_summary(region: pd.DataFrame, quality: QualityReport | None) -> PerimeterSummary:
    """The perimeter of the région's active companies: today every company a source names is
    counted (no candidate waits, none is set out); each by its first evidence (`sources`, each
    source's kind from quality.json)."""
    sources = quality.sources if quality else []
    kinds = {source.source: source.kind for source in sources}
    lists = [source.source for source in sources if source.kind == LIST]
    evidence = [_first_evidence(row, kinds, lists) for row in region["sources"]]
    counts = pd.Series(evidence, dtype=object).value_counts(sort=False)
    order = {kind: i for i, kind in enumerate(EVIDENCE_ORDER)}
    listed = {label: i for i, label in enumerate(f"{EVIDENCE_LABELS[LIST]} : {n}" for n in lists)}
    keys = sorted(counts.index, key=lambda key: (order[key[0]], listed.get(key[1], 0)))
    counted = tuple(EvidenceCount(kind, label, int(counts[(kind, label)])) for kind, label in keys)
    return PerimeterSummary(RULE, counted)
