"""How a notebook of a report run ended: a typed result that run.json records."""

from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    OK = "ok"
    FAILED = "failed"
    SKIPPED = "skipped"  # not run: an input it needs was not given (error says which)


@dataclass
class NotebookResult:
    """How one notebook ended: its status, the failing cell (1-based) and error, and its timing."""

    status: Status
    cell: int | None = None
    error: str | None = None
    started: str = ""
    ended: str = ""
    seconds: float = 0.0

    @property
    def kernel_failed(self) -> bool:
        """The kernel did not start (no cell ran): worth one more try."""
        return self.status is Status.FAILED and self.cell is None and "Kernel" in (self.error or "")
