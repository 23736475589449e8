"""How a notebook shows its results: tables and matrices in French, tiles, sentences and charts.

Each output carries its role in its metadata (`{"santenum": {"role": …}}`), so that the study
(report/document.py) places it: the heading and the faits saillants are the notebook's own (the
study has its cover and synthèse), as is a page-only output (the study says it elsewhere); the
lead opens its chapter; an annex output goes to the method annex. Readers see labels, never
codes: a département as « Hérault (34) », an INSEE band by its label; a share on too few
companies reads « n trop faible » (core/rules.py).
"""

import re

import pandas as pd
from markupsafe import Markup

from santenum.analysis import charts
from santenum.core import french, reference, rules, templates
from santenum.core.vocabulary import FIGURES, header, is_share, share_base

TEMPLATES = "analysis/templates"
ROLE = "santenum"  # the output metadata key holding {"role": …}
HEADING, FACTS, LEAD, ANNEX, PAGE_ONLY, TABLE, FIGURE, NOTE, TILES = (
    "heading",
    "facts",
    "lead",
    "annex",
    "page-only",  # on the notebook's own page, not in the study (which says it elsewhere)
    "table",
    "figure",
    "note",
    "tiles",
)
MAX_ROWS = 25  # rows of a table shown in a report; longer tables are complete in tables.xlsx
# What a published table shows where the data gives no value (a spreadsheet leaves the cell
# blank): every table of the pages and the study, the annuaire included, writes this dash.
MISSING = "–"
# A code column beside the column of its label: readers see the label only, under the first
# name's header (a band's « label » reads « tranche d'effectifs », not « libellé »).
LABELLED_CODES = {
    "headcount_band": ("band_label", "label"),
    "region_code": ("region_name",),
    "departement_code": ("departement_name",),
}
# Code columns shown as their label when no label column is beside them.
CODE_LABELS = {
    "departement_code": reference.departement_labels,
    "departement_code_avant": reference.departement_labels,
    "departement_code_apres": reference.departement_labels,
    "headcount_band": reference.band_labels,
}


def _display(obj, role: str, raw: bool = False) -> None:
    from IPython.display import display

    display(obj, raw=raw, metadata={ROLE: {"role": role}})


def show(template: str, role: str, **context) -> None:
    """Display a snippet rendered from analysis/templates (every value escaped), with its role."""
    from IPython.display import HTML

    _display(HTML(templates.render(TEMPLATES, template, **context)), role)


def figure(chart) -> None:
    """Show a chart (a matplotlib Figure) as SVG; its title is its text form, the alt text in reports."""
    _display(charts.svg_bundle(chart), FIGURE, raw=True)


def table(shown: pd.DataFrame | None, caption: str, more: str | None = None, role=TABLE) -> None:
    """A French table (french_table, french_matrix) under its caption, MAX_ROWS rows at most;
    None: the caption and « no data »."""
    if shown is None:
        show("table.html.j2", role, caption=caption, table=None, missing=charts.NO_DATA)
        return
    head = shown.head(MAX_ROWS)
    html = head.to_html(index=False, escape=True, classes="santenum", border=0, na_rep=MISSING)
    show("table.html.j2", role, caption=caption, table=Markup(_aligned(html, head)), more=more)


# A cell that holds a figure: numbers, shares, intervals, euros, a rank, the dash of a missing
# value or « n trop faible ». A column of figures is right-aligned, a column of words left-aligned.
_FIGURE = re.compile(r"[\d\s,.%\[\];:()+€kM\u2212–-]*")
_FIGURE_WORDS = (rules.TOO_FEW, f"{rules.TIED} avec")


def _is_figure(text) -> bool:
    text = str(text)
    for words in _FIGURE_WORDS:
        text = text.replace(words, "")
    return bool(_FIGURE.fullmatch(text))


def _aligned(html: str, shown: pd.DataFrame) -> str:
    """The table's cells of text columns (a column with a cell that is not a figure) marked
    class="text", which the pages and the study left-align (figures stay right-aligned)."""
    text = [not shown.iloc[:, i].map(_is_figure).all() for i in range(shown.shape[1])]

    def mark(row: re.Match) -> str:
        cells = iter(text)
        return re.sub(
            r"<(t[hd])>",
            lambda cell: f'<{cell[1]} class="text">' if next(cells) else cell[0],
            row[0],
        )

    return re.sub(r"<tr[^>]*>.*?</tr>", mark, html, flags=re.DOTALL)


def _labelled(frame: pd.DataFrame, keep=()) -> pd.DataFrame:
    """Codes as readers read them: a code column beside its label column is left out (a
    département keeps its code in brackets: « Hérault (34) »), a code alone becomes its label;
    `keep`: columns left as they are (a matrix's rows and columns)."""
    out = frame.copy()
    for code, label_columns in LABELLED_CODES.items():
        label = next((c for c in label_columns if c in out), None)
        if code not in out or label is None or code in keep:
            continue
        if code == "departement_code":
            labels = out[code].map(reference.departement_labels())
            out[label] = labels.fillna(out[label]).fillna(out[code])
        out = out.drop(columns=code).rename(columns={label: label_columns[0]})  # its header
    for code, labels in CODE_LABELS.items():
        if code in out and code not in keep:
            named = labels()
            out[code] = [named.get(v, v) if isinstance(v, str) else v for v in out[code]]
    return out


def _withheld(frame: pd.DataFrame) -> pd.DataFrame:
    """Shares on too few companies (their base: vocabulary.share_base) replaced by TOO_FEW, and
    the base columns that only serve that rule (`<prefix>_n`) left out."""
    out = frame.copy().astype({c: object for c in frame.columns if is_share(c)})
    hidden = []
    for column in frame.columns:
        base = share_base(column, frame.columns)
        if base is None or not is_share(column):
            continue
        few = frame[base].map(rules.too_few) & frame[column].notna()
        out.loc[few, column] = rules.TOO_FEW
        if base.endswith("_n"):
            hidden.append(base)
    return out.drop(columns=hidden)


def _decimals(value) -> int:
    """The decimals a figure needs, up to two: 239 -> 0, 17.5 -> 1, 50.44 -> 2."""
    return next((d for d in (0, 1) if pd.isna(value) or round(value, d) == round(value, 2)), 2)


def _text(values: pd.Series, column: str, euros) -> pd.Series:
    """One column in French (numbers half up, shares in percent, dates, years, booleans)."""
    if is_share(column):
        return values.map(lambda v: v if isinstance(v, str) else french.percent(v))
    if column in FIGURES:
        return values.map(lambda v: french.number(v, _decimals(v)))
    if column in euros:
        return values.map(french.euros)
    if pd.api.types.is_datetime64_any_dtype(values):
        return values.map(lambda v: MISSING if pd.isna(v) else french.date(v))
    if pd.api.types.is_bool_dtype(values):
        return values.map({True: "oui", False: "non"})
    if column == "year":
        return values.astype("string").fillna(MISSING)  # 2021, not "2 021"
    if pd.api.types.is_integer_dtype(values):
        return values.map(french.number)
    if pd.api.types.is_float_dtype(values):
        return values.map(lambda v: french.number(v, 2))
    return values.astype("string").fillna(MISSING)


def french_table(frame: pd.DataFrame, euros=()) -> pd.DataFrame:
    """Text version of a stats table: labels instead of codes, French numbers and percentages,
    the interval in one column (left out when no row has one: a census), shares on too few
    companies withheld, a rank with the régions it is tied with, none on too few companies."""
    frame = _withheld(_labelled(frame))
    out = pd.DataFrame(index=frame.index)
    for column in frame.columns:
        values = frame[column]
        if column == "ci_low":
            if values.notna().any():
                out["ci"] = [
                    MISSING if isinstance(lo, str) else french.interval(lo, hi)
                    for lo, hi in zip(values, frame["ci_high"], strict=True)
                ]
        elif column == "ci_high":
            continue
        elif column == "tied" and "rank" in frame:
            continue
        elif column == "rank" and "tied" in frame:
            out[column] = [
                french.number(rank)
                + (f" ({rules.TIED} avec {french.number(tied)})" if tied else "")
                for rank, tied in zip(values, frame["tied"], strict=True)
            ]
        elif column == "rank" and "count" in frame:  # a figure on too few companies: no rank
            out[column] = [
                rules.TOO_FEW if pd.isna(rank) and rules.too_few(count) else french.number(rank)
                for rank, count in zip(values, frame["count"], strict=True)
            ]
        else:
            out[column] = _text(values, column, euros)
    return out.rename(columns=header)


def _in_order(values: pd.Series) -> list:
    """A matrix's row or column labels: numbers (years) in order, others as they first appear."""
    labels = list(dict.fromkeys(values.dropna()))
    numeric = all(isinstance(v, int | float) and not isinstance(v, bool) for v in labels)
    return sorted(labels) if numeric else labels


def french_matrix(
    frame: pd.DataFrame, rows: str, columns: str, values: str = "count", share=None
) -> pd.DataFrame:
    """A long table as a matrix of French text, rows and columns in the order they first appear.

    Counts get 'count' or 'count (share)' per cell (the share withheld on too few companies) and
    a total column; other values two decimals.
    """
    frame = _labelled(frame, keep=(rows, columns))
    order = lambda column: _in_order(frame[column])  # noqa: E731
    counts = frame.pivot_table(
        index=rows, columns=columns, values=values, aggfunc="sum", sort=False, observed=True
    ).reindex(index=order(rows), columns=order(columns))
    decimals = 0 if values == "count" else 2
    text = counts.map(lambda v: french.number(v, decimals) if pd.notna(v) else MISSING)
    if values != "count" and "n" in frame:  # an index on too few companies is withheld
        few = frame.pivot_table(
            index=rows, columns=columns, values="n", aggfunc="first", sort=False, observed=True
        ).reindex_like(counts)
        text = text.mask(few.map(rules.too_few) & counts.notna(), rules.TOO_FEW)
    if share:
        shares = frame.pivot_table(
            index=rows, columns=columns, values=share, aggfunc="first", sort=False, observed=True
        ).reindex_like(counts)
        bases = (
            frame.groupby(rows, sort=False, observed=True)["n"].first().reindex(counts.index)
            if "n" in frame
            else pd.Series(rules.MIN_SHARE_N, index=counts.index)
        )
        shown = shares.apply(
            lambda column: [
                french.percent(v) if not rules.too_few(n) else rules.TOO_FEW
                for v, n in zip(column, bases, strict=True)
            ]
        )
        text = text.where(shares.isna(), text + " (" + shown + ")")
    one_n = "n" in frame and frame.groupby(rows, observed=True)["n"].nunique().max() == 1
    if one_n:  # the companies behind each row (a company may count in several cells)
        n = frame.groupby(rows, sort=False, observed=True)["n"].first().reindex(counts.index)
        text["n"] = n.map(french.number)
    elif values == "count":
        text["total"] = counts.sum(axis=1).map(french.number)
    text.columns = [header(c) for c in text.columns]
    label = header(rows)
    return text.rename_axis(label).reset_index().rename(columns={"index": label})


def headline_tiles(headline: pd.DataFrame) -> list:
    """Tiles of stats.headline (also read back from its CSV): the count, then each share with its n."""
    tiles = []
    for row in headline.itertuples():
        count = row.indicateur == "entreprises"
        tiles.append(
            {
                "big": french.number(row.count) if count else rules.share_text(row.share, row.n),
                "label": row.indicateur,
                "small": "" if count else f"n = {french.number(row.n)}",
            }
        )
    return tiles
