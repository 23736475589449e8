"""Parse the input fields of every row into typed attributes and reasons to quarantine.

PARSERS holds, for each field that fills one column of the company table (core.table.columns), the
function that reads its text: what `clean` parses, what a column's values must fit to be read as
that field (clean/values.py), and what quality.json counts as unparsed derive from it.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from santenum.clean.normalise import geography, taxonomy
from santenum.clean.normalise.answers import is_unknown_answer, parse_yes_no
from santenum.clean.normalise.dates import parse_date
from santenum.clean.normalise.identifiers import compact_digits, parse_naf, resolve_siren
from santenum.clean.normalise.numbers import parse_amount, parse_share
from santenum.clean.normalise.size import parse_band, parse_category, parse_headcount
from santenum.clean.reasons import (
    BUDGET_LINE,
    CLOSED_ESTABLISHMENT,
    NO_IDENTITY,
    SEVERAL_COMPANIES,
)
from santenum.core.table.columns import BY_NAME, FIELD_BY_NAME, LIST_FIELDS
from santenum.core.table.lists import as_arrow
from santenum.core.text import display_name, fold, name_key, truth

# Field -> the parser of its text into its column's values (missing where it cannot be read).
PARSERS = {
    "creation_date": parse_date,
    "headcount_band": parse_band,
    "size_category": parse_category,
    "naf_code": parse_naf,
    "revenue": parse_amount,
    "segment": lambda values: taxonomy.map_label(values, BY_NAME["segment"].taxonomy),
    "uses_ai": parse_yes_no,
    "digital_health_share": parse_share,
}
# Input fields whose non-blank text can fail to parse; counted in the quality report.
PARSED_FIELDS = (*PARSERS, "headcount", "postal_code", *LIST_FIELDS)


def _first_reason(*reasons: pd.Series) -> pd.Series:
    """Row by row, the first of these reasons that is given (Arrow's coalesce)."""
    given = [as_arrow(reason.astype("string"), pa.large_string()) for reason in reasons]
    return pd.Series(pd.arrays.ArrowStringArray(pc.coalesce(*given)), index=reasons[0].index)


ROUNDED_NOTE = " ; semble arrondi par un tableur"


def _rounded(given: pd.Series) -> pd.Series:
    """True for an identifier written in scientific notation or whose last digits became zeros, as
    a spreadsheet does to a 14-digit number (45032466000000.0). Only asked of identifiers that fail
    their check: a rounded number seldom keeps its key."""
    text = given.astype("string")
    digits = compact_digits(text)
    return truth(text.str.contains(r"[0-9][eE]\+?[0-9]", regex=True)) | truth(
        digits.str.fullmatch(r"[0-9]{12}0{2}")
    )


def _among(rows: pd.Series, test, values: pd.Series) -> pd.Series:
    """test(values) asked of the values of `rows` alone (False elsewhere): a register's rows, all
    identified, are not read for what only an unidentified row can be."""
    out = pd.Series(False, index=values.index)
    out[rows] = test(values[rows])
    return out


def _parse(parser, values: pd.Series):
    """parser(values); a field no row gives (most fields of most files) is parsed once, its
    missing value's result spread to every row (the parsers read each value alone)."""
    if values.notna().any():
        return parser(values)
    return parser(values.iloc[:1]).iloc[np.zeros(len(values), dtype=int)].set_axis(values.index)


def _when(mask: pd.Series, reason: str) -> pd.Series:
    chosen = pa.array(truth(mask).to_numpy())
    reasons = pc.if_else(chosen, pa.scalar(reason, pa.large_string()), None)
    return pd.Series(pd.arrays.ArrowStringArray(reasons), index=mask.index)


PLACE_COLUMNS = (
    "commune_code",
    "postal_code",
    "metropole",
    "departement_code",
    "region_code",
    "location_method",
)


@dataclass(frozen=True)
class Placed:
    """The place step's output, per row: PLACE_COLUMNS, the reason a place quarantines its row
    (an unknown postal code) and the country it names (abroad when not France)."""

    columns: pd.DataFrame
    reason: pd.Series
    country: pd.Series


def place(fields: pd.DataFrame) -> Placed:
    """Each row's commune, département and région from its place columns, address and name
    (geography.place_fields, geography.locate); rows no commune places take the file's own
    département / région columns, then the région their source declares (source.yml `region`)."""
    written = geography.place_fields(fields)
    located = geography.locate(
        written["postal_code"], fields["commune_code"], written["commune_name"]
    )
    out = pd.DataFrame(index=fields.index)
    for column in ("commune_code", "postal_code", "metropole"):
        out[column] = located[column]
    unplaced = located["region_code"].isna() & located["reason"].isna()
    given = geography.area(
        fields.loc[unplaced, "departement"], fields.loc[unplaced, "region"]
    ).reindex(fields.index)
    out["departement_code"] = located["departement_code"].fillna(given["departement_code"])
    region = located["region_code"].fillna(given["region_code"])
    declared = fields["source_region"].where(region.isna() & located["reason"].isna())
    out["region_code"] = region.fillna(declared)
    out["location_method"] = (
        located["how"]
        .mask(given["region_code"].notna(), geography.BY_REGION_COLUMN)
        .mask(given["departement_code"].notna(), geography.BY_DEPARTEMENT_COLUMN)
        .mask(declared.notna(), geography.BY_SOURCE_REGION)
    )
    return Placed(out, located["reason"], written["country"])


# « A (mandataire) en groupement avec B »: a consortium, no one company. (« A | B » may list
# several holders or be one name and its tagline, « ART-ER | Emilia-Romagna Region's Innovation
# Hub »: it is kept and asked about, pipeline.PIPED_NAME.)
_SEVERAL = r"(?i)\ben groupement avec\b|\(mandataire\)"
# An accounting line in a budget's list of beneficiaries (folded name).
_BUDGET = r"^(?:provisions?|dotations?(?: annuelles?)?|enveloppes?) (?:pour|aux?|de|des|d)\b"


def several_companies(names: pd.Series) -> pd.Series:
    """True for a name cell that lists several organisations (SEVERAL_COMPANIES)."""
    return truth(names.str.contains(_SEVERAL, regex=True))


def budget_line(names: pd.Series) -> pd.Series:
    """True for a « name » that is a budget's line (« Provision pour manifestations sportives »,
    « Dotations annuelles aux associations d'écoles »), not an organisation; folded only where one
    of its words is (RE2, fast)."""
    hint = truth(names.str.contains(r"(?i)provision|dotation|enveloppe", regex=True))
    out = pd.Series(False, index=names.index)
    out[hint] = truth(fold(names[hint]).str.contains(_BUDGET, regex=True))
    return out


def parse_rows(fields: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Typed attributes and a `reason` column (missing for rows to keep), plus unparsed-value flags."""
    out = fields[["source", "kind", "_source_order", "row"]].copy()
    ids = resolve_siren(fields["siren"], fields["siret"])
    out["siren"] = ids["siren"]
    out["name"] = display_name(fields["name"])
    out["name_key"] = name_key(fields["name"])
    placed = place(fields)
    for column in PLACE_COLUMNS:
        out[column] = placed.columns[column]
    parsed = {}
    for field, parser in PARSERS.items():
        out[FIELD_BY_NAME[field].column] = parsed[field] = _parse(parser, fields[field])
    size = _parse(parse_headcount, fields["headcount"])
    out["headcount"] = size["headcount"]
    out["headcount_band"] = size["headcount_band"].where(
        size["headcount"].notna(), parsed["headcount_band"].fillna(size["headcount_band"])
    )
    parsed["headcount"] = size["headcount_band"]
    unmatched = {}
    for field in LIST_FIELDS:
        out[field], unmatched[field] = taxonomy.map_labels(fields[field], BY_NAME[field].taxonomy)
    state = fields["legal_unit_state"].str.upper()
    out["closed"] = (state == "C").astype("boolean").where(state.notna())
    out["head_office"] = truth(fields["head_office"].str.lower().isin(["true", "oui", "1"]))

    # No name and no identifier with a digit (a masked NIR, « NC » or « n/a » identify nothing).
    no_identity = out["name_key"].isna() & ids["siren"].isna() & ids["reason"].isna()
    # A named row is kept when its identifier fails its check (a typo, a spreadsheet's rounding):
    # it becomes a company known by name (and place, when given: merged with the same company
    # from other files by the usual rule), and the identifier is listed for correction.
    given = fields["siren"].fillna(fields["siret"])
    failed = ids["reason"].notna()  # only an identifier that fails its check is asked
    rounded = _rounded(given[failed]).reindex(given.index, fill_value=False)
    salvaged = truth(ids["reason"].notna() & out["name_key"].notna() & placed.reason.isna())
    # Listed for a person: the identifiers of salvaged rows, and rounded ones whatever the row.
    listed = salvaged | truth(ids["reason"].notna() & rounded)
    out["identifier_value"] = given.where(listed)
    note = pd.Series("", index=out.index, dtype="string").mask(rounded, ROUNDED_NOTE)
    out["identifier_issue"] = (ids["reason"] + note).where(listed)
    unidentified = ids["siren"].isna()
    out["reason"] = _first_reason(
        _when(no_identity, NO_IDENTITY),
        _when(_among(unidentified, several_companies, fields["name"]), SEVERAL_COMPANIES),
        _when(_among(unidentified, budget_line, fields["name"]), BUDGET_LINE),
        ids["reason"].mask(salvaged),
        _when(fields["establishment_state"].str.upper() == "F", CLOSED_ESTABLISHMENT),
        geography.abroad(placed.country),
        placed.reason,
    )

    unparsed = pd.DataFrame({f: fields[f].notna() & parsed[f].isna() for f in parsed})
    unparsed["uses_ai"] &= ~is_unknown_answer(fields["uses_ai"])
    # a five-digit code no commune has is a reason to quarantine (or a CEDEX code); anything else
    # given as a postal code cannot be read
    unparsed["postal_code"] = fields["postal_code"].notna() & out["postal_code"].isna()
    for field in LIST_FIELDS:
        unparsed[field] = unmatched[field].notna()
    return out, unparsed.astype(bool)
