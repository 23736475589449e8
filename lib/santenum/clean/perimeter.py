"""Which companies belong to the filière, on evidence (issue 31, docs/perimeter.md).

Every company gets a status (core.table.perimeter.PerimeterStatus) with its evidence:
- the analyst's decision (RAW/perimetre_decisions.csv) overrides everything else;
- an answer to a survey its source.yml declares (`kind: survey`) that declares a digital-health
  activity (a share of activity above 0, else a segment of segments.yml — « Autres » included, a
  digital-health activity the taxonomy does not name —, else products) puts the company in; a
  share of 0 puts it out;
- a source whose source.yml says `perimeter: <label>` puts its companies in, with that label;
- evidence that disagrees (a list says in, the survey says 0 %) decides nothing: à qualifier, with
  both, told on stderr;
- the rest (the register's candidates, lists without `perimeter:`, answers that declare nothing)
  are à qualifier, with a score (clean/perimeter_score.py) that sorts the worklist.
Activity codes neither include nor exclude: they only weigh in the score.
"""

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from santenum.clean import perimeter_decisions as decisions
from santenum.clean.discover import load_options
from santenum.clean.perimeter_score import activity_columns, row_texts, score_companies
from santenum.core import french, reference
from santenum.core.errors import InputError
from santenum.core.quality import (
    PERIMETER_DECISION,
    PERIMETER_SURVEY,
    PerimeterCounts,
    PerimeterQuality,
)
from santenum.core.table.lists import as_arrow, is_empty
from santenum.core.table.perimeter import PerimeterStatus
from santenum.core.text import name_key

SURVEY, REGISTER = "survey", "sirene"
IN, TO_QUALIFY, OUT = (s.value for s in PerimeterStatus)
CONFLICT = "conflit"
BY_DECISION = "décision"
BY_WORDS = "mots du nom ou de l'activité"
BY_OPTION = "source.yml de {}"
# perimetre.csv: one row per active company, those à qualifier first, highest score first.
TABLE_COLUMNS = [
    "siren",
    "name",
    "commune",
    "commune_code",
    "status",
    "evidence",
    "score",
    "segment",
    "segment_source",
    "sources",
    "decision",
    "note",
]


# The rows' columns the perimeter reads (the evidence, the texts of the score, the segments).
ROW_COLUMNS = [
    "company",
    "source",
    "kind",
    "_source_order",
    "row",
    "_position",
    "_natural_person",
    "name",
    "name_key",
    "_given_name",
    "segment",
    "products",
    "digital_health_share",
]


@dataclass(frozen=True)
class Perimeter:
    """What qualify() found besides the statuses: perimetre.csv, quality.json's record and the
    lines to tell on stderr (conflicts, decisions that fit no company or several)."""

    table: pd.DataFrame
    quality: PerimeterQuality
    notices: list


def _refuse_register_evidence(sources: list) -> None:
    for source in sources:
        if source.perimeter and source.kind == REGISTER:
            raise InputError(
                source.path.parent / "source.yml",
                f"{source.label}: perimeter: a register extract (kind sirene) is no evidence: "
                "activity codes neither include nor exclude",
            )


def declared_survey(source) -> bool:
    """True for a survey its source.yml declares (`kind: survey`): its answers are evidence. A file
    read as a survey by its columns alone is not (a directory's « Domaine d'activité » or
    « Offre » can read as segments and products): its companies wait until source.yml says so."""
    return load_options(source.path).get("kind") == SURVEY


def _survey_evidence(rows: pd.DataFrame, sources: list) -> pd.DataFrame:
    """company, key, text, sign (+1 in, -1 out) of the declared surveys' answers that say
    something."""
    surveys = [order for order, source in enumerate(sources) if declared_survey(source)]
    answers = rows[rows["_source_order"].isin(surveys)]
    share = answers["digital_health_share"].astype("Float64")
    segment = answers["segment"].notna()
    products = ~is_empty(answers["products"])
    text = pd.Series(pd.NA, index=answers.index, dtype="string")
    text = text.mask(products, "enquête : produits").mask(segment, "enquête : segment")
    given = share.notna().to_numpy(dtype=bool)
    text[given] = ["enquête : part " + french.percent(v) for v in share[given]]
    sign = pd.Series(1, index=answers.index).mask(share.eq(0).fillna(False).astype(bool), -1)
    found = pd.DataFrame(
        {"company": answers["company"], "key": PERIMETER_SURVEY, "text": text, "sign": sign}
    )
    return found[text.notna()].assign(order=1)


def _list_evidence(rows: pd.DataFrame, sources: list) -> pd.DataFrame:
    """company, key (the label), text, sign of the rows of sources with `perimeter:`."""
    label = rows["_source_order"].map({i: s.perimeter for i, s in enumerate(sources)})
    mine = rows[label.notna()]
    return pd.DataFrame(
        {
            "company": mine["company"],
            "key": label[mine.index],
            "text": label[mine.index],
            "sign": 1,
            "order": 2 + mine["_source_order"],
        }
    )


def _decision_evidence(decided: pd.DataFrame) -> pd.DataFrame:
    yes = decided["decision"].astype(bool)
    return pd.DataFrame(
        {
            "company": decided.index,
            "key": PERIMETER_DECISION,
            "text": yes.map({True: "décision : oui", False: "décision : non"}).to_numpy(),
            "sign": yes.map({True: 1, False: -1}).to_numpy(),
            "order": 0,
        }
    )


def _statuses(evidence: pd.DataFrame, index: pd.Index) -> pd.DataFrame:
    """Per company: status, conflict (evidence that disagrees, no decision) and evidence text."""
    found = evidence[evidence["key"].ne(PERIMETER_DECISION)]
    positive = found["sign"].gt(0).groupby(found["company"]).any().reindex(index, fill_value=False)
    negative = found["sign"].lt(0).groupby(found["company"]).any().reindex(index, fill_value=False)
    chosen = evidence[evidence["key"].eq(PERIMETER_DECISION)].set_index("company")["sign"]
    status = pd.Series(TO_QUALIFY, index=index, dtype="string")
    status[positive & ~negative] = IN
    status[negative & ~positive] = OUT
    status.loc[chosen.index[chosen > 0]] = IN
    status.loc[chosen.index[chosen < 0]] = OUT
    conflict = positive & negative & ~index.isin(chosen.index)
    texts = evidence.sort_values(["order"], kind="stable").drop_duplicates(["company", "text"])
    text = texts.groupby("company")["text"].agg(" ; ".join).reindex(index).astype("string")
    text[conflict] = CONFLICT + " : " + text[conflict]
    return pd.DataFrame({"status": status, "conflict": conflict, "evidence": text})


def _counts(statuses: pd.DataFrame, evidence: pd.DataFrame) -> PerimeterCounts:
    """The counts of these companies' statuses, and by evidence for those in."""
    inside = statuses.index[statuses["status"].eq(IN)]
    reaching = evidence[evidence["sign"].gt(0) & evidence["company"].isin(inside)]
    by_key = reaching.drop_duplicates(["company", "key"])["key"].value_counts(sort=False)
    first = reaching.sort_values("order", kind="stable").drop_duplicates("company")
    ordered = reaching.sort_values("order", kind="stable")["key"].drop_duplicates()
    by_first = first["key"].value_counts(sort=False)
    status = statuses["status"].value_counts()
    return PerimeterCounts(
        in_perimeter=int(status.get(IN, 0)),
        to_qualify=int(status.get(TO_QUALIFY, 0)),
        out_of_perimeter=int(status.get(OUT, 0)),
        by_evidence={k: int(by_key[k]) for k in ordered},
        by_first_evidence={k: int(by_first[k]) for k in ordered if k in by_first.index},
        conflicts=int(statuses["conflict"].sum()),
    )


def _segments(rows, companies, sources, words, decided) -> pd.DataFrame:
    """Per company: the proposed segment and where it comes from — the decision, a file that
    declares it (the survey first), a source.yml's `segment:`, the words of its texts."""
    declared = rows[rows["segment"].notna()].assign(
        _rank=lambda r: r["kind"].map({SURVEY: 0}).fillna(1)
    )
    declared = declared.sort_values(["_rank", "_source_order", "row"], kind="stable")
    declared = declared.drop_duplicates("company").set_index("company")
    option = rows["_source_order"].map({i: s.segment for i, s in enumerate(sources)})
    proposed = rows.assign(_option=option)[option.notna()].drop_duplicates("company")
    proposed = proposed.set_index("company")
    index = companies.index
    layers = [  # the first that gives a segment wins
        (decided["segment"], BY_DECISION),
        (declared["segment"], declared["source"]),
        (proposed["_option"], proposed["source"].map(BY_OPTION.format)),
        (words.segment, BY_WORDS),
    ]
    found = pd.DataFrame({"segment": pd.NA, "segment_source": pd.NA}, index=index, dtype="string")
    for values, origin in layers:
        values = values.reindex(index)
        todo = found["segment"].isna() & values.notna()
        origin = origin.reindex(index) if isinstance(origin, pd.Series) else origin
        found.loc[todo, "segment"] = values[todo]
        found.loc[todo, "segment_source"] = (
            origin[todo] if isinstance(origin, pd.Series) else origin
        )
    return found


def _individuals(rows: pd.DataFrame, index: pd.Index) -> pd.Series:
    """Companies that are an individual entrepreneur (a natural person's row names them): known
    by their SIREN only, never by a name."""
    return rows["_natural_person"].astype(bool).groupby(rows["company"]).any().reindex(index)


def _name_keys(names: pd.Series, rows: pd.DataFrame) -> pd.Series:
    """name_key() of each company's name (index: company): a row's own key where the company
    bears the name that row gave (its key is the key of that name), computed for the others
    (a name the register or another file gave)."""
    named = names.reindex(rows["company"]).set_axis(rows.index)
    same = rows["_given_name"].eq(named).fillna(False).to_numpy(dtype=bool)
    known = rows.loc[same, ["company", "name_key"]].drop_duplicates("company")
    keys = known.set_index("company")["name_key"].reindex(names.index)
    todo = ~names.index.isin(known["company"]) & names.notna().to_numpy()
    keys[todo] = name_key(names[todo])
    return keys


def _worklist_order(companies, statuses, score, active, keys) -> np.ndarray:
    """The positions of the active companies in perimetre.csv's order: à qualifier first, highest
    score first, then by name key and company id (Arrow's sort: stable, by code point as Python)."""
    rank = statuses["status"].map({TO_QUALIFY: 0, IN: 1, OUT: 2}).to_numpy()[active]
    order = -np.where(rank == 0, score.score.to_numpy()[active], 0)
    keys = pa.table(
        {
            "rank": rank,
            "order": order,
            "key": as_arrow(keys[active].fillna(""), pa.large_string()),
            "id": as_arrow(companies["company_id"][active], pa.large_string()),
        }
    )
    ranked = pc.sort_indices(keys, sort_keys=[(k, "ascending") for k in keys.column_names])
    return np.flatnonzero(active)[ranked.to_numpy()]


def _table(companies, statuses, score, segments, decided, rows) -> pd.DataFrame:
    """perimetre.csv: active companies, à qualifier first and highest score first."""
    active = ~companies["closed"].fillna(False).astype(bool).to_numpy()
    keys = _name_keys(companies["name"], rows)
    at = _worklist_order(companies, statuses, score, active, keys)
    individual = _individuals(rows, companies.index)
    chosen = companies[["siren", "name", "commune_code", "sources"]].iloc[at]
    communes = reference.table("communes").set_index("commune_code")["commune_name"]
    person = individual.fillna(False).astype(bool).to_numpy()[at]
    decision = decided["decision"].map({True: "oui", False: "non"})
    note = decided["note"].reindex(chosen.index).mask(person)
    return pd.DataFrame(
        {
            "siren": chosen["siren"],
            "name": chosen["name"].mask(person),
            "commune": chosen["commune_code"].map(communes),
            "commune_code": chosen["commune_code"],
            "status": statuses["status"].iloc[at],
            "evidence": statuses["evidence"].iloc[at],
            "score": score.score.iloc[at],
            "segment": segments["segment"].iloc[at],
            "segment_source": segments["segment_source"].iloc[at],
            "sources": pd.arrays.ArrowStringArray(
                pc.binary_join(as_arrow(chosen["sources"]), " ; ")
            ),
            "decision": decision.reindex(chosen.index).astype("string"),
            "note": note,
        },
        index=chosen.index,
    )[TABLE_COLUMNS].reset_index(drop=True)


def _notices(statuses: pd.DataFrame, matched: decisions.Matched, path, sources: list) -> list:
    notices = [
        f"{source.label} : lu comme une enquête, mais son source.yml ne le déclare pas (kind: "
        "survey) : ses réponses ne mettent aucune entreprise dans le périmètre"
        for source in sources
        if source.kind == SURVEY and not declared_survey(source)
    ]
    conflicts = int(statuses["conflict"].sum())
    if conflicts:
        notices.append(
            f"périmètre : {conflicts} entreprise(s) dont les preuves se contredisent (une liste "
            "les met dans le périmètre, l'enquête déclare 0 %) : à qualifier dans perimetre.csv"
        )
    name = Path(path).name if path else ""
    if matched.unmatched:
        lines = ", ".join(map(str, matched.unmatched[:20]))
        notices.append(
            f"{name} : {len(matched.unmatched)} décision(s) sur une entreprise absente de cette "
            f"édition (ligne(s) {lines}) : gardées dans le fichier, sans effet ici"
        )
    if matched.ambiguous:
        lines = ", ".join(map(str, matched.ambiguous[:20]))
        notices.append(
            f"{name} : ligne(s) {lines} : le nom et la commune désignent plusieurs entreprises, "
            "aucune n'est décidée ; donner le SIREN"
        )
    return notices


def qualify(
    companies: pd.DataFrame, rows: pd.DataFrame, fields: pd.DataFrame, sources: list, raw_dir
) -> tuple[pd.DataFrame, Perimeter]:
    """The companies with their `perimeter` status (and a decision's segment), and the rest.

    companies: indexed by the company label of rows' `company` column, company_id assigned;
    rows: the accepted rows (parse.parse_rows' columns); fields: their input fields.
    """
    _refuse_register_evidence(sources)
    rows = rows[ROW_COLUMNS]
    rows = rows[rows["company"].isin(companies.index)]
    given = decisions.read_decisions(Path(raw_dir))
    matched = decisions.match(given, companies, rows)
    decided = matched.decided
    evidence = pd.concat(
        [
            _decision_evidence(decided),
            _survey_evidence(rows, sources),
            _list_evidence(rows, sources),
        ],
        ignore_index=True,
    )
    statuses = _statuses(evidence, companies.index)
    texts = row_texts(rows, fields, sources)
    score = score_companies(rows, texts, companies["naf_code"])
    segments = _segments(rows, companies, sources, score, decided)
    companies = companies.assign(perimeter=statuses["status"])
    with_segment = decided["segment"].dropna()
    companies.loc[with_segment.index, "segment"] = with_segment
    active = ~companies["closed"].fillna(False).astype(bool)
    region = companies["region_code"][active]
    by_region = region.groupby(region).groups
    quality = PerimeterQuality(
        total=_counts(statuses[active], evidence),
        regions={code: _counts(statuses.loc[mine], evidence) for code, mine in by_region.items()},
        decisions_read=given.read,
        decisions_applied=len(decided),
        decisions_unmatched=matched.unmatched,
        decisions_ambiguous=matched.ambiguous,
        text_columns={s.label: activity_columns(s) for s in sources if activity_columns(s)},
    )
    table = _table(companies, statuses, score, segments, decided, rows)
    return companies, Perimeter(table, quality, _notices(statuses, matched, given.path, sources))
