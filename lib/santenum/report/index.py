"""index.html of a report run and the national index of `--region all`, from Jinja templates (autoescaped).

A région's index is its landing page: headline tiles and faits saillants (read back from the
overview's tables), a map of France with the région highlighted, then the reports and their status.
"""

import base64
from pathlib import Path

import pandas as pd

from santenum.analysis import charts, highlights
from santenum.analysis.display import headline_tiles
from santenum.analysis.tables import table_path
from santenum.core import french, reference, rules, templates
from santenum.core.config import DEMO_NOTICE
from santenum.core.vocabulary import UNLOCATED
from santenum.report.results import RegionRun

TITLE = "Cartographie de la santé numérique — {} — données au {}"
OVERVIEW = "01_apercu"


def _render(template: str, **context) -> str:
    return templates.render("report/templates", template, demo_notice=DEMO_NOTICE, **context)


def _image(figure) -> dict:
    """A chart as an embedded image: data URI and its title as alternative text."""
    data = base64.b64encode(charts.svg(figure).encode("utf-8")).decode("ascii")
    return {"src": f"data:image/svg+xml;base64,{data}", "alt": f"Graphique : {figure.get_label()}"}


def overview(out: Path, table: str) -> pd.DataFrame | None:
    """A table of the overview notebook (01_apercu) of this run, None if it did not run."""
    path = table_path(out, OVERVIEW, table)
    return pd.read_csv(path, dtype={"indicateur": str}) if path.is_file() else None


def region_index(run: RegionRun, out: Path, study_pdf: bool = False) -> str:
    """The landing page of one région's reports (out: where its tables/ are); it links the study
    (etude.html, and etude.pdf when study_pdf)."""
    params, data = run.parameters, run.input
    quality = data.quality or {}
    provenance = [
        ("fichier", Path(data.path).name),
        ("entreprises (toutes régions)", french.number(data.rows)),
        ("entreprises de la région", french.number(run.region_rows)),
    ]
    if data.previous:  # named by its date: both files are called companies.parquet
        as_of = data.previous.get("as_of")
        provenance.append(
            (
                "édition précédente",
                f"données au {french.date(as_of)}" if as_of else Path(data.previous["path"]).name,
            )
        )
    provenance += [
        (label, french.number(quality[key]))
        for key, label in (
            ("rows_read", "lignes lues au nettoyage"),
            ("merged", "lignes fusionnées"),
            ("rejected", "lignes en quarantaine"),
        )
        if key in quality
    ]
    parameters = [
        ("région", f"{params.region_name} ({params.region_code})"),
        ("régions de comparaison", ", ".join(params.peer_names) or "aucune"),
        ("date des données", french.date(params.as_of)),
    ]
    if data.unlocated:
        parameters.append((UNLOCATED, french.number(data.unlocated)))
    headline = overview(out, "chiffres_cles")
    facts = overview(out, "faits_saillants")
    departements = reference.table("departements")
    codes = departements.loc[departements["region_code"] == params.region_code, "departement_code"]
    location = charts.locator_map(codes, f"{params.region_name} en France")
    title = TITLE.format(params.region_name, french.date(params.as_of))
    return _render(
        "region_index.html.j2",
        title=title,
        demo=data.demo,
        run=run,
        tiles=headline_tiles(headline) if headline is not None else [],
        facts=facts["phrase"].tolist() if facts is not None else [],
        map=_image(location),
        map_caption=charts.LOCATOR_CAPTION,
        parameters=parameters,
        provenance=provenance,
        study_pdf=study_pdf,
    )


def national_index(runs: list, as_of: str, demo: bool, view: pd.DataFrame) -> str:
    """Faits saillants, a map of companies per 100 000 inhabitants by région, and the régions'
    table (densest first, sortable by any column) with the national total below.

    view: stats.national_view of the data (one row per région, then the total).
    """
    title = TITLE.format("toutes les régions", french.date(as_of))
    regions, total = view.iloc[:-1], view.iloc[-1]
    by_code = regions.set_index("region_code")
    departements = reference.table("departements")
    density = departements.set_index("departement_code")["region_code"].map(by_code["per_100k"])
    density_map = charts.choropleth(
        density,
        title="Entreprises pour 100 000 habitants, par région",
        legend="entreprises pour 100 000 habitants",
        source=None,
        value_text=lambda v: french.number(v, 1),
    )
    map_caption = (
        f"Source : santenum, données au {french.date(as_of)}. "
        f"n = {french.number(int(total['count']))} entreprises. {charts.MAP_CREDIT}."
    )
    names = reference.region_names()
    failed = {run.parameters.region_code: [nb.name for nb in run.failed] for run in runs}
    rows = [
        {
            **national_row(row),
            "name": names[row.region_code],
            "failed": failed.get(row.region_code),
        }
        for row in regions.itertuples()
        if row.region_code in failed
    ]
    return _render(
        "national_index.html.j2",
        title=title,
        demo=demo,
        facts=highlights.national_sentences(view, names),
        rows=rows,
        total=national_row(next(view.iloc[-1:].itertuples())),
        map=_image(density_map),
        map_caption=map_caption,
        unlocated=runs[0].input.unlocated if runs else 0,
        unlocated_label=UNLOCATED,
    )


def national_row(row) -> dict:
    """A row of the national table as the page shows it (shares on too few companies withheld)."""
    return {
        "code": row.region_code,
        "count": int(row.count),
        "per_100k": float(row.per_100k),
        "rank": _rank(row),
        "rank_sort": len(reference.region_names()) + 1 if pd.isna(row.rank) else int(row.rank),
        "young": rules.share_text(row.young_share, row.young_n),
        "young_sort": -1 if rules.too_few(row.young_n) else row.young_share,
        "ai": rules.share_text(row.ai_share, row.ai_n),
        "ai_sort": -1 if rules.too_few(row.ai_n) else row.ai_share,
    }


def _rank(row):
    """The région's rank; « n trop faible » for a région on too few companies (not ranked)."""
    if pd.notna(row.rank):
        return int(row.rank)
    return rules.TOO_FEW if rules.too_few(row.count) else None


def write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
