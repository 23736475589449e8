"""What a reader of the demo report sees (issue 13): short French tables, no machine paths,
faits saillants whose figures the tables give, the published study set against its recomputation,
needs, AFOM indicators, the landing page and PDF printing."""

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal
from html.parser import HTMLParser

import pandas as pd
import pypdf
import pytest

from santenum.cli import main
from santenum.core import config, reference
from santenum.core.table.perimeter import in_perimeter
from santenum.core.table.store import read_companies, read_quality
from santenum.demo import ensure_demo_data, ensure_previous_demo_data
from tests.helpers import parse

pytestmark = [pytest.mark.slow]
ENGLISH = {"value", "count", "share", "unit", "figure", "denominator", "scope", "accelerating"}


class Tables(HTMLParser):
    """Every <table>: its header cells and its body rows (lists of cell texts)."""

    def __init__(self):
        super().__init__()
        self.tables, self._cell, self._row = [], None, None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"headers": [], "rows": []})
        elif tag == "tr" and self.tables:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            text = "".join(self._cell).strip()
            (self.tables[-1]["headers"] if tag == "th" else self._row).append(text)
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if self._row:
                self.tables[-1]["rows"].append(self._row)
            self._row = None


def tables_of(path):
    parser = Tables()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.tables


@pytest.fixture(scope="module")
def out(demo_run):
    code, out = demo_run
    assert code == 0
    return out


def csv(out, name):
    codes = {"departement_code": str, "region_code": str}
    return pd.read_csv(out / "tables" / f"{name}.csv", dtype=codes)


def test_no_table_longer_than_25_rows_and_french_headers(out):
    for html in sorted(set(out.glob("*.html")) - {out / "etude.html"}):  # the study is complete
        for table in tables_of(html):
            assert len(table["rows"]) <= 25, (html.name, table["headers"])
            assert not ENGLISH & set(table["headers"]), (html.name, table["headers"])
            for row in table["rows"]:  # years as 2021, never "2 021"
                assert not [c for c in row if re.fullmatch(r"(19|20)\s\d{2}", c)], html.name
    longer = [p.name for p in (out / "tables").glob("*.csv") if len(pd.read_csv(p)) > 25]
    assert longer  # the demo has long tables: complete in CSV and tables.xlsx, cut in HTML
    text = (out / "02_segments.html").read_text(encoding="utf-8")
    assert "Créations par segment (lignes) et année (colonnes)" in text


def test_reader_pages_show_no_path_and_no_code(out):
    data = str(ensure_demo_data().parent)
    for html in sorted(out.glob("*.html")):
        text = html.read_text(encoding="utf-8")
        for secret in (data, str(out), "/tmp/", "sirene_counts", "previous_path", "Traceback"):
            assert secret not in text, (html.name, secret)
    index = (out / "index.html").read_text(encoding="utf-8")
    # technical provenance is in the study's annex, not on the landing page
    assert not re.search(r"[0-9a-f]{64}", index) and not re.search(r"\d s</td>", index)
    study = (out / "etude.html").read_text(encoding="utf-8")
    annex = study[study.index('id="annexe-technique"') :]
    # nor in the study: its last annex says where they are (run.json), without a dump of them
    assert not re.search(r"[0-9a-f]{64}", study) and "run.json" in annex
    assert "<td>companies.parquet</td>" in index
    # the previous edition is a file of the same name: it is named by its date, not twice alike
    assert index.count("<td>companies.parquet</td>") == 1
    assert "<th>édition précédente</th><td>données au 30/06/2022</td>" in index


def _first(table: pd.DataFrame) -> pd.DataFrame:
    """The rows no other row is clearly ahead of (its interval wholly above), « Autres » apart:
    the leaders a sentence may name, tied when several (worked here from the CSV's intervals)."""
    ranked = table[~table.iloc[:, 0].isin(["Autres"])]
    return ranked[ranked["ci_high"] >= ranked["ci_low"].max()]


def _numbers(sentence: str) -> list:
    """The figures of a French sentence: '1 234', '42,3 %', '3,9', '2e' -> floats."""
    found = re.findall(r"\d+(?:[\u00a0\u202f ]\d{3})*(?:,\d+)?", sentence)
    return [float(re.sub(r"[\u00a0\u202f ]", "", n).replace(",", ".")) for n in found]


def test_every_figure_of_the_faits_saillants_comes_from_the_tables(out):
    phrases = csv(out, "01_apercu__faits_saillants")["phrase"].tolist()
    assert 5 <= len(phrases) <= 8
    # shares are printed in percent, one decimal, rounded half up (18/160: 11,3 %, not 11,2)
    pct = lambda v: float(Decimal(f"{100 * v:.12g}").quantize(Decimal("0.1"), ROUND_HALF_UP))  # noqa: E731
    regions = csv(out, "06_benchmark__regions").set_index("region_code")
    categories = csv(out, "03_taille_age__categories").set_index("size_category")
    under_ten = csv(out, "03_taille_age__moins_de_10_salaries").iloc[0]
    young = csv(out, "03_taille_age__moins_de_4_ans").iloc[0]
    segments = _first(csv(out, "02_segments__repartition"))
    deps = csv(out, "04_geographie__departements").head(2)
    ai = csv(out, "05_produits_technologies__ia").iloc[0]
    jobs = csv(out, "03_taille_age__emplois").iloc[0]
    needs = _first(csv(out, "08_besoins_maturite__besoins").sort_values("count", ascending=False))
    occitanie = regions.loc["76"]
    # The candidates still à qualifier: quality.json's perimeter record (perimetre.csv lists them).
    waiting = read_quality(ensure_demo_data()).perimeter.regions["76"].to_qualify
    expected = [
        [
            occitanie["count"],
            round(occitanie["per_100k"], 1),
            100_000,
            occitanie["rank"],
            regions["rank"].notna().sum(),  # the régions ranked: not Corse, on 6 companies
            waiting,
        ],
        [
            pct(categories.loc["PME", "share"]),
            categories["n"].max(),
            pct(under_ten["share"]),
            10,
            under_ten["n"],
        ],
        [pct(young["share"]), 4, young["n"]],
        [segments["n"].iloc[0], *map(pct, segments["share"].head(4)), len(segments) - 4],
        [pct(deps["share"].iloc[0]), pct(deps["share"].iloc[1]), deps["n"].iloc[0]],
        [pct(ai["share"]), ai["n"]],
        [
            jobs["emplois_sante_bas"],
            jobs["emplois_sante_haut"],
            jobs["entreprises_ponderees"],
            jobs["entreprises"],
            jobs["emplois_bas"],
            jobs["emplois_haut"],
            jobs["inconnues"],
        ],
        [needs["n"].iloc[0], *map(pct, needs["share"].head(4))],
    ]
    assert len(phrases) == len(expected)
    for phrase, figures in zip(phrases, expected, strict=True):
        assert _numbers(phrase) == [float(f) for f in figures], phrase
    index = (out / "index.html").read_text(encoding="utf-8")
    assert all(phrase.replace("'", "&#39;") in index for phrase in phrases)


def test_the_study_is_set_against_its_recomputation(out):
    table = csv(out, "06_benchmark__etude_vs_recalcul").set_index("indicateur")
    assert list(table.columns[:4]) == ["publie", "recalcule", "ecart", "unite"]
    under_ten = table.loc["Moins de 10 salariés"]
    assert (under_ten["publie"], under_ten["recalcule"], under_ten["ecart"]) == (50.44, 50.44, 0.0)
    published = reference.table("published_studies")
    assert len(table) == int((published["region_code"] == "76").sum())
    assert table.loc["Entreprises de santé numérique", "recalcule"] == 239


def test_needs_shares_are_those_of_the_company_table(out):
    companies = read_companies(ensure_demo_data())
    region = companies[
        (companies["region_code"] == "76") & ~companies["closed"] & in_perimeter(companies)
    ]
    answered = [set(items) for items in region["needs"] if len(items)]
    table = csv(out, "08_besoins_maturite__besoins").set_index("needs")
    for label, row in table.iterrows():
        count = sum(label in items for items in answered)
        assert (row["count"], row["n"]) == (count, len(answered)), label
    # the study's four axes are the needs the demo's companies cite most
    assert set(table["count"].nlargest(4).index) == set(reference.labels("needs")[:4])


def test_afom_indicators_are_top_or_bottom_three_with_their_rank(out):
    table = csv(out, "06_benchmark__afom_indicateurs")
    assert len(table) and set(table["position"]) <= {"3 premières", "3 dernières"}
    for row in table.itertuples():
        assert row.rank <= 3 or row.rank > row.regions - 3
    regions = csv(out, "06_benchmark__regions")
    density = table.set_index("indicateur").loc["entreprises pour 100 000 habitants"]
    occitanie = regions.set_index("region_code").loc["76"]
    assert density["rank"] == occitanie["rank"] and density["n"] == occitanie["count"]


def test_landing_page_has_tiles_faits_saillants_map_and_links(out):
    index = parse(out / "index.html")
    assert {"tile", "facts", "map"} <= set(index.classes)
    maps = [alt for src, alt in index.images if src.startswith("data:image/svg+xml;base64,")]
    assert maps == ["Graphique : Occitanie en France"]
    text = (out / "index.html").read_text(encoding="utf-8")
    assert "Évolution depuis l&#39;édition précédente" in text and "@page" in text
    page = (out / "02_segments.html").read_text(encoding="utf-8")  # printed pages' header
    assert "<title>Segments de marché — Occitanie</title>" in page
    assert 'content: "Segments de marché \\2014  Occitanie"' in page


def test_pdf_beside_each_html_when_chromium_is_there(tmp_path, monkeypatch):
    out = tmp_path / "run"
    notebook = config.settings().notebook_dir / "01_apercu.ipynb"
    argv = [
        "report",
        "--notebooks",
        str(notebook.parent),
        "--out",
        str(out),
        "--as-of",
        "2023-06-30",
        "--quiet",
        "--pdf",
    ]
    previous = ["--previous", str(ensure_previous_demo_data())]
    assert main([*argv, *previous]) == 0
    for html in out.glob("*.html"):
        reader = pypdf.PdfReader(html.with_suffix(".pdf"))
        box = reader.pages[0].mediabox
        assert (round(box.width), round(box.height)) in {(595, 842), (594, 841)}, html.name  # A4
        # table headers wrap between words (« entr/epris/es » was printed)
        printed = " ".join(page.extract_text() for page in reader.pages)
        printed = " ".join(unicodedata.normalize("NFKC", printed).split())  # ligatures: ﬀ -> ff
        words = {
            word
            for table in tables_of(html)
            for header in table["headers"]
            for word in re.findall(r"\w{6,}", header)
        }
        assert not [w for w in sorted(words) if not re.search(rf"\b{w}\b", printed)], html.name
    assert _filled(out / "01_apercu.pdf") > 0.8  # page 1 was left half empty before the tiles
    # the study is WeasyPrint's (contents page numbers, bookmarks), not overwritten by Chromium
    producer = pypdf.PdfReader(out / "etude.pdf").metadata.producer
    assert producer.startswith("WeasyPrint")


def _filled(pdf) -> float:
    """How far down page 1 the content reaches (0 to 1), footer left out, from the page's image."""
    import subprocess

    from PIL import Image

    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "40",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf),
            str(pdf.with_suffix("")),
        ],
        check=True,
    )
    page = Image.open(pdf.with_suffix(".png")).convert("L")
    width, height = page.size
    body = page.crop((0, 0, width, int(height * 0.93)))  # above the page number
    pixels = body.load()
    inked = [y for y in range(body.height) if any(pixels[x, y] < 200 for x in range(width))]
    return max(inked) / height


def test_pdf_without_chromium_is_one_line_and_exit_2(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("SANTENUM_CHROMIUM", raising=False)
    out = tmp_path / "run"
    assert main(["report", "--no-study-pdf", "--out", str(out), "--quiet", "--pdf"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "Chromium not found" in err and not out.exists()


def test_every_report_page_links_pages_that_exist(out):
    reports = sorted(set(out.glob("*.html")) - {out / "index.html", out / "etude.html"})
    assert len(reports) == 8
    for html in reports:
        text = html.read_text(encoding="utf-8")
        nav = text[text.index('<nav class="santenum-nav">') : text.index("</nav>")]
        for href in re.findall(r'href="([^"]+)"', nav):
            assert (out / href).is_file(), (html.name, href)
    first = reports[0].read_text(encoding="utf-8")
    assert 'rel="prev"' not in first and 'href="02_segments.html" rel="next"' in first
