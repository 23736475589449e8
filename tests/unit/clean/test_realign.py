"""Records broken by their own free text are put back together when one way clearly fits (issue 30:
a subsidy export's comments hold commas, line breaks, quotes)."""

from santenum.clean.readers import read_table
from santenum.clean.readers.realign import ShapeModel, join_broken_lines, realign, unquoted

HEADER = ["siret", "nom", "montant", "nature", "conditions", "date"]
CONDITIONS = ("unique", "solde après bilan", "acompte puis solde", "versement à la signature")
GOOD = [  # twenty rows of the right width: varied comments, a nature of two known values
    [
        "73282932000074",
        f"Société {i}",
        str(1000 + 37 * i),
        ("aide en numéraire", "aide en nature")[i % 3 == 0],
        f"{CONDITIONS[i % 4]} n° {i}",
        f"2019-{1 + i % 12:02d}-01",
    ]
    for i in range(20)
]


def test_a_comment_split_by_commas_is_joined_back_where_it_fits():
    model = ShapeModel(GOOD, len(HEADER))
    row = [
        "77567227200013",
        "Zeta",
        "900",
        "aide en numéraire",
        "50 % à la signature",
        " solde",
        " ensuite",
        "2019-06-01",
    ]
    assert realign(row, model, ",") == [
        "77567227200013",
        "Zeta",
        "900",
        "aide en numéraire",
        "50 % à la signature, solde, ensuite",
        "2019-06-01",
    ]


def test_a_row_two_alignments_fit_alike_stays_ragged():
    model = ShapeModel([["a", "b", "c"], ["d", "e", "f"], ["g", "h", "i"]], 3)
    assert realign(["x", "y", "z", "w"], model, ",") is None  # which two words go together?


def test_a_line_break_inside_a_comment_and_a_record_quoted_whole():
    records = [(2, ["1", "a", "b"]), (3, ["c", "d"]), (4, ["1", "2", "3", "4"])]
    assert join_broken_lines(records, 4) == (
        [(2, ["1", "a", "b\nc", "d"]), (4, ["1", "2", "3", "4"])],
        1,
    )
    assert unquoted(["1,Alpha,12", "x"], 4, ",") == ["1", "Alpha", "12", "x"]
    assert unquoted(["1", "Alpha"], 4, ",") == ["1", "Alpha"]


def test_a_file_of_broken_records_is_read_whole(tmp_path):
    lines = [",".join(HEADER)] + [",".join(r) for r in GOOD]
    lines.append(
        "77567227200013,Zeta,900,aide en numéraire,50 % à la signature, solde après bilan,2019-06-01"
    )
    lines.append('"44306184100013,Eta,100,aide en nature,unique",2019-07-01')
    path = tmp_path / "liste.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    table = read_table(path, {})
    assert table.malformed == [] and len(table.frame) == 22
    assert table.frame["conditions"].iloc[20] == "50 % à la signature, solde après bilan"
    assert table.frame["nom"].iloc[21] == "Eta" and table.meta["rows_realigned"] == 1
