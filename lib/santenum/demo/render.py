"""Write the population as an agency receives it: survey workbooks, cluster lists, a SIRENE extract.

Each writer adds the mess of its kind of file (see calibration.py for the rates); every mess
is one that `santenum clean` must repair, merge or quarantine.
"""

from functools import cache

import numpy as np
import pandas as pd

from santenum.clean.normalise import taxonomy
from santenum.core import reference
from santenum.core.files import write_csv, write_workbook
from santenum.core.reference import bands
from santenum.demo import calibration as cal
from santenum.demo.population import pick
from santenum.demo.synthetic import mistyped

# Files per group of régions: (file stem, régions, région declared by the survey's source.yml).
GROUPS = (
    ("occitanie", ("76",)),
    ("ile-de-france", ("11",)),
    ("nouvelle-aquitaine", ("75",)),
    ("grand-est", ("44",)),
    ("autres-regions", None),
)
SURVEY_HEADERS = [
    "Horodatage",
    "Raison sociale",
    "SIREN",
    "Commune",
    "Code postal",
    "Effectif",
    "Chiffre d'affaires",
    "Date de création",
    "Segment",
    "Produits",
    "IA",
    "Technologies",
    "Maillons de la chaîne de valeur",
    "Besoins",
    "Maturité",
    "Part de l'activité en santé numérique (%)",
]
CLUSTER_HEADERS = ["NOM", "CP", "VILLE", "SIREN", "EFFECTIF", "CATEGORIE", "DATE ADHESION"]
SIRENE_COLUMNS = [
    "siren",
    "nic",
    "siret",
    "dateCreationUniteLegale",
    "trancheEffectifsUniteLegale",
    "anneeEffectifsUniteLegale",
    "categorieEntreprise",
    "anneeCategorieEntreprise",
    "etatAdministratifUniteLegale",
    "denominationUniteLegale",
    "activitePrincipaleUniteLegale",
    "nomenclatureActivitePrincipaleUniteLegale",
    "codePostalEtablissement",
    "libelleCommuneEtablissement",
    "codeCommuneEtablissement",
    "etablissementSiege",
]
# Respondents who give their share of activity in digital health, and of them the pure players.
ACTIVITY_SHARE_RATE = 0.7
PURE_PLAYER_RATE = 0.55
GROUP_SIZES = ("ETI", "GE")  # size classes whose digital-health activity is a small part
# The study's four axes are the needs most cited; the taxonomy's other needs come up less often.
STUDY_NEEDS = 4
OTHER_NEED_RATE = 0.25
UNREADABLE_SEGMENTS = ("Biotech", "Je ne sais pas", "Conseil en organisation", "voir site web", "?")
LEGAL_FORMS = (" SAS", " SARL", " SA", " SASU")
NAF_BY_PRODUCT = {
    "Logiciel": ("58.29C", "62.01Z"),
    "Robot ou appareil connecté": ("26.60Z", "32.50A"),
    "Plateforme numérique": ("63.11Z",),
    "Prestation de service": ("62.02A",),
    "Application": ("62.01Z",),
}
NAF_WITHOUT_PRODUCT = ("72.19Z", "86.90F", "62.01Z")
SURVEY_START = pd.Timestamp("2023-02-01 08:00")


def group_of(region: str) -> str:
    return next((stem for stem, regions in GROUPS if regions and region in regions), GROUPS[-1][0])


def _case(text: str, rng) -> str:
    return pick(rng, (text, text, text, text.upper(), text.lower()))


def _typos(text: str) -> list:
    """Every spelling of text with one inner letter dropped or two neighbours swapped."""
    inner = range(1, len(text) - 2)
    return [text[:i] + text[i + 1 :] for i in inner] + [
        text[:i] + text[i + 1] + text[i] + text[i + 2 :] for i in inner
    ]


@cache
def _spellings(taxonomy_name: str) -> dict:
    """label -> {written form -> its misspellings that still read back as the label}."""
    forms = {
        entry["label"]: [entry["label"], *entry.get("synonyms", [])[:4]]
        for entry in reference.document(taxonomy_name)["values"]
    }
    typos = pd.Series(
        sorted({t for texts in forms.values() for text in texts for t in _typos(text)}),
        dtype="string",
    )
    reads_as = dict(zip(typos, taxonomy.map_label(typos, taxonomy_name).fillna(""), strict=True))
    return {
        label: {text: [t for t in _typos(text) if reads_as[t] == label] for text in texts}
        for label, texts in forms.items()
    }


def _free_text(label: str, taxonomy_name: str, rng) -> str:
    """The label, a synonym, sometimes misspelt, in some case: always read back as the label."""
    spellings = _spellings(taxonomy_name)[label]
    text = pick(rng, list(spellings))
    if rng.random() < cal.TYPO_RATE and spellings[text]:
        text = pick(rng, spellings[text])
    return _case(text, rng)


def _unreadable_segment(rng) -> str:
    """A segment answer that matches no segment (listed in quality.json, left missing)."""
    candidates = pd.Series(UNREADABLE_SEGMENTS, dtype="string")
    unmatched = candidates[taxonomy.map_label(candidates, "segments").isna()].tolist()
    return pick(rng, unmatched)


@cache
def _bands() -> pd.DataFrame:
    return bands().set_index("code")


def _bracket(band: str, rng) -> str:
    row = _bands().loc[band]
    lo, hi = int(row["min"]), row["max"]
    if pd.isna(hi):
        return f"{lo:,} et plus".replace(",", " ")
    if hi == 0:
        return "0"
    lo_text, hi_text = (f"{v:,}".replace(",", " ") for v in (lo, int(hi)))
    return pick(
        rng,
        (f"{lo_text} à {hi_text}", f"{lo_text}-{hi_text}", f"de {lo_text} à {hi_text} salariés"),
    )


def _amount(value: float, rng) -> str | None:
    if pd.isna(value) or rng.random() < 0.25:
        return None
    if value >= 1e6:
        return f"{value / 1e6:.1f}".replace(".", ",") + " M€"
    if value >= 1e4 and rng.random() < 0.7:
        return f"{round(value / 1e3)} k€"
    return f"{round(value):,} €".replace(",", " ")


def _survey_cells(company, rng) -> list:
    registered = company.pattern == "survey+sirene"
    siren = None
    if registered:
        style = rng.random()
        siren = (
            company.siret
            if style < cal.SIRET_RATE
            else f"{company.siren[:3]} {company.siren[3:6]} {company.siren[6:]}"
            if style < 0.25
            else int(company.siren)
            if style < 0.35
            else company.siren
        )
    placed = not pd.isna(company.commune_code)
    postal = (
        None
        if not placed
        else int(company.postal_code)
        if rng.random() < 0.5
        else company.postal_code
    )
    known_size = company.size_class not in ("unknown", "category only")
    headcount = None
    if known_size and (not registered or rng.random() < 0.75):
        headcount = int(company.headcount) if rng.random() < 0.6 else _bracket(company.band, rng)
    created = None
    if not pd.isna(company.creation_date):
        day = company.creation_date
        style = rng.random()
        created = (
            day.strftime("%d/%m/%Y")
            if style < 0.4
            else day.to_pydatetime()
            if style < 0.65
            else day.strftime("%Y-%m-%d")
            if style < 0.8 or not registered
            else day.strftime("%Y")
            if style < 0.9
            else None
        )
    segment = (
        None
        if company.segment == "blank"
        else _unreadable_segment(rng)
        if company.segment == "unreadable"
        else _free_text(company.segment, "segments", rng)
    )
    products, technologies, links = (
        pick(rng, ("; ", ", ", " / ")).join(_free_text(item, name, rng) for item in items)
        for name, items in (
            ("products", company.products),
            ("technologies", company.technologies),
            ("value_chain", company.value_chain),
        )
    )
    ai = (
        pick(rng, ("oui", "Oui", "OUI"))
        if company.uses_ai is True
        else pick(rng, ("non", "Non"))
        if company.uses_ai is False
        else pick(rng, ("NSP", "Ne sait pas"))
        if company.ai_answer == "nsp"
        else None
    )
    needs = "; ".join(_free_text(item, "needs", rng) for item in _needs(rng))
    maturity = " / ".join(_free_text(item, "maturity", rng) for item in _maturity(company, rng))
    return [
        None,
        company.name,
        siren,
        _case(company.commune_name, rng) if placed else None,
        postal,
        headcount,
        _amount(company.revenue_eur, rng),
        created,
        segment,
        products or None,
        ai,
        technologies or None,
        links or None,
        needs,
        maturity or None,
        _activity_share(company, rng),
    ]


def _needs(rng) -> list:
    """One to three of the study's four axes, sometimes one of the taxonomy's other needs."""
    labels = reference.labels("needs")
    axes, others = labels[:STUDY_NEEDS], labels[STUDY_NEEDS:]
    chosen = list(rng.choice(axes, size=int(rng.integers(1, 4)), replace=False))
    if rng.random() < OTHER_NEED_RATE:
        chosen.append(pick(rng, others))
    return sorted(chosen, key=labels.index)


def _activity_share(company, rng) -> str | None:
    """The share of activity in digital health, for most respondents: pure players say 100. A group
    (ETI, GE) gives a tenth of that draw, 1 to 10 %: its whole headcount is not digital-health jobs
    (the same draws either way, so the rest of the demo does not move). A respondent whose segment
    and products say nothing always gives it: each respondent declares its digital-health activity,
    which puts it in the perimeter (issue 31)."""
    declared = company.segment not in ("blank", "unreadable") or len(company.products) > 0
    if rng.random() >= ACTIVITY_SHARE_RATE and declared:
        return None
    percent = 100 if rng.random() < PURE_PLAYER_RATE else int(rng.integers(2, 19)) * 5
    if company.size_class in GROUP_SIZES:
        percent = max(1, percent // 10)
    return pick(rng, (f"{percent}", f"{percent} %", f"{percent}%"))


def _maturity(company, rng) -> list:
    """The stage a company declares, from its age and size; some add 'International'."""
    stages = reference.labels("maturity")
    if company.age_class == "young":
        stage = pick(rng, stages[:3])
    elif company.size_class in ("ETI", "GE") or company.age_class == "old":
        stage = stages[3]
    else:
        stage = pick(rng, stages[2:4])
    international = company.size_class in ("ETI", "GE") or rng.random() < 0.1
    return [stage, stages[4]] if international and stage == stages[3] else [stage]


def survey_rows(respondents: pd.DataFrame, rng, mistyped_rows: int) -> list:
    """Answers in the order they came in, with resubmissions, mistyped SIRENs and one blank row."""
    rows = [_survey_cells(c, rng) for c in respondents.itertuples()]
    registered = [i for i, c in enumerate(respondents.itertuples()) if c.pattern == "survey+sirene"]
    repeats = rng.choice(
        registered,
        size=min(len(registered), round(cal.RESUBMITTED_RATE * len(rows))),
        replace=False,
    )
    rows += [list(rows[i]) for i in repeats]
    for i in rng.choice(registered, size=min(len(registered), mistyped_rows), replace=False):
        row = list(rows[i])
        row[2] = mistyped(str(row[2]).replace(" ", ""), rng)
        rows.append(row)
    order = rng.permutation(len(rows))
    minutes = np.sort(rng.integers(0, 80 * 24 * 60, size=len(rows)))
    rows = [rows[i] for i in order]
    for row, minute in zip(rows, minutes, strict=True):
        row[0] = (SURVEY_START + pd.Timedelta(minutes=int(minute))).strftime("%d/%m/%Y %H:%M")
    rows.insert(int(rng.integers(1, max(2, len(rows)))), [None] * len(SURVEY_HEADERS))
    return rows


def mistyped_split(respondents: pd.DataFrame, members: pd.DataFrame) -> tuple[int, int]:
    """Rows with a mistyped SIREN (survey, cluster): the rate of rows that carry a SIREN.

    Only rows of companies that another row still identifies are spoiled, so no company is lost:
    members whose survey answer gives the SIREN, and resubmitted survey answers.
    """
    carrying = int(
        (respondents["pattern"] == "survey+sirene").sum()
        + (members["cluster_link"] == "siren").sum()
    )
    total = round(cal.INVALID_SIREN_RATE * carrying)
    eligible = int(
        ((members["pattern"] == "survey+sirene") & (members["cluster_link"] == "siren")).sum()
    )
    in_cluster = min(eligible, (total + 1) // 2)
    return total - in_cluster, in_cluster


def write_survey(path, title: str, respondents: pd.DataFrame, rng, mistyped_rows: int) -> None:
    heading = (
        f"Enquête filière santé numérique — {title} — export des réponses — "
        "DONNÉES FICTIVES (démonstration santenum)"
    )
    write_workbook(
        path,
        {"Réponses": [[heading], SURVEY_HEADERS, *survey_rows(respondents, rng, mistyped_rows)]},
    )


def _member_name(company, rng) -> str:
    return company.plain_name + (pick(rng, LEGAL_FORMS) if rng.random() < 0.6 else "")


def _category_text(size_class: str, rng) -> str:
    if size_class == "category only":
        return pick(rng, ("TPE", "Start-up", "PME"))
    if size_class == "unknown" or rng.random() < 0.6:
        return ""
    return {"under 10": "TPE", "10 to 249": "PME", "ETI": "ETI", "GE": "Grand groupe"}[size_class]


def _member_cells(company, rng) -> list:
    siren = ""
    if company.cluster_link == "siren":
        siren = (
            company.siren
            if rng.random() < 0.8
            else f"{company.siren[:3]} {company.siren[3:6]} {company.siren[6:]}"
        )
    headcount = ""
    if company.size_class not in ("unknown", "category only") and (
        company.pattern == "cluster" or rng.random() < 0.6
    ):
        headcount = _bracket(company.band, rng)
    return [
        _member_name(company, rng),
        company.postal_code,
        company.plain_commune,
        siren,
        headcount,
        _category_text(company.size_class, rng),
        str(int(rng.integers(2012, 2024))),
    ]


def cluster_rows(members: pd.DataFrame, rng, mistyped_rows: int) -> list:
    """Members in alphabetical order, some SIRENs mistyped and postal codes that do not exist."""
    rows = [_member_cells(c, rng) for c in members.itertuples()]
    registered = [
        i
        for i, c in enumerate(members.itertuples())
        if c.pattern == "survey+sirene" and c.cluster_link == "siren"
    ]
    spoiled = rng.permutation(registered)
    for i in spoiled[:mistyped_rows]:
        rows[i][3] = mistyped(rows[i][3].replace(" ", ""), rng)
    for i in spoiled[
        mistyped_rows : mistyped_rows + max(1, round(cal.UNKNOWN_POSTAL_RATE * len(rows)))
    ]:
        # 99 is no département (INSEE's code for abroad): neither the code nor the town's name in
        # its département can place the row (a CEDEX code would be placed by the name)
        rows[i][1] = "99" + rows[i][1][2:]
    return [CLUSTER_HEADERS, *sorted(rows, key=lambda row: row[0])]


def write_cluster(path, members: pd.DataFrame, rng, mistyped_rows: int) -> None:
    text = "\n".join(";".join(row) for row in cluster_rows(members, rng, mistyped_rows)) + "\n"
    path.write_bytes(text.encode("cp1252"))


def _naf(products: list, rng) -> str:
    return pick(rng, NAF_BY_PRODUCT[products[0]] if products else NAF_WITHOUT_PRODUCT)


def sirene_frame(companies: pd.DataFrame, rng) -> pd.DataFrame:
    """The siège of every company whose SIREN the agency knows, with INSEE's column names."""
    known = companies[companies["siren"].notna()].sort_values("siren")
    category = known["size_class"].map(
        {"under 10": "PME", "10 to 249": "PME", "ETI": "ETI", "GE": "GE"}
    )
    recent = known["creation_date"] > cal.STUDY_DATE - pd.DateOffset(
        years=1
    )  # INSEE has not classified them yet
    band = known["band"].astype(object)
    return pd.DataFrame(
        {
            "siren": known["siren"],
            "nic": [siret[9:] for siret in known["siret"]],
            "siret": known["siret"],
            "dateCreationUniteLegale": known["creation_date"].dt.strftime("%Y-%m-%d"),
            "trancheEffectifsUniteLegale": band,
            "anneeEffectifsUniteLegale": np.where(band == "NN", "", "2021"),
            "categorieEntreprise": category.mask(recent, ""),
            "anneeCategorieEntreprise": np.where(recent, "", "2021"),
            "etatAdministratifUniteLegale": np.where(known["ceased"], "C", "A"),
            "denominationUniteLegale": known["plain_name"],
            "activitePrincipaleUniteLegale": [_naf(p, rng) for p in known["products"]],
            "nomenclatureActivitePrincipaleUniteLegale": "NAFRev2",
            "codePostalEtablissement": known["postal_code"],
            "libelleCommuneEtablissement": known["plain_commune"],
            "codeCommuneEtablissement": known["commune_code"],
            "etablissementSiege": "true",
        },
        columns=SIRENE_COLUMNS,
    )


def write_sirene(path, companies: pd.DataFrame, rng) -> pd.DataFrame:
    """Write the extract; return it (the register gives its units the same NAF codes)."""
    frame = sirene_frame(companies, rng)
    write_csv(frame, path)
    return frame
