"""index.html of a report run and the national index of `--region all`; every text is escaped."""
import html
from pathlib import Path

from santenum.analysis import french
from santenum.config import DEMO_NOTICE

STYLE = """<style>
body {font-family: sans-serif; max-width: 960px; margin: 2em auto; color: #222; line-height: 1.45}
table {border-collapse: collapse; margin: 0.5em 0 1.5em} th, td {padding: 4px 10px; border-bottom: 1px solid #ddd;
text-align: left} .demo {background: #fff3cd; border: 2px solid #d39e00; padding: 12px 16px; font-weight: bold}
.failed {color: #a40000; font-weight: bold} .ok {color: #17642b}
</style>"""


def _e(value) -> str:
    return html.escape(str(value))


def _date(iso: str) -> str:
    return "/".join(reversed(iso.split("-")))


def _page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8"><title>{_e(title)}</title>{STYLE}'
            f"</head><body>\n<h1>{_e(title)}</h1>\n{body}\n</body></html>\n")


def _rows(pairs) -> str:
    return "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in pairs)


def _notebook_rows(notebooks: list) -> str:
    rows = []
    for nb in notebooks:
        if nb["status"] == "ok":
            link = f'<a href="{_e(nb["html"])}">{_e(nb["title"])}</a>'
            state = '<span class="ok">réussi</span>'
        else:
            link = f'{_e(nb["title"])} (<a href="{_e(nb["executed"])}">carnet exécuté</a>)'
            where = f'cellule {nb["cell"]} : ' if nb.get("cell") else ""
            state = f'<span class="failed">échec — {_e(where + (nb["error"] or ""))}</span>'
        rows.append(f"<tr><td>{link}</td><td>{state}</td><td>{nb['seconds']:.1f} s</td></tr>")
    return "".join(rows)


def region_index(run: dict) -> str:
    """The index of one région's reports."""
    params, data = run["parameters"], run["input"]
    title = f"Cartographie de la santé numérique — {params['region_name']} — données au {_date(params['as_of'])}"
    banner = f'<p class="demo">{_e(DEMO_NOTICE)}</p>' if data["demo"] else ""
    quality = data.get("quality") or {}
    provenance = [("fichier", data["path"]), ("SHA-256", data["sha256"]),
                  ("entreprises (toutes régions)", french.number(data["rows"])),
                  ("entreprises de la région", french.number(run["region_rows"]))]
    provenance += [(label, french.number(quality[key])) for key, label in
                   (("rows_read", "lignes lues au nettoyage"), ("merged", "lignes fusionnées"),
                    ("rejected", "lignes en quarantaine")) if key in quality]
    parameters = [("région", f"{params['region_name']} ({params['region_code']})"),
                  ("régions de comparaison", ", ".join(params["peer_names"]) or "aucune"),
                  ("date des données", _date(params["as_of"]))]
    body = (f"{banner}<h2>Rapports</h2><table><tr><th>rapport</th><th>état</th><th>durée</th></tr>"
            f"{_notebook_rows(run['notebooks'])}</table>"
            f'<p>Toutes les tables : <a href="tables.xlsx">tables.xlsx</a> (une feuille par table) et le dossier '
            f'<a href="tables/">tables/</a> (CSV). Journal de l\'exécution : <a href="run.json">run.json</a>.</p>'
            f"<h2>Paramètres</h2><table>{_rows(parameters)}</table>"
            f"<h2>Provenance des données</h2><table>{_rows(provenance)}</table>"
            f"<p>Généré par santenum {_e(run['versions']['santenum'])} le {_e(run['ended'])}.</p>")
    return _page(title, body)


def national_index(runs: list, as_of: str, demo: bool) -> str:
    """One line per région with its status and a link to its index."""
    banner = f'<p class="demo">{_e(DEMO_NOTICE)}</p>' if demo else ""
    rows = []
    for run in runs:
        params = run["parameters"]
        failed = [nb["name"] for nb in run["notebooks"] if nb["status"] != "ok"]
        state = (f'<span class="failed">échec : {_e(", ".join(failed))}</span>' if failed
                 else '<span class="ok">réussi</span>')
        rows.append(f'<tr><td><a href="{_e(params["region_code"])}/index.html">{_e(params["region_name"])}</a></td>'
                    f"<td>{french.number(run['region_rows'])}</td><td>{state}</td></tr>")
    body = (f"{banner}<table><tr><th>région</th><th>entreprises</th><th>état</th></tr>{''.join(rows)}</table>"
            f'<p>Journal : <a href="run.json">run.json</a>.</p>')
    return _page(f"Cartographie de la santé numérique — toutes les régions — données au {_date(as_of)}", body)


def write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
