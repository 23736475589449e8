"""The fictitious company population, drawn region by region to the calibration's quotas.

Each attribute is dealt out as exact counts (largest remainder of the calibration's
proportions), so Occitanie at scale 1 gets the study's counts; randomness only decides which
company gets what, with weights that tie attributes together (young companies are small,
the study's growing segments are young, data and imaging companies use AI more).
"""

from functools import cache

import numpy as np
import pandas as pd

from santenum.core import reference
from santenum.core.reference import bands
from santenum.core.text import fold
from santenum.demo import calibration as cal
from santenum.demo.names import company_names
from santenum.demo.synthetic import head_office_sirets, populated_communes, random_sirens

DAY_YEAR = 365.25
WITH_SIREN = ("survey+sirene", "cluster+sirene")
SURVEY = ("survey+sirene", "survey", "survey, no place")
SURVEY_ONLY = ("survey", "survey, no place")
RESPONDENTS = sum(cal.PATTERNS[p] for p in SURVEY)


def allocate(total: int, weights: dict) -> dict:
    """Split total into integer counts proportional to weights (largest remainder, ties in order)."""
    keys = list(weights)
    w = np.array([weights[k] for k in keys], dtype=float)
    if total <= 0 or w.sum() == 0:
        return dict.fromkeys(keys, 0)
    exact = w / w.sum() * total
    counts = np.floor(exact + 1e-9).astype(int)
    order = np.argsort(-(exact - counts), kind="stable")
    counts[order[: total - counts.sum()]] += 1
    return dict(zip(keys, counts.tolist(), strict=True))


def deal(rng, frame: pd.DataFrame, column: str, pool: pd.Index, counts: dict, weights=None) -> None:
    """Give each label of counts to that many companies of pool, drawn without replacement.

    weights (label -> Series over frame's index) favour some companies for a label.
    """
    left = pd.Index(pool)
    for label, count in counts.items():
        count = min(count, len(left))
        if count == 0:
            continue
        p = None
        if weights and label in weights:
            w = weights[label].reindex(left).to_numpy(float)
            p = w / w.sum()
        chosen = rng.choice(left.to_numpy(), size=count, replace=False, p=p)
        frame.loc[chosen, column] = label
        left = left.difference(chosen)


@cache
def tilts(region: str) -> dict:
    """How a région departs from Occitanie's proportions: the published tilts (calibration.TILTS)
    times a profile of its own, drawn from a generator seeded by its INSEE code alone (the same
    whatever the demo's seed), so that two régions of one size draw different companies.
    Occitanie keeps the study's figures: no tilt."""
    if region == cal.OCCITANIE:
        return {"segments": {}, "ai_yes": 1.0, "large": 1.0, "young": 1.0, "under_ten": 1.0}
    draw = np.random.default_rng(int(region))
    spread = cal.PROFILE_SPREAD
    own = {
        "segments": {label: float(np.exp(draw.normal(0, spread))) for label in cal.SEGMENTS},
        **{key: float(np.exp(draw.normal(0, spread / 2))) for key in cal.PROFILE_KEYS},
    }
    published = cal.TILTS.get(region, {})
    segments = published.get("segments", {})
    own["segments"] = {
        label: tilt * segments.get(label, 1.0) for label, tilt in own["segments"].items()
    }
    for key in cal.PROFILE_KEYS:
        own[key] *= published.get(key, 1.0)
    return own


def _segment_weights(region: str) -> dict:
    tilt = tilts(region)["segments"]
    return {label: count * tilt.get(label, 1.0) for label, count in cal.SEGMENTS.items()}


def _patterns(region: str) -> dict:
    patterns = dict(cal.PATTERNS)
    if (
        region != cal.OCCITANIE and region not in cal.PEERS
    ):  # the national survey declares no région
        patterns["survey"] += patterns.pop("survey, no place")
    return patterns


def _sources(rng, frame: pd.DataFrame, region: str) -> None:
    deal(rng, frame, "pattern", frame.index, allocate(len(frame), _patterns(region)))
    frame["cluster_link"] = "none"
    frame.loc[frame["pattern"] == "cluster+sirene", "cluster_link"] = "siren"
    frame.loc[frame["pattern"] == "cluster", "cluster_link"] = "name"
    for pattern in ("survey+sirene", "survey"):
        pool = frame.index[frame["pattern"] == pattern]
        links = {
            "siren": cal.IN_CLUSTER_WITH_SIREN.get(pattern, 0),
            "name": cal.IN_CLUSTER_BY_NAME[pattern],
        }
        links["none"] = cal.PATTERNS[pattern] - sum(links.values())
        deal(rng, frame, "cluster_link", pool, allocate(len(pool), links))


def part(total: int, count: int, base: int) -> int:
    """count out of base, scaled to total (largest remainder, so exact when total == base)."""
    return allocate(total, {"part": count, "rest": base - count})["part"]


def _answers(rng, frame: pd.DataFrame, region: str) -> None:
    """Segment, AI and products: only survey respondents give them."""
    respondents = frame.index[frame["pattern"].isin(SURVEY)]
    segments = {
        **_segment_weights(region),
        "blank": cal.SEGMENT_BLANK,
        "unreadable": cal.SEGMENT_UNREADABLE,
    }
    deal(rng, frame, "segment", respondents, allocate(len(respondents), segments))

    ai = {"answered": cal.AI["answered"], "nsp": cal.AI["nsp"]}
    ai["blank"] = RESPONDENTS - sum(ai.values())
    deal(rng, frame, "ai_answer", respondents, allocate(len(respondents), ai))
    answered = frame.index[frame["ai_answer"] == "answered"]
    yes = min(cal.AI["yes"] * tilts(region)["ai_yes"], 0.95 * cal.AI["answered"])
    favoured = (
        frame["segment"]
        .map(
            {
                "Data – traitement de la donnée": 2.5,
                "Imagerie & aide au diagnostic": 2.5,
                "Outils cliniques – logiciels métiers": 1.5,
            }
        )
        .fillna(1.0)
    )
    deal(
        rng,
        frame,
        "uses_ai",
        answered,
        allocate(len(answered), {True: yes, False: cal.AI["answered"] - yes}),
        {True: favoured},
    )

    size = cal.REGION_SIZES[cal.OCCITANIE]
    holders = rng.choice(
        respondents.to_numpy(),
        size=part(len(respondents), cal.PRODUCT_HOLDERS, RESPONDENTS),
        replace=False,
    )
    mentions = allocate(round(sum(cal.PRODUCTS.values()) * len(frame) / size), cal.PRODUCTS)
    frame["products"] = [[] for _ in range(len(frame))]
    for company, products in zip(holders, _product_lists(rng, len(holders), mentions), strict=True):
        frame.at[company, "products"] = products
    frame["technologies"] = [
        _technologies(rng, p, ai) for p, ai in zip(frame["products"], frame["uses_ai"], strict=True)
    ]
    frame["value_chain"] = [_value_chain(rng) if p else [] for p in frame["products"]]


def _technologies(rng, products: list, uses_ai) -> list:
    """AI when the company says it uses AI, plus one or two technologies its products call for."""
    chosen = ["IA"] if uses_ai is True else []
    if products:
        weights = {}
        for product in products:
            for technology, weight in cal.TECHNOLOGY_WEIGHTS[product].items():
                weights[technology] = weights.get(technology, 0) + weight
        p = np.array(list(weights.values()), dtype=float)
        k = min(len(weights), int(rng.integers(1, 3)))
        chosen += list(rng.choice(list(weights), size=k, replace=False, p=p / p.sum()))
    return sorted(chosen, key=reference.labels("technologies").index)


def _value_chain(rng) -> list:
    links = list(cal.VALUE_CHAIN_WEIGHTS)
    p = np.array(list(cal.VALUE_CHAIN_WEIGHTS.values()), dtype=float)
    chosen = rng.choice(links, size=int(rng.integers(1, 3)), replace=False, p=p / p.sum())
    return sorted(chosen, key=reference.labels("value_chain").index)


def _product_lists(rng, holders: int, mentions: dict) -> list:
    """holders lists of one or two distinct products using exactly the mentions (when they fit)."""
    labels = np.repeat(list(mentions), list(mentions.values()))
    rng.shuffle(labels)
    primary, extra = labels[:holders].tolist(), labels[holders:].tolist()
    lists = [[label] for label in primary] + [[] for _ in range(max(0, holders - len(primary)))]
    for label in extra[:holders]:
        open_ = [
            i for i, products in enumerate(lists) if len(products) == 1 and label not in products
        ]
        if open_:
            lists[open_[int(rng.integers(len(open_)))]].append(label)
    order = {label: i for i, label in enumerate(cal.PRODUCTS)}
    return [sorted(products, key=order.get) for products in lists]


def _ages(rng, frame: pd.DataFrame, region: str) -> None:
    """Creation dates: known for registered companies and most respondents; a third under 4 years."""
    frame["age_class"] = "undated"
    frame.loc[frame["pattern"].isin(WITH_SIREN), "age_class"] = "dated"
    survey_only = frame.index[frame["pattern"].isin(SURVEY_ONLY)]
    base = sum(cal.PATTERNS[p] for p in SURVEY_ONLY)
    deal(
        rng,
        frame,
        "age_class",
        survey_only,
        {"dated": part(len(survey_only), base - cal.UNDATED_FROM_SURVEY, base)},
    )
    dated = frame.index[frame["age_class"] == "dated"]
    base = sum(cal.PATTERNS[p] for p in (*WITH_SIREN, *SURVEY_ONLY)) - cal.UNDATED_FROM_SURVEY
    growing = frame["segment"].isin(cal.GROWING_SEGMENTS)
    deal(
        rng,
        frame,
        "age_class",
        dated,
        allocate(len(dated), _age_weights(base, tilts(region)["young"])),
        {
            "young": pd.Series(np.where(growing, 3.0, 1.0), frame.index),
            "middle": pd.Series(np.where(growing, 0.6, 1.0), frame.index),
        },
    )
    days = pd.Series(np.nan, index=frame.index)
    for label, (lo, hi) in {
        "young": (45, 4 * DAY_YEAR - 45),
        "middle": (4 * DAY_YEAR + 45, 8 * DAY_YEAR - 45),
    }.items():
        mine = frame.index[frame["age_class"] == label]
        days[mine] = rng.uniform(lo, hi, size=len(mine))
    old = frame.index[frame["age_class"] == "old"]
    days[old] = np.minimum(
        8 * DAY_YEAR + 45 + rng.exponential(7 * DAY_YEAR, size=len(old)), 40 * DAY_YEAR
    )
    frame["creation_date"] = (
        cal.STUDY_DATE - pd.to_timedelta(days.round(), unit="D")
    ).dt.normalize()


def _age_weights(base: int, young: float) -> dict:
    """Young, middle-aged and old companies among `base` dated ones, the young tilted."""
    weights = {**cal.AGE, "young": cal.AGE["young"] * young}
    return {**weights, "old": max(base - sum(weights.values()), 0)}


def _sizes(rng, frame: pd.DataFrame, region: str) -> None:
    """Size class (unknown, category only, under 10, 10 to 249, ETI, GE), INSEE band, headcount, revenue."""
    frame["size_class"] = "pending"
    survey_only = frame["pattern"].isin(SURVEY_ONLY)
    base = sum(cal.PATTERNS[p] for p in SURVEY_ONLY)
    deal(
        rng,
        frame,
        "size_class",
        frame.index[survey_only & (frame["cluster_link"] == "none")],
        {"unknown": part(int(survey_only.sum()), cal.UNKNOWN_SIZE_FROM_SURVEY, base)},
    )
    members = frame.index[frame["pattern"] == "cluster"]
    unknown_members = cal.SIZE["unknown"] - cal.UNKNOWN_SIZE_FROM_SURVEY
    deal(
        rng,
        frame,
        "size_class",
        members,
        {
            "unknown": part(len(members), unknown_members, cal.PATTERNS["cluster"]),
            "category only": part(len(members), cal.SIZE["category only"], cal.PATTERNS["cluster"]),
        },
    )

    registered = frame.index[frame["pattern"].isin(WITH_SIREN)]
    base = sum(cal.PATTERNS[p] for p in WITH_SIREN)
    large = tilts(region)["large"]
    old = frame["age_class"].map({"old": 6.0, "middle": 1.0, "young": 0.2}).fillna(1.0)
    deal(
        rng,
        frame,
        "size_class",
        registered,
        {
            label: part(len(registered), round(cal.SIZE[label] * large), base)
            for label in ("ETI", "GE")
        },
        {"ETI": old, "GE": old},
    )

    pending = frame.index[frame["size_class"] == "pending"]
    youth = frame["age_class"].map({"young": 3.0, "middle": 1.5, "old": 1.0}).fillna(1.5)
    deal(
        rng,
        frame,
        "size_class",
        pending,
        allocate(
            len(pending),
            {
                "under 10": cal.SIZE["under 10"] * tilts(region)["under_ten"],
                "10 to 249": cal.SIZE["10 to 249"],
            },
        ),
        {"under 10": youth},
    )

    table = bands().set_index("code")
    frame["band"] = pd.Series(pd.NA, index=frame.index, dtype="string")
    frame["headcount"] = pd.Series(pd.NA, index=frame.index, dtype="Int64")
    for size_class, weights in cal.BANDS.items():
        mine = frame.index[frame["size_class"] == size_class]
        codes = rng.choice(
            list(weights),
            size=len(mine),
            p=np.array(list(weights.values())) / sum(weights.values()),
        )
        lo = table.loc[codes, "min"].to_numpy(int)
        hi = table.loc[codes, "max"].fillna(15000).to_numpy(int)
        frame.loc[mine, "band"] = codes
        frame.loc[mine, "headcount"] = rng.integers(lo, hi + 1)
    per_head = rng.uniform(50_000, 150_000, size=len(frame))
    revenue = np.where(
        frame["headcount"].fillna(0) > 0,
        frame["headcount"].fillna(0).astype(float) * per_head,
        rng.uniform(20_000, 300_000, size=len(frame)),
    )
    frame["revenue_eur"] = pd.Series(revenue, index=frame.index).where(
        frame["size_class"] != "unknown"
    )


@cache
def _communes() -> pd.DataFrame:
    """Communes to place companies in, with whether a métropole holds them."""
    communes = populated_communes().copy()
    communes["population"] = communes["weight"]
    communes["inside"] = communes["epci_code"].isin(reference.metropoles()["epci_code"])
    return communes


def _places(rng, frame: pd.DataFrame, region: str) -> None:
    located = frame.index[frame["pattern"] != "survey, no place"]
    communes = _communes()
    communes = communes[communes["region_code"] == region]
    pools = dict(tuple(communes.groupby(["departement_code", "inside"])))
    deps = communes.groupby("departement_code").agg(
        population=("population", "sum"), metro=("inside", "mean")
    )
    if region == cal.OCCITANIE:
        per_dep = allocate(len(located), cal.DEPARTEMENTS)
        inside = {dep: cal.IN_METROPOLE.get(dep, 0) / cal.DEPARTEMENTS[dep] for dep in per_dep}
    else:
        per_dep = allocate(
            len(located), (deps["population"] * np.where(deps["metro"] > 0, 2.5, 1.0)).to_dict()
        )
        # A département wholly inside a métropole (Paris) has no commune outside it.
        inside = {
            dep: 1.0
            if deps.loc[dep, "metro"] == 1
            else cal.METROPOLE_SHARE * (deps.loc[dep, "metro"] > 0)
            for dep in per_dep
        }
    chosen = []
    for dep, count in per_dep.items():
        split = allocate(count, {True: inside[dep], False: 1 - inside[dep]})
        for flag, k in split.items():
            if k:
                pool = pools[(dep, flag)]
                w = pool["population"].to_numpy(float)
                chosen.extend(rng.choice(pool["commune_code"].to_numpy(), size=k, p=w / w.sum()))
    frame["commune_code"] = pd.Series(pd.NA, index=frame.index, dtype="string")
    frame.loc[rng.permutation(located.to_numpy()), "commune_code"] = chosen


def region_population(rng, region: str, size: int) -> pd.DataFrame:
    """One region's companies, each with the sources that know it and its true attributes."""
    frame = pd.DataFrame({"region_code": region}, index=pd.RangeIndex(size))
    for column in ("pattern", "segment", "ai_answer"):
        frame[column] = pd.Series(pd.NA, index=frame.index, dtype="object")
    frame["uses_ai"] = pd.Series(pd.NA, index=frame.index, dtype="object")
    _sources(rng, frame, region)
    _answers(rng, frame, region)
    _ages(rng, frame, region)
    _sizes(rng, frame, region)
    _places(rng, frame, region)
    return frame


def population(rng: np.random.Generator, scale: float = 1.0) -> pd.DataFrame:
    """Every region's fictitious companies with unique invented names and generated SIRENs."""
    parts = [
        region_population(rng, region, max(1, round(size * scale)))
        for region, size in cal.REGION_SIZES.items()
    ]
    frame = pd.concat(parts, ignore_index=True)
    frame["name"] = company_names(rng, len(frame))
    sirens = pd.Series(random_sirens(len(frame), rng), index=frame.index, dtype="string")
    frame["siren"] = sirens.where(frame["pattern"].isin(WITH_SIREN))
    frame["register_siren"] = sirens  # every company is a unit of the register (demo/register.py)
    frame["siret"] = pd.Series(pd.NA, index=frame.index, dtype="string")
    frame.loc[frame["siren"].notna(), "siret"] = head_office_sirets(frame["siren"].dropna())
    frame["commune_name"] = frame["commune_code"].map(
        _communes().set_index("commune_code")["commune_name"]
    )
    frame["plain_name"] = fold(
        frame["name"]
    ).str.upper()  # how register and cluster lists write names
    frame["plain_commune"] = fold(frame["commune_name"]).str.upper()
    codes = postal_codes_by_commune()
    frame["postal_code"] = [
        pd.NA if pd.isna(c) else pick(rng, codes[c]) for c in frame["commune_code"]
    ]
    return frame


@cache
def postal_codes_by_commune() -> pd.Series:
    """commune code -> its postal codes (a commune may have several)."""
    return reference.table("postal_codes").groupby("commune_code")["postal_code"].agg(list)


def pick(rng, options):
    """One of options, drawn uniformly."""
    return options[int(rng.integers(len(options)))]
