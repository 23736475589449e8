"""Locate companies: postal code or commune -> commune (INSEE COG) -> département -> région, métropole."""

import re
from types import MappingProxyType

import pandas as pd

from santenum.clean import reasons
from santenum.clean.normalise.distinct import per_distinct_rows
from santenum.clean.reasons import UNKNOWN_COMMUNE, UNKNOWN_POSTAL
from santenum.core import reference
from santenum.core.caching import cached_copies, cached_frozen
from santenum.core.text import (
    among,
    as_text,
    fold,
    fold_one,
    per_distinct,
    restore_leading_zero,
    truth,
)

# How each row's commune (or only its région) was found; counted in the quality report.
(
    BY_CODE,
    BY_POSTAL,
    BY_POSTAL_AND_NAME,
    BY_POSTAL_MOST_POPULOUS,
    BY_NAME_IN_DEPARTEMENT,
    BY_NAME,
    BY_SOURCE_REGION,
) = (
    "code commune",
    "code postal (une seule commune)",
    "code postal + nom de commune",
    "code postal partagé: commune la plus peuplée",
    "nom de commune dans le département d'un code CEDEX ou ancien",
    "nom de commune",
    "région de la source (source.yml)",
)
BY_DEPARTEMENT_COLUMN, BY_REGION_COLUMN = "département (colonne du fichier)", "région (colonne)"
BY_POSTAL_DEPARTEMENT = "département d'un code postal inconnu de La Poste (CEDEX, ancien)"


@per_distinct
def place_key(values) -> pd.Series:
    """Folded commune name where 'St'/'Ste' mean 'Saint'/'Sainte' and hyphens are spaces; a
    CEDEX mention and what follows it ('TOULOUSE CEDEX 9') dropped."""
    s = fold(values).str.replace(r"\s*\bcedex\b.*$", "", regex=True)
    s = s.str.replace(r"\bste\b", "sainte", regex=True).str.replace(r"\bst\b", "saint", regex=True)
    return s.mask(s == "")


@cached_frozen
def countries() -> MappingProxyType:
    """Folded country name -> True for France (overseas included), False for another country
    (reference/countries.csv: ISO 3166 names in English and French, and usual names)."""
    table = reference.table("countries")
    return MappingProxyType(dict(zip(table["name"], table["france"] == "1", strict=True)))


@cached_frozen
def country_codes() -> MappingProxyType:
    """ISO 3166 two-letter code (« NL ») -> True for France (overseas included), False otherwise."""
    table = reference.table("countries").drop_duplicates("country_code")
    return MappingProxyType(dict(zip(table["country_code"], table["france"] == "1", strict=True)))


@per_distinct
def abroad(country: pd.Series) -> pd.Series:
    """The quarantine reason of rows whose country is given and is not France ('hors de France
    (pays : Belgique)'), else missing; a country by its name or its two-letter code (« FR »).
    Overseas départements are France; Monaco is not. Once per distinct country."""
    text = as_text(country)
    by_name = fold(text).map(countries()).astype("boolean")
    by_code = text.str.strip().str.upper().map(country_codes()).astype("boolean")
    france = by_name.fillna(by_code).fillna(False).astype(bool)
    outside = truth(text.notna() & ~france)
    return reasons.abroad(text).where(outside)


_POSTAL_IN_TEXT = r"(?<![0-9])(?:F-?|FR-?)?([0-9]{5})(?![0-9])"
_PARTS = r"\s*(?:[,;/\n]|\s-\s)\s*"
_CONTINENTS = {"europe", "union europeenne", "monde", "world"}


@per_distinct
def split_place(values) -> pd.DataFrame:
    """A place written in one cell, in its parts: postal_code, commune_name, country. « 73, rue Emile
    Boutrais 94120 Fontenay-sous-Bois », « BP 128 84007 Avignon Cedex 1 », « 75002 Paris »: the
    last five-digit code and the words after it; « Nice, France », « Lyon, Rhône-Alpes, France,
    Europe »: the last part a commune of the reference names, the country a part that names one
    (countries()). Parts that are neither stay unread: nothing is guessed."""
    text = as_text(values)
    out = pd.DataFrame(index=text.index, columns=["postal_code", "commune_name", "country"])
    out = out.astype("string")
    known = commune_place_keys()
    for index, cell in text.dropna().items():
        alone = cell.strip()
        if alone in country_codes() and place_key_one(alone) not in known:  # « NL », not « EU »
            out.loc[index, "country"] = alone
            continue
        parts = [(p, fold_one(p)) for p in re.split(_PARTS, cell) if p]
        country = next((p for p, f in parts if f in countries()), None)
        kept = [p for p, f in parts if f not in countries() and f not in _CONTINENTS]
        postal = list(re.finditer(_POSTAL_IN_TEXT, ", ".join(kept)))
        commune = None
        if postal:
            after = ", ".join(kept)[postal[-1].end() :].split(",")[0].strip(" -")
            commune = after or None
        else:
            commune = next((p for p in reversed(kept) if place_key_one(p) in known), None)
        out.loc[index] = [postal[-1].group(1) if postal else None, commune, country]
    return out


def place_key_one(text: str) -> str | None:
    """place_key() of one name, in plain Python (a cell's parts, one by one)."""
    key = re.sub(r"\s*\bcedex\b.*$", "", fold_one(text))
    key = re.sub(r"\bst\b", "saint", re.sub(r"\bste\b", "sainte", key))
    return key or None


@cached_copies
def _communes() -> pd.DataFrame:
    """The communes table with each name's place key (computed once: 37 000 names)."""
    communes = reference.table("communes").copy()
    communes["place_key"] = place_key(communes["commune_name"])
    return communes


@cached_frozen
def commune_place_keys() -> frozenset:
    """The place key of every commune name of the reference, current or former."""
    return frozenset(_communes()["place_key"].dropna())


@cached_frozen
def commune_codes() -> frozenset:
    """Every commune code of the reference, current or former."""
    return frozenset(reference.table("communes")["commune_code"].dropna())


@cached_frozen
def postal_codes() -> frozenset:
    """Every postal code of the reference."""
    return frozenset(reference.table("postal_codes")["postal_code"].dropna())


def postal_code_agrees(postal: pd.Series, commune_name: pd.Series) -> pd.Series:
    """True where the commune named is one the postal code serves (both as written in a file)."""
    pairs = reference.table("postal_codes").merge(
        _communes()[["commune_code", "place_key"]], on="commune_code"
    )
    known = set(zip(pairs["postal_code"], pairs["place_key"], strict=True))
    given = zip(normalise_postal_code(postal), place_key(commune_name), strict=True)
    return pd.Series([pair in known for pair in given], index=postal.index)


@per_distinct
def country_in_name(values) -> pd.Series:
    """The country a company's name ends with in brackets (« BAYER AG (ALLEMAGNE) », « TEVA
    (PAYS-BAS) »), as lists of foreign holders write it; else missing."""
    text = as_text(values)
    last = text.str.extract(r"\(([^()]+)\)\s*$")[0]
    return last.where(fold(last).isin(countries().keys())).astype("string")


def place_fields(fields: pd.DataFrame) -> pd.DataFrame:
    """postal_code, commune_name and country of each row from its place columns, a compound cell
    of its commune column (« Nice, France », « 75002 Paris »), the country its name ends with in
    brackets (country_in_name: only for a row that names no French place, since « Amitiés Banounou
    (Burkina Faso) », 14000 Caen, is French) and, for what those do not give, its address (« 12 rue
    X, 34000 Montpellier »): split_place."""
    commune = as_text(fields["commune_name"])
    compound = truth(commune.str.contains(r"[,;/\n]|[0-9]{5}|^[A-Z]{2}$", regex=True))
    parts = split_place(commune[compound]).reindex(commune.index)
    out = pd.DataFrame(
        {
            "postal_code": as_text(fields["postal_code"]).fillna(parts["postal_code"]),
            "commune_name": commune.mask(compound, parts["commune_name"]),
            "country": as_text(fields["country"]).fillna(parts["country"]),
        }
    )
    todo = (out["postal_code"].isna() | out["commune_name"].isna()) & fields["address"].notna()
    if todo.any():
        address = split_place(fields.loc[todo, "address"])
        for column in out.columns:
            out.loc[todo, column] = out.loc[todo, column].fillna(address[column])
    placed = out[["postal_code", "commune_name"]].notna().any(axis=1)
    for column in ("departement", "region", "commune_code"):
        if column in fields:
            placed |= fields[column].notna()
    named = fields.loc[~placed, "name"]
    out["country"] = out["country"].fillna(country_in_name(named).reindex(fields.index))
    return out


@per_distinct
def normalise_postal_code(values) -> pd.Series:
    """Five-digit postal code (a four-digit code lost its leading zero in a spreadsheet); missing
    for anything else (« 01 », « MD 20850 »): such a code places nothing, the commune name may."""
    s = restore_leading_zero(as_text(values).str.replace(r"\s|\.0$", "", regex=True), 5)
    return s.where(truth(s.str.fullmatch(r"[0-9]{5}")))


@per_distinct
def normalise_commune_code(values) -> pd.Series:
    """Five-character INSEE commune code (Corsica keeps 2A/2B)."""
    s = as_text(values).str.upper().str.replace(r"\s|\.0$", "", regex=True)
    return restore_leading_zero(s, 5)


def _by_postal_code(postal: pd.Series, place: pd.Series, communes: pd.DataFrame) -> pd.DataFrame:
    """Best commune for each postal code: the one named, else the most populous."""
    rows = pd.DataFrame({"postal_code": postal, "place_key": place}).dropna(subset=["postal_code"])
    rows["row"] = rows.index
    current = reference.current_communes(communes)
    ref = reference.table("postal_codes").merge(
        current[["commune_code", "place_key", "population"]],
        on="commune_code",
        suffixes=("", "_ref"),
    )
    ref = ref.rename(columns={"place_key": "ref_place_key"})
    ref["population"] = pd.to_numeric(ref["population"]).fillna(0)
    cand = rows.merge(ref, on="postal_code", how="inner")
    cand["named"] = truth(cand["place_key"] == cand["ref_place_key"])
    cand["candidates"] = cand.groupby("row")["commune_code"].transform("size")
    cand = cand.sort_values(
        ["row", "named", "population", "commune_code"], ascending=[True, False, False, True]
    )
    best = cand.drop_duplicates("row").set_index("row")
    how = pd.Series(BY_POSTAL_MOST_POPULOUS, index=best.index)
    how = how.mask(best["named"], BY_POSTAL_AND_NAME).mask(best["candidates"] == 1, BY_POSTAL)
    return pd.DataFrame({"commune_code": best["commune_code"], "how": how})


@cached_frozen
def _unique_names() -> MappingProxyType:
    """Place key -> code of the names that designate exactly one current commune in France."""
    current = reference.current_communes(_communes())
    counts = current["place_key"].value_counts()
    unique = current[current["place_key"].map(counts).eq(1).to_numpy(dtype=bool)]
    return MappingProxyType(dict(zip(unique["place_key"], unique["commune_code"], strict=True)))


def _by_name(place: pd.Series) -> pd.Series:
    """Commune code for names that designate exactly one current commune in France."""
    return place.map(_unique_names()).astype("string")


def _departement_of_code(postal: pd.Series) -> pd.Series:
    """The département a five-digit code names by its first digits (two; three overseas), as a
    CEDEX or a former code still does; 20 (Corsica's two) and anything else: missing."""
    prefix = postal.str[:2].where(~postal.str[:2].isin(["97", "98"]), postal.str[:3])
    known = set(reference.table("departements")["departement_code"])
    return prefix.where(prefix.isin(known)).astype("string")


def _by_name_in_departement(
    place: pd.Series, postal: pd.Series, communes: pd.DataFrame
) -> pd.Series:
    """Commune code for names that designate exactly one current commune of the postal code's
    département (its first two digits; 20 is Corsica's two, 97 and 98 take three), a former
    commune's name (« BEAUPREAU », now Beaupréau-en-Mauges) included."""
    prefix = postal.str[:2].where(~postal.str[:2].isin(["97", "98"]), postal.str[:3])
    rows = pd.DataFrame({"place_key": place, "prefix": prefix, "row": place.index})
    named = communes[["current_commune_code", "place_key"]].rename(
        columns={"current_commune_code": "commune_code"}
    )
    departement = reference.current_communes().set_index("commune_code")["departement_code"]
    named = named.assign(
        prefix=named["commune_code"].map(departement).str.replace(r"^2[AB]$", "20", regex=True)
    ).drop_duplicates()
    found = rows.merge(named, on=["place_key", "prefix"], how="inner")
    single = found.groupby("row")["commune_code"].transform("size") == 1
    return found[single].set_index("row")["commune_code"].reindex(place.index)


def locate(postal_code, commune_code, commune_name) -> pd.DataFrame:
    """Columns commune_code, postal_code, departement_code, region_code, metropole, how, reason.

    Computed once per distinct (postal code, commune code, commune name): many companies share them.
    """
    return per_distinct_rows(
        _locate, as_text(postal_code), as_text(commune_code), as_text(commune_name)
    )


def _locate(postal_code, commune_code, commune_name) -> pd.DataFrame:
    """locate() for each row given.

    A commune code wins; else the postal code (shared codes resolved by the commune name when
    given, else the most populous commune); else a commune name that is unique in France.
    Unknown codes give a reason to quarantine the row.
    """
    communes = _communes()
    postal = normalise_postal_code(postal_code)
    code = normalise_commune_code(commune_code)
    place = place_key(commune_name)
    out = pd.DataFrame(index=postal.index)
    out["postal_code"] = postal
    out["reason"] = pd.Series(pd.NA, index=out.index, dtype="string")
    out["how"] = pd.Series(pd.NA, index=out.index, dtype="string")

    current_of = communes.set_index("commune_code")["current_commune_code"]
    by_code = code.map(current_of)
    out["commune_code"] = by_code
    out.loc[by_code.notna(), "how"] = BY_CODE
    out.loc[code.notna() & by_code.isna(), "reason"] = UNKNOWN_COMMUNE

    todo = out["commune_code"].isna() & out["reason"].isna() & postal.notna()
    found = _by_postal_code(postal[todo], place[todo], communes)
    out.loc[found.index, ["commune_code", "how"]] = found[["commune_code", "how"]].astype("string")
    out.loc[todo & ~out.index.isin(found.index), "reason"] = UNKNOWN_POSTAL

    # A CEDEX or former postal code is no code of La Poste's base: the commune name, within the
    # code's département, places the row.
    todo = truth(out["reason"].eq(UNKNOWN_POSTAL) & place.notna())
    rescued = _by_name_in_departement(place[todo], postal[todo], communes).dropna()
    out.loc[rescued.index, "commune_code"] = rescued
    out.loc[rescued.index, "how"] = BY_NAME_IN_DEPARTEMENT
    out.loc[rescued.index, "reason"] = pd.NA

    todo = out["commune_code"].isna() & out["reason"].isna() & place.notna()
    named = _by_name(place[todo]).dropna()
    out.loc[named.index, "commune_code"] = named
    out.loc[named.index, "how"] = BY_NAME

    attrs = reference.current_communes().set_index("commune_code")
    out["departement_code"] = out["commune_code"].map(attrs["departement_code"])
    # A code La Poste does not know (a CEDEX code whose commune is not named, a former code) still
    # names its département: the row is placed there, its commune left unknown; unless the row
    # names a commune elsewhere (which of the two is right cannot be told).
    unknown = truth(out["reason"].eq(UNKNOWN_POSTAL))
    unknown[unknown] = ~among(place[unknown], commune_place_keys())
    departement = _departement_of_code(postal[unknown]).dropna()
    out.loc[departement.index, "departement_code"] = departement
    out.loc[departement.index, "how"] = BY_POSTAL_DEPARTEMENT
    out.loc[departement.index, "reason"] = pd.NA
    by_departement = out["commune_code"].isna() & out["departement_code"].notna()
    of_departement = reference.table("departements").set_index("departement_code")["region_code"]
    out["region_code"] = (
        out["commune_code"]
        .map(attrs["region_code"])
        .fillna(out["departement_code"].where(by_departement).map(of_departement))
    )
    metro = reference.metropoles().set_index("epci_code")["epci_name"]
    out["metropole"] = out["commune_code"].map(attrs["epci_code"]).map(metro)
    return out


def _lookup(pairs) -> MappingProxyType:
    """Folded label -> code, from (label, code) pairs."""
    labels = pd.Series([label for label, _ in pairs], dtype="string")
    return MappingProxyType(dict(zip(fold(labels), (code for _, code in pairs), strict=True)))


@cached_frozen
def _departement_names() -> MappingProxyType:
    deps = reference.table("departements")
    codes = deps["departement_code"].tolist()
    return _lookup(
        [*zip(codes, codes, strict=True), *zip(deps["departement_name"], codes, strict=True)]
    )


@cached_frozen
def _region_names() -> MappingProxyType:
    """Current régions by code, 'R76' and name; pre-2016 régions by code and name (their codes
    and the current ones never collide but where they are the same région); the 2016
    provisional names and usual abbreviations (PACA, AURA, LRMP…: region_aliases.csv)."""
    regions = reference.table("regions")
    old = reference.table("regions_2015")
    aliases = reference.table("region_aliases")
    current = regions["region_code"].tolist()
    return _lookup(
        [
            *zip(current, current, strict=True),
            *(("R" + code, code) for code in current),
            *zip(regions["region_name"], current, strict=True),
            *zip(old["old_region_code"], old["region_code"], strict=True),
            *zip(old["old_region_name"], old["region_code"], strict=True),
            *zip(aliases["alias"], aliases["region_code"], strict=True),
        ]
    )


def area(departement, region) -> pd.DataFrame:
    """departement_code and region_code from a file's own département / région columns (a code
    or a name, INSEE's, pre-2016 régions included), for rows no commune places. A région that
    disagrees with the département's leaves the row unplaced (which is right cannot be told)."""
    dep_text = restore_leading_zero(as_text(departement).str.strip(), 2)
    dep = fold(dep_text).map(_departement_names()).astype("string")
    of_dep = dep.map(reference.table("departements").set_index("departement_code")["region_code"])
    reg = fold(as_text(region)).map(_region_names()).astype("string")
    agree = ~truth(of_dep.notna() & reg.notna() & (of_dep != reg))
    return pd.DataFrame(
        {
            "departement_code": dep.where(agree),
            "region_code": of_dep.fillna(reg).where(agree).astype("string"),
        }
    )
