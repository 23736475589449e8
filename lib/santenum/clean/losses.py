"""Sources that lost most of their rows: told at the end of `clean` with the main reason and an
example row, and the run fails (exit 1, outputs still written) unless the source's source.yml
accepts it (`accept_losses: true`). A file read wrong must not pass for a file of few companies."""

from dataclasses import dataclass

import pandas as pd

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
    """The sources (not in `accepted`) that kept no row, or lost more than LOSS_SHARE of their rows
    to a single reason."""
    found = []
    for source in quality.sources:
        label, read = source.source, source.rows_read
        reasons = source.rejected_by_reason
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
