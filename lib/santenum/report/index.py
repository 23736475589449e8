"""index.html of a report run and the national index of `--region all`, from Jinja templates (autoescaped)."""

from pathlib import Path

from santenum import templates
from santenum.analysis import french
from santenum.config import DEMO_NOTICE

TITLE = "Cartographie de la santé numérique — {} — données au {}"


def _render(template: str, **context) -> str:
    return templates.render("report/templates", template, demo_notice=DEMO_NOTICE, **context)


def region_index(run: dict) -> str:
    """The index of one région's reports."""
    params, data = run["parameters"], run["input"]
    quality = data.get("quality") or {}
    provenance = [
        ("fichier", Path(data["path"]).name),
        ("SHA-256", data["sha256"]),
        ("entreprises (toutes régions)", french.number(data["rows"])),
        ("entreprises de la région", french.number(run["region_rows"])),
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
    title = TITLE.format(params["region_name"], french.date(params["as_of"]))
    return _render(
        "region_index.html.j2",
        title=title,
        demo=data["demo"],
        run=run,
        parameters=parameters,
        provenance=provenance,
    )


def national_index(runs: list, as_of: str, demo: bool) -> str:
    """One line per région with its status and a link to its index."""
    title = TITLE.format("toutes les régions", french.date(as_of))
    return _render("national_index.html.j2", title=title, demo=demo, runs=runs)


def write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
