"""What every analysis notebook does first, and how it shows results: load, check, save, display.

`start()` returns a Session: the company table, the parameters, and the methods that show and
save tables and charts. Kernels import this stage only (never cleaning or the demo generator).
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from markupsafe import Markup

from santenum import config, reference, templates
from santenum.analysis import charts, french, stats, tables
from santenum.table.ages import age_in_years
from santenum.table.columns import LABELS
from santenum.table.store import read_companies

DEFAULT_DATA = config.DEMO_PROCESSED_DIR / "companies.parquet"
TEMPLATES = "analysis/templates"
# Column headers of the tables shown (CSV files keep the code names): the company columns' labels,
# shorter forms where a table lists one value per row, and the columns that stats functions add.
HEADERS = {
    **LABELS,
    "count": "effectif",
    "n": "n",
    "share": "part",
    "base": "base",
    "ci": "IC 95 %",
    "products": "produit",
    "size_category": "catégorie",
    "headcount_band": "tranche",
    "departement_code": "dép.",
    "departement_name": "département",
    "region_name": "région",
    "indicateur": "indicateur",
    "value": "valeur",
    "location_quotient": "indice de spécialisation",
    "national_share": "part nationale",
    "recent": "créations 4 dern. années",
    "previous": "créations 4 années préc.",
    "growth": "évolution",
    "strong": "segment fort",
    "per_100k": "pour 100 000 hab.",
    "rank": "rang",
    "median": "médiane",
    "q1": "1er quartile",
    "q3": "3e quartile",
    "mean": "moyenne",
    "year": "année",
    "accelerating": "en accélération",
    "emplois_bas": "emplois (bas)",
    "emplois_haut": "emplois (haut)",
    "part_tranches": "part estimée par tranche",
    "figure": "indicateur",
    "unit": "unité",
    "denominator": "base de l'étude",
    "scope": "périmètre",
    "variable": "variable",
    "missing_share": "part manquante",
    "age": "âge",
    "label": "libellé",
    "uses_ai": "IA",
    "pme_share": "part de PME",
    "under_ten_share": "moins de 10 salariés",
    "young_share": "moins de 4 ans",
    "ai_share": "intègrent l'IA",
    "metropole_share": "dans une métropole",
    "technology": "technologie",
    "value_chain": "maillon",
}
# Company columns whose completeness the quality box shows.
VARIABLES = (
    "siren",
    "departement_code",
    "creation_date",
    "headcount_band",
    "size_category",
    "revenue_eur",
    "segment",
    "products",
    "uses_ai",
)


def _display(obj, raw: bool = False) -> None:
    from IPython.display import display

    display(obj, raw=raw)


def _show(template: str, **context) -> None:
    """Display a snippet rendered from analysis/templates (every value escaped)."""
    from IPython.display import HTML

    _display(HTML(templates.render(TEMPLATES, template, **context)))


def _codes(value) -> list:
    items = value.split(",") if isinstance(value, str) else list(value or [])
    return [reference.region_code(item) for item in items if str(item).strip()]


@dataclass
class Session:
    """One notebook's run: the data, the parameters and where its tables go."""

    notebook: str
    companies: pd.DataFrame
    region_code: str
    peer_regions: list
    as_of: pd.Timestamp
    output_dir: Path
    data_path: Path
    quality: dict | None = None
    peers_without_data: list = field(default_factory=list)

    @property
    def region_name(self) -> str:
        return reference.region_names()[self.region_code]

    @property
    def region(self) -> pd.DataFrame:
        return self.companies[self.companies["region_code"] == self.region_code]

    @property
    def demo(self) -> bool:
        return bool(self.quality and self.quality.get("demo_data"))

    def source(self, n, base: str) -> str:
        """The source line of a chart: data, date and the n it rests on."""
        data = "données de démonstration fictives" if self.demo else self.data_path.name
        return (
            f"Source : santenum, {data}, au {self.as_of:%d/%m/%Y}. n = {french.number(n)} {base}."
        )

    def heading(self, title: str) -> None:
        """Title, parameters and, for demo data, the notice that it is fictitious."""
        names = reference.region_names()
        peers = ", ".join(names[c] for c in self.peer_regions) or "aucune dans les données"
        if self.peers_without_data:
            peers += f" (sans données : {', '.join(names[c] for c in self.peers_without_data)})"
        _show(
            "heading.html.j2",
            title=title,
            region_name=self.region_name,
            as_of=f"{self.as_of:%d/%m/%Y}",
            companies=french.number(len(self.region)),
            peers=peers,
            demo_notice=config.DEMO_NOTICE if self.demo else None,
        )

    def table(self, frame: pd.DataFrame, name: str, caption: str = "", euros=()) -> None:
        """Save the table as CSV (tables/<notebook>__<name>.csv) and show it in French formats."""
        tables.save_table(frame, self.output_dir, self.notebook, name)
        if frame.empty or ("n" in frame and not frame["n"].fillna(0).gt(0).any()):
            _show("table.html.j2", caption=caption, table=None, missing=charts.NO_DATA)
            return
        shown = french_table(frame, euros).to_html(
            index=False, escape=True, classes="santenum", border=0, na_rep="–"
        )
        _show("table.html.j2", caption=caption, table=Markup(shown))

    def figure(self, figure) -> None:
        """Show a chart (a matplotlib Figure) as SVG; its title is its text form, the alt text in reports."""
        _display(charts.svg_bundle(figure), raw=True)

    def tiles(self, headline: pd.DataFrame) -> None:
        """Headline figures as large tiles: the count, then each share with its n."""
        tiles = []
        for row in headline.itertuples():
            count = row.indicateur == "entreprises"
            tiles.append(
                {
                    "big": french.number(row.count) if count else french.percent(row.share),
                    "label": row.indicateur,
                    "small": "" if count else f"n = {french.number(row.n)}",
                }
            )
        _show("tiles.html.j2", tiles=tiles)

    def quality_box(self) -> None:
        """What each figure rests on: n and missing share per variable, and the cleaning's row counts."""
        completeness = stats.completeness(self.region, list(VARIABLES))
        completeness["variable"] = completeness["variable"].map(LABELS)
        self.table(
            completeness,
            "qualite_variables",
            "Qualité des données : n et part manquante par variable (entreprises de la région)",
        )
        if self.quality:
            total = self.quality["total"]
            rows = pd.DataFrame(
                {
                    "indicateur": [
                        "lignes lues",
                        "entreprises",
                        "lignes fusionnées",
                        "lignes en quarantaine",
                    ],
                    "value": [
                        total["rows_read"],
                        total["kept"],
                        total["merged"],
                        total["rejected"],
                    ],
                }
            )
            self.table(
                rows,
                "qualite_nettoyage",
                "Nettoyage (toutes régions) : chaque ligne lue est gardée, "
                "fusionnée ou mise en quarantaine avec sa raison",
            )

    def note(self, text: str) -> None:
        """A paragraph of text (escaped)."""
        _show("note.html.j2", text=text)

    # --- reference look-ups for the tables shown -------------------------------------------------

    def departement_population(self) -> pd.Series:
        return pd.to_numeric(
            reference.table("departements").set_index("departement_code")["population"]
        )

    def departement_codes(self) -> list:
        deps = reference.table("departements")
        return deps.loc[deps["region_code"] == self.region_code, "departement_code"].tolist()

    def region_population(self) -> pd.Series:
        deps = reference.table("departements")
        return pd.to_numeric(deps["population"]).groupby(deps["region_code"]).sum()

    def with_departement_names(self, frame: pd.DataFrame) -> pd.DataFrame:
        names = reference.table("departements").set_index("departement_code")["departement_name"]
        out = frame.copy()
        out.insert(1, "departement_name", out["departement_code"].map(names))
        return out

    def with_region_names(self, frame: pd.DataFrame) -> pd.DataFrame:
        out = frame.copy()
        out.insert(1, "region_name", out["region_code"].map(reference.region_names()))
        return out

    def band_codes(self) -> list:
        return reference.bands()["code"].tolist()

    def with_band_labels(self, frame: pd.DataFrame) -> pd.DataFrame:
        """INSEE labels of the tranche codes; bands no company falls in are left out."""
        labels = reference.bands().set_index("code")["label"]
        out = frame.copy()
        out.insert(1, "label", out["headcount_band"].map(labels))
        return out[out["count"] > 0].reset_index(drop=True)

    def compared_names(self) -> list:
        return [reference.region_names()[c] for c in [self.region_code, *self.peer_regions]]

    def highlight_colours(self) -> dict:
        """The region in the accent colour, its peers lighter, the others grey."""
        colours = {name: "#cccccc" for name in reference.region_names()}
        colours.update({reference.region_names()[c]: "#7fa7d9" for c in self.peer_regions})
        colours[self.region_name] = "#1f5fa8"
        return colours

    def segment_quotients(self) -> pd.DataFrame:
        return stats.segment_quotients(self.companies, [self.region_code, *self.peer_regions])

    def published_studies(self) -> pd.DataFrame:
        return reference.table("published_studies").drop(columns="study")


def french_table(frame: pd.DataFrame, euros=()) -> pd.DataFrame:
    """Text version of a stats table: French numbers and percentages, the interval in one column."""
    out = pd.DataFrame(index=frame.index)
    for column in frame.columns:
        values = frame[column]
        if column == "ci_low":
            out["ci"] = [
                french.interval(lo, hi) for lo, hi in zip(values, frame["ci_high"], strict=True)
            ]
        elif column == "ci_high":
            continue
        elif column.endswith("share") or column.startswith("part_") or column == "growth":
            out[column] = values.map(french.percent)
        elif column in euros:
            out[column] = values.map(french.euros)
        elif pd.api.types.is_bool_dtype(values):
            out[column] = values.map({True: "oui", False: "non"})
        elif column == "year":
            out[column] = values.astype("string").fillna("–")  # 2021, not "2 021"
        elif pd.api.types.is_integer_dtype(values):
            out[column] = values.map(french.number)
        elif pd.api.types.is_float_dtype(values):
            out[column] = values.map(lambda v: french.number(v, 2))
        else:
            out[column] = values.astype("string").fillna("–")
    return out.rename(columns=lambda c: HEADERS.get(c, c))


def start(
    notebook: str,
    data_path=None,
    region_code="76",
    peer_regions=("11", "75", "44"),
    as_of=None,
    output_dir=None,
) -> Session:
    """Load the company table with ages at as_of, check the parameters, and prepare output_dir.

    as_of defaults to the date the data was cleaned at (quality.json), else today.
    """
    region_code = reference.region_code(region_code)
    peers = [c for c in _codes(peer_regions) if c != region_code]
    path = Path(data_path) if data_path else DEFAULT_DATA
    if not path.exists():
        hint = "make clean-demo" if not data_path else "santenum clean RAW_DIR --out DIR"
        raise FileNotFoundError(f"{path}: no such file (run `{hint}` first)")
    quality_path = path.with_name("quality.json")
    quality = (
        json.loads(quality_path.read_text(encoding="utf-8")) if quality_path.exists() else None
    )
    cleaned_at = quality["as_of"] if quality else None
    as_of = pd.Timestamp(as_of or cleaned_at or pd.Timestamp.today().normalize())
    companies = read_companies(path)
    companies["age_years"] = age_in_years(pd.to_datetime(companies["creation_date"]), as_of)
    out = Path(output_dir) if output_dir else config.REPORTS_DIR / "notebooks"
    out.mkdir(parents=True, exist_ok=True)
    compared, without_data = compared_regions(companies, region_code, peers)
    return Session(
        notebook, companies, region_code, compared, as_of, out, path, quality, without_data
    )


def compared_regions(companies: pd.DataFrame, region_code: str, peers: list) -> tuple:
    """(peers to compare with, requested peers that have no company in the data).

    Without data for any requested peer, the régions the data holds are compared instead (the
    three largest), so that a région-only table still gets its benchmark.
    """
    counts = companies["region_code"].value_counts()
    with_data = [code for code in peers if counts.get(code, 0) > 0]
    without = [code for code in peers if code not in with_data]
    if not with_data:
        others = (
            counts.drop(region_code, errors="ignore")
            .sort_index()
            .sort_values(ascending=False, kind="stable")
        )
        with_data = list(others.index[:3])
    return with_data, without
