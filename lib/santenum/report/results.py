"""The report run's records: a notebook to run for a région (Job) and how it ended (NotebookResult,
which run.json records per région: RegionRun)."""

from dataclasses import asdict, dataclass, field
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
    # A notebook that is not santenum's own (--notebooks DIR) runs on a kernel of its own, started
    # for it and stopped after it: whatever it changes, no other notebook sees it.
    fresh_kernel: bool = False

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


@dataclass(frozen=True)
class NotebookRecord:
    """A notebook's line in run.json: its files and how it ended."""

    name: str
    title: str
    html: str  # file names, in the région's folder
    executed: str
    status: Status
    cell: int | None = None
    error: str | None = None
    started: str = ""
    ended: str = ""
    seconds: float = 0.0

    @classmethod
    def of(cls, job: Job, result: NotebookResult) -> "NotebookRecord":
        ended = asdict(result)
        del ended["kernel_did_not_start"]  # the run's business, not the record's
        return cls(job.name, job.title, job.html.name, job.executed.name, **ended)


@dataclass(frozen=True)
class RunParameters:
    region_code: str
    region_name: str
    peer_regions: list
    peer_names: list
    as_of: str  # YYYY-MM-DD
    jobs: int
    timeout: float


@dataclass(frozen=True)
class RunInput:
    """The company table a run read (and the previous edition's), with their SHA-256."""

    path: str
    sha256: str
    rows: int  # companies in the table, all régions
    unlocated: int  # of which located in no région
    demo: bool
    quality: dict | None  # quality.json's total, when the table has one
    previous: dict | None  # {path, sha256, as_of} of --previous (as_of: its date, YYYY-MM-DD)


@dataclass(frozen=True)
class RegionRun:
    """One région's run, as run.json records it (`to_json`) and reads it back (`from_json`)."""

    parameters: RunParameters
    input: RunInput
    region_rows: int
    versions: dict
    started: str
    ended: str
    status: Status
    notebooks: list  # NotebookRecord, in the run's order

    @property
    def failed(self) -> list:
        return [nb for nb in self.notebooks if nb.status is Status.FAILED]

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, content: dict) -> "RegionRun":
        return cls(
            **{
                **content,
                "parameters": RunParameters(**content["parameters"]),
                "input": RunInput(**content["input"]),
                "status": Status(content["status"]),
                "notebooks": [
                    NotebookRecord(**{**nb, "status": Status(nb["status"])})
                    for nb in content["notebooks"]
                ],
            }
        )
