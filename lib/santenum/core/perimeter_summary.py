"""What the study says of its perimeter: the rule, and the companies it counts by their evidence.

One typed record, PerimeterSummary, read by the study's « Périmètre et écosystème » section and
its method annex (and nothing else): the rule as a paragraph, the région's companies in the
perimeter by the evidence that puts them there (each once, by its first evidence — the analyst's
decision, then the survey, then each list in reading order — and, beside it, every company each
evidence names), the candidates still « à qualifier » and those set out. `perimeter_summary`
fills it from quality.json's perimeter record (core.quality.PerimeterQuality, written by
clean/perimeter.py): the one source of these counts, so the study, the index and the notebooks
cannot disagree.
"""

from dataclasses import dataclass

from santenum.core.quality import (
    PERIMETER_DECISION,
    PERIMETER_ORDER,
    PERIMETER_SURVEY,
    QualityReport,
)

RULE = (
    "Une entreprise entre dans le périmètre de la filière sur une preuve de son activité de santé "
    "numérique : sa réponse à l'enquête, une liste qui établit cette activité (membres d'un "
    "cluster, lauréats, hébergeurs certifiés…) ou la décision de l'analyste. Le code d'activité "
    "(NAF) seul n'y fait ni entrer ni sortir : les entreprises qu'aucune preuve ne désigne restent "
    "« à qualifier », non comptées, jusqu'à ce qu'une personne en décide (perimetre.csv). Seules "
    "les entreprises actives (non cessées selon le répertoire SIRENE) dont l'établissement retenu "
    "est dans la région sont comptées."
)
UNRECORDED = (
    "Le rapport de nettoyage (quality.json) ne donne pas le périmètre : toutes les entreprises "
    "actives de la région que le fichier contient sont comptées, sans que leur preuve soit connue."
)
_LABELS = {PERIMETER_DECISION: "décision de l'analyste", PERIMETER_SURVEY: "réponse à l'enquête"}


@dataclass(frozen=True)
class EvidenceCount:
    """The région's companies in the perimeter on one piece of evidence."""

    label: str  # as readers read it: « réponse à l'enquête », « liste : membre du cluster … »
    first: int  # counted under it: companies whose first evidence it is (each company once)
    named: int  # companies in the perimeter it names (a company may have several evidences)


@dataclass(frozen=True)
class PerimeterSummary:
    """The perimeter of one région's study."""

    rule: str  # the perimeter rule, one paragraph of French
    counted: tuple  # EvidenceCount, in the order companies are counted (first evidence)
    total: int  # companies in the perimeter: the study's population
    to_qualify: int = 0  # candidates « à qualifier », not counted until a person decides
    out: int = 0  # companies a source names that the evidence sets out of the perimeter
    conflicts: int = 0  # of to_qualify: evidence that disagrees (a list says in, the survey 0 %)


def _label(evidence: str) -> str:
    return _LABELS.get(evidence, f"liste : {evidence}")


def perimeter_summary(code: str, active: int, quality: QualityReport | None) -> PerimeterSummary:
    """Région `code`'s perimeter from quality.json's record; without one (a table cleaned before
    the perimeter existed), its `active` companies, counted with the rule said unrecorded."""
    record = quality.perimeter if quality is not None else None
    if record is None:
        return PerimeterSummary(UNRECORDED, (), active)
    counts = record.regions.get(code)
    if counts is None:  # no company of the région at all
        return PerimeterSummary(RULE, (), 0)
    evidences = [e for e in PERIMETER_ORDER if e in counts.by_evidence]
    evidences += [e for e in counts.by_evidence if e not in PERIMETER_ORDER]
    counted = tuple(
        EvidenceCount(_label(e), counts.by_first_evidence.get(e, 0), counts.by_evidence[e])
        for e in evidences
    )
    return PerimeterSummary(
        RULE,
        counted,
        counts.in_perimeter,
        counts.to_qualify,
        counts.out_of_perimeter,
        counts.conflicts,
    )
