"""Every reason a row is quarantined (rejected.csv, quality.json), declared once with its cause.

A cause says what a loss means. A row lost to a MISREADING reason (no name, a field that cannot be
parsed, an unknown code) suggests the file was read wrong: a source that loses most of its rows so
fails the run (clean/losses.py). A row lost to a CONTENT rule (a ceased unit, a closed
establishment, a company abroad) or that is a document's FURNITURE (a blank line, a repeated
header, a note, a total) was read right: INSEE's stock files, most of whose units have ceased,
clean with exit 0.
"""

from enum import StrEnum

import pandas as pd


class Cause(StrEnum):
    """What a quarantined row says about how its file was read."""

    MISREADING = "lecture"  # the file may be misread
    CONTENT = "contenu"  # a rule about the company, read right
    FURNITURE = "mise en page"  # not data: the document's own lines


# Identity
NO_IDENTITY = "ni raison sociale ni SIREN/SIRET"
SIREN_INVALID = "SIREN invalide"  # followed by the fault: « (clé de contrôle fausse) »
SIRET_INVALID = "SIRET invalide"
SIRET_MISMATCH = "SIRET ne correspondant pas au SIREN"
# Places
UNKNOWN_POSTAL = "code postal inconnu"
UNKNOWN_COMMUNE = "code commune inconnu"
ABROAD = "hors de France"  # followed by « (pays : Belgique) »
# The register's states
CLOSED_UNIT = "unité légale cessée (SIRENE), citée par aucune enquête ni liste"
CLOSED_ESTABLISHMENT = "établissement fermé (SIRENE)"
# How the file is laid out
SEVERAL_COMPANIES = (
    "plusieurs entreprises dans une cellule (un groupement, son mandataire) : "
    "une ligne par entreprise, ou donner son SIREN"
)
BUDGET_LINE = "ligne budgétaire (provision, dotation, enveloppe), pas une entreprise"
EMPTY_ROW = "ligne vide"
RAGGED_ROW = "nombre de champs différent de l'en-tête"
REPEATED_HEADER = "en-tête répété (page suivante d'un document converti)"
PAGE_NUMBER = "numéro de page (document converti)"
TABLE_NOTE = "note sous le tableau (source, lecture, champ)"
TOTAL_ROW = "ligne de total"
TITLE_ROW = "au-dessus de l'en-tête (titre, note)"

# Reason (or the start of a reason followed by its detail) -> cause.
CAUSES = {
    NO_IDENTITY: Cause.MISREADING,
    SIREN_INVALID: Cause.MISREADING,
    SIRET_INVALID: Cause.MISREADING,
    SIRET_MISMATCH: Cause.MISREADING,
    UNKNOWN_POSTAL: Cause.MISREADING,
    UNKNOWN_COMMUNE: Cause.MISREADING,
    RAGGED_ROW: Cause.MISREADING,
    ABROAD: Cause.CONTENT,
    SEVERAL_COMPANIES: Cause.CONTENT,
    BUDGET_LINE: Cause.CONTENT,
    CLOSED_UNIT: Cause.CONTENT,
    CLOSED_ESTABLISHMENT: Cause.CONTENT,
    EMPTY_ROW: Cause.FURNITURE,
    REPEATED_HEADER: Cause.FURNITURE,
    PAGE_NUMBER: Cause.FURNITURE,
    TABLE_NOTE: Cause.FURNITURE,
    TOTAL_ROW: Cause.FURNITURE,
    TITLE_ROW: Cause.FURNITURE,
}


def cause(reason: str) -> Cause:
    """The cause of a reason as written in rejected.csv (a declared reason, or one followed by
    its detail in brackets); an undeclared reason counts as a misreading (it fails loudly)."""
    for declared, found in CAUSES.items():
        if reason == declared or reason.startswith(declared + " ("):
            return found
    return Cause.MISREADING


def abroad(country_label: pd.Series) -> pd.Series:
    """ABROAD with the country as the file writes it: « hors de France (pays : Belgique) »."""
    return ABROAD + " (pays : " + country_label + ")"
