"""Sources that lost most of their rows to a reason that says the file may be misread (reasons.Cause):
told at the end of `clean` with the main reason and an example row, and the run fails (exit 1,
outputs still written) unless the source's source.yml accepts it (`accept_losses: true`). A file
read wrong must not pass for a file of few companies; a file read right whose companies have
ceased or are abroad is no failure."""

from dataclasses import dataclass

import pandas as pd

from santenum.clean.reasons import Cause, cause
from santenum.core.quality import QualityReport

LOSS_SHARE = 0.5  # a source losing more than this share of its rows to one reason is told


@dataclass(frozen=True)
class Loss:
    """One source that kept (almost) nothing: how many rows it read and lost, and why."""

    source: str
    rows_read: int
    lost: int
    reason: str
    example_row: int

    def line(self) -> str:
        return (
            f"{self.source} : {self.lost} ligne(s) sur {self.rows_read} en quarantaine pour « "
            f"{self.reason} » (par exemple la ligne {self.example_row}, voir rejected.csv)"
        )


def heavy_losses(quality: QualityReport, rejected: pd.DataFrame, accepted: set) -> list:
    """The sources (not in `accepted`) that lost more than LOSS_SHARE of their rows, or all of
    them, to a single reason of misreading."""
    found = []
    for source in quality.sources:
        label, read = source.source, source.rows_read
        reasons = {
            reason: count
            for reason, count in source.rejected_by_reason.items()
            if cause(reason) == Cause.MISREADING
        }
        if label in accepted or not reasons or not read:
            continue
        reason, lost = max(reasons.items(), key=lambda item: (item[1], item[0]))
        nothing_kept = source.kept + source.merged == 0
        if nothing_kept or lost > LOSS_SHARE * read:
            rows = rejected.loc[
                (rejected["source"] == label) & (rejected["reason"] == reason), "row"
            ]
            found.append(Loss(label, read, source.rejected, reason, int(rows.min())))
    return found
