"""What every analysis notebook does first: load, check, and save and show each result.

`start()` returns a Session: the company table, the parameters, and the methods a notebook calls
to save a table (CSV) and show it, or to show a chart; how things are shown is display.py's.
Kernels import this stage only (never cleaning or the demo generator).
"""

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from santenum.analysis import charts, display, evolution, highlights, leads, stats, tables
from santenum.core import config, french, reference
from santenum.core.errors import InputError
from santenum.core.quality import QualityReport
from santenum.core.table.ages import active_with_ages
from santenum.core.table.perimeter import in_perimeter
from santenum.core.table.store import read_companies, read_quality
from santenum.core.vocabulary import IDENTIFICATION_LABELS, UNLOCATED, VARIABLE_LABELS, header

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
    "needs",
    "maturity",
)


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
    quality: QualityReport | None = None
    peers_without_data: list = field(default_factory=list)

    @property
    def region_name(self) -> str:
        return reference.region_names()[self.region_code]

    @property
    def region(self) -> pd.DataFrame:
        return self.companies[self.companies["region_code"] == self.region_code]

    @property
    def demo(self) -> bool:
        return bool(self.quality and self.quality.demo_data)

    def source(self, of, base: str) -> str:
        """The source line of a chart: data, date and the n it rests on — `of`, a number or a
        stats frame (its `n`, the denominator its shares share), and what those n are (`base`)."""
        n = of["n"].max() if isinstance(of, pd.DataFrame) else of
        data = "données de démonstration fictives" if self.demo else self.data_path.name
        return (
            f"Source : santenum, {data}, au {self.as_of:%d/%m/%Y}. n = {french.number(n)} {base}."
        )

    def heading(self, title: str) -> None:
        """Title, parameters and, for demo data, the notice that it is fictitious; then the
        paragraph that reads the chapter's figures (leads.py), when the notebook has one."""
        names = reference.region_names()
        peers = ", ".join(names[c] for c in self.peer_regions) or "aucune dans les données"
        if self.peers_without_data:
            peers += f" (sans données : {', '.join(names[c] for c in self.peers_without_data)})"
        display.show(
            "heading.html.j2",
            display.HEADING,
            title=title,
            region_name=self.region_name,
            as_of=f"{self.as_of:%d/%m/%Y}",
            companies=french.number(len(self.region)),
            peers=peers,
            demo_notice=config.DEMO_NOTICE if self.demo else None,
        )
        text = leads.lead(self)
        if text:
            self.lead(text)

    def lead(self, text: str) -> None:
        """The paragraph that opens the chapter and reads its figures (escaped)."""
        display.show("note.html.j2", display.LEAD, text=text)

    def table(
        self,
        frame: pd.DataFrame,
        name: str,
        caption: str = "",
        euros=(),
        split_by=None,
        captions=None,
        role=display.TABLE,
    ) -> None:
        """Save the table as CSV (tables/<notebook>__<name>.csv) and show it in French formats.

        split_by: a column whose values each get their own table, captioned `captions[value]`,
        its first column headed by the value. At most display.MAX_ROWS rows are shown per
        table; the note under a longer one points to the full table.
        """
        path = tables.save_table(frame, self.output_dir, self.notebook, name, caption)
        if frame.empty or ("n" in frame and not frame["n"].fillna(0).gt(0).any()):
            display.table(None, caption, role=role)
            return
        if split_by is None:
            self._show(display.french_table(frame, euros), caption, path, role)
            return
        for value, part in frame.groupby(split_by, sort=False):
            shown = display.french_table(part.drop(columns=split_by), euros)
            shown = shown.rename(columns={shown.columns[0]: header(str(value))})
            self._show(shown, (captions or {}).get(value, f"{caption} : {value}"), path, role)

    def matrix(
        self,
        frame: pd.DataFrame,
        name: str,
        caption: str,
        rows: str,
        columns: str,
        values: str = "count",
        share=None,
    ) -> None:
        """Save the long table as CSV and show it as a matrix `rows` × `columns`: each cell the
        count (with the `share` column in brackets when given, and a total column), or `values`."""
        path = tables.save_table(frame, self.output_dir, self.notebook, name, caption)
        if frame.empty or not frame[values].fillna(0).gt(0).any():
            display.table(None, caption)
            return
        shown = display.french_matrix(frame, rows, columns, values, share)
        self._show(shown, caption, path, display.TABLE)

    def _show(self, shown: pd.DataFrame, caption: str, path: Path, role: str) -> None:
        more = None
        if len(shown) > display.MAX_ROWS:
            more = (
                f"{french.number(display.MAX_ROWS)} premières lignes sur "
                f"{french.number(len(shown))} : table complète dans tables.xlsx et "
                f"{tables.TABLES_DIR}/{path.name}."
            )
        display.table(shown, caption, more, role)

    def figure(self, figure) -> None:
        """Show a chart (a matplotlib Figure) as SVG; its title is its text form, the alt text in reports."""
        display.figure(figure)

    def bars(
        self,
        frame: pd.DataFrame,
        name: str,
        caption: str,
        label: str,
        *,
        title: str,
        xlabel: str,
        base: str,
        value: str = "share",
        source_of=None,
        chart=None,
        **options,
    ) -> None:
        """A table and its bar chart: the table saved and shown (`name`, `caption`), then bars of
        `value` per `label` (charts.bars with `options`: ylabel, palette, share, sort, value_text)
        whose source line gives the n of `source_of` (a number or a frame; default: the table's)
        and what they are (`base`); `chart`: the frame to draw when it is not the table."""
        self.table(frame, name, caption)
        drawn = frame if chart is None else chart
        source = self.source(frame if source_of is None else source_of, base)
        self.figure(
            charts.bars(drawn, label, value, title=title, xlabel=xlabel, source=source, **options)
        )

    def tiles(self, headline: pd.DataFrame) -> None:
        """Headline figures as large tiles: the count, then each share with its n."""
        display.show("tiles.html.j2", display.TILES, tiles=display.headline_tiles(headline))

    def quality_box(self) -> None:
        """What each figure rests on: n and missing share per variable (the study's method annex
        has them as response rates), and the cleaning's row counts (placed in that annex)."""
        completeness = stats.completeness(self.region, list(VARIABLES))
        completeness["variable"] = completeness["variable"].map(VARIABLE_LABELS)
        self.table(
            completeness,
            "qualite_variables",
            "Qualité des données : n et part manquante par variable (entreprises de la région)",
            role=display.PAGE_ONLY,  # the study's method annex gives the response rates
        )
        if self.quality:
            total = self.quality.total
            counts = {
                "lignes lues": total.rows_read,
                # every company of the table, not the perimeter's: candidates and those out too
                "entreprises du fichier (à qualifier et hors périmètre comprises)": total.kept,
                "lignes fusionnées": total.merged,
                "lignes en quarantaine": total.rejected,
                UNLOCATED: int(self.companies["region_code"].isna().sum()),
            }
            if self.quality.identification is not None:
                for key, value in self.quality.identification.to_json().items():
                    counts[IDENTIFICATION_LABELS[key]] = value
            rows = pd.DataFrame({"indicateur": list(counts), "nombre": list(counts.values())})
            self.table(
                rows,
                "qualite_nettoyage",
                "Nettoyage (toutes régions) : chaque ligne lue est gardée, "
                "fusionnée ou mise en quarantaine avec sa raison",
                role=display.ANNEX,
            )

    def highlights(self) -> None:
        """The faits saillants (analysis.highlights), saved as the table faits_saillants."""
        facts = highlights.sentences(
            self.companies,
            self.region_code,
            self.region_name,
            self.region_population(),
            self.quality.perimeter if self.quality else None,
        )
        tables.save_table(
            facts, self.output_dir, self.notebook, "faits_saillants", "Faits saillants"
        )
        display.show("highlights.html.j2", display.FACTS, sentences=facts["phrase"].tolist())

    def note(self, text: str) -> None:
        """A paragraph of text (escaped)."""
        display.show("note.html.j2", display.NOTE, text=text)

    # --- reference look-ups for the tables shown -------------------------------------------------

    def departement_population(self) -> pd.Series:
        return pd.to_numeric(
            reference.table("departements").set_index("departement_code")["population"]
        )

    def departement_codes(self) -> list:
        deps = reference.table("departements")
        return deps.loc[deps["region_code"] == self.region_code, "departement_code"].tolist()

    def region_population(self) -> pd.Series:
        return reference.region_population()

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

    def editions(self, previous_path=None) -> evolution.Editions:
        """This edition and a previous one (companies.parquet cleaned at an earlier date), matched.

        The previous date is the one its quality.json records, else its latest creation date.
        Without previous_path, the demo's previous edition goes with the demo data.
        """
        if previous_path is None and self.data_path != config.settings().demo_table:
            raise InputError("previous_path", "give the company table of the previous edition")
        path = Path(previous_path) if previous_path else config.settings().demo_previous_table
        if not path.exists():
            raise InputError(path, "no such file (run `make clean-demo` first)")
        previous = read_companies(path)
        as_of = evolution.edition_date(path, previous)
        current = read_companies(self.data_path)
        # Each edition's perimeter, closed companies included (a closure is an exit).
        return evolution.match(
            previous[in_perimeter(previous)], current[in_perimeter(current)], as_of
        )

    def study_figures(self) -> pd.DataFrame:
        """The région's published figures that santenum recomputes (published_studies.csv)."""
        studies = reference.table("published_studies")
        return studies[(studies["region_code"] == self.region_code) & studies["recalcul"].notna()]

    def published_studies(self) -> pd.DataFrame:
        """The figures other studies published that are meant for this région (`shown_for`
        empty or naming it), but those its own study's comparison already gives; each value a
        number in its unit."""
        studies = reference.table("published_studies")
        meant = (
            studies["shown_for"]
            .fillna("")
            .map(lambda codes: not codes or self.region_code in codes.split(";"))
        )
        own = (studies["region_code"] == self.region_code) & studies["recalcul"].notna()
        studies = studies[meant & ~own.fillna(False)].drop(
            columns=["study", "region_code", "recalcul", "shown_for"]
        )
        studies["value"] = pd.to_numeric(studies["value"])
        studies["year"] = studies["year"].astype("string")
        return studies


def start(
    notebook: str,
    data_path=None,
    region_code="76",
    peer_regions=None,
    as_of=None,
    output_dir=None,
) -> Session:
    """Load the company table with ages at as_of, check the parameters, and prepare output_dir.

    as_of defaults to the date the data was cleaned at (quality.json), else today; peer_regions
    to stats.default_peers (neighbours, then régions of a like size).
    """
    region_code = reference.region_code(region_code)
    path = Path(data_path) if data_path else config.settings().demo_table
    if not path.exists():
        hint = "make clean-demo" if not data_path else "santenum clean RAW_DIR --out DIR"
        raise InputError(path, f"no such file (run `{hint}` first)")
    quality = read_quality(path)
    cleaned_at = quality.as_of if quality else None
    as_of = pd.Timestamp(as_of or cleaned_at or pd.Timestamp.today().normalize())
    companies = active_with_ages(read_companies(path), as_of)
    if peer_regions is None:
        peers = stats.default_peers(companies, region_code)
    else:
        peers = [c for c in _codes(peer_regions) if c != region_code]
    out = Path(output_dir) if output_dir else config.settings().reports_dir / "notebooks"
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
