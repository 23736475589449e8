"""Statistics of the company table: pure functions returning tidy frames (count, n, share, interval).

Every share carries its denominator `n` and says what it is a share of (`base`): all companies,
those for which the variable is known, or those that answered. Intervals are 95 % Wilson score
intervals, given for samples only (core/rules.py: what companies declare), never for a census.
Labels never ranked (« Autres », « non renseigné ») are listed last.
"""

import numpy as np
import pandas as pd

from santenum.clean.checks import CATEGORIES  # PME, ETI, GE: the order readers list them in
from santenum.core import french, rules
from santenum.core.reference import bands, departement_labels, departement_names, table
from santenum.core.table.lists import is_missing

Z95 = 1.959963984540054
UNDER_TEN_BANDS = ("NN", "00", "01", "02", "03")  # INSEE tranche codes of fewer than 10 employees
YOUNG_YEARS = 4
AGE_BINS = (0, 4, 10, 20, np.inf)
AGE_LABELS = ("moins de 4 ans", "4 à 9 ans", "10 à 19 ans", "20 ans et plus")
BASE_ALL = "toutes les entreprises"
BASE_KNOWN = "entreprises renseignées"
BASE_RESPONDENTS = "entreprises répondantes"  # BASE_KNOWN of a sample variable (rules.is_sample)
# A segment accelerates with at least MIN_CREATIONS creations in the last four years, more than
# in the four before (1 -> 3 is noise); it is strong when it also counts MIN_SEGMENT_COMPANIES
# companies and its specialisation index is at least 1. The catch-all "Autres" is never marked.
MIN_CREATIONS = 5
MIN_SEGMENT_COMPANIES = 10
SCORECARD_RULE = (
    f"Règle : un segment est « en accélération » s'il compte au moins {MIN_CREATIONS} créations "
    "sur les quatre dernières années, et plus que sur les quatre précédentes ; il est « fort » "
    f"s'il est aussi spécialisé (indice ≥ 1) et compte au moins {MIN_SEGMENT_COMPANIES} "
    "entreprises. La catégorie « Autres » n'est jamais marquée."
)


def wilson_interval(successes, n, z: float = Z95) -> tuple:
    """Wilson score interval (low, high) for successes out of n; missing where n is 0."""
    k = np.asarray(successes, dtype=float)
    n = np.asarray(n, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k / n
        centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    empty = n == 0
    return np.where(empty, np.nan, centre - half), np.where(empty, np.nan, centre + half)


def _base(base: str, sample: bool) -> str:
    """The base's label: the known values of a sample are its respondents."""
    return BASE_RESPONDENTS if sample and base == BASE_KNOWN else base


def _with_shares(counts: pd.Series, n: int, base: str, sample: bool) -> pd.DataFrame:
    """count, n, share, the Wilson interval (a sample's known values only: never a census, nor a
    share of every company) and the base."""
    low, high = wilson_interval(counts.to_numpy(), np.full(len(counts), n))
    if not (sample and base == BASE_KNOWN):
        low, high = np.full(len(counts), np.nan), np.full(len(counts), np.nan)
    return pd.DataFrame(
        {
            "count": counts.to_numpy(dtype=int),
            "n": n,
            "share": counts.to_numpy(dtype=float) / n if n else np.nan,
            "ci_low": low,
            "ci_high": high,
            "base": _base(base, sample),
        },
        index=counts.index,
    )


def distribution(values: pd.Series, order=None, base: str = BASE_KNOWN) -> pd.DataFrame:
    """Count and share of each value among the non-missing ones (n), sorted by count unless order
    is given, the labels never ranked last.

    With base=BASE_ALL the denominator is every row, missing values included.
    """
    known = values.dropna()
    counts = known.value_counts()
    if order is not None:
        counts = counts.reindex(list(order), fill_value=0)
    else:
        counts = counts.sort_index(kind="stable").sort_values(ascending=False, kind="stable")
        counts = counts.reindex(ranked_first(counts.index))
    n = len(values) if base == BASE_ALL else len(known)
    out = _with_shares(counts, n, base, rules.is_sample(values.name))
    out.index.name = values.name
    return out.reset_index()


def share(mask: pd.Series, label: str, base: str = BASE_KNOWN) -> pd.DataFrame:
    """One row: how many rows are True among the known ones (missing = unknown), with the
    interval when the mask is a sample's answer (named after its column)."""
    known = mask.dropna().astype(bool)
    n = len(mask) if base == BASE_ALL else len(known)
    sample = rules.is_sample(mask.name)
    return (
        _with_shares(pd.Series([int(known.sum())], index=[label]), n, base, sample)
        .rename_axis("indicateur")
        .reset_index()
    )


def multi_choice(lists: pd.Series, order, base: str = BASE_ALL) -> pd.DataFrame:
    """Share of companies naming each item of a list column (a company counts once per item).

    base=BASE_ALL divides by every company; BASE_KNOWN by those that named at least one item.
    """
    answered = ~is_missing(lists)
    items = lists[answered].explode()
    counts = items.value_counts().reindex(list(order), fill_value=0)
    n = len(lists) if base == BASE_ALL else int(answered.sum())
    out = _with_shares(counts, n, base, rules.is_sample(lists.name))
    out.index.name = lists.name
    return out.reset_index()


def leaders(table: pd.DataFrame, label: str) -> pd.DataFrame:
    """The rows of a distribution that come first by the rules: labels that may be ranked, no
    other one clearly ahead (rules.ranks on the intervals of a sample, the exact shares of a
    census). Several rows when they are tied; none when nothing was counted."""
    ranked = table[rules.ranked_mask(table[label]) & table["count"].gt(0).to_numpy()]
    if ranked.empty:
        return ranked
    sample = ranked["ci_low"].notna().any()
    order = rules.ranks(
        ranked["share"],
        ranked["ci_low"] if sample else None,
        ranked["ci_high"] if sample else None,
    )
    return ranked[order["rank"] == 1]


def multi_choice_by(
    frame: pd.DataFrame, column: str, by: str, order, by_order=None
) -> pd.DataFrame:
    """multi_choice within each `by` value: share of the companies of that value that named at
    least one item (n) naming each item; tidy (by, item, count, n, share, interval)."""
    answered = frame[~is_missing(frame[column]) & frame[by].notna()]
    groups = list(by_order) if by_order is not None else ranked_first(sorted(answered[by].unique()))
    parts = [
        multi_choice(answered.loc[answered[by] == value, column], order, base=BASE_KNOWN)
        .rename(columns={column: "item"})
        .assign(**{by: value})
        for value in groups
    ]
    if not parts:
        return pd.DataFrame(
            columns=[by, "item", "count", "n", "share", "ci_low", "ci_high", "base"]
        )
    out = pd.concat(parts, ignore_index=True).rename(columns={"item": column})
    return out[[by, *[c for c in out.columns if c != by]]]


def crosstab(
    frame: pd.DataFrame, row: str, column: str, row_order=None, column_order=None
) -> pd.DataFrame:
    """Companies per (row, column) value, both known; tidy, with the share within each row value."""
    known = frame[[row, column]].dropna()
    table = pd.crosstab(known[row], known[column])
    table = table.reindex(
        list(row_order) if row_order is not None else ranked_first(table.index), fill_value=0
    )
    if column_order is not None:
        table = table.reindex(columns=list(column_order), fill_value=0)
    tidy = table.stack().rename("count").reset_index()
    tidy["n"] = tidy.groupby(row, sort=False)["count"].transform("sum")
    tidy["share"] = tidy["count"] / tidy["n"].where(tidy["n"] > 0)
    tidy["ci_low"], tidy["ci_high"] = wilson_interval(tidy["count"], tidy["n"])
    if not rules.is_sample(row, column):
        tidy[["ci_low", "ci_high"]] = np.nan
    return tidy


def ranked_first(labels) -> list:
    """The labels in their order, those never ranked (« Autres », « non renseigné ») last."""
    labels = list(labels)
    return [v for v in labels if rules.is_ranked(v)] + [v for v in labels if not rules.is_ranked(v)]


def under_ten_share(frame: pd.DataFrame) -> pd.DataFrame:
    """Share under 10 employees among companies with a known headcount band."""
    band = frame["headcount_band"]
    return share(band.isin(UNDER_TEN_BANDS).where(band.notna()), "moins de 10 salariés")


def young_share(age_years: pd.Series) -> pd.DataFrame:
    """Share under YOUNG_YEARS years old among companies with a known creation date."""
    return share((age_years < YOUNG_YEARS).where(age_years.notna()), f"moins de {YOUNG_YEARS} ans")


def age_bands(age_years: pd.Series) -> pd.Series:
    """Age class labels (AGE_LABELS) for ages in completed years."""
    bands = pd.cut(
        age_years.astype(float), bins=list(AGE_BINS), right=False, labels=list(AGE_LABELS)
    )
    return bands.astype("string")


def summary(values: pd.Series, label: str) -> pd.DataFrame:
    """n, quartiles, median and mean of the known values."""
    known = values.dropna().astype(float)
    quartiles = (
        known.quantile([0.25, 0.5, 0.75])
        if len(known)
        else pd.Series([np.nan] * 3, index=[0.25, 0.5, 0.75])
    )
    return pd.DataFrame(
        {
            "indicateur": [label],
            "n": [len(known)],
            "q1": [quartiles[0.25]],
            "median": [quartiles[0.5]],
            "q3": [quartiles[0.75]],
            "mean": [known.mean() if len(known) else np.nan],
        }
    )


def creations_by_year(
    frame: pd.DataFrame, as_of, by: str = "segment", years: int = 12
) -> pd.DataFrame:
    """Companies created per year (and `by` value) over the last `years` years up to as_of; the
    `by` values with most creations first (those never ranked last), then by year."""
    as_of = pd.Timestamp(as_of)
    created = pd.to_datetime(frame["creation_date"])
    recent = frame[(created > as_of - pd.DateOffset(years=years)) & (created <= as_of)]
    year = pd.to_datetime(recent["creation_date"]).dt.year.rename("year")
    counts = recent.groupby([year, recent[by]], dropna=True).size().rename("count").reset_index()
    totals = counts.groupby(by)["count"].sum().sort_index(kind="stable")
    order = ranked_first(totals.sort_values(ascending=False, kind="stable").index)
    counts["_order"] = counts[by].map({value: i for i, value in enumerate(order)})
    counts = counts.sort_values(["_order", "year"], kind="stable").drop(columns="_order")
    return counts.reset_index(drop=True)


def window_start(as_of, window: int = YOUNG_YEARS) -> pd.Timestamp:
    """The day the last `window` years of creations start after (they end at as_of)."""
    return pd.Timestamp(as_of) - pd.DateOffset(years=window)


def recent_creations(
    frame: pd.DataFrame, as_of, by: str = "segment", window: int = YOUNG_YEARS
) -> pd.DataFrame:
    """Per `by` value: created in the last `window` years and in the `window` years before, and growth.

    growth = recent / previous − 1 (missing when nothing was created in the previous window);
    `accelerating`: at least MIN_CREATIONS in the last window and more than in the one before,
    never for a taxonomy's catch-all label ("Autres").
    """
    as_of = pd.Timestamp(as_of)
    created = pd.to_datetime(frame["creation_date"])
    start = window_start(as_of, window)
    recent = (created > start) & (created <= as_of)
    previous = (created > start - pd.DateOffset(years=window)) & (created <= start)
    grouped = pd.DataFrame({by: frame[by], "recent": recent, "previous": previous}).dropna(
        subset=[by]
    )
    out = grouped.groupby(by)[["recent", "previous"]].sum().astype(int)
    out["growth"] = out["recent"] / out["previous"].where(out["previous"] > 0) - 1
    out["accelerating"] = (
        (out["recent"] > out["previous"])
        & (out["recent"] >= MIN_CREATIONS)
        & out.index.map(rules.is_ranked).astype(bool)
    )
    out = out.sort_values("recent", ascending=False, kind="stable")
    return out.reindex(ranked_first(out.index)).reset_index()


def rounded(value, decimals: int) -> float:
    """value rounded half up (french.half_up), as a float; missing stays missing."""
    return float(french.half_up(value, decimals)) if pd.notna(value) else np.nan


def herfindahl(counts: pd.Series) -> float:
    """Herfindahl–Hirschman index of concentration: sum of squared shares (1/k to 1)."""
    total = counts.sum()
    return float(((counts / total) ** 2).sum()) if total else np.nan


def top_share(counts: pd.Series, k: int = 2) -> float:
    """Share of the k largest values in the total."""
    total = counts.sum()
    return float(counts.nlargest(k).sum() / total) if total else np.nan


def per_100k(counts: pd.Series, population: pd.Series) -> pd.Series:
    """Counts per 100 000 inhabitants, aligned on the index."""
    population = pd.to_numeric(population).reindex(counts.index)
    return counts / population * 100_000


def location_quotients(frame: pd.DataFrame, region_code: str, by: str = "segment") -> pd.DataFrame:
    """Specialisation index per `by` value: the region's share over the national share (known values)."""
    known = frame.dropna(subset=[by])
    national = known[by].value_counts()
    national = national.reindex(ranked_first(national.index))
    regional = (
        known.loc[known["region_code"] == region_code, by]
        .value_counts()
        .reindex(national.index, fill_value=0)
    )
    out = pd.DataFrame(
        {
            "count": regional,
            "n": int(regional.sum()),
            "share": regional / regional.sum(),
            "national_count": national,
            "national_n": int(national.sum()),
            "national_share": national / national.sum(),
        }
    )
    out["location_quotient"] = out["share"] / out["national_share"]
    out.index.name = by
    return out.reset_index()


def segment_scorecard(
    frame: pd.DataFrame, region_code: str, as_of, by: str = "segment"
) -> pd.DataFrame:
    """For each segment of the region: size, creations over the last four years vs the four before,
    location quotient, `accelerating` and `strong` by SCORECARD_RULE: the study's "spécialiste"
    scenario picks the strong ones, the "généraliste" scenario supports every row."""
    mine = frame[frame["region_code"] == region_code]
    lq = location_quotients(frame, region_code, by).set_index(by)
    creations = recent_creations(mine, as_of, by).set_index(by)
    out = lq[["count", "share", "location_quotient"]].join(
        creations[["recent", "previous", "growth", "accelerating"]], how="left"
    )
    out[["recent", "previous"]] = out[["recent", "previous"]].fillna(0).astype(int)
    out["accelerating"] = out["accelerating"].astype("boolean").fillna(False).astype(bool)
    out["strong"] = (
        out["accelerating"]
        & (out["location_quotient"] >= 1)
        & (out["count"] >= MIN_SEGMENT_COMPANIES)
    )
    out = out.sort_values(["strong", "accelerating", "count"], ascending=False, kind="stable")
    return out.reindex(ranked_first(out.index)).reset_index()


def category_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """PME / ETI / GE among companies whose INSEE category is known."""
    return distribution(frame["size_category"], order=CATEGORIES)


def headline(frame: pd.DataFrame) -> pd.DataFrame:
    """The study's headline shares for one region, each with its own n and base."""
    census = share(pd.Series(True, index=frame.index), "entreprises", base=BASE_ALL)
    # the whole population: a count, with no share or interval to give
    census[["share", "ci_low", "ci_high"]] = np.nan
    rows = [
        census,
        under_ten_share(frame),
        young_share(frame["age_years"]),
        share(frame["uses_ai"], "intègrent l'IA"),
    ]
    categories = category_counts(frame).rename(columns={"size_category": "indicateur"})
    return pd.concat([rows[0], categories, *rows[1:]], ignore_index=True)


def completeness(frame: pd.DataFrame, columns) -> pd.DataFrame:
    """For each column: companies where it is known (n) and the share missing."""
    rows = []
    for column in columns:
        known = ~is_missing(frame[column])
        rows.append(
            {
                "variable": column,
                "n": int(known.sum()),
                "missing_share": 1 - known.mean() if len(frame) else np.nan,
            }
        )
    return pd.DataFrame(rows)


def metropole_share(frame: pd.DataFrame) -> float:
    """Share of the located companies (known département) that sit in a métropole."""
    located = frame[frame["departement_code"].notna()]
    return float(located["metropole"].notna().mean()) if len(located) else np.nan


def _share_and_n(prefix: str, row: pd.DataFrame) -> dict:
    """{prefix_share, prefix_n} of a one-row share table: each share keeps its own base."""
    return {f"{prefix}_share": float(row["share"].iloc[0]), f"{prefix}_n": int(row["n"].iloc[0])}


def regions_table(frame: pd.DataFrame, population: pd.Series) -> pd.DataFrame:
    """One row per région: companies, per 100 000 inhabitants (with rank), size mix, young, AI,
    métropoles; each share with its n (prefix_n), so that one on too few companies is withheld."""
    rows = []
    for code, mine in frame.groupby("region_code", sort=True):
        category = mine["size_category"]
        located = int(mine["departement_code"].notna().sum())
        rows.append(
            {
                "region_code": code,
                "count": len(mine),
                **_share_and_n("pme", share((category == "PME").where(category.notna()), "PME")),
                **_share_and_n("under_ten", under_ten_share(mine)),
                **_share_and_n("young", young_share(mine["age_years"])),
                **_share_and_n("ai", share(mine["uses_ai"], "IA")),
                "metropole_share": metropole_share(mine),
                "metropole_n": located,
            }
        )
    return _ranked_by_density(rows, population).reset_index(drop=True)


def _ranked_by_density(rows: list, population: pd.Series) -> pd.DataFrame:
    """Per-région rows (region_code, count…) with companies per 100 000 inhabitants and their rank
    (1 = densest; density_rank), densest first, ties by INSEE code; the régions too few companies
    leave unranked come last, densest first."""
    out = pd.DataFrame(rows)
    out["per_100k"] = per_100k(out.set_index("region_code")["count"], population).to_numpy()
    out["rank"] = density_rank(out["per_100k"], out["count"])
    return by_density_rank(out)


def by_density_rank(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows in rank order (ties by INSEE code), then the unranked ones, densest first."""
    unranked_order = (-frame["per_100k"]).where(frame["rank"].isna())
    return (
        frame.assign(_order=unranked_order)
        .sort_values(["rank", "_order", "region_code"], kind="stable", na_position="last")
        .drop(columns="_order")
        .reset_index(drop=True)
    )


DENSITY_DECIMALS = 2  # as the tables print companies per 100 000 inhabitants


def density_rank(per_100k: pd.Series, counts: pd.Series) -> pd.Series:
    """Rank of each density, 1 = densest, on the figures as printed: two régions shown with the
    same density (« 0,75 » and « 0,75 ») share their rank. A density resting on too few companies
    (rules.too_few: one company more or less moves it several places) is not ranked and takes no
    place from the others: its rank is missing."""
    ranked = ~counts.map(rules.too_few).astype(bool)
    rounded = per_100k.round(DENSITY_DECIMALS).where(ranked)
    return rounded.rank(ascending=False, method="min").astype("Int64")


NATIONAL = "France"  # the total row of the national view
PEERS = 3  # régions a région is compared with by default


def default_peers(frame: pd.DataFrame, region_code: str, k: int = PEERS) -> list:
    """The default peers of a région, from the régions present in the data: its neighbours first
    (régions sharing a border, reference/region_neighbours.csv), then the others; within each, the
    closest in number of companies first (ratio either way), ties by INSEE code; k in all. So
    neighbours of a like size are each other's peers, an island gets régions of its size, and a
    région-only table has none."""
    counts = frame["region_code"].value_counts()
    own = counts.get(region_code, 0)
    neighbours = table("region_neighbours")
    near = set(neighbours.loc[neighbours["region_code"] == region_code, "neighbour_code"])
    ranked = pd.DataFrame({"code": counts.index.astype(str), "n": counts.to_numpy()})
    ranked = ranked[ranked["code"] != region_code]
    ranked["far"] = ~ranked["code"].isin(near)
    ranked["gap"] = np.abs(np.log(ranked["n"] / max(own, 1)))
    ranked = ranked.sort_values(["far", "gap", "code"], kind="stable")
    return ranked["code"].head(k).tolist()


def _profile(mine: pd.DataFrame) -> dict:
    young = young_share(mine["age_years"]).iloc[0]
    ai = share(mine["uses_ai"], "IA").iloc[0]
    return {
        "count": len(mine),
        "young_share": float(young["share"]),
        "young_n": int(young["n"]),
        "ai_share": float(ai["share"]),
        "ai_n": int(ai["n"]),
    }


def national_view(frame: pd.DataFrame, population: pd.Series) -> pd.DataFrame:
    """The national index's table: one row per région present, most companies per 100 000
    inhabitants first, with the base (n) of each share, then a NATIONAL row over those régions."""
    rows = [{"region_code": code, **_profile(mine)} for code, mine in frame.groupby("region_code")]
    out = _ranked_by_density(rows, population)
    inhabitants = pd.to_numeric(population).reindex(out["region_code"]).sum()
    total = {"region_code": NATIONAL, **_profile(frame), "rank": pd.NA}
    total["per_100k"] = total["count"] / inhabitants * 100_000
    return pd.concat([out, pd.DataFrame([total])], ignore_index=True)


def concentration(located: pd.DataFrame) -> pd.DataFrame:
    """Geographic concentration of located companies: top-two départements and métropoles (in
    percent), Herfindahl index (0 to 1), each with its unit."""
    counts = located["departement_code"].value_counts()
    n = len(located)
    return pd.DataFrame(
        {
            "indicateur": [
                "part des deux premiers départements",
                "indice de Herfindahl (départements)",
                "part dans une métropole",
            ],
            "chiffre": [
                rounded(100 * top_share(counts, 2), 1),
                rounded(herfindahl(counts), 2),
                rounded(100 * metropole_share(located), 1),
            ],
            "unite": ["%", "indice (1 = toutes dans un département)", "%"],
            "n": n,
        }
    )


def segment_quotients(frame: pd.DataFrame, regions) -> pd.DataFrame:
    """Location quotients of every segment for each of the regions, tidy."""
    parts = [location_quotients(frame, code).assign(region_code=code) for code in regions]
    out = pd.concat(parts, ignore_index=True)
    return out[
        ["region_code", "segment", "count", "n", "share", "national_share", "location_quotient"]
    ]


def largest(frame: pd.DataFrame, k: int = 10) -> pd.DataFrame:
    """The k named companies with the most employees (exact headcount, else their band's lower
    bound), each code beside its label (INSEE band, département name); a company without a name
    (an individual entrepreneur without a trade name) is counted elsewhere, never listed."""
    band = bands().set_index("code")
    lower = frame["headcount_band"].map(band["min"]).astype("Float64")
    size = frame["headcount"].astype("Float64").fillna(lower)
    ranked = frame.assign(_size=size).dropna(subset=["_size", "name"])  # never a nameless one
    ranked = ranked.sort_values(["_size", "name"], ascending=[False, True], kind="stable").head(k)
    departements = departement_names()
    ranked = ranked.assign(
        band_label=ranked["headcount_band"].map(band["label"]),
        departement_name=ranked["departement_code"].map(departements),
    )
    return ranked[
        [
            "name",
            "segment",
            "size_category",
            "headcount_band",
            "band_label",
            "departement_code",
            "departement_name",
        ]
    ].reset_index(drop=True)


def candidate_density(counts: pd.DataFrame, population: pd.Series) -> pd.DataFrame:
    """SIRENE candidate companies per région (summed over NAF codes) and per 100 000 inhabitants."""
    totals = counts.groupby("region_code")["companies"].sum()
    out = pd.DataFrame({"count": totals, "per_100k": per_100k(totals, population)})
    out["rank"] = density_rank(out["per_100k"], out["count"])
    return by_density_rank(out.rename_axis("region_code").reset_index())


def technology_matrix(frame: pd.DataFrame, technologies, links) -> pd.DataFrame:
    """PIPAME matrix: companies per (technology, value-chain link), among those that name both.

    A company naming 2 technologies and 2 links counts in 4 cells; share = count / n.
    """
    known = frame[~is_missing(frame["technologies"]) & ~is_missing(frame["value_chain"])]
    pairs = pd.DataFrame({"technology": known["technologies"], "value_chain": known["value_chain"]})
    pairs = pairs.explode("technology").explode("value_chain")
    counts = pd.crosstab(pairs["technology"], pairs["value_chain"]).reindex(
        index=list(technologies), columns=list(links), fill_value=0
    )
    tidy = counts.stack().rename("count").reset_index()
    tidy["n"] = len(known)
    tidy["share"] = tidy["count"] / len(known) if len(known) else np.nan
    return tidy


def headline_figures(region: pd.DataFrame, region_label: str) -> dict:
    """The figures the faits saillants and the analyst's `{{ indicateur }}` both quote, computed
    once: pme (share, n of classified companies), under_ten, young and ai (share rows), the
    leading segments (stats.leaders: several when tied, none without any) and their n, and the
    jobs total row."""
    categories = category_counts(region).set_index("size_category")
    segments = distribution(region["segment"])
    return {
        "pme": {"share": categories["share"].get("PME", 0.0), "n": categories["n"].max()},
        "under_ten": under_ten_share(region).iloc[0],
        "young": young_share(region["age_years"]).iloc[0],
        "ai": share(region["uses_ai"], "IA").iloc[0],
        "first_segments": leaders(segments, "segment"),
        "segments_n": int(segments["n"].max()) if len(segments) else 0,
        "jobs": jobs(region, region_label).iloc[0],
    }


def job_bounds(frame: pd.DataFrame) -> pd.DataFrame:
    """Per company: jobs_low / jobs_high (exact headcount, else its INSEE band's bounds; the open top
    band counts its lower bound in both) and from_band (True when only the band was known)."""
    table = bands().set_index("code")
    band_min = frame["headcount_band"].map(table["min"]).astype("Float64")
    band_max = frame["headcount_band"].map(table["max"]).astype("Float64").fillna(band_min)
    exact = frame["headcount"].astype("Float64")
    return pd.DataFrame(
        {
            "jobs_low": exact.fillna(band_min),
            "jobs_high": exact.fillna(band_max),
            "from_band": exact.isna() & band_min.notna(),
        },
        index=frame.index,
    )


def jobs(frame: pd.DataFrame, region_label: str) -> pd.DataFrame:
    """Jobs of the companies: the région's total first, then by segment, département (its name
    and code) and catégorie, each with its « non renseigné » row last, so that they add up.

    emplois_bas / emplois_haut add exact headcounts and, for companies known only by an INSEE band,
    the band's lower / upper bound (NN counts 0; the open band 53 counts 10 000 in both);
    entreprises = companies behind the figures, part_tranches = the share of them known only by a
    band, inconnues = companies with neither (never imputed). Where the survey gives the share of
    activity in digital health, emplois_sante_bas / _haut weigh the same bounds by it, over the
    companies_ponderees that give both (others are left out, not weighted by a guess).
    """
    bounds = job_bounds(frame)
    known = bounds["jobs_low"].notna()
    weight = frame["digital_health_share"].astype("Float64")
    data = frame.assign(
        **bounds,
        _known=known,
        _low_weighted=bounds["jobs_low"] * weight,
        _high_weighted=bounds["jobs_high"] * weight,
    )
    # a company of unknown segment, département or catégorie is a « non renseigné » row: each
    # dimension's rows add up to the région's
    groups = [
        ("région", pd.Series(region_label, index=frame.index)),
        ("segment", frame["segment"].fillna(rules.UNKNOWN)),
        (
            "département",
            frame["departement_code"].map(departement_labels()).fillna(rules.UNKNOWN),
        ),
        ("catégorie", frame["size_category"].fillna(rules.UNKNOWN)),
    ]
    rows = []
    for dimension, keys in groups:
        parts = dict(tuple(data.groupby(keys.rename("_key"), sort=True, dropna=True)))
        if dimension == "catégorie":  # PME, ETI, GE, as readers list them
            parts = {key: parts[key] for key in sorted(parts, key=_category_order)}
        for value in ranked_first(parts):
            part = parts[value]
            counted = part[part["_known"]]
            rows.append(
                {
                    "dimension": dimension,
                    "valeur": value,
                    "emplois_bas": int(counted["jobs_low"].sum()),
                    "emplois_haut": int(counted["jobs_high"].sum()),
                    "entreprises": len(counted),
                    "part_tranches": counted["from_band"].mean() if len(counted) else np.nan,
                    "inconnues": int((~part["_known"]).sum()),
                    **_weighted(counted),
                }
            )
    return pd.DataFrame(
        rows,
        columns=[
            "dimension",
            "valeur",
            "emplois_bas",
            "emplois_haut",
            "entreprises",
            "part_tranches",
            "inconnues",
            "emplois_sante_bas",
            "emplois_sante_haut",
            "entreprises_ponderees",
        ],
    ).astype({"emplois_sante_bas": "Int64", "emplois_sante_haut": "Int64"})


def _category_order(category: str) -> tuple:
    return (CATEGORIES.index(category) if category in CATEGORIES else len(CATEGORIES), category)


def _weighted(counted: pd.DataFrame) -> dict:
    """Jobs weighted by the share of activity in digital health, over the companies that give it."""
    weighted = counted[counted["_low_weighted"].notna()]
    if weighted.empty:
        return {
            "emplois_sante_bas": np.nan,
            "emplois_sante_haut": np.nan,
            "entreprises_ponderees": 0,
        }
    return {
        "emplois_sante_bas": round(float(weighted["_low_weighted"].sum())),
        "emplois_sante_haut": round(float(weighted["_high_weighted"].sum())),
        "entreprises_ponderees": len(weighted),
    }
