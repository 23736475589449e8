"""The company table's perimeter column: whether a company belongs to the filière.

Cleaning decides it on evidence (clean/perimeter.py); analyses count the companies in it only.
"""

from enum import StrEnum

import pandas as pd


class PerimeterStatus(StrEnum):
    """A company's status, as the table and perimetre.csv write it."""

    IN = "dans le périmètre"  # on evidence: a survey answer, an evidence list, a decision
    TO_QUALIFY = "à qualifier"  # a candidate, or evidence that disagrees: for a person to decide
    OUT = "hors périmètre"  # the survey answer (0 % of activity) or a decision says so


def in_perimeter(companies: pd.DataFrame) -> pd.Series:
    """True for the companies in the perimeter (the only ones analyses count)."""
    return companies["perimeter"].eq(PerimeterStatus.IN.value).fillna(False).astype(bool)
