"""index.html of a report run and the national index of `--region all`, from Jinja templates (autoescaped).

A région's index is its landing page: headline tiles and faits saillants (read back from the
overview's tables), a map of France with the région highlighted, then the reports and their status.
"""

import base64
from pathlib import Path

import pandas as pd

from santenum.analysis import charts
from santenum.analysis.session import headline_tiles
from santenum.analysis.tables import table_path
from santenum.core import french, reference, templates
from santenum.core.config import DEMO_NOTICE

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


def region_index(run: dict, out: Path, study_pdf: bool = False) -> str:
    """The landing page of one région's reports (out: where its tables/ are); it links the study
    (etude.html, and etude.pdf when study_pdf)."""
    params, data = run["parameters"], run["input"]
    quality = data.get("quality") or {}
    provenance = [
        ("fichier", Path(data["path"]).name),
        ("entreprises (toutes régions)", french.number(data["rows"])),
        ("entreprises de la région", french.number(run["region_rows"])),
    ]
    if data.get("previous"):
        provenance += [
            ("édition précédente", Path(data["previous"]["path"]).name),
        ]
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
        ("région", f"{params['region_name']} ({params['region_code']})"),
        ("régions de comparaison", ", ".join(params["peer_names"]) or "aucune"),
        ("date des données", french.date(params["as_of"])),
    ]
    headline = overview(out, "chiffres_cles")
    facts = overview(out, "faits_saillants")
    departements = reference.table("departements")
    codes = departements.loc[
        departements["region_code"] == params["region_code"], "departement_code"
    ]
    location = charts.locator_map(codes, f"{params['region_name']} en France")
    title = TITLE.format(params["region_name"], french.date(params["as_of"]))
    return _render(
        "region_index.html.j2",
        title=title,
        demo=data["demo"],
        run=run,
        tiles=headline_tiles(headline) if headline is not None else [],
        facts=facts["phrase"].tolist() if facts is not None else [],
        map=_image(location),
        map_caption=charts.LOCATOR_CAPTION,
        parameters=parameters,
        provenance=provenance,
        study_pdf=study_pdf,
    )


def national_index(runs: list, as_of: str, demo: bool, regions: pd.DataFrame) -> str:
    """Map of companies per 100 000 inhabitants by région, and a table sortable by any column.

    regions: stats.regions_table of the data (region_code, count, per_100k, rank, …).
    """
    title = TITLE.format("toutes les régions", french.date(as_of))
    by_code = regions.set_index("region_code")
    departements = reference.table("departements")
    density = departements.set_index("departement_code")["region_code"].map(by_code["per_100k"])
    density_map = charts.choropleth(
        density,
        "Entreprises pour 100 000 habitants, par région",
        "entreprises pour 100 000 habitants",
        f"Source : santenum, données au {french.date(as_of)}. "
        f"n = {french.number(int(by_code['count'].sum()))} entreprises.",
        value_text=lambda v: french.number(v, 1),
    )
    rows = []
    for run in runs:
        code = run["parameters"]["region_code"]
        failed = [nb["name"] for nb in run["notebooks"] if nb["status"] == "failed"]
        rows.append(
            {
                "code": code,
                "name": run["parameters"]["region_name"],
                "count": int(by_code.at[code, "count"]),
                "per_100k": float(by_code.at[code, "per_100k"]),
                "rank": int(by_code.at[code, "rank"]),
                "young": by_code.at[code, "young_share"],
                "ai": by_code.at[code, "ai_share"],
                "failed": failed,
            }
        )
    return _render(
        "national_index.html.j2", title=title, demo=demo, rows=rows, map=_image(density_map)
    )


def write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
