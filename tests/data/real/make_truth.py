"""Truth for the real public files of tests/data/real/, worked out from the raw files alone.

Plain csv, pandas, openpyxl, python-calamine (to read the old .xls) and python-stdnum (the SIREN/SIRET checks); no
santenum code and no santenum reference table. Every place a test expects was written here by hand from the file
(a postal code's first digits, or a commune whose département is known), and every judgement is said in the folder's
truth.json["notes"]. Re-run to audit (it rewrites each folder's truth.json):

    .venv/bin/python tests/data/real/make_truth.py
"""

import csv
import json
import re
import unicodedata
from pathlib import Path

import pandas as pd
from python_calamine import CalamineWorkbook
from stdnum.fr import siren as stdnum_siren
from stdnum.fr import siret as stdnum_siret

HERE = Path(__file__).parent

LEGAL = set(
    "sa sas sasu sarl eurl sci snc scop scic gie gmbh ag inc ltd llc bv nv spa srl plc corp limited ab sl sprl".split()
)


def norm(text) -> str:
    """Accents stripped, case folded, punctuation to spaces, spaces collapsed (the same folding as the harness)."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^0-9a-z@.]+", " ", text).split())


def key(name) -> str:
    """A company name's match key: folded, no punctuation or spaces, legal-form words dropped at either end."""
    words = re.findall(r"[0-9a-z]+", norm(name))
    while words and words[0] in LEGAL:
        words = words[1:]
    while words and words[-1] in LEGAL:
        words = words[:-1]
    return "".join(words)


def words(text) -> set:
    return set(re.findall(r"[0-9a-z]+", norm(text)))


def siren_ok(value: str) -> bool:
    return stdnum_siren.is_valid(value)


def siret_ok(value: str) -> bool:
    return stdnum_siret.is_valid(value)


def rounded(value: str) -> bool:
    """A 14-digit number a spreadsheet kept to its first digits (ends in eight zeros), or written 7,86E+13."""
    return bool(re.fullmatch(r"\d{14}", value) and value.endswith("0" * 8)) or "E+" in value.upper()


def dept_of_postcode(code) -> str | None:
    """Département a French postal code (CEDEX codes included) points to; None if not five digits."""
    code = re.sub(r"\s", "", str(code))
    if not re.fullmatch(r"\d{5}", code) or code == "00000":
        return None
    if code[:2] in ("97", "98"):
        return code[:3]
    if code[:2] == "20":
        return "2A" if int(code) < 20200 else "2B"
    return code[:2]


def read_csv(folder, name, **kw) -> pd.DataFrame:
    return pd.read_csv(HERE / folder / name, dtype=str, keep_default_na=False, **kw)


def persons_from(values, other_cells) -> list:
    """Person values to look for in the outputs: each distinct non-blank value, minus any that a non-person cell also
    holds, whole or as its words (« Thomas Legrain Conseil » may be shown: it is a company's name), minus one-word
    values under four letters."""
    other = {norm(v) for v in other_cells if str(v).strip()}
    text = " | ".join(sorted(other))
    out = set()
    for value in values:
        value = str(value).strip()
        if not value or norm(value) in other or f" {norm(value)} " in f" {text} ":
            continue
        if len(norm(value).split()) == 1 and len(norm(value)) < 4:
            continue
        out.add(value)
    return sorted(out)


def sirens_of(values) -> set:
    """The SIRENs a careful reader takes from identifier cells: a valid SIREN, a valid SIRET's first nine digits,
    spaces removed. JUDGEMENT: a 13-digit value whose leading zero a spreadsheet dropped, valid once the zero is put
    back (7220086800072 -> 07220086800072), is that SIRET."""
    out = set()
    for value in values:
        value = re.sub(r"\s", "", str(value))
        if siren_ok(value):
            out.add(value)
        elif siret_ok(value):
            out.add(value[:9])
        elif len(value) == 13 and siret_ok("0" + value):
            out.add("0" + value[:8])
    return out


def depts_by_postcode(names, codes) -> dict:
    """{company key: [départements]} from each row's postal code (rows without a French code left out)."""
    depts = {}
    for name_, code in zip(names, codes, strict=True):
        if dept_of_postcode(code):
            depts.setdefault(key(name_), set()).add(dept_of_postcode(code))
    return {k: sorted(v) for k, v in depts.items()}


def read_truth(
    folder: str, name: str, rows: int, name_column: str, fields: dict, base: Path = HERE
) -> None:
    """A truth whose outcome is « read »: the file, its row count, the company column and what is expected."""
    write(
        folder,
        {"file": name, "outcome": "read", "rows": rows, "name_column": name_column, **fields},
        base,
    )


def company_keys(names, identifiers=None) -> list:
    """The name keys a company must be found under. With the file's identifier column: the names of
    one valid SIREN are one company, found under any of them (a list of alternatives). JUDGEMENT:
    rows of one SIREN are merged, and the company keeps one of its spellings."""
    if identifiers is None:
        return sorted({key(n) for n in names if key(n)})
    groups = {}
    for name, value in zip(names, identifiers, strict=True):
        if key(name):
            found = sorted(sirens_of([value]))
            groups.setdefault(found[0] if found else key(name), set()).add(key(name))
    entries = [sorted(g) for g in groups.values()]
    return [e[0] if len(e) == 1 else e for e in sorted(entries)]


def write(folder: str, truth: dict, base: Path = HERE) -> None:
    """Write the folder's truth.json (under base: tests/data/real, or the hold-out's folder)."""
    truth = {"folder": folder, **truth}
    (base / folder / "truth.json").write_text(
        json.dumps(truth, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    )
    print(
        f"{folder}: {truth['outcome']}, {truth.get('rows')} rows, companies {truth.get('companies')}"
    )


# ---------------------------------------------------------------- header-less ranking lists (Mission French Tech)
def french_tech_headerless(folder, name, year, programme):
    rows = list(csv.reader(open(HERE / folder / name, encoding="utf-8", newline="")))
    assert all(len(r) == 3 and r[0] == year and r[1] == programme for r in rows), folder
    names = [r[2] for r in rows]
    keys = company_keys(names)
    read_truth(
        folder,
        name,
        len(rows),
        "column 3 (no header row)",
        {
            "header": None,
            "companies": {"min": len(keys) - 2, "max": len(keys)},
            "company_keys": keys,
            "not_companies": [year, programme],
            "kept_or_merged_min": len(rows),
            "quarantined_max": 0,
            "notes": f"No header row: every line is « {year},{programme},<company> ». A careful reader sees at once "
            "that "
            "the third column is the company (a year and a constant programme label beside it). "
            f"{len(rows)} lines, {len(keys)} distinct company keys; merging two spellings of one company is "
            "allowed (min = keys - 2). The year and the programme label are no company.",
        },
    )


def french_tech_2024():
    folder, name = "frenchtech120_2024", "french_tech_120_2024.csv"
    rows = list(csv.reader(open(HERE / folder / name, encoding="utf-8", newline="")))
    assert all(len(r) == 2 and r[1].startswith("http") for r in rows)
    keys = company_keys(r[0] for r in rows)
    read_truth(
        folder,
        name,
        len(rows),
        "column 1 (no header row); column 2 is the web site",
        {
            "header": None,
            "companies": {"min": len(keys) - 2, "max": len(keys)},
            "company_keys": keys,
            "kept_or_merged_min": len(rows),
            "quarantined_max": 0,
            "notes": "No header row: « <company>,<web address> » on every line (the first line is a company, "
            "« Addguests (ex Campings.com) », with a 300-character tracking URL). The first column is the "
            f"company; the second a web address, never a name. {len(rows)} lines, {len(keys)} keys.",
        },
    )


def french_tech_2022():
    folder, name = "frenchtech_2022_funding", "french_tech_2022.csv"
    d = read_csv(folder, name)
    assert list(d.columns) == ["Company", "Total funding", "Launch date"]
    keys = company_keys(d.Company)
    years = {
        key(c): re.match(r"\d{4}", y).group(0)
        for c, y in zip(d.Company, d["Launch date"], strict=True)
        if re.match(r"\d{4}", y)
    }
    read_truth(
        folder,
        name,
        len(d),
        "Company",
        {
            "companies": {"min": len(keys) - 2, "max": len(keys)},
            "company_keys": keys,
            "creation_year_if_given": years,
            "kept_or_merged_min": len(d),
            "quarantined_max": 0,
            "notes": "A ranking with a header (Company, Total funding in M, Launch date written « 2014, August » or "
            "« 2012 »), CRLF and LF lines mixed. If a creation date is read from « Launch date », its year must "
            "be the one written (creation_year_if_given); « Total funding » is no headcount nor postal code.",
        },
    )


# ---------------------------------------------------------------- exhibitors (VivaTech 2025)
def vivatech():
    folder, name = "vivatech_partners_2025", "vivatech_partners_2025.csv"
    d = read_csv(folder, name)
    foreign = d[~d.Country.isin(["", "France"])]
    home = d[d.Country.isin(["", "France"])]
    keys = company_keys(home.CompanyName)
    read_truth(
        folder,
        name,
        len(d),
        "CompanyName",
        {
            "companies": {"min": len(keys) - 30, "max": len(home)},
            "company_keys_sample": keys[::25],
            "foreign_keys": company_keys(foreign.CompanyName),
            "kept_or_merged_min": len(home),
            "quarantined_max": len(foreign),
            "notes": f"{len(d)} exhibitors and partners, names unique; « Country » is empty on "
            f"{int((d.Country == '').sum())} rows, « France » on {int((d.Country == 'France').sum())} "
            f"and a foreign country on {len(foreign)} "
            "(Canada, UK, USA, Japan, Germany, China, India): those are no French company (quarantined as foreign, "
            "or at least never placed in a French département). Descriptions hold quoted line breaks and commas. "
            "Merging a few names that differ only by case or punctuation (« 1km à pied » / « 1km à Pied ») "
            "is allowed (min = keys - 30), keeping them apart too (max = rows). No place column.",
        },
    )


# ---------------------------------------------------------------- Orbis export (Datactivist, devoir de vigilance)
def orbis():
    folder, name = "devoir_vigilance_orbis", "entreprises_orbis_effectifs_5000-a-9999.csv"
    d = read_csv(folder, name)
    assert d.SIREN.map(siren_ok).all()
    assert all(
        c.replace("-", "")[:9] == s for c, s in zip(d["Code d'identifiant"], d.SIREN, strict=True)
    )
    headcount = {s: int(h) for s, h in zip(d.SIREN, d.derniers_effectifs, strict=True) if h.strip()}
    read_truth(
        folder,
        name,
        len(d),
        "Nom de l'entreprise Latin alphabet",
        {
            "sirens": sorted(set(d.SIREN)),
            "companies": {"min": d.SIREN.nunique(), "max": d.SIREN.nunique()},
            "headcount_if_given": headcount,
            "kept_or_merged_min": len(d),
            "quarantined_max": 0,
            "notes": "An Orbis (Bureau van Dijk) export reworked by Datactivist: « Code d'identifiant » is a SIRET "
            "written "
            "SIREN-NIC with a hyphen (784824153-00232), « SIREN » is valid on every row. Four headcount columns "
            "(latest year, year - 1, year - 2) and derived ones: « derniers_effectifs » (the latest available "
            "figure) is the headcount; « effectifs_22_23_sup_5000 » is a flag (1 or empty), "
            "« derniers_effectifs_sup_5000 » a boolean (TRUE) and « Date de clôture… » a date: none of them is a "
            "headcount. JUDGEMENT: a headcount, when read, must equal « derniers_effectifs » (headcount_if_given).",
        },
    )


# ---------------------------------------------------------------- subsidy lists of the Pays de la Loire
def maine_et_loire_conventions():
    folder, name = (
        "maine_et_loire_conventions",
        "224900019_conventions-de-subventions-du-departement-de-maine-et-loire.csv",
    )
    d = read_csv(folder, name, sep=";")
    valid = sorted(sirens_of(d.idBeneficiaire))
    named = d.nomBeneficiaire.str.strip() != ""
    read_truth(
        folder,
        name,
        len(d),
        "nomBeneficiaire",
        {
            "sirens": valid,
            "companies": {"min": len(valid), "max": d.nomBeneficiaire.nunique()},
            "company_keys": company_keys(d.nomBeneficiaire, d.idBeneficiaire),
            "not_companies": ["Département de Maine-et-Loire"],
            "forbidden_sirens": ["224900019"],
            "kept_or_merged_min": int(named.sum()),
            "quarantined_max": 0,
            "notes": "SCDL layout with « ; ». SIRETs are written in groups of digits (« 82 212 742 900 014 »), the "
            "attribuant's with a trailing apostrophe (« 224 900 019 000 15' »), two in Excel's scientific notation "
            "(« 7,86E+13 », « 7,22009E+12 »), four with a wrong check digit and two empty. "
            f"{len(valid)} distinct valid SIRENs once the spaces are removed. Every row names its beneficiary, "
            "so every row is kept or merged (a wrong SIRET is listed in a_verifier.csv, never quarantines a named "
            "row, never gives a SIREN). The Département (SIREN 224900019) pays: never a company.",
        },
    )


def maine_et_loire_associations():
    folder, name = (
        "maine_et_loire_associations",
        "224900019_subventions-aux-associations-du-departement-de-maine-et-loire.csv",
    )
    d = read_csv(folder, name, sep=";")
    ids = d["SIRET ou NIR"].str.strip()
    valid = sorted(sirens_of(ids))
    rounded_sirens = sorted({i[:9] for i in ids if rounded(i) and siren_ok(i[:9])} - set(valid))
    assert not [i for i in ids if re.fullmatch(r"[12]\d{12,14}", i) and not siret_ok(i)], "a NIR?"
    depts = depts_by_postcode(d["Raison Sociale"], d["Code postal"])
    read_truth(
        folder,
        name,
        len(d),
        "Raison Sociale (continued by « Raison sociale 2 »)",
        {
            "sirens_subset_of": valid,
            "forbidden_sirens": rounded_sirens,
            "companies": {"min": int(d["Raison Sociale"].map(key).nunique() * 0.9), "max": len(d)},
            "dept_by_key": depts,
            "located_min_share": 0.97,
            "kept_or_merged_min": int(len(d) * 0.99),
            "notes": f"{len(d)} subsidies 2004-2016. « SIRET ou NIR » announces social-security numbers too, but "
            "none is "
            f"there (checked: no 13-15-digit number starting with 1 or 2 that is not a SIRET). "
            f"{int(ids.map(rounded).sum())} SIRETs were rounded by a spreadsheet (35181600000000): their first "
            "nine digits are NOT the SIREN (forbidden_sirens lists those that would even pass the SIREN check). "
            "Rows are kept by name and placed by « Code postal » / « Commune » (CEDEX codes and « BEAUPREAU CEDEX » "
            "included): >= 97 % of the located companies in their postal code's département, >= 99 % of rows "
            "kept or merged. Any SIREN found must be one of the few valid ones (sirens_subset_of). "
            "JUDGEMENT: « Raison sociale 2 » continues the name; reading it or not are both right.",
        },
    )


def loire_atlantique():
    folder, name = (
        "loire_atlantique_associations",
        "224400028_subventions-aux-associations-du-departement-de-loire-atlantique.csv",
    )
    d = read_csv(folder, name, sep=";")
    ids = d["Identification du bénéficiaire"].str.strip()
    valid = sorted(sirens_of(ids))
    named = d["Nom du bénéficiaire"].str.strip() != ""
    read_truth(
        folder,
        name,
        len(d),
        "Nom du bénéficiaire",
        {
            "sirens": valid,
            "companies": {"min": len(valid), "max": int(named.sum())},
            "not_companies": ["Département de Loire-Atlantique"],
            "forbidden_sirens": ["224400028"],
            "kept_or_merged_min": int((named | ids.map(siren_ok)).sum()),
            "notes": "The first 2 000 of 18 148 records (head -n 2001: header and 2 000 lines, no quoted line break "
            "in "
            "them). The SCDL's French labels (« Nom de l'attribuant », « Identification du bénéficiaire »); the "
            f"beneficiary's identifier is a 9-digit SIREN, {len(valid)} distinct valid ones. The Département pays: "
            "never a company. One row has neither name nor identifier (quarantined, no identity).",
        },
    )


def pdl_aggregated():
    folder, name = "pdl_subventions_agregees", "donnees_subventions_agregees_PDL_utf8.csv"
    d = read_csv(folder, name, sep=";", encoding="cp1252")
    valid = sorted(sirens_of(d.idBeneficiaire))
    funders = sorted(set(d.nomAttribuant))
    named = d.nomBeneficiaire.str.strip().isin(["", "NA"]) == False  # noqa: E712
    read_truth(
        folder,
        name,
        len(d),
        "nomBeneficiaire",
        {
            "sirens_subset_of": valid,
            "sirens_min": int(len(valid) * 0.95),
            "companies": {
                "min": int(d.nomBeneficiaire.map(key).nunique() * 0.8),
                "max": int(named.sum()),
            },
            "not_companies": funders,
            "forbidden_sirens": sorted({i[:9] for i in d.idAttribuant if siret_ok(i)}),
            "kept_or_merged_min": int(named.sum() * 0.97),
            "notes": "Etalab's hackathon merged five départements' lists into one SCDL file, named « _utf8 » but "
            "written in "
            "Windows-1252, « ; », every value quoted, « NA » for missing values. Cut: the header line and the "
            "last 1 000 lines (head -n 1; tail -n 1000), 675 records: 104 Loire-Atlantique, 238 Vendée, 234 "
            "Mayenne, 75 Maine-et-Loire and 24 Sarthe rows; some values hold quoted line breaks. Five different "
            "attribuants, so « one value on every row » cannot tell the funder: the header does. SIRETs of Mayenne "
            "are rounded (34982600000000); one Vendée SIRET lost its leading zero (7220086800072). Any SIREN found "
            "must be a valid beneficiary's (sirens_subset_of), at "
            "least 95 % of them found; no funder's SIREN or name among companies.",
        },
    )


def vendee_201903():
    folder, name = (
        "vendee_201903",
        "201903_Publication_donnees_Open_data_Subventions_Conventions.csv",
    )
    rows = [r for r in csv.reader(open(HERE / folder / name, encoding="utf-8", newline="")) if r]
    head, body = rows[0], rows[1:]
    assert head[4:6] == ["idBeneficiaire", "nomBeneficiaire"] and all(siret_ok(r[4]) for r in body)
    read_truth(
        folder,
        name,
        len(body),
        "nomBeneficiaire",
        {
            "sirens": sorted({r[4][:9] for r in body}),
            "companies": {"min": len({r[4][:9] for r in body}) - 2, "max": len(body)},
            "not_companies": ["Conseil Départemental de la Vendée"],
            "forbidden_sirens": ["228500013"],
            "kept_or_merged_min": len(body),
            "quarantined_max": 0,
            "notes": "« , »-separated, and both the French amounts (« 25 000,00 ») and the free-text conditions "
            "(« …selon les modalités du CCH (1 ou 2 acompte et solde). De plus, … ») are written with unquoted "
            "commas: every line has 15 to 19 fields for a 14-field header (27 of them only the amount's comma). "
            "JUDGEMENT: the beneficiary's "
            "SIRET and name are fields 5 and 6, BEFORE any of the ambiguous commas, on every line; a careful "
            "reader takes them, so every row is read (its amount may stay unread). 47 rows, 47 valid SIRETs of "
            "47 SIRENs. The Conseil départemental pays.",
        },
    )


def sarthe_csv():
    folder, name = "sarthe_assos_2018_csv", "sub_asso_2018_Sarthe.csv"
    d = read_csv(folder, name, sep=";", encoding="cp1252")
    named = d["Nom de l'organisme bénéficiaire"].str.strip() != ""
    depts = depts_by_postcode(d["Nom de l'organisme bénéficiaire"], d.CP)
    read_truth(
        folder,
        name,
        len(d),
        "Nom de l'organisme bénéficiaire",
        {
            "companies": {
                "min": int(d["Nom de l'organisme bénéficiaire"].map(key).nunique() * 0.95),
                "max": int(named.sum()),
            },
            "dept_by_key": depts,
            "located_min_share": 0.97,
            "kept_or_merged_min": int(named.sum() * 0.99),
            "notes": "Windows-1252, « ; », header cells with quoted line breaks (« Montant\\nde la subvention… »), "
            "CRLF with "
            "some LF. Associations with « CP » and « Ville ». Amounts in five columns, an « X » for an advantage in "
            "kind. Located companies in their postal code's département for >= 97 %.",
        },
    )


def sarthe_xlsx():
    folder, name = (
        "sarthe_assos_2018_xlsx",
        "subventions_versees_aux_associations_en_2018-converti.xlsx",
    )
    import openpyxl

    ws = openpyxl.load_workbook(HERE / folder / name, data_only=True).worksheets[0]
    rows = [[("" if c is None else str(c)) for c in r] for r in ws.iter_rows(values_only=True)]
    h = next(i for i, r in enumerate(rows) if any("organisme" in c.lower() for c in r))
    head = rows[h]
    i_name = next(i for i, c in enumerate(head) if "Nom de l" in c)
    i_cp = next(i for i, c in enumerate(head) if "Adresse" in c)
    body = [r for r in rows[h + 1 :] if r[i_name].strip() and "Nom de l" not in r[i_name]]
    depts = depts_by_postcode([r[i_name] for r in body], [r[i_cp].split(".")[0] for r in body])
    names = {key(r[i_name]) for r in body}
    read_truth(
        folder,
        name,
        len(body),
        head[i_name],
        {
            "header_row": h + 1,
            "companies": {"min": int(len(names) * 0.95), "max": len(body)},
            "dept_by_key": depts,
            "located_min_share": 0.97,
            "kept_or_merged_min": int(len(body) * 0.99),
            "notes": "The same list as sarthe_assos_2018_csv, converted from PDF to XLSX: an « Adresse de "
            "l'organisme » "
            "header spanning two cells (postal code as a NUMBER, then the commune under no header), five blank "
            "columns from merged cells after the name. Located companies in their postal code's département "
            "for >= 97 %.",
        },
    )


def sarthe_xls():
    folder, name = "sarthe_progos_2018", "subvention_progos_2018.xls"
    rows = (
        CalamineWorkbook.from_path(str(HERE / folder / name))
        .get_sheet_by_name("Feuil1")
        .to_python()
    )
    rows = [[("" if c is None else str(c)) for c in r] for r in rows]
    h = next(i for i, r in enumerate(rows) if "Bénéficiaire" in r)
    body = [r for r in rows[h + 1 :] if any(c.strip() for c in r)]
    i_n, i_s = rows[h].index("Bénéficiaire"), rows[h].index("Code SIRET")
    valid = sorted(sirens_of(r[i_s] for r in body))
    read_truth(
        folder,
        name,
        len(body),
        "Bénéficiaire",
        {
            "header_row": h + 1,
            "sirens": valid,
            "companies": {
                "min": len(company_keys(r[i_n] for r in body)) - 1,
                "max": len(company_keys(r[i_n] for r in body)),
            },
            "not_companies": [
                "DEPARTEMENT DE LA SARTHE 227 200 029 00014",
                "Département de la Sarthe",
            ],
            "forbidden_sirens": ["227200029"],
            "kept_or_merged_min": len(body),
            "quarantined_max": 0,
            "notes": "Old Excel (.xls). Two title rows above the header: the issuer « DEPARTEMENT DE LA SARTHE 227 "
            "200 029 "
            "00014 » and the list's title, then a blank row; header on row 4. 24 conventions; « Code SIRET » is "
            "empty twice, a 13-digit number once (8094406540001, no valid SIRET even with a leading zero), a "
            "SIRET with a wrong check digit twice (Graines d'Images, 43387838400025) and a 9-digit SIREN once "
            "(392063145, valid). "
            "Every row names its beneficiary, so every row is kept or merged; the issuer in the title is no "
            "company.",
        },
    )


# ---------------------------------------------------------------- a ministry's list (Jaune budgétaire, PLF 2012)
def jaune():
    folder, name = (
        "jaune_associations_2010",
        "plf-2012-jaune-associations-subventionne-es-en-2010.csv",
    )
    d = read_csv(folder, name, sep=";", encoding="cp1252")
    valid = sorted(sirens_of(d.SIREN))
    names = company_keys(d.ASSOCIATION)
    read_truth(
        folder,
        name,
        len(d),
        "ASSOCIATION",
        {
            "sirens": valid,
            "companies": {"min": len(valid), "max": len(names)},
            "kept_or_merged_min": len(d) - int((d.ASSOCIATION.str.strip() == "").sum()),
            "notes": "The State's yellow annex listing the associations it subsidised in 2010, first 2 000 of its "
            "lines "
            "(head -n 2001). Windows-1252, « ; ». Each association has a total line (IMPUTATION empty, « Total des "
            "subventions ») followed by one line per ministry programme (« Détail des subventions »): the same "
            "SIREN repeats, the lines merge. The name ends with the département number and commune "
            "(« 1 2 3 SOLEIL LUDOTHEQUE - 06 MOUANS SARTOUX »): JUDGEMENT: reading the place from the name is "
            f"not asked. {len(valid)} distinct valid SIRENs; the rows whose SIREN fails its check keep their "
            "name (the SIREN is listed to check). The company column is « ASSOCIATION ».",
        },
    )


# ---------------------------------------------------------------- parliamentary reserve 2016 (Assemblée nationale)
def reserve():
    folder, name = "reserve_parlementaire_2016", "2016_reserve_parlementaire.csv"
    d = read_csv(folder, name, sep=";", encoding="cp1252")
    others = list(d.beneficiaire) + list(d.adresse) + list(d.descriptif)
    full = [f"{p} {n}" for n, p in zip(d.nom, d.prenom, strict=True)] + [
        f"{n} {p}" for n, p in zip(d.nom, d.prenom, strict=True)
    ]
    other_words = set().union(*(words(v) for v in others))
    surnames = [n for n in set(d.nom) if len(norm(n)) >= 4 and not (words(n) & other_words)]
    codes = [
        re.sub(r"\D", "", m.group(0)) if (m := re.search(r"\b\d{2} ?\d{3}\b", a)) else ""
        for a in d.adresse
    ]
    dept = depts_by_postcode(d.beneficiaire, codes)
    # JUDGEMENT: an address that ends with a foreign country (« Rabat, Maroc », « BP 11413 - Niamey -
    # Niger ») is abroad: such a beneficiary may be quarantined as outside France
    abroad = d.adresse.str.contains(r"(?:Maroc|Niger|S[ée]n[ée]gal)\W*$", regex=True)
    read_truth(
        folder,
        name,
        len(d),
        "beneficiaire",
        {
            "person_columns": ["nom", "prenom"],
            "persons": persons_from(full + surnames, others),
            "companies": {"min": int(d.beneficiaire.map(key).nunique() * 0.97), "max": len(d)},
            "dept_by_key": {k: v for k, v in dept.items() if len(v) == 1},
            "located_min_share": 0.9,
            "kept_or_merged_min": int(len(d) - abroad.sum()),
            "quarantined_max": int(abroad.sum()),
            "notes": "The first 1 000 of the 2016 parliamentary-reserve grants (head -n 1001), Windows-1252 (with « "
            "… » as "
            "byte 0x85), « ; ». « nom » and « prenom » are the DEPUTY who granted (37 natural persons): never "
            "shown, never a company (persons: « Prénom Nom », « Nom Prénom » and the surnames of four letters or "
            "more that no other cell uses). « groupe » is the deputy's political group. The beneficiary is an "
            "association or a commune (« CHARVONNEX »). « adresse » is free text: a commune, a street address "
            "with its postal code (« 73, rue Emile Boutrais 94120 Fontenay-sous-Bois », « 84007 Avignon Cedex "
            "1 »), or empty. JUDGEMENT: a beneficiary whose address holds a postal code is in that code's "
            "département (dept_by_key); >= 90 % of those must be located there. Four addresses end with a "
            "foreign country (Maroc twice, Niger, Sénégal): those beneficiaries are abroad, and may be "
            "quarantined as such (a project abroad of a French association, named in « descriptif », is not).",
        },
    )


# ---------------------------------------------------------------- lobbyists' registers (Sénat, Assemblée nationale)
def lobbying_v1(folder, name, date_column):
    d = read_csv(folder, name)
    person_rows = d["Nature de l'organisme"] == "Personne physique"
    orgs = d[(d.Organisme.str.strip() != "") & ~person_rows]
    others = list(orgs.Organisme) + list(d["Intérêts représentés"]) + list(d.Fonction)
    full = [f"{p} {n}" for n, p in zip(d["Nom de famille"], d["Prénom"], strict=True)]
    full += [f"{n} {p}" for n, p in zip(d["Nom de famille"], d["Prénom"], strict=True)]
    other_words = set().union(*(words(v) for v in others))
    surnames = [
        n for n in set(d["Nom de famille"]) if len(norm(n)) >= 4 and not (words(n) & other_words)
    ]
    persons = persons_from(full + surnames + list(d[person_rows].Organisme), others)
    keys = company_keys(orgs.Organisme)
    read_truth(
        folder,
        name,
        len(d),
        "Organisme",
        {
            "person_columns": ["Nom de famille", "Prénom"] + (["Sexe"] if "Sexe" in d else []),
            "persons": persons,
            "companies": {"min": len(keys) - 3, "max": len(keys) + 1},
            "company_keys": keys,
            "not_companies": sorted(set(d["Nature de l'organisme"]) - {""}),
            "kept_or_merged_min": len(orgs),
            "notes": f"A register of lobbyists: one line per person holding an access card, « Organisme » is whom "
            "they "
            f"work for, « Nature de l'organisme » its kind, « Nom de famille » and « Prénom » the person. "
            f"« Intérêts représentés » names the clients (other organisations): not the row's company. "
            f"{len(d)} lines, {len(keys)} organisations. "
            + (
                "One line's « Organisme » is empty (its interests name a union): no identity; one is a "
                "« Personne physique » whose « Organisme » is the person's own name: a natural person, never a "
                "company, never shown. « Sexe » is personal data too. "
                if "Sexe" in d
                else ""
            )
            + f"« {date_column} » is no creation date. The kinds (« Association », « Entreprise privée »…) are "
            "no company names.",
        },
    )


def lobbying_an_2017():
    folder, name = "lobbying_an_2017", "registre-lobbying-AN-v2-170805.csv"
    d = read_csv(folder, name)
    pcols = [
        "Dirigeant / personne juridiquement responsable",
        "Personnes bénéficiaires de la carte de représentant",
    ]
    people = set()
    for col in pcols:
        for cell in d[col]:
            for part in re.split(r" - |;|\n", cell):
                part = re.sub(r"\(.*?\)", "", part)
                part = re.sub(r"\b(Monsieur|Madame|Mademoiselle|M\.|Mme)\b", "", part).strip(" ,")
                if len(part.split()) >= 2:
                    people.add(part)
    others = [v for c in d.columns if c not in pcols for v in d[c]]
    keys = company_keys(d["Raison sociale"])
    read_truth(
        folder,
        name,
        len(d),
        "Raison sociale",
        {
            "person_columns": pcols,
            "persons": persons_from(people, others),
            "companies": {"min": len(keys) - 3, "max": len(d)},
            "company_keys": keys,
            "kept_or_merged_min": len(d),
            "quarantined_max": 0,
            "headcount_column": "Nombre de personnes employées par l'organisme",
            "notes": "The Assemblée nationale's second register (2014-2017), 352 organisations, 51 columns, values "
            "with "
            "quoted line breaks. « Raison sociale » is the company. The two person columns hold « Monsieur "
            "<first name> <surname> (<role>) » lists: never shown (persons = the names without civility and role, "
            "two words or more, that no other cell holds). « Adresse et téléphone » holds only telephone numbers. "
            "« Noms des clients » lists client companies, « Noms des personnes morales membres de l'organisme » "
            "members: not the row's company. Three organisations are registered twice under the same name: merging "
            "them or not are both right. Money columns hold Python list literals "
            "(« [u'Entre 700 000 et 800 000 Euros', …] »): no revenue can be read from them.",
        },
    )


# ---------------------------------------------------------------- Transparence Santé (health industry, persons)
def gilead():
    folder, name = "gilead_personnes_morales", "GILEAD.personnesmorales.csv"
    d = read_csv(folder, name)
    dept = depts_by_postcode(d["Nom personne morale"], d["code postal"])
    keys = company_keys(d["Nom personne morale"])
    read_truth(
        folder,
        name,
        len(d),
        "Nom personne morale",
        {
            "companies": {"min": len(keys) - 1, "max": len(keys)},
            "company_keys": keys,
            "not_companies": ["Gilead", "GILEAD SCIENCES"],
            "dept_by_key": dept,
            "located_min_share": 1.0,
            "kept_or_merged_min": len(d),
            "quarantined_max": 0,
            "notes": "Regards Citoyens' extract of Transparence Santé: the legal persons (associations, a few firms) "
            "that "
            "received gifts or contracts from Gilead. « Nom personne morale » is the name (words sometimes "
            "reordered by the source: « SIDA ALLIANCE CONTRE »); « code postal » the only place (no commune), "
            "97400 for La Réunion. JUDGEMENT: the postal code's département is the company's, on every row.",
        },
    )


def transparence_sante():
    folder, name = "transparence_sante_01000", "01000.csv"
    rows = list(csv.reader(open(HERE / folder / name, encoding="utf-8", newline="")))
    assert all(len(r) == 8 for r in rows)
    organisations = (
        "Association",
        "Autres types de personne morale",
        "Etablissement",
        "Académie",
        "Fondation",
    )
    person_rows = [r for r in rows if not r[1].startswith(organisations)]
    others = [r[0] for r in rows] + [r[2] for r in rows if r[1].startswith(organisations)]
    keys = company_keys(r[0] for r in rows)
    read_truth(
        folder,
        name,
        len(rows),
        "column 1 (no header row)",
        {
            "header": None,
            "person_columns": ["column 3 (no header row)"],
            "persons": persons_from([r[2] for r in person_rows], others),
            "companies": {"min": len(keys) - 3, "max": len(keys)},
            "company_keys": keys,
            "kept_or_merged_min": len(rows),
            "notes": "A scrape of transparence.sante.gouv.fr (benefits declared by health-industry companies), one "
            "file per "
            "postal code; this one is 01000 (Bourg-en-Bresse), 995 lines, NO header row: company, beneficiary's "
            "profession, beneficiary, date, nature, amount (« €67 », « €1,206 »), two empty fields. Column 1 is the "
            "company (laboratories and device makers, « SAS », « France »). Column 3 is a health professional (a "
            "natural person, « SURNAME FIRSTNAME ») on every line but the few whose column 2 says « Association » "
            "or « Autres types de personne morale »: never shown. JUDGEMENT: read, not asked — a careful reader "
            "tells the companies from the persons at a glance. The postal code is only in the file's name: no "
            "place is asked.",
        },
    )


def sunshine_labo():
    folder, name = "sunshine_labo_names", "LABO.csv"
    rows = list(csv.reader(open(HERE / folder / name, encoding="utf-8", newline="")))
    assert all(len(r) == 2 for r in rows)
    write(
        folder,
        {
            "file": name,
            "outcome": "asks",
            "rows": len(rows),
            "header": None,
            "competing_columns": ["colonne 1", "colonne 2"],
            "notes": "Regards Citoyens' table that maps each spelling a company used in its Transparence Santé "
            "declarations "
            "(« ABBOTT+FRANCE », « Abbott France* ») to a group name (« Abbott »); NO header, two name columns, "
            "and « ERROR » as the group of spellings that are no company (« LABO », « PHARMACIEN »). JUDGEMENT: "
            "asks. Both columns are company names: the declaring entity or its group; a careful analyst cannot "
            "tell which one the study wants without asking (reading column 1 counts each spelling as a company, "
            "column 2 counts groups). The message must name the two columns.",
        },
    )


# ---------------------------------------------------------------- funding tracker (French Tech Journal)
COMMUNE_DEPT = {  # worked out by hand: each commune written in « City », and its département
    "Paris": "75",
    "Lyon": "69",
    "Lille": "59",
    "Toulouse": "31",
    "Marseille": "13",
    "Nantes": "44",
    "Rennes": "35",
    "Bordeaux": "33",
    "Grenoble": "38",
    "Aix-en-Provence": "13",
    "Nice": "06",
    "Montpellier": "34",
    "Boulogne-Billancourt": "92",
    "La Rochelle": "17",
    "Mérignac": "33",
    "Strasbourg": "67",
    "Lannion": "22",
    "Reims": "51",
    "Levallois-Perret": "92",
    "La Ciotat": "13",
    "Angers": "49",
    "Montoir-de-Bretagne": "44",
    "Bagnolet": "93",
    "Meylan": "38",
    "Grasse": "06",
    "Le Monastier-sur-Gazeille": "43",
    "La Tronche": "38",
    "Chartres": "28",
    "Dijon": "21",
    "Le Bourget-du-Lac": "73",
    "Lacroix-Saint-Ouen": "60",
    "Caen": "14",
    "Barberaz": "73",
    "Haguenau": "67",
    "Saint-Mandé": "94",
    "Béthune": "62",
    "Orléans": "45",
    "Arras": "62",
    "Puteaux": "92",
    "Bron": "69",
    "Hallennes-lez-Haubourdin": "59",
    "Libourne": "33",
    "Saint-Nom-la-Bretèche": "78",
    "Mauguio": "34",
    "Nice, France": "06",
    "Aubagne": "13",
    "Le Haillan": "33",
    "Parcoul-Chenaud": "24",
    "Saint-Ouen-sur-Seine": "93",
    "La Courneuve": "93",
    "Lorient": "56",
    "Brétigny-sur-Orge": "91",
    "Solaize": "69",
}
AMBIGUOUS = {
    "Claix": ["16", "38"],
    "Brens": ["01", "81"],
    "Saint-Priest": ["07", "23", "69"],
    "Saint-Rémy": ["01", "12", "14", "19", "21", "24", "70", "71", "79", "88"],
}


def funding_tracker():
    folder, name = "funding_tracker_no_siren", "companies-no-siren.csv"
    d = read_csv(folder, name)
    home = d[d.Country != "UK"]
    dept = {
        key(n): [COMMUNE_DEPT[c]]
        for n, c in zip(home["Company Name"], home.City, strict=True)
        if c in COMMUNE_DEPT
    }
    unsure = {
        key(n): c for n, c in zip(home["Company Name"], home.City, strict=True) if c in AMBIGUOUS
    }
    unknown = sorted(set(home.City) - set(COMMUNE_DEPT) - set(AMBIGUOUS))
    keys = company_keys(home["Company Name"])
    read_truth(
        folder,
        name,
        len(d),
        "Company Name",
        {
            "companies": {"min": len(keys) - 2, "max": len(keys)},
            "company_keys": keys,
            "foreign_keys": company_keys(d[d.Country == "UK"]["Company Name"]),
            "dept_by_key": dept,
            "located_min_share": 0.97,
            "not_located_keys": unsure,
            "kept_or_merged_min": len(home),
            "quarantined_max": 1,
            "notes": "A funding-round tracker's export of the companies it could not match to a SIREN: name, web "
            "site, "
            "« City », « Country », an empty « Founded Year », total funding (M€) and the latest round. Places are "
            "commune names only (no postal code): the départements of the unambiguous ones were written by hand "
            "(dept_by_key, >= 97 %). « Claix », « Brens », « Saint-Priest » and « Saint-Rémy » name several "
            "communes in different départements: right or it asks, they must stay unplaced (not_located_keys). "
            "« Paris, Turin » and « Nice, France » name the French commune first; « France » alone is no commune. "
            "One company is in London (« UK »): foreign. Two companies appear twice (two rounds): they merge. "
            f"Cities not placed by the truth: {unknown}.",
        },
    )


def main() -> None:
    french_tech_headerless(
        "frenchtech120_2020", "french_tech_120_2020.csv", "2020", "French Tech 120"
    )
    french_tech_headerless(
        "frenchtech120_2021", "french_tech_next40_120_2021.csv", "2021", "French Tech Next40/120"
    )
    french_tech_2024()
    french_tech_2022()
    vivatech()
    orbis()
    maine_et_loire_conventions()
    maine_et_loire_associations()
    loire_atlantique()
    pdl_aggregated()
    vendee_201903()
    sarthe_csv()
    sarthe_xlsx()
    sarthe_xls()
    jaune()
    reserve()
    lobbying_v1("lobbying_senat", "registre-lobbying-Senat.csv", "Date d'échéance du titre d'accès")
    lobbying_v1("lobbying_an_2013", "registre-lobbying-AN-v1-131229.csv", "Sexe")
    lobbying_an_2017()
    gilead()
    transparence_sante()
    sunshine_labo()
    funding_tracker()


if __name__ == "__main__":
    main()
