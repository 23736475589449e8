"""The quality report (quality.json) and the row-conservation law it must satisfy."""

import pandas as pd

from santenum import __version__
from santenum.clean.ignored import suggestions
from santenum.core.errors import ConservationError
from santenum.core.quality import QualityReport, RowStatus, SourceQuality, TotalQuality
from santenum.core.table.lists import is_missing

EXAMPLES = 5


def _shares(frame: pd.DataFrame) -> dict:
    """Share of missing values (empty lists count as missing) per column."""
    return {
        c: round(float(is_missing(frame[c]).mean()), 4) if len(frame) else None
        for c in frame.columns
    }


def _counts(rows: pd.DataFrame) -> dict:
    """kept, merged, rejected and rejected_by_reason of these rows."""
    status = rows["status"].value_counts()
    reasons = rows.loc[rows["status"] == RowStatus.REJECTED, "reason"].value_counts().sort_index()
    return {
        "kept": int(status.get(RowStatus.KEPT, 0)),
        "merged": int(status.get(RowStatus.MERGED, 0)),
        "rejected": int(status.get(RowStatus.REJECTED, 0)),
        "rejected_by_reason": {str(k): int(v) for k, v in reasons.items()},
    }


def _to_check(rows: pd.DataFrame) -> int:
    """Rows kept by their name (placed or not) whose SIREN/SIRET failed its check (listed in
    a_verifier.csv)."""
    return int((rows["identifier_issue"].notna() & (rows["status"] != RowStatus.REJECTED)).sum())


def _unparsed_by_source(fields: pd.DataFrame, flags: pd.DataFrame) -> dict:
    """source order -> {field: {count, examples}}, fields in flags' order (one pass per field)."""
    out = {}
    for field in flags.columns:
        bad = fields.loc[flags[field], [field, "_source_order"]]
        for order, values in bad.groupby("_source_order")[field]:
            out.setdefault(order, {})[field] = {
                "count": int(len(values)),
                "examples": sorted(values.astype(str).unique())[:EXAMPLES],
            }
    return out


def _malformed_rows(sources: list) -> pd.DataFrame:
    """The lines every source could not use (its reader's malformed), as rejected rows."""
    lines = [(i, m[1]) for i, s in enumerate(sources) for m in s.table.malformed]
    frame = pd.DataFrame(lines, columns=["_source_order", "reason"])
    return frame.assign(status=RowStatus.REJECTED.value)


def _per_source_counts(rows: pd.DataFrame, malformed: pd.DataFrame, sources: int) -> dict:
    """source order -> _counts of its rows and its malformed lines, grouped once for all sources."""
    every = pd.concat([rows[["_source_order", "status", "reason"]], malformed], ignore_index=True)
    status = every.groupby(["_source_order", "status"]).size()
    rejected = every[every["status"] == RowStatus.REJECTED]
    reasons = rejected.groupby(["_source_order", "reason"]).size().sort_index()
    by_reason = {}
    for (order, reason), count in reasons.items():
        by_reason.setdefault(order, {})[str(reason)] = int(count)
    status = status.to_dict()
    return {
        order: {
            "kept": int(status.get((order, RowStatus.KEPT), 0)),
            "merged": int(status.get((order, RowStatus.MERGED), 0)),
            "rejected": int(status.get((order, RowStatus.REJECTED), 0)),
            "rejected_by_reason": by_reason.get(order, {}),
        }
        for order in range(sources)
    }


def quality_report(
    sources: list,
    fields: pd.DataFrame,
    rows: pd.DataFrame,
    unparsed: pd.DataFrame,
    companies: pd.DataFrame,
    conflicts: dict,
    as_of: pd.Timestamp,
    demo: bool = False,
) -> QualityReport:
    """Per source and in total: rows read, kept, merged, rejected by reason, missing shares, conflicts.

    `fields`, `rows` and `unparsed` are aligned: one row per data row of every source. Rows are
    grouped by source once, so the cost follows the number of rows plus the number of sources.
    """
    order = rows["_source_order"]
    malformed = _malformed_rows(sources)
    counts = _per_source_counts(rows, malformed, len(sources))
    to_check = (
        (rows["identifier_issue"].notna() & (rows["status"] != RowStatus.REJECTED))
        .groupby(order)
        .sum()
    )
    mapped_fields = sorted({field for s in sources for field in s.mapping})
    missing = fields[mapped_fields].isna().groupby(fields["_source_order"]).mean()
    missing = missing.to_dict(orient="index")
    unparsed_values = _unparsed_by_source(fields, unparsed)
    per_source = []
    for index, source in enumerate(sources):
        mapped = list(source.mapping)
        unused = source.ignored_columns()
        shares = (
            {c: round(float(missing[index][c]), 4) for c in mapped}
            if index in missing
            else dict.fromkeys(mapped)
        )
        per_source.append(
            SourceQuality(
                source=source.label,
                kind=source.kind,
                date=source.date,
                reading=source.table.meta,
                columns=source.mapping,
                columns_by_values=source.by_values,
                ignored_columns=unused,
                suggested_columns=suggestions(unused, source.table.frame),
                set_aside_columns=source.set_aside,
                rows_read=source.rows_read,
                **counts[index],
                kept_with_identifier_to_check=int(to_check.get(index, 0)),
                missing_share=shares,
                unparsed_values={
                    field: found
                    for field, found in unparsed_values.get(index, {}).items()
                    if field in mapped
                },
            )
        )
    all_rows = pd.concat([rows[["status", "reason"]], malformed], ignore_index=True)
    located = (
        rows.loc[rows["status"] != RowStatus.REJECTED, "location_method"]
        .value_counts()
        .sort_index()
    )
    total = TotalQuality(
        rows_read=sum(s.rows_read for s in per_source),
        **_counts(all_rows),
        companies=len(companies),
        missing_share=_shares(companies.drop(columns=["company_id", "sources"])),
        kept_with_identifier_to_check=_to_check(rows),
        conflicts_resolved=conflicts,
        location_method={str(k): int(v) for k, v in located.items()},
    )
    return QualityReport(
        santenum_version=__version__,
        as_of=as_of.date().isoformat(),
        demo_data=demo,
        sources=per_source,
        total=total,
    )


def check_conservation(quality: QualityReport) -> None:
    """rows_read == kept + merged + rejected for every source and in total, else ConservationError."""
    for part in [*quality.sources, quality.total]:
        accounted = part.kept + part.merged + part.rejected
        if part.rows_read != accounted:
            where = getattr(part, "source", "total")
            raise ConservationError(
                f"{where}: {part.rows_read} rows read but {accounted} accounted for "
                f"({part.kept} kept + {part.merged} merged + {part.rejected} rejected)"
            )
