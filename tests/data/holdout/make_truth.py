"""Truth for the hold-out files of tests/data/holdout/, worked out from the raw files alone, BEFORE santenum was run
on them (the point of a hold-out: the judgement is written down first).

Plain csv, pandas, openpyxl and python-stdnum, through the helpers of tests/data/real/make_truth.py (the same match
keys, the same SIREN/SIRET reading, the same person lists); no santenum code and no santenum reference table. Every
place was written here from the file itself (a postal code, a département or région code the file gives). Every
judgement is said in the folder's truth.json["notes"]. Re-run to audit (it rewrites each folder's truth.json):

    .venv/bin/python -m tests.data.holdout.make_truth
"""

import csv
import re
from pathlib import Path

import openpyxl
import pandas as pd

from tests.data.real.make_truth import (
    company_keys,
    key,
    norm,
    persons_from,
    read_truth,
    siren_ok,
    sirens_of,
    siret_ok,
    words,
    write,
)

HERE = Path(__file__).parent


def truth(folder, name, rows, name_column, fields):
    read_truth(folder, name, rows, name_column, fields, HERE)


def rows_of(folder, name, delimiter=",", encoding="utf-8") -> list:
    with open(HERE / folder / name, encoding=encoding, newline="") as f:
        return list(csv.reader(f, delimiter=delimiter))


def spellings(name) -> list:
    """The keys one name may be found under: as written, its first line, and without a parenthesised aside
    (« ELEC ET COMPAGNIE (DURET SERVICES) »), the empty ones left out."""
    text = str(name).replace("\xa0", " ")
    lines = [line for line in text.splitlines() if line.strip()]
    out = {key(text), key(lines[0]) if lines else "", key(re.sub(r"\(.*?\)", " ", text))}
    return sorted(k for k in out if k)


def entry(name):
    found = spellings(name)
    return found[0] if len(found) == 1 else found


def entries(names) -> list:
    """company_keys entries (a key, or the alternative keys of one company) for distinct names."""
    seen, out = set(), []
    for name in names:
        e = entry(name)
        marker = tuple(e) if isinstance(e, list) else (e,)
        if marker and marker not in seen:
            seen.add(marker)
            out.append(e)
    return sorted(out, key=str)


def luhn_nine(values) -> list:
    """Nine-digit values that pass the SIREN check (a FINESS number, a phone number): never a SIREN."""
    return sorted({v for v in (re.sub(r"\s", "", str(x)) for x in values) if siren_ok(v)})


def dept_map(pairs) -> dict:
    """{key: [départements]} from (name, département code) pairs, each name under all its spellings."""
    out = {}
    for name, dept in pairs:
        if dept:
            for k in spellings(name):
                out.setdefault(k, set()).add(dept)
    return {k: sorted(v) for k, v in sorted(out.items())}


# ---------------------------------------------------------------- CNIL: the controls of a year
COUNTRY_FR = "FRANCE"


def cnil_2022():
    folder, name = "cnil_controles_2022", "open-data-controles-cnil-2022-v20231003.csv"
    rows = rows_of(folder, name)
    head, body = rows[0], rows[1:]
    assert head[1] == "Organismes contrôlés" and head[5] == "Pays"
    private = [r for r in body if r[1].strip() == "PARTICULIER"]
    foreign = [r for r in body if r[5] != COUNTRY_FR]
    home = [r for r in body if r[5] == COUNTRY_FR and r not in private]
    depts = [
        (r[1], r[3]) for r in home if re.fullmatch(r"\d{2}", r[3]) and r[3] not in ("20", "97")
    ]
    keys = {key(r[1]) for r in home}
    truth(
        folder,
        name,
        len(body),
        "Organismes contrôlés",
        {
            "companies": {"min": len(keys) - 12, "max": len(keys)},
            "company_keys": entries(r[1] for r in home),
            "foreign_keys": sorted({k for r in foreign for k in spellings(r[1])}),
            "not_companies": [
                "PARTICULIER",
                "RGPD",
                "FRANCE",
                "sur place",
                "en ligne",
                "sur pièces",
            ],
            "dept_by_key": dept_map(depts),
            "located_min_share": 0.9,
            "kept_or_merged_min": len(home),
            "quarantined_max": len(foreign) + len(private),
            "notes": "The CNIL's list of its 2022 controls: one line per control (an organisation controlled "
            "on site, online, on documents, by hearing appears two or three times). Header cells with line "
            "breaks (« Catégorie\\n de contrôle », « Activité\\n de l'organisme »), an eighth column with no header "
            "and no value. « Organismes contrôlés » is the organisation; « Dépt. » its département code (two "
            "digits), « Ville » its commune, « Pays » its country. Names with leading line breaks, no-break "
            "spaces and two names in one cell (« FNAC DIRECT\\n FNAC DARTY PARTICIPATIONS ET SERVICES », "
            "« FACEBOOK\\n (META PLATFORMS IRELAND LIMITED) »): found under the cell as written, its first line "
            "or without the aside. Websites controlled online are named by their domain (« leboncoin.fr »): kept "
            "by that name. Health: AP-HP, hospitals, the GIP « Innovation e-santé Sud », Inserm, Bayer "
            f"Healthcare, pharmacies. JUDGEMENT: {len(foreign)} controls of organisations whose « Pays » is "
            "not FRANCE (Google LLC in Mountain View, OnePlus in Shenzhen, Microsoft Ireland in Dublin…) are "
            "foreign: quarantined as foreign, or at least never placed in a French département. « PARTICULIER » "
            "(activity « Particulier ») is a private individual, not named: no company. Départements from "
            "« Dépt. » (≥ 90 % of the placed companies in it; « 20 » and « 97 » name no single département and "
            "are left out; DISTRIX is written 32 once and 31 once, both accepted). Duplicated controls merge.",
        },
    )


def cnil_2015():
    folder, name = "cnil_controles_2015", "OpenCNIL_liste_controles_2015_head200.csv"
    rows = rows_of(folder, name)
    head, body = rows[0], rows[1:]
    assert head[2] == "Organismes" and len(head) == 255 and not any(head[6:])
    private = [r for r in body if r[2].strip() == "PERSONNE PHYSIQUE"]
    home = [r for r in body if r not in private]
    depts = [
        (r[2], "2A" if r[3] == "Ajaccio" else r[4]) for r in home if re.fullmatch(r"\d{2}", r[4])
    ]
    keys = {key(r[2]) for r in home}
    truth(
        folder,
        name,
        len(body),
        "Organismes",
        {
            "companies": {"min": len(keys) - 12, "max": len(keys)},
            "company_keys": entries(r[2] for r in home),
            "not_companies": ["PERSONNE PHYSIQUE", "2015", "loi 78", "Paris"],
            "dept_by_key": dept_map(depts),
            "located_min_share": 0.9,
            "kept_or_merged_min": len(home),
            "quarantined_max": len(private),
            "notes": "The CNIL's 2015 controls, first 200 of its 496 records (header and 200 records: 250 physical "
            "lines, names hold quoted line breaks; cut at the end of record 200, byte for byte). 255 columns: six "
            "named, then 249 with an empty header and no value on any line (a spreadsheet's export). « Année » is "
            "the year of the control (2015 on every line): no creation date. « Organismes » is the organisation, "
            "« Lieu de contrôle » the commune, « Département » its code. Names with trailing spaces and line "
            "breaks, ministries with their services (« MINISTÈRE DE LA JUSTICE -\\nTGI DE PARIS »), processings "
            "named for their controller (« TRAITEMENTS MIS EN ŒUVRE PAR OU POUR LE COMPTE DE LA RÉGIE PUBLICITAIRE "
            "… »): kept by the name as written (or its first line). Health: the Dossier pharmaceutique at several "
            "pharmacies, Hôpital Cochin (AP-HP), Santé Mutuelle Services. JUDGEMENT: « PERSONNE PHYSIQUE » is a "
            "natural person, not named: no company. Départements from « Département » (≥ 90 %); « 20 » written "
            "for Ajaccio is Corse-du-Sud (2A).",
        },
    )


# ---------------------------------------------------------------- public procurement (DECP)
def decp():
    folder, name = "decp_travaux_2024", "decp_2024H2_travaux_cpv4521_filtered_head250.csv"
    d = pd.read_csv(HERE / folder / name, dtype=str, keep_default_na=False)
    assert d.titulaire_id.map(siret_ok).all() and d.acheteur_id.map(siret_ok).all()
    groups = {}
    for nom, siret in zip(d.titulaire_nom, d.titulaire_id, strict=True):
        groups.setdefault(siret[:9], set()).update(spellings(nom))
    buyers = sorted(set(d.acheteur_id.str[:9]) - set(groups))
    truth(
        folder,
        name,
        len(d),
        "titulaire_nom",
        {
            "sirens": sorted(groups),
            "companies": {"min": len(groups), "max": d.titulaire_id.nunique()},
            "company_keys": sorted(
                (sorted(g) if len(g) > 1 else next(iter(g)) for g in groups.values()), key=str
            ),
            "forbidden_sirens": buyers,
            "not_companies": sorted(set(d.acheteur_nom)),
            "dept_by_key": dept_map(
                zip(d.titulaire_nom, d.titulaire_departement_code, strict=True)
            ),
            "located_min_share": 0.9,
            "kept_or_merged_min": len(d),
            "quarantined_max": 0,
            "notes": "The first 250 of 8 957 records (head -n 251) of a DECP extract (public works contracts, CPV "
            "4521, second half of 2024) taken from data.gouv.fr's tabular API by a study of procurement risks. "
            "Each line is one contract holder of one contract: « acheteur_nom » / « acheteur_id » is the PUBLIC "
            "BUYER (communes, départements, HLM offices and companies, a SEM), « titulaire_nom » / « titulaire_id » "
            "the company that won, both identified by a valid SIRET, with each one's « _departement_code » and "
            "« _region_code ». JUDGEMENT: read, not asked: the header says which side is the holder; the study "
            "wants the companies that win (titulaire). The buyers are no company of the list: none of their "
            f"{len(buyers)} SIRENs may appear (forbidden_sirens), nor their names. {len(groups)} titulaire "
            "SIRENs (one of them with two SIRETs). Names with the trading name in parentheses (« ELEC ET COMPAGNIE "
            "(DURET SERVICES) »): found as written or without the aside. Sole traders named after their owner "
            "(« NICOLAS GUILLEN », « MARIE PARENTE ») hold a SIRET and the contract: kept as companies, not listed "
            "as persons. Place: « titulaire_departement_code » (972 for Martinique), ≥ 90 %.",
        },
    )


def decp_suppliers():
    folder, name = "decp_fournisseurs_risque", "suppliers_high_risk.csv"
    d = pd.read_csv(HERE / folder / name, dtype=str, keep_default_na=False)
    assert list(d.columns) == ["titulaire_id", "high_edges", "edges", "max_risk"]
    assert d.titulaire_id.map(siret_ok).all()
    truth(
        folder,
        name,
        len(d),
        "none: titulaire_id (a SIRET) is the only identity",
        {
            "sirens": sorted(set(d.titulaire_id.str[:9])),
            "companies": {"min": len(d), "max": len(d)},
            "kept_or_merged_min": len(d),
            "quarantined_max": 0,
            "notes": "The same study's output: the 20 contract holders with the riskiest buyer-supplier links. "
            "English-style headers, NO name column: « titulaire_id » (a valid SIRET on every line) and three "
            "numbers (counts and a score between 0 and 1). JUDGEMENT: read: a SIRET identifies a company better "
            "than a name; every line is one company (20 SIRENs); a careful analyst would take it and let the "
            "register give the names. The counts are no headcount, the score no amount.",
        },
    )


# ---------------------------------------------------------------- a métropole's subsidies (re-saved by Excel)
def toulouse():
    folder, name = "toulouse_subventions_2022", "subventions-toulouse_2022.csv"
    d = pd.read_csv(
        HERE / folder / name, sep=";", dtype=str, keep_default_na=False, encoding="utf-8-sig"
    )
    assert (
        set(d.nomAttribuant) == {"Toulouse Métropole"}
        and (d.idBeneficiaire.str.len().isin([0, 8])).all()
    )
    persons = d[d.type.str.startswith("Indivision")]
    foreign = d[d.nomBeneficiaire.isin(FOREIGN_TOULOUSE)]
    home = d[~d.index.isin(persons.index) & ~d.index.isin(foreign.index)]
    expanded = {f"{float(v.replace(',', '.')):.0f}" for v in d.idBeneficiaire if v}
    keys = {key(n) for n in home.nomBeneficiaire}
    truth(
        folder,
        name,
        len(d),
        "nomBeneficiaire",
        {
            "sirens": [],
            "forbidden_sirens": sorted({e[:9] for e in expanded if siren_ok(e[:9])}),
            "companies": {"min": len(keys) - 3, "max": len(keys) + len(foreign)},
            "company_keys": sorted(keys),
            "person_columns": [
                "nomBeneficiaire (the row whose « type » is « Indivision entre personnes "
                "physiques »)"
            ],
            "persons": persons_from(
                persons.nomBeneficiaire, list(home.nomBeneficiaire) + list(d.catégorie)
            ),
            "not_companies": ["Toulouse Métropole"],
            "kept_or_merged_min": len(home),
            "quarantined_max": len(persons) + len(foreign),
            "notes": "Toulouse Métropole's 2022 subsidies in the SCDL layout, as saved by a student's Excel (UTF-8 "
            "with BOM, « ; », CRLF) with three columns the student added (« secteur », « catégorie », « type »: "
            "the beneficiary's legal form). EVERY identifier was lost to Excel's scientific notation: "
            "« idAttribuant » is « 2,43E+13 » and each « idBeneficiaire » « 7,17E+13 » (ten are empty). "
            "JUDGEMENT: no SIREN can be read from them (sirens = []); the nine digits of their expansion "
            "(71700000000000) are never a SIREN (forbidden_sirens lists those that would pass the check). Every "
            "row is kept by its name (381 names on 396 rows; a bad identifier never quarantines a named row). The "
            "funder Toulouse Métropole is no company. One beneficiary, « type » « Indivision entre personnes "
            "physiques », is named by a surname only: natural persons, never shown (persons). Six are foreign "
            "bodies with no identifier (a Salzburg GmbH, the commune of Málaga, Ramallah municipality…); with no "
            "country column they may be kept or quarantined. No place column.",
        },
    )


FOREIGN_TOULOUSE = [
    "ASOCIACION CIFAL MALAGA",
    "COMMUNE DE MALAGA",
    "FACHHOCHSCHULE SALZBURG GMBH",
    "KENTRO MELETON ASFALEIAS",
    "RAMALLAH MUNICIPALITY",
    "ZEBAU ZETRUM FUR ENERGIE",
]


# ---------------------------------------------------------------- health: drugs, establishments, professionals
COUNTRY_WORDS = (
    "ALLEMAGNE",
    "AUTRICHE",
    "BELGIQUE",
    "DANEMARK",
    "ESPAGNE",
    "HOLLANDE",
    "IRLANDE",
    "LUXEMBOURG",
    "MALTE",
    "PAY-BAS",
    "PAYS BAS",
    "PAYS-BAS",
    "PORTUGAL",
    "SLOVAQUIE",
    "SLOVENIE",
)


def bdpm():
    folder, name = "bdpm_medicaments", "CIS_bdpm_head400.txt"
    rows = rows_of(folder, name, delimiter="\t")
    assert all(len(r) == 12 for r in rows)
    holders = [r[10].strip() for r in rows]
    foreign = {h for h in holders if h.rstrip(")").split("(")[-1].strip() in COUNTRY_WORDS}
    foreign |= {h for h in holders if h.split()[-1] in COUNTRY_WORDS}
    home = sorted(set(holders) - foreign)
    truth(
        folder,
        name,
        len(rows),
        "column 11 (no header row)",
        {
            "header": None,
            "companies": {"min": len(home) - 2, "max": len(home)},
            "company_keys": sorted({key(h) for h in home}),
            "foreign_keys": sorted({key(h) for h in foreign}),
            "not_companies": sorted(
                {r[1] for r in rows[:12]} | {"Autorisation active", "Commercialisée"}
            ),
            "kept_or_merged_min": sum(h in home for h in holders),
            "quarantined_max": sum(h in foreign for h in holders),
            "notes": "The first 400 of 15 756 lines (head -n 400) of the Base de données publique des médicaments' "
            "CIS_bdpm.txt: NO header, tab-separated, 12 fields: CIS code, the drug's name (« ABACAVIR ARROW 300 "
            "mg, comprimé pelliculé sécable », a comma inside), form, route, authorisation status and procedure, "
            "marketing status, date, availability warning, EU number, the marketing-authorisation HOLDER (with a "
            "leading space: « SANDOZ »), reinforced monitoring (Oui/Non). JUDGEMENT: read, not asked: column 11 "
            "is plainly the company (laboratories; the same holder on many lines, 95 distinct); column 2 is a drug "
            "with its dose and form, never a company. Holders written with their country (« BAYER AG "
            "(ALLEMAGNE) », « TEVA (PAYS-BAS) », « KREUSSLER & CO ALLEMAGNE »: "
            f"{len(foreign)} of them) are foreign companies: not counted among the French companies "
            "(quarantined as foreign), never placed. No place column, no identifier.",
        },
    )


def atih():
    folder, name = "atih_etablissements", "finess.xlsx"
    ws = openpyxl.load_workbook(HERE / folder / name, read_only=True).worksheets[0]
    rows = [["" if c is None else str(c) for c in r] for r in ws.iter_rows(values_only=True)]
    head, body = rows[0], rows[1:]
    assert head == ["FINESS", "Raison sociale", "Commune", "Statut Juridique", "Région"]
    assert all(r[1].startswith(r[0] + " - ") for r in body)
    bare = [r[1].split(" - ", 1)[1] for r in body]
    region = {}
    for r in body:
        for k in spellings(r[1]) + spellings(r[1].split(" - ", 1)[1]):
            region.setdefault(k, set()).add(r[4].split(" - ")[0])
    sample = [sorted({key(r[1]), key(b)}) for r, b in list(zip(body, bare, strict=True))[::40]]
    truth(
        folder,
        name,
        len(body),
        "Raison sociale",
        {
            "companies": {"min": len(set(map(key, bare))) - 40, "max": len(body)},
            "company_keys_sample": sample,
            "forbidden_sirens": luhn_nine(r[0] for r in body),
            "not_companies": ["Public", "Privé lucratif", "Privé non lucratif"],
            "region_by_key": {k: sorted(v) for k, v in sorted(region.items())},
            "region_min_share": 0.9,
            "kept_or_merged_min": len(body),
            "quarantined_max": 0,
            "notes": "A list of the 3 974 health establishments of the hospital statistics (ATIH's ScanSanté / Hospi "
            "Diag kind of export, « Liste des établissements »), one sheet. « FINESS » is the establishment's "
            "9-digit FINESS number, and 3 936 of them pass the SIREN check digit (FINESS numbers use the same "
            "Luhn key): JUDGEMENT: a FINESS number is never a SIREN (forbidden_sirens, all of them). « Raison "
            "sociale » repeats the FINESS before the name (« 010000024 - CH DE FLEYRIAT »): the company is found "
            "as written or without the number. « Commune » is a commune name with no postal code (« GEX », "
            "« ST JEAN »), « Région » a code and a name (« 84 - Auvergne-Rhône-Alpes », DOM regions 01-06): "
            "JUDGEMENT: the région is the one sure place (region_by_key, ≥ 90 % when région codes are given); no "
            "département is asked (a commune name alone may name several). « Statut Juridique » is a kind "
            "(Public / Privé lucratif / Privé non lucratif), no name. Names repeat across regions (« POLYCLINIQUE "
            "DU PARC » ×5): distinct establishments, merging them by name is allowed (min).",
        },
    )


def hospidiag():
    folder, name = "hospidiag_2022", "hd2022_head100.csv"
    rows = rows_of(folder, name)
    head, body = rows[0], rows[1:]
    assert head[:5] == ["finess", "rs", "champ_pmsi", "taa", "cat"] and len(head) == 157
    truth(
        folder,
        name,
        len(body),
        "rs",
        {
            "companies": {"min": len(body) - 2, "max": len(body)},
            "company_keys": sorted({key(r[1]) for r in body}),
            "forbidden_sirens": luhn_nine(r[0] for r in body),
            "not_companies": ["CH", "CLI", "DGF", "OQN", "TAA", "CLCC", "EBNL"],
            "kept_or_merged_min": len(body),
            "quarantined_max": 0,
            "notes": "The first 100 of the 1 490 establishments (head -n 101, no quoted line break) of ATIH's Hospi "
            "Diag 2022 (hospital indicators): 157 columns, codes as headers (« finess », « rs », « cat », « A7 », "
            "« CI_AC1 »…), numbers padded with spaces and written with a comma (« 15,2 »), « .c » / « .z » for "
            "secret or missing values, and text indicators (« Cataracte : 790 »). « rs » (raison sociale) is the "
            "name; « finess » a FINESS number (all 100 pass the SIREN check: never a SIREN); « cat » the kind "
            "(CH, CLI, CLCC…), « champ_pmsi » and « taa » funding codes. JUDGEMENT: read, not asked: « rs » is "
            "the only text column of names. No place (a FINESS number's first digits are no stated place).",
        },
    )


def finess():
    folder, name = "finess_etalab_extrait", "etalab_small_20201231.csv"
    d = pd.read_csv(HERE / folder / name, sep=";", dtype=str, keep_default_na=False)
    valid = d.siret.map(siret_ok)
    assert valid.sum() == 95 and (d.siret[~valid] == "").all()
    groups = {}
    for rs, long_, siret in zip(d.rs, d.rslongue, d.siret, strict=True):
        groups.setdefault(siret[:9] if siret else key(rs), set()).update({key(rs), key(long_)})
    sirens = sorted(set(d.siret[valid].str[:9]))
    finess_numbers = luhn_nine(list(d.nofinesset) + list(d.nofinessej))
    truth(
        folder,
        name,
        len(d),
        "rs (rslongue is the long form of the same name)",
        {
            "sirens": sirens,
            "companies": {"min": len(sirens), "max": len(d)},
            "company_keys": sorted(
                (sorted(g) if len(g) > 1 else next(iter(g)) for g in groups.values()), key=str
            ),
            "forbidden_sirens": sorted(set(finess_numbers) - set(sirens)),
            "not_companies": ["AIN", "AUVERGNE-RHONE-ALPES", "Pharmacie d'Officine", "C.H."],
            "dept_by_key": dept_map(
                [(rs, "01") for rs in d.rs] + [(long_, "01") for long_ in d.rslongue]
            ),
            "located_min_share": 0.97,
            "kept_or_merged_min": len(d),
            "quarantined_max": 0,
            "notes": "A 100-line extract (the Ain's first establishments: hospitals, 59 pharmacies, medico-social "
            "services) of the FINESS establishments file (« etalab-cs1100507 »), cut by the re-user, who also "
            "wrote a header row with the FINESS field names (the published file has none, its first line being "
            "« finess;etalab;… »): « nofinesset », « nofinessej » (two FINESS numbers, every one passing the "
            "SIREN check: never a SIREN), « rs » and « rslongue » (short and long name of the same "
            "establishment), the address in pieces, « codepostal » with CEDEX codes (01012), « ligneacheminement » "
            "(« 01440 VIRIAT »: code and commune in one cell), « departement » 01, « siret » (95 valid, 5 empty). "
            "Mixed encodings: the text is UTF-8 but 272 accented letters were replaced by U+FFFD before (« R\ufffd"
            "sidences autonomie »; one long name). JUDGEMENT: read, « rs » or « rslongue » both right (each "
            "company is found under either). Establishments of one SIREN (the Hauteville hospital's three units) "
            "may merge (min = SIRENs). Every one is in the Ain (01).",
        },
    )


def rpps():
    folder, name = "rpps_extrait", "PS_LibreAcces_Personne_activite_small.txt"
    d = pd.read_csv(HERE / folder / name, sep="|", dtype=str, keep_default_na=False)
    surname, first = d["Nom d'exercice"], d["Prénom d'exercice"]
    structure = d["Raison sociale site"].str.strip() != ""
    others = [
        v for c in d.columns if c not in ("Nom d'exercice", "Prénom d'exercice") for v in d[c]
    ]
    full = [f"{p} {n}" for n, p in zip(surname, first, strict=True)]
    full += [f"{n} {p}" for n, p in zip(surname, first, strict=True)]
    other_words = set().union(*(words(v) for v in others))
    surnames = [n for n in set(surname) if len(norm(n)) >= 4 and not (words(n) & other_words)]
    sites = d[structure]
    ids = sites["Numéro SIRET site"]
    sirens = sorted(sirens_of(ids))
    codes = zip(
        sites["Raison sociale site"], sites["Code postal (coord. structure)"].str[:2], strict=True
    )
    truth(
        folder,
        name,
        len(d),
        "Raison sociale site",
        {
            "person_columns": ["Nom d'exercice", "Prénom d'exercice", "Libellé civilité"],
            "persons": persons_from(full + surnames, others),
            "sirens": sirens,
            "companies": {"min": len(sirens), "max": int(structure.sum())},
            "company_keys": company_keys(sites["Raison sociale site"], ids),
            "forbidden_sirens": sorted(
                set(
                    luhn_nine(
                        list(d["Numéro FINESS site"])
                        + list(d["Numéro FINESS établissement juridique"])
                    )
                )
                - set(sirens)
            ),
            "dept_by_key": dept_map(codes),
            "located_min_share": 1.0,
            "kept_or_merged_min": int(structure.sum()),
            "quarantined_max": int((~structure).sum()),
            "notes": "A 22-line sample (the re-user's « _small » file) of the Annuaire Santé's public extraction "
            "(RPPS, « PS_LibreAcces_Personne_activite »): « | »-separated, 53 columns, one line per health "
            "professional's activity. « Nom d'exercice », « Prénom d'exercice », « Libellé civilité » are the "
            "PROFESSIONAL (a natural person): never shown. The company is the activity's site: « Raison sociale "
            "site » (given on 13 lines: opticians' shops, hospitals, a laboratory, a medico-social service, "
            "« CABINET MME <surname> »), with « Numéro SIRET site » (12 valid SIRETs), « Numéro FINESS site » and "
            "« Numéro FINESS établissement juridique » (FINESS numbers, passing the SIREN check: never a SIREN), "
            "« Numéro SIREN site » EMPTY on every line, « Ancien identifiant de la structure » (« 3 » + SIRET, or "
            "« 1 » + FINESS: no SIRET), « Bureau cedex » (« 25300 DOUBS »: code and commune in one cell) and "
            "« Code postal ». JUDGEMENT: read: the 13 sites are the companies, placed by their postal code; the 9 "
            "lines with no site name only a person: quarantined (no company), never shown. A cabinet named after "
            "its professional is kept by its name (as in tests/data/real, a company's name may hold a surname).",
        },
    )


def ameli():
    folder, name = "ameli_pediatres", "pediatres-00-00_head60.csv"
    rows = rows_of(folder, name, delimiter=";")
    assert all(len(r) == 33 and r[0] in ("F", "H") for r in rows)
    full = [f"{r[2]} {r[1]}" for r in rows] + [f"{r[1]} {r[2]}" for r in rows]
    places = [r[6] for r in rows] + [r[8] for r in rows] + [r[5] for r in rows]
    write(
        folder,
        {
            "file": name,
            "outcome": "asks",
            "rows": len(rows),
            "header": None,
            "competing_columns": [],
            "person_columns": ["colonne 2", "colonne 3", "colonne 4"],
            "persons": persons_from(full + [r[1] for r in rows if len(r[1]) >= 4], places),
            "forbidden_sirens": luhn_nine(r[9] for r in rows),
            "notes": "The first 60 lines (head -n 60) of a re-user's export of the Assurance Maladie's directory of "
            "health professionals' fees (« ps-tarifs »), paediatricians: NO header, « ; », 33 fields: sex (F/H), "
            "SURNAME, first name, a practice name (« CABINET DE PEDIATRIE », or « CABINET DU DR <first name> "
            "<surname> »), a building, the street, postal code, commune, a 9-digit telephone number with its "
            "leading 0 dropped (« 381605398 »: nine digits like a SIREN; none of these 60 passes its check, "
            "and none may be read as one), a profession code (60), "
            "then act codes and fees. Each line is a natural person (the same doctor on several lines, one per "
            "act). JUDGEMENT: asks: there is no company in this file (a practice named after its doctor is that "
            "doctor); a careful analyst would stop and say the file lists persons. It must stop (non-zero exit) "
            "and never show a name, nor read a telephone number as a SIREN.",
        },
        HERE,
    )


# ---------------------------------------------------------------- a public directory, an EU project, a fair
def dila():
    folder, name = "dila_annuaire_06", "annuaire-de-ladministration-base-de-donnees-locales.xlsx"
    ws = openpyxl.load_workbook(HERE / folder / name, read_only=True).worksheets[0]
    rows = [["" if c is None else str(c) for c in r] for r in ws.iter_rows(values_only=True)]
    head, body = rows[0], rows[1:]
    assert head[4] == "Nom de l'entité" and head[14] == "Département"
    assert {r[14] for r in body} == {"ALPES-MARITIMES"}
    names = [r[4] for r in body]
    truth(
        folder,
        name,
        len(body),
        "Nom de l'entité",
        {
            "companies": {"min": len({key(n) for n in names}) - 30, "max": len(body)},
            "company_keys_sample": sorted({key(n) for n in names})[::10],
            "not_companies": sorted({r[5] for r in body if r[5]} | {"ALPES-MARITIMES"}),
            "dept_by_key": {key(n): ["06"] for n in names},
            "located_min_share": 0.9,
            "kept_or_merged_min": len(body),
            "quarantined_max": 0,
            "notes": "A re-user's extract of the DILA's « Annuaire de l'administration – base de données locales » "
            "for the Alpes-Maritimes, one sheet: 499 public offices (town halls, gendarmeries, CPAM and CAF "
            "desks, tax offices, courts) with « Type d'entité », « Nom de l'entité », « Editeur de la source » "
            "(the DILA or the Ministère de la Justice: the publisher, never the row's organisation), « Commune », "
            "« Adresse », « Code Postal » (text, 06xxx), « Coordonnées » (« 43.775592, 7.502823 »: latitude and "
            "longitude in one cell), e-mail, URL; the re-user added « EPCI », « Département » (ALPES-MARITIMES on "
            "every line) and « Région », and 163 lines holding only a commune (its INSEE code and name in « Nom de "
            "l'entité »). JUDGEMENT: read: « Nom de l'entité » names each line's organisation (a commune line "
            "names the commune: kept by its name); all are in the Alpes-Maritimes (06). No company of the "
            "digital-health sector here: a public directory a user might load by mistake, read without harm.",
        },
    )


def remedi_partners():
    folder, name = "remedi4all_partners", "partner_info.csv"
    d = pd.read_csv(HERE / folder / name, dtype=str, keep_default_na=False)
    assert list(d.columns) == ["Name", "Location", "acronym", "info_link"]
    home, foreign = d[d.Location == "FR"], d[d.Location != "FR"]
    truth(
        folder,
        name,
        len(d),
        "Name",
        {
            "companies": {"min": len(home), "max": len(home)},
            "company_keys": sorted(key(n) for n in home.Name),
            "foreign_keys": sorted(key(n) for n in foreign.Name),
            "kept_or_merged_min": len(home),
            "quarantined_max": len(foreign),
            "notes": "The partners of REMEDI4ALL (an EU Horizon Europe project on drug repurposing) from its "
            "dashboard's data: English headers « Name », « Location » (a two-letter country code: NL, DE, FI, "
            "FR…), « acronym » (a short name, not the company), « info_link » (a web site). JUDGEMENT: 22 of the "
            "24 partners are outside France (Fraunhofer, Karolinska, Bfarm…): foreign, quarantined as foreign "
            "like the foreign rows of tests/data/real (vivatech); the two French ones (ECRIN, EURORDIS) are read, "
            "with no département (a country code is no French place).",
        },
    )


def remedi_people():
    folder, name = "remedi4all_people", "person_info.csv"
    d = pd.read_csv(HERE / folder / name, dtype=str, keep_default_na=False)
    assert list(d.columns) == ["Partner", "Name", "ORCID"]
    truth(
        folder,
        name,
        len(d),
        "Partner",
        {
            "person_columns": ["Name", "ORCID"],
            "persons": persons_from(d.Name, d.Partner),
            "companies": {"min": d.Partner.nunique(), "max": d.Partner.nunique()},
            "company_keys": sorted({key(n) for n in d.Partner}),
            "kept_or_merged_min": len(d),
            "quarantined_max": 0,
            "notes": "The same project's people: « Partner » (the organisation), « Name » (a RESEARCHER: a natural "
            "person, « First Last ») and « ORCID » (the person's identifier, a web address). JUDGEMENT: read: the "
            "company is « Partner » (20 organisations, repeated per person); « Name » — the header every English "
            "company list uses for the company — here holds persons, as the ORCID beside it shows: never shown. "
            "No country column: the partners' countries cannot be told from this file, so none is asked "
            "(companies may stay unplaced).",
        },
    )


def salon():
    folder, name = "salon_terroir_exposants", "exposants.csv"
    d = pd.read_csv(
        HERE / folder / name, sep=";", dtype=str, keep_default_na=False, encoding="utf-8-sig"
    )
    assert list(d.columns) == ["Produit", "Région", "Nom de l'exploitation", "STAND"]
    named = d[d["Nom de l'exploitation"].str.strip() != ""]
    owner = named[named["Nom de l'exploitation"] == "Jackel Enzo"]
    farms = named.drop(owner.index)
    truth(
        folder,
        name,
        len(d),
        "Nom de l'exploitation",
        {
            "companies": {"min": len(farms) - 1, "max": len(named)},
            "company_keys": sorted({key(n) for n in farms["Nom de l'exploitation"]}),
            "not_companies": sorted(set(d.Produit) | {"Bordeaux", "Champagne", "Jura"}),
            "unplaced_keys": sorted({key(n) for n in named["Nom de l'exploitation"]}),
            "kept_or_merged_min": len(farms),
            "quarantined_max": len(d) - len(farms),
            "notes": "A small local fair's exhibitors (« Salon du terroir »), UTF-8 with BOM, « ; »: « Produit » "
            "(wine, cheese, vanilla), « Région » (the PRODUCE's origin, a wine area or a country: « Bordeaux », "
            "« Rhône (Vinsobres) », « Chateau neuf du pape », « Madagascar », « JSP » (« je ne sais pas »), "
            "« Tarn », « Jura »), « Nom de l'exploitation » (the exhibitor: EARL, domaines, châteaux), « STAND » "
            "(« B2 », or a note: « en vacance attendre la semaine pro »). JUDGEMENT: read; « Région » is no place "
            "of the exhibitor (a Jura cheese maker may sit anywhere; « Tarn » and « Jura » are département names "
            "by accident): no exhibitor may be placed from it, in a département or a région (unplaced_keys). "
            "One line has no exhibitor name (no identity: quarantined). « Jackel Enzo » may be a producer's "
            "own name: neither required nor forbidden.",
        },
    )


def main() -> None:
    cnil_2022()
    cnil_2015()
    decp()
    decp_suppliers()
    toulouse()
    bdpm()
    atih()
    hospidiag()
    finess()
    rpps()
    ameli()
    dila()
    remedi_partners()
    remedi_people()
    salon()


if __name__ == "__main__":
    main()
