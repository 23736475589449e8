"""The report run's records: a notebook to run for a région (Job) and how it ended (NotebookResult,
which run.json records)."""

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class Status(StrEnum):
    OK = "ok"
    FAILED = "failed"
    SKIPPED = "skipped"  # not run: an input it needs was not given (error says which)


@dataclass(frozen=True)
class Job:
    """One notebook to run for one région, and where its outputs go."""

    number: int  # position in the run: results are recorded under it
    name: str  # the notebook's stem, e.g. 01_apercu
    region: str
    notebook: Path
    out: Path  # the région's output folder, also the notebook's working directory
    title: str  # the notebook's first heading
    page_title: str  # the HTML page's title, also the header of its printed pages
    parameters: dict = field(hash=False)
    skip: str | None = None  # why it cannot run with these options (an input it needs is missing)

    @property
    def executed(self) -> Path:
        return self.out / f"{self.name}.ipynb"

    @property
    def html(self) -> Path:
        return self.out / f"{self.name}.html"


@dataclass
class NotebookResult:
    """How one notebook ended: its status, the failing cell (1-based) and error, and its timing."""

    status: Status
    cell: int | None = None
    error: str | None = None
    started: str = ""
    ended: str = ""
    seconds: float = 0.0
    kernel_did_not_start: bool = False  # no cell ran: worth one more try on a new kernel
