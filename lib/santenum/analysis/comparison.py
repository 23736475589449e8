"""A published study's figures set against santenum's recomputation on the same région.

Each row of data/reference/published_studies.csv for the région names, in `recalcul`, the figure
santenum recomputes: `kind` or `kind:argument` (see RECOMPUTE). Percentages are compared in
percent, counts in companies.
"""

import pandas as pd

from santenum.analysis import stats
from santenum.core.table.lists import as_arrow


def _count(frame: pd.DataFrame, _) -> tuple:
    return len(frame), "entreprises de la région", len(frame)


def _category_count(frame: pd.DataFrame, category: str) -> tuple:
    classed = frame["size_category"].dropna()
    return int((classed == category).sum()), "entreprises classées", len(classed)


def _percent(row: pd.DataFrame) -> tuple:
    first = row.iloc[0]
    return 100 * first["share"], first["base"], int(first["n"])


def _share_of(values: pd.Series, value: str, base: str) -> tuple:
    known = values.dropna()
    share = (known == value).mean() if len(known) else float("nan")
    return 100 * share, base, len(known)


def _product_share(frame: pd.DataFrame, product: str) -> tuple:
    lists = as_arrow(frame["products"]).to_pylist()
    holders = sum(product in (items or []) for items in lists)
    return 100 * holders / len(frame), "toutes les entreprises", len(frame)


RECOMPUTE = {
    "entreprises": _count,
    "categorie": _category_count,
    "part_categorie": lambda f, c: _share_of(f["size_category"], c, "entreprises classées"),
    "moins_de_10_salaries": lambda f, _: _percent(stats.under_ten_share(f)),
    "moins_de_4_ans": lambda f, _: _percent(stats.young_share(f["age_years"])),
    "ia": lambda f, _: _percent(stats.share(f["uses_ai"], "IA")),
    "part_segment": lambda f, s: _share_of(
        f["segment"], s, "entreprises dont le segment est connu"
    ),
    "part_departement": lambda f, d: _share_of(f["departement_code"], d, "entreprises localisées"),
    "part_produit": _product_share,
}


def recompute(frame: pd.DataFrame, key: str) -> tuple:
    """(value, base, n) of a `recalcul` key on the région's companies; KeyError if unknown."""
    kind, _, argument = key.partition(":")
    return RECOMPUTE[kind](frame, argument)


def study_against_recomputation(frame: pd.DataFrame, published: pd.DataFrame) -> pd.DataFrame:
    """etude_vs_recalcul: indicateur, publie, recalcule, ecart (recalculé − publié), unite, base
    (the study's), base_recalcul and n; one row per published figure with a `recalcul` key.

    The recomputed value is rounded half up to the decimals the figure was published with."""
    rows = []
    for figure in published.dropna(subset=["recalcul"]).itertuples():
        value, base, n = recompute(frame, figure.recalcul)
        decimals = len(str(figure.value).partition(".")[2])
        recomputed = stats.rounded(value, decimals)
        published_value = float(figure.value)
        rows.append(
            {
                "indicateur": figure.figure,
                "publie": published_value,
                "recalcule": recomputed,
                "ecart": stats.rounded(recomputed - published_value, decimals),
                "unite": figure.unit,
                "base": figure.denominator,
                "base_recalcul": base,
                "n": n,
            }
        )
    columns = ["indicateur", "publie", "recalcule", "ecart", "unite", "base", "base_recalcul", "n"]
    return pd.DataFrame(rows, columns=columns)


# The shares a région is set against its peers on: regions_table prefix -> label.
PEER_SHARES = {
    "under_ten": "moins de 10 salariés",
    "young": "moins de 4 ans",
    "ai": "intègrent l'IA",
    "metropole": "dans une métropole",
}


def peer_shares(regions: pd.DataFrame, names: list) -> pd.DataFrame:
    """The région and its peers on PEER_SHARES, tidy (indicateur, région, part, n), from
    stats.regions_table with région names (`region_name`), in the order of `names`."""
    mine = regions.set_index("region_name").loc[names]
    parts = [
        pd.DataFrame(
            {
                "indicateur": label,
                "région": names,
                "part": mine[f"{prefix}_share"].to_numpy(),
                "n": mine[f"{prefix}_n"].to_numpy(),
            }
        )
        for prefix, label in PEER_SHARES.items()
    ]
    return pd.concat(parts, ignore_index=True)
