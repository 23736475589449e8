"""Which companies belong to the filière (issue 31): statuses and their evidence, the worklist's
score, the analyst's decisions, perimetre.csv and quality.json's record, on a small raw folder
whose truth is written below by hand."""

import json

import pandas as pd
import pytest
from stdnum import luhn

from santenum.clean import clean_directory, write_outputs
from santenum.clean.discover import discover, read_config
from santenum.clean.perimeter_decisions import read_decisions
from santenum.cli import main
from santenum.core.errors import InputError

AS_OF = "2023-06-30"
IN, TO_QUALIFY, OUT = "dans le périmètre", "à qualifier", "hors périmètre"
HDS = "hébergeur de données de santé certifié"


def siren(stem: int) -> str:
    text = f"{stem:08d}"
    return text + luhn.calc_check_digit(text)


S = {name: siren(10_000_000 + i) for i, name in enumerate("ABCDEFGHIJKLMNOP")}
GONE = siren(99_999_999)  # a company the edition does not hold
SURVEY = [
    [
        "Raison sociale",
        "SIREN",
        "Code postal",
        "Commune",
        "Segment",
        "Produits",
        "Part santé numérique",
    ],
    ["Télésoin Plus", S["A"], "34000", "Montpellier", "Télémédecine", "", "80 %"],
    ["Boulangerie Numérique", S["B"], "31000", "Toulouse", "", "", "0 %"],
    ["Segmenta", S["C"], "30000", "Nîmes", "Data", "", ""],
    ["Produita", S["D"], "34000", "Montpellier", "", "Logiciel", ""],
    ["Muette", S["E"], "34000", "Montpellier", "", "", ""],
    ["Conflictus", S["F"], "31000", "Toulouse", "", "", "0"],
]
HOSTS = [["Raison sociale", "SIREN"], ["Hostia", S["G"]], ["Conflictus", S["F"]]]
GRANTS = [
    ["Bénéficiaire", "SIREN", "Code postal", "Objet de la subvention"],
    ["Cardiologix", S["H"], "34000", "développement commercial"],
    ["Garage Martin", S["I"], "31000", "rénovation de l'atelier"],
    ["Zoliva", S["J"], "30000", "plateforme de télésurveillance des patients"],
]
REGISTER = [
    [
        "siren",
        "denominationUniteLegale",
        "nomUniteLegale",
        "categorieJuridiqueUniteLegale",
        "codePostalEtablissement",
        "codeCommuneEtablissement",
        "activitePrincipaleEtablissement",
        "etablissementSiege",
    ],
    [S["K"], "MEDISOFT SANTE", "", "5710", "34000", "34172", "62.01Z", "true"],
    [S["L"], "TRANSPORTS DUPONT", "", "5710", "31000", "31555", "49.41A", "true"],
    [S["M"], "", "DURAND", "1000", "30000", "30189", "62.01Z", "true"],
    [S["N"], "KALIPSO", "", "5710", "34000", "34172", "86.90F", "true"],
    [S["O"], "FIZOLA", "", "5710", "34000", "34172", "62.01Z", "true"],
]


def write(path, rows, delimiter=";") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(delimiter.join(row) for row in rows) + "\n", encoding="utf-8")


def make_raw(folder):
    """survey/, hds/ (an evidence list proposing a segment), aides/ (a list without perimeter:)
    and sirene/ (register candidates, an individual entrepreneur among them)."""
    write(folder / "enquete" / "enquete.csv", SURVEY)
    (folder / "enquete" / "source.yml").write_text("kind: survey\nregion: '76'\n")
    write(folder / "hds" / "hebergeurs.csv", HOSTS)
    (folder / "hds" / "source.yml").write_text(
        f"kind: list\nperimeter: {HDS}\nsegment: hébergement de données de santé\n",
        encoding="utf-8",
    )
    write(folder / "aides" / "aides.csv", GRANTS)
    write(folder / "sirene" / "extrait.csv", REGISTER, delimiter=",")
    (folder / "sirene" / "source.yml").write_text("kind: sirene\n")
    return folder


@pytest.fixture
def raw(tmp_path):
    return make_raw(tmp_path / "raw")


def clean(folder):
    return clean_directory(folder, as_of=AS_OF, show_progress=False)


def by_siren(result) -> pd.DataFrame:
    return result.perimeter.set_index("siren")


def decide(folder, text: str) -> None:
    (folder / "perimetre_decisions.csv").write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def cleaned(tmp_path_factory):
    """The folder cleaned without decisions (once for the tests that only read it)."""
    return clean(make_raw(tmp_path_factory.mktemp("perimeter") / "raw"))


@pytest.fixture(scope="module")
def decided(tmp_path_factory):
    """The folder cleaned with decisions that override every kind of evidence, and one on a
    company this edition does not hold."""
    folder = make_raw(tmp_path_factory.mktemp("decided") / "raw")
    decide(
        folder,
        "siren;name;commune;decision;segment;note\n"
        f"{S['B']};;;oui;;répond 0 % mais édite un DPI\n"  # over the survey's 0 %
        f"{S['G']};;;non;;hébergeur généraliste\n"  # over an evidence list
        ";Muette;Montpellier;oui;télémédecine;\n"  # by name and commune, with a segment
        ";MEDISOFT SANTE;34172;non;;\n"  # a commune code; the SIREN is not needed
        f"{GONE};Muette;Montpellier;non;;\n",  # another SIREN is another company: no Muette
    )
    return clean(folder)


def test_the_survey_declares_in_or_out_and_a_silent_answer_asks(cleaned):
    table = by_siren(cleaned)
    assert table.loc[S["A"], "status"] == IN  # a share above 0
    assert table.loc[S["C"], "status"] == IN  # a segment, no share
    assert table.loc[S["D"], "status"] == IN  # products, no share
    assert table.loc[S["B"], "status"] == OUT  # a share of 0
    assert table.loc[S["E"], "status"] == TO_QUALIFY  # answered nothing of its activity
    assert table.loc[S["A"], "evidence"] == "enquête : part 80,0\u00a0%"
    assert table.loc[S["B"], "evidence"] == "enquête : part 0,0\u00a0%"


def test_an_evidence_list_puts_its_companies_in_with_its_label_and_segment(cleaned):
    table = by_siren(cleaned)
    assert table.loc[S["G"], "status"] == IN
    assert table.loc[S["G"], "evidence"] == HDS
    assert table.loc[S["G"], "segment"] == "Cybersécurité & hébergement de données de santé"
    assert table.loc[S["G"], "segment_source"] == "source.yml de hds/hebergeurs.csv"
    assert table.loc[S["A"], "segment_source"] == "enquete/enquete.csv"  # the survey's own


def test_candidates_and_lists_without_perimeter_are_never_in_on_their_own(cleaned):
    table = by_siren(cleaned)
    for key in "HIJKLMNO":
        assert table.loc[S[key], "status"] == TO_QUALIFY, key
    companies = cleaned.companies.set_index("siren")
    assert companies.loc[S["K"], "perimeter"] == TO_QUALIFY


def test_a_list_and_the_survey_that_disagree_ask_and_say_so(cleaned):
    row = by_siren(cleaned).loc[S["F"]]
    assert row["status"] == TO_QUALIFY
    assert row["evidence"] == f"conflit : enquête : part 0,0\u00a0% ; {HDS}"
    assert cleaned.quality.perimeter.total.conflicts == 1
    assert any("se contredisent" in notice for notice in cleaned.notices)


def test_the_worklist_comes_first_likeliest_first(cleaned):
    table = cleaned.perimeter
    statuses = table["status"].tolist()
    waiting = statuses.count(TO_QUALIFY)
    assert statuses[:waiting] == [TO_QUALIFY] * waiting
    scores = table["score"].head(waiting).tolist()
    assert scores == sorted(scores, reverse=True)
    score = table.set_index("siren")["score"]
    # Health words in the name (MEDISOFT SANTE) or in a grant's object (télésurveillance), a health
    # activity code (86.90F): above a garage, a haulier and an invented name in 62.01Z.
    for likely in "KJHN":
        for unlikely in "ILO":
            assert score[S[likely]] > score[S[unlikely]], (likely, unlikely)
    assert table.set_index("siren").loc[S["J"], "segment"] == "Télémédecine – télésurveillance"


def test_an_individual_entrepreneur_is_known_by_its_siren_only(cleaned):
    assert pd.isna(by_siren(cleaned).loc[S["M"], "name"])
    assert "DURAND" not in cleaned.perimeter.to_csv()
    assert "Entrepreneur individuel" not in cleaned.perimeter.to_csv()


def test_perimeter_counts_by_evidence_in_quality_json(cleaned, tmp_path):
    write_outputs(tmp_path / "out", cleaned)
    written = json.loads((tmp_path / "out" / "quality.json").read_text(encoding="utf-8"))
    total = written["perimeter"]["total"]
    # In: A, C, D by the survey; G by the list. Out: B. The rest waits (F in conflict).
    assert (total["in_perimeter"], total["out_of_perimeter"]) == (4, 1)
    assert total["to_qualify"] == len(cleaned.perimeter) - 5
    assert total["by_evidence"] == {"enquête": 3, HDS: 1}
    assert written["perimeter"]["regions"]["76"]["in_perimeter"] == 3  # Hostia has no place
    assert written["perimeter"]["text_columns"] == {"aides/aides.csv": ["Objet de la subvention"]}
    header = (tmp_path / "out" / "perimetre.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == (
        "siren,name,commune,commune_code,status,evidence,score,segment,segment_source,sources,"
        "decision,note"
    )


def test_decisions_override_everything_by_siren_or_by_name_and_commune(decided):
    table = by_siren(decided)
    assert table.loc[S["B"], "status"] == IN and table.loc[S["G"], "status"] == OUT
    assert table.loc[S["E"], ["status", "segment", "segment_source", "decision"]].tolist() == [
        IN,
        "Télémédecine – télésurveillance",
        "décision",
        "oui",
    ]
    assert table.loc[S["K"], "status"] == OUT
    assert table.loc[S["B"], "note"] == "répond 0 % mais édite un DPI"
    assert decided.companies.set_index("siren").loc[S["E"], "segment"] == (
        "Télémédecine – télésurveillance"
    )
    perimeter = decided.quality.perimeter
    assert (perimeter.decisions_read, perimeter.decisions_applied) == (5, 4)
    assert perimeter.total.by_first_evidence["décision"] == 2


def test_a_decision_on_a_company_not_in_this_edition_is_reported_not_dropped(decided):
    assert decided.quality.perimeter.decisions_unmatched == [6]
    assert any("absente de cette édition (ligne(s) 6)" in notice for notice in decided.notices)


@pytest.mark.slow
def test_a_file_read_as_a_survey_by_its_columns_alone_is_no_evidence(raw):
    """A directory's « Domaine d'activité » or « Offre » reads as segments and products: only a
    survey its source.yml declares puts companies in (and out)."""
    (raw / "enquete" / "source.yml").write_text("region: '76'\n")
    result = clean(raw)
    kinds = {source.source: source.kind for source in result.quality.sources}
    assert kinds["enquete/enquete.csv"] == "survey"  # read as one by its columns
    table = by_siren(result)
    assert table.loc[[S["A"], S["B"], S["C"], S["D"]], "status"].eq(TO_QUALIFY).all()
    assert table.loc[S["G"], "status"] == IN  # the evidence list still counts
    assert any("ne le déclare pas (kind: survey)" in notice for notice in result.notices)


@pytest.mark.slow
def test_a_name_and_commune_that_fit_two_companies_decide_neither(raw):
    # Another « Muette » in Montpellier, with its own SIREN: two companies of one name and place.
    write(
        raw / "aides" / "autres.csv", [["Nom", "SIREN", "Code postal"], ["MUETTE", S["P"], "34000"]]
    )
    decide(raw, "name;commune;decision\nMuette;Montpellier;oui\n")
    result = clean(raw)
    assert by_siren(result).loc[[S["E"], S["P"]], "status"].eq(TO_QUALIFY).all()
    assert result.quality.perimeter.decisions_ambiguous == [2]
    assert any("ligne(s) 2 : le nom et la commune" in notice for notice in result.notices)


@pytest.mark.slow
def test_the_worklist_with_its_decision_column_filled_is_a_decisions_file(raw, cleaned):
    """The next edition asks only about the companies never decided: here, none."""
    worklist = cleaned.perimeter.copy()
    waiting = worklist["status"].eq(TO_QUALIFY)
    worklist.loc[waiting, "decision"] = "non"
    worklist.to_csv(raw / "perimetre_decisions.csv", sep=";", index=False)
    again = clean(raw)
    assert not again.perimeter["status"].eq(TO_QUALIFY).any()
    assert again.quality.perimeter.decisions_applied == int(waiting.sum())
    assert not again.quality.perimeter.decisions_unmatched


@pytest.mark.parametrize(
    "text, problem",
    [
        ("siren;decision\n{A};peut-être\n", "line 2: decision 'peut-être': expected oui or non"),
        ("siren;decision\n123456789;oui\n", "line 2: not a valid SIREN"),
        ("siren;choix\n{A};oui\n", "no `decision` column"),
        ("commune;decision\nNîmes;oui\n", "no `siren` column, nor `name` and `commune`"),
        ("siren,decision\n{A},oui\n{A},non\n", "lines 2 and 3 decide the same company differently"),
        ("siren;decision;segment\n{A};oui;boulangerie\n", "segment 'boulangerie' is none of"),
        ("siren;name;decision\n;;oui\n", "line 2: a decision needs a SIREN, or a name"),
    ],
)
def test_a_malformed_decisions_file_is_refused_naming_the_line(tmp_path, text, problem):
    decide(tmp_path, text.replace("{A}", S["A"]))
    with pytest.raises(InputError, match=problem):
        read_decisions(tmp_path)


def test_a_decisions_file_in_windows_1252_with_spaces_and_a_blank_decision(tmp_path):
    text = f"SIREN;Nom;Décision;Note\n{S['A'][:3]} {S['A'][3:]};Télésoin;OUI;é\n{S['B']};x;;\n"
    (tmp_path / "perimetre_decisions.csv").write_bytes(text.encode("cp1252"))
    table = read_decisions(tmp_path).table
    assert table[["line", "siren", "decision", "note"]].values.tolist() == [[2, S["A"], True, "é"]]


@pytest.mark.slow
def test_two_lines_that_decide_one_company_differently_by_siren_and_by_name(raw, tmp_path, capsys):
    decide(raw, f"name;commune;siren;decision\nTélésoin Plus;Montpellier;;non\n;;{S['A']};oui\n")
    assert main(["clean", str(raw), "--out", str(tmp_path / "out"), "--quiet"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "perimetre_decisions.csv" in err and "lines 2 and 3" in err
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_the_register_s_candidates_cannot_be_evidence(raw):
    (raw / "sirene" / "source.yml").write_text("kind: sirene\nperimeter: NAF 62.01Z\n")
    with pytest.raises(InputError, match="activity codes neither include nor exclude"):
        clean(raw)


@pytest.mark.parametrize(
    "option, problem",
    [
        ("perimeter: 12\n", "perimeter: expected the evidence as text"),
        ("segment: boulangerie\n", "segment: expected a segment of segments.yml"),
    ],
)
def test_perimeter_and_segment_options_are_checked(tmp_path, option, problem):
    (tmp_path / "source.yml").write_text("kind: list\n" + option, encoding="utf-8")
    with pytest.raises(InputError, match=problem):
        read_config(tmp_path / "source.yml")


def test_the_decisions_file_is_not_data(raw):
    decide(raw, "siren;decision\n")
    found = discover(raw)
    assert "perimetre_decisions.csv" not in [
        p.name for p in [*found.files, *(f for f, _ in found.refused)]
    ]


@pytest.mark.slow
def test_inspect_shows_each_file_s_perimeter_or_that_it_has_none(raw, capsys):
    assert main(["inspect", str(raw)]) == 0
    out = capsys.readouterr().out
    blocks = {b.splitlines()[0]: b for b in out.split("== ")[1:]}
    assert f"périmètre : « {HDS} », segment proposé « Cybersécurité" in blocks["hds/hebergeurs.csv"]
    assert "périmètre : aucun" in blocks["aides/aides.csv"]
    assert "périmètre : les réponses à l'enquête" in blocks["enquete/enquete.csv"]
    assert f"perimeter: {HDS}" in out  # the proposed source.yml keeps it


def test_a_decisions_file_that_is_empty_or_a_link_is_refused(tmp_path):
    """An empty file may be one a failed save erased; a link is not followed (core.files)."""
    decide(tmp_path, "")
    with pytest.raises(InputError, match="empty file"):
        read_decisions(tmp_path)
    elsewhere = tmp_path / "ailleurs.csv"
    elsewhere.write_text(f"siren;decision\n{S['A']};oui\n", encoding="utf-8")
    (tmp_path / "perimetre_decisions.csv").unlink()
    (tmp_path / "perimetre_decisions.csv").symlink_to(elsewhere)
    with pytest.raises(InputError, match="perimetre_decisions.csv"):
        read_decisions(tmp_path)
