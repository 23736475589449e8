"""Clean a directory of raw company files into one validated company table."""

import hashlib
import json
import logging
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from tqdm import tqdm

from santenum.clean import identification, perimeter
from santenum.clean.checks import conform
from santenum.clean.losses import heavy_losses
from santenum.clean.merge import assign_companies, combine
from santenum.clean.normalise.size import band_of_headcount, derive_category
from santenum.clean.parse import parse_rows
from santenum.clean.quality import check_conservation, quality_report
from santenum.clean.reasons import CLOSED_UNIT, TITLE_ROW, Cause, cause
from santenum.clean.sources import input_fields, load_sources
from santenum.clean.validate import validate_companies
from santenum.core import config
from santenum.core.quality import QualityReport, RowStatus
from santenum.core.table.ages import age_in_years
from santenum.core.table.columns import LIST_FIELDS, NAMES
from santenum.core.table.lists import as_arrow, fill_empty
from santenum.sirene.register import Register

log = logging.getLogger(__name__)

# A company known by its SIREN alone, listed in a_verifier.csv for a person to name (never a
# natural person: an individual entrepreneur without a trade name is counted, never named).
NAMELESS = "SIREN sans raison sociale : nom à compléter (ou donner le registre : --unites-legales)"
UNREGISTERED = (
    "SIREN sans raison sociale, ni dans le répertoire SIRENE donné (absent ou non diffusible) : "
    "numéro à vérifier, nom à compléter"
)
QUARANTINED_NOTE = " ; ligne en quarantaine (voir rejected.csv)"
IDENTIFIED_NOTE = " ; identifiée dans SIRENE (voir identification.csv)"
NAMESAKE = (
    "même nom qu'une autre ligne du fichier, en un autre lieu ou sans lieu : gardées comme "
    "entreprises distinctes (une seule ? donner son SIREN)"
)
UNREAD_PLACE = (
    "lieu donné mais non lu (inconnu, ambigu, ou département et région en désaccord) : laissé vide"
)
PLACE_FIELDS = ("commune_code", "postal_code", "commune_name", "departement", "region")
PIPED_NAME = (
    "nom en plusieurs parties séparées par « | » : une entreprise (son nom et sa devise) ou "
    "plusieurs (une ligne par entreprise) ?"
)
IDENTIFICATION_STAGE = "identification SIRENE"  # only with a register
STAGES = (
    "lecture",
    "analyse des lignes",
    IDENTIFICATION_STAGE,
    "fusion des doublons",
    "validation",
)


@dataclass
class CleanResult:
    companies: pd.DataFrame
    rejected: pd.DataFrame
    quality: QualityReport
    to_check: pd.DataFrame = field(default_factory=pd.DataFrame)  # a_verifier.csv
    files: dict = field(default_factory=dict)  # source label -> its path in the raw directory
    losses: list = field(default_factory=list)  # losses.Loss of sources that kept (almost) nothing
    identification: pd.DataFrame | None = None  # identification.csv, when a register was given
    unread: list = field(default_factory=list)  # core.quality.Unread: files not cleaned
    perimeter: pd.DataFrame = field(default_factory=pd.DataFrame)  # perimetre.csv
    notices: list = field(default_factory=list)  # lines for stderr: the perimeter's questions


def company_ids(companies: pd.DataFrame, name_keys: pd.Series) -> pd.Series:
    """The SIREN, or for companies without one 'X' + a hash of name key and place."""
    ids = companies["siren"].astype("string")
    todo = ids.isna()
    place = companies.loc[todo, ["commune_code", "postal_code"]].fillna("")
    basis = (
        name_keys[todo].fillna("") + "|" + place["commune_code"] + "|" + place["postal_code"]
    ).tolist()
    seen = {}
    hashed = []
    for text in basis:
        seen[text] = seen.get(text, 0) + 1
        suffix = f"-{seen[text]}" if seen[text] > 1 else ""
        hashed.append("X" + hashlib.sha1(text.encode()).hexdigest()[:12] + suffix)
    ids[todo] = hashed
    return ids


def _finish(companies: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    exact = companies["headcount"].notna()
    companies.loc[exact, "headcount_band"] = band_of_headcount(companies.loc[exact, "headcount"])
    derived = derive_category(
        companies["headcount"], companies["headcount_band"], companies["revenue_eur"]
    )
    companies["size_category"] = companies["size_category"].fillna(derived)
    companies["closed"] = companies["closed"].fillna(False)
    companies["age_years"] = age_in_years(companies["creation_date"], as_of)
    for column in LIST_FIELDS:
        companies[column] = fill_empty(companies[column])
    companies = companies[NAMES]
    order = _id_order(companies["company_id"])
    return (companies if order is None else companies.iloc[order]).reset_index(drop=True)


def _id_order(ids: pd.Series) -> np.ndarray | None:
    """The positions that sort these company ids (Arrow's sort: stable, by code point as pandas
    sorts text), or None when they are in order already (a register's extract, by SIREN)."""
    text = as_arrow(ids, pa.large_string())
    if pc.all(pc.less_equal(text[:-1], text[1:])).as_py() is not False:
        return None
    return pc.sort_indices(text).to_numpy()


def _rejected_table(sources: list, rows: pd.DataFrame) -> pd.DataFrame:
    """source, row, reason and the row's values as JSON, in file order; copied by allow-list:
    only the columns read as a field (Source.read), non-blank, and on a natural person's row not
    the name columns that hold the person's own name there (Source.own_names). A line
    that could not be split into the header's columns (a ragged row) has no values: which cell
    is which cannot be told, so none is copied (the analyst finds it by its row number)."""
    parts = []
    quarantined_rows = rows[rows["reason"].notna()]
    by_source = quarantined_rows.groupby("_source_order").indices
    columns = ["row", "reason", "values"]
    for order, source in enumerate(sources):
        if order not in by_source and not source.table.malformed:
            continue  # nothing quarantined in this source
        malformed = pd.DataFrame(
            [
                (row, reason, _furniture_text(reason, text))
                for row, reason, text in source.table.malformed
            ],
            columns=columns,
        )
        mine = quarantined_rows.iloc[by_source.get(order, [])]
        frame = source.table.frame[source.read]
        originals = frame.loc[mine["_position"]].copy()
        person = mine["_natural_person"].to_numpy()
        for header in source.own_names:
            originals[header] = originals[header].mask(person)
        values = [
            json.dumps({k: v for k, v in cells.items() if not pd.isna(v)}, ensure_ascii=False)
            for cells in originals.to_dict(orient="records")
        ]
        quarantined = pd.DataFrame(
            {"row": mine["row"].to_numpy(), "reason": mine["reason"].to_numpy(), "values": values}
        )
        parts.append(pd.concat([malformed, quarantined]).assign(source=source.label, _order=order))
    empty = pd.DataFrame(columns=[*columns, "source", "_order"])
    frame = pd.concat(parts or [empty], ignore_index=True).astype({"row": int})
    return frame.sort_values(["_order", "row"])[["source", "row", "reason", "values"]].reset_index(
        drop=True
    )


def _furniture_text(reason: str, text: str) -> str:
    """A document's furniture keeps its text (a note, a total, a repeated header: what the analyst
    checks); a line of data that could not be read, or a row above the header (a title, or data a
    misread header left above it), keeps none: its cells cannot be told apart."""
    return text if cause(reason) == Cause.FURNITURE and reason != TITLE_ROW else ""


def _nameless(accepted: pd.DataFrame, representative: pd.Series, companies) -> pd.DataFrame:
    """The representative rows of the companies left without a name (known by their SIREN),
    but individual entrepreneurs: a person's name is never asked for."""
    unnamed = accepted["company"].isin(companies.index[companies["name"].isna()])
    first = accepted[unnamed & representative.reindex(accepted.index, fill_value=False)]
    return first[~first["_natural_person"].astype(bool)]


def _namesakes(accepted: pd.DataFrame, representative: pd.Series, kept) -> pd.DataFrame:
    """The first row of each company that shares its name, in the same file and with no
    identifier, with another company set elsewhere (merge.unplaced_namesakes did not link them):
    « TRANSDEV IDF » in the 77 and the 92 may be one company or two, a person says which."""
    alone = accepted["siren"].isna() & accepted["identifier_value"].isna()
    alone &= accepted["name_key"].notna() & ~accepted["_natural_person"].astype(bool)
    alone &= representative.reindex(accepted.index, fill_value=False)
    first = accepted[alone]
    first = first[first["company"].isin(kept)]
    return first[first.duplicated(["source", "name_key"], keep=False)]


def _piped(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows kept by a name of several parts separated by « | » and no SIREN (PIPED_NAME), but a
    natural person's (never named)."""
    named = rows["_given_name"].str.contains("|", regex=False).fillna(False).astype(bool)
    kept = (rows["status"] != RowStatus.REJECTED) & rows["siren"].isna()
    return rows[named & kept & ~rows["_natural_person"].astype(bool)]


def _unread_places(rows: pd.DataFrame, fields: pd.DataFrame) -> pd.DataFrame:
    """Kept rows that give a place (PLACE_FIELDS) but got none (UNREAD_PLACE), with the place as
    given: « 71 ; 11 » (a département that is not in its région), a commune the reference does
    not know. Left empty, never guessed: a person says where it is."""
    given = fields.loc[rows.index, list(PLACE_FIELDS)]
    unplaced = (rows["status"] != RowStatus.REJECTED) & rows["region_code"].isna()
    unplaced &= given.notna().any(axis=1)
    shown = given[unplaced].stack().dropna().groupby(level=0).agg(" ; ".join)
    return rows[unplaced].assign(value=shown.astype("string"), reason=UNREAD_PLACE)


def _to_check(
    rows: pd.DataFrame,
    nameless: pd.DataFrame,
    namesakes: pd.DataFrame,
    registered: bool,
    fields: pd.DataFrame,
) -> pd.DataFrame:
    """What a person should correct or complete: rows kept by name and place although their
    SIREN/SIRET is wrong, SIRETs a spreadsheet rounded even when their row went to quarantine (said
    in the reason, as is a SIREN found since in the register), and companies known by their SIREN
    alone (NAMELESS), namesakes kept apart (_namesakes) and names in parts (_piped)."""
    listed = rows[rows["identifier_issue"].notna()].copy()
    quarantined = listed["status"] == RowStatus.REJECTED
    listed.loc[quarantined, "identifier_issue"] += QUARANTINED_NOTE
    listed.loc[listed["siren"].notna(), "identifier_issue"] += IDENTIFIED_NOTE
    table = listed[["source", "row", "identifier_value", "identifier_issue", "_given_name"]]
    why = UNREGISTERED if registered else NAMELESS
    unnamed = nameless[["source", "row", "siren"]].assign(reason=why, name=pd.NA)
    twins = namesakes[["source", "row", "departement_code", "_given_name"]].assign(reason=NAMESAKE)
    twins = twins[["source", "row", "departement_code", "reason", "_given_name"]]
    piped = _piped(rows)[["source", "row", "_given_name"]].assign(value=pd.NA, reason=PIPED_NAME)
    piped = piped[["source", "row", "value", "reason", "_given_name"]]
    places = _unread_places(rows, fields)
    places = places[["source", "row", "value", "reason", "_given_name"]]
    columns = ["source", "row", "value", "reason", "name"]
    table = pd.concat(
        [t.set_axis(columns, axis=1) for t in (table, unnamed, twins, piped, places)],
        ignore_index=True,
    )
    return table.sort_values(["source", "row"], kind="stable").reset_index(drop=True)


def _advance(bar, stage: str) -> None:
    bar.set_postfix_str(f"{stage} terminée", refresh=False)
    bar.update(1)


@dataclass(frozen=True)
class Parsed:
    """The parse step's output: every source's input fields (as read, by role), the rows parsed
    and placed with their quarantine reasons (clean.reasons), and the unparsed-value flags."""

    fields: pd.DataFrame
    rows: pd.DataFrame
    unparsed: pd.DataFrame


@dataclass(frozen=True)
class Merged:
    """The merge step's output: rows with their company and status, the accepted rows, one row
    per company (ceased register-only units dropped), each company's representative row, the
    conflicts resolved per column, and the companies left without a name."""

    rows: pd.DataFrame
    accepted: pd.DataFrame
    companies: pd.DataFrame
    representative: pd.Series
    conflicts: dict
    nameless: pd.DataFrame


def parse(sources: list, as_of: pd.Timestamp) -> Parsed:
    """Parse and place every source's rows (parse.parse_rows); a value outside its column's
    domain is an unparsed value (checks.conform)."""
    fields = input_fields(sources)
    rows, unparsed = parse_rows(fields)
    conform(rows, unparsed, as_of)
    rows["_position"] = fields["_position"]
    rows["_natural_person"] = fields["natural_person"]
    rows["_given_name"] = rows["name"]  # as the file writes it, before the register's identity
    return Parsed(fields, rows, unparsed)


def merge(rows: pd.DataFrame) -> Merged:
    """Rows that are one company merged (merge.assign_companies, by precedence: merge.combine);
    a ceased unit stays (marked closed) only while a survey or list still names it."""
    rows = rows.copy()
    accepted = rows[rows["reason"].isna()].copy()
    accepted["company"] = assign_companies(accepted)
    companies, representative, conflicts = combine(accepted)
    register_only = ~accepted["kind"].ne("sirene").groupby(accepted["company"]).any()
    ceased = companies.index[
        companies["closed"].fillna(False).astype(bool) & register_only.reindex(companies.index)
    ]
    rows.loc[accepted.index[accepted["company"].isin(ceased)], "reason"] = CLOSED_UNIT
    rows["status"] = RowStatus.MERGED.value
    rows.loc[representative[representative].index, "status"] = RowStatus.KEPT.value
    rows.loc[rows["reason"].notna(), "status"] = RowStatus.REJECTED.value
    companies = companies[~companies.index.isin(ceased)]
    nameless = _nameless(accepted, representative, companies)
    first = representative.to_numpy()  # on accepted's rows
    name_keys = accepted["name_key"][first].set_axis(accepted["company"].to_numpy()[first])
    companies["company_id"] = company_ids(companies, name_keys.reindex(companies.index))
    return Merged(rows, accepted, companies, representative, conflicts, nameless)


def clean_directory(
    raw_dir,
    as_of=None,
    show_progress: bool = True,
    register: Register | None = None,
    strict: bool = False,
) -> CleanResult:
    """Read every source under raw_dir and return the company table, rejected rows and quality
    report; with a register, rows without a valid SIREN are first identified in it. A file that
    cannot be read is left out and listed (CleanResult.unread); `strict` refuses it instead.

    The steps, each a function with typed input and output: read and roles
    (sources.load_sources -> Reading of Sources, each column's role decided by roles.py), parse
    and place (parse -> Parsed), identify (identification.run, with a register), merge (merge ->
    Merged), the perimeter (perimeter.qualify), validate (validate.validate_companies and the
    conservation of rows in quality.json); the caller writes (outputs.write_outputs). Every
    quarantine reason is in clean/reasons.py."""
    as_of = pd.Timestamp(as_of or pd.Timestamp.today().normalize())
    reading = load_sources(Path(raw_dir), strict)
    sources = reading.sources
    rows_read = sum(s.rows_read for s in sources)
    log.info("%d fichier(s), %d ligne(s) lues", len(sources), rows_read)
    stages = [s for s in STAGES if register is not None or s != IDENTIFICATION_STAGE]
    stage = iter(stages)
    bar = tqdm(
        total=len(stages),
        desc="santenum clean",
        unit="étape",
        file=sys.stderr,
        disable=not show_progress or rows_read <= config.PROGRESS_MIN_ROWS,
    )
    _advance(bar, next(stage))

    parsed = parse(sources, as_of)
    fields, rows = parsed.fields, parsed.rows
    _advance(bar, next(stage))

    looked_up, identified = None, {}
    if register is not None:
        rows, looked_up, identified = identification.run(rows, fields, register, Path(raw_dir))
        _advance(bar, next(stage))

    merged = merge(rows)
    companies, found = perimeter.qualify(
        merged.companies, merged.accepted, fields, sources, raw_dir
    )
    _advance(bar, next(stage))

    companies = validate_companies(_finish(companies, as_of))
    rejected = _rejected_table(sources, merged.rows)
    quality = quality_report(
        sources,
        fields,
        merged.rows,
        parsed.unparsed,
        companies,
        merged.conflicts,
        as_of,
        demo=config.is_demo_data(raw_dir),
    )
    quality = replace(quality, perimeter=found.quality, unread=reading.unread)
    if register is not None:
        quality = replace(quality, identification=identified)
    check_conservation(quality)
    _advance(bar, next(stage))
    bar.close()
    log.info(
        "%d entreprise(s), %d ligne(s) fusionnée(s), %d ligne(s) en quarantaine",
        quality.total.kept,
        quality.total.merged,
        quality.total.rejected,
    )
    files = {s.label: s.path.relative_to(Path(raw_dir)).as_posix() for s in sources}
    losses = heavy_losses(quality, rejected, {s.label for s in sources if s.accept_losses})
    namesakes = _namesakes(merged.accepted, merged.representative, merged.companies.index)
    to_check = _to_check(
        merged.rows, merged.nameless, namesakes, register is not None, parsed.fields
    )
    return CleanResult(
        companies,
        rejected,
        quality,
        to_check,
        files,
        losses,
        looked_up,
        reading.unread,
        found.table,
        found.notices,
    )
