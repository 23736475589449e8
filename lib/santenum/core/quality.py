"""quality.json as typed records: what cleaning read, kept, merged and set aside, per source and in
total, what the register identified and which companies are in the perimeter. Written by `santenum
clean`, read by the notebooks and the report; `to_json` gives the file's content, `from_json`
reads it back."""

from dataclasses import asdict, dataclass, field, fields
from enum import StrEnum


class RowStatus(StrEnum):
    """Where an input row went: every row read is exactly one of these (the conservation law)."""

    KEPT = "kept"  # it made a company
    MERGED = "merged"  # into another row's company
    REJECTED = "rejected"  # quarantined with its reason (rejected.csv)


@dataclass(frozen=True)
class Unread:
    """A file that was not cleaned: it cannot be read as given, or it asks the analyst which
    column is which (`settle`: the source.yml lines that settle it). The other files are cleaned."""

    source: str  # its path in the raw folder
    problem: str
    settle: str = ""

    def to_json(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class IdentificationCounts:
    """Rows looked up in the register (no valid SIREN) and how each ended."""

    looked_up: int
    identified: int
    to_check: int
    not_found: int
    confirmed: int  # identified by the analyst's decision file
    rejected: int  # set aside by the analyst's decision file

    def to_json(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class SourceQuality:
    """One raw file: how it was read, which column fed which field, and where its rows went."""

    source: str
    kind: str
    date: str | None
    reading: dict  # how the file was read: format, encoding, delimiter, header row… (flat in JSON)
    columns: dict  # field -> header
    columns_by_values: dict
    ignored_columns: list
    suggested_columns: dict
    set_aside_columns: dict  # header -> why it was never read (a funder, a person, `ignore`)
    rows_read: int
    kept: int
    merged: int
    rejected: int
    rejected_by_reason: dict
    kept_with_identifier_to_check: int
    missing_share: dict
    unparsed_values: dict

    def to_json(self) -> dict:
        content = asdict(self)
        reading = content.pop("reading")
        head = {key: content.pop(key) for key in ("source", "kind", "date")}
        return {**head, **reading, **content}

    @classmethod
    def from_json(cls, content: dict) -> "SourceQuality":
        names = {f.name for f in fields(cls)}
        reading = {key: value for key, value in content.items() if key not in names}
        return cls(reading=reading, **{k: v for k, v in content.items() if k in names})


@dataclass(frozen=True)
class TotalQuality:
    """Every source together, and the company table they made."""

    rows_read: int
    kept: int
    merged: int
    rejected: int
    rejected_by_reason: dict
    companies: int
    missing_share: dict
    kept_with_identifier_to_check: int
    conflicts_resolved: dict
    location_method: dict

    def to_json(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class PerimeterCounts:
    """Active companies (not closed) by perimeter status, and the evidence of those in it.

    Evidence keys: PERIMETER_SURVEY (a survey answer declares a digital-health activity), each
    list's `perimeter:` label, PERIMETER_DECISION (the analyst's perimetre_decisions.csv).
    """

    in_perimeter: int  # dans le périmètre: what every analysis counts
    to_qualify: int  # à qualifier: candidates waiting for a person (perimetre.csv)
    out_of_perimeter: int  # hors périmètre
    by_evidence: dict  # evidence -> companies in the perimeter it names (one may have several)
    by_first_evidence: dict  # evidence -> companies in the perimeter, each once (PERIMETER_ORDER)
    conflicts: int  # à qualifier because their evidence disagrees (a list says in, the survey 0 %)

    def to_json(self) -> dict:
        return asdict(self)


PERIMETER_SURVEY = "enquête"
PERIMETER_DECISION = "décision"
# by_first_evidence: a decision first, then the survey, then the lists in reading order.
PERIMETER_ORDER = (PERIMETER_DECISION, PERIMETER_SURVEY)


@dataclass(frozen=True)
class PerimeterQuality:
    """Which companies belong to the filière (clean/perimeter.py): the counts, in total and per
    région, and how the analyst's decisions applied."""

    total: PerimeterCounts
    regions: dict  # région code -> PerimeterCounts of the companies placed in it
    decisions_read: int  # lines of perimetre_decisions.csv with a decision (oui / non)
    decisions_applied: int
    decisions_unmatched: list  # lines whose company is not in this edition: reported, kept
    decisions_ambiguous: list  # lines whose name and commune fit several companies: give the SIREN
    text_columns: dict  # source -> columns whose words the score read, besides the names

    def to_json(self) -> dict:
        content = asdict(self)
        content["regions"] = {code: counts.to_json() for code, counts in self.regions.items()}
        return content

    @classmethod
    def from_json(cls, content: dict) -> "PerimeterQuality":
        return cls(
            **{
                **content,
                "total": PerimeterCounts(**content["total"]),
                "regions": {
                    code: PerimeterCounts(**counts) for code, counts in content["regions"].items()
                },
            }
        )


@dataclass(frozen=True)
class QualityReport:
    santenum_version: str
    as_of: str  # YYYY-MM-DD: the date ages and states were computed at
    demo_data: bool
    sources: list = field(default_factory=list)  # SourceQuality, in reading order
    total: TotalQuality | None = None
    identification: IdentificationCounts | None = None  # when a register was given
    unread: list = field(default_factory=list)  # Unread files, when some could not be read
    perimeter: PerimeterQuality | None = None  # None in a quality.json written before issue 31

    def to_json(self) -> dict:
        content = {
            "santenum_version": self.santenum_version,
            "as_of": self.as_of,
            "demo_data": self.demo_data,
            "sources": [source.to_json() for source in self.sources],
            "total": self.total.to_json(),
        }
        if self.identification is not None:
            content["identification"] = self.identification.to_json()
        if self.unread:
            content["unread"] = [file.to_json() for file in self.unread]
        if self.perimeter is not None:
            content["perimeter"] = self.perimeter.to_json()
        return content

    @classmethod
    def from_json(cls, content: dict) -> "QualityReport":
        """The record of a quality.json's content; ValueError naming what is missing or wrong."""
        try:
            return cls._read(content)
        except KeyError as exc:
            raise ValueError(f"not a quality report of santenum clean (no {exc})") from None
        except (TypeError, AttributeError) as exc:
            raise ValueError(f"not a quality report of santenum clean ({exc})") from None

    @classmethod
    def _read(cls, content: dict) -> "QualityReport":
        found = content.get("identification")
        perimeter = content.get("perimeter")
        return cls(
            santenum_version=content["santenum_version"],
            as_of=content["as_of"],
            demo_data=content["demo_data"],
            sources=[SourceQuality.from_json(source) for source in content["sources"]],
            total=TotalQuality(**content["total"]),
            identification=None if found is None else IdentificationCounts(**found),
            unread=[Unread(**file) for file in content.get("unread", [])],
            perimeter=None if perimeter is None else PerimeterQuality.from_json(perimeter),
        )
