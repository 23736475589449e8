"""The one CSV writer writes a table of text and whole numbers by Arrow: its bytes must be those
pandas' to_csv (Python's csv module) writes for the same cleaned cells, whatever the cells hold
(commas, quotes, line feeds, control characters, formulas, accents, emoji, empty and missing
cells), and the cells must be those csv_text gives one by one."""

import random
import string

import numpy as np
import pandas as pd
import pytest

from santenum.core.files import _csv_column, csv_text, write_csv

ALPHABET = [
    *string.ascii_letters[:6],
    *"0123 ,;\"'=+-@.\t\r\n",
    "\x00",
    "\x01",
    "\x1b",
    "\x7f",
    "\xa0",
    "\u202f",
    "é",
    "€",
    "😀",
]


def _texts(rng: random.Random, n: int) -> list:
    return [
        None
        if rng.random() < 0.1
        else "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 7)))
        for _ in range(n)
    ]


def _pandas_bytes(frame: pd.DataFrame, path) -> bytes:
    """What the writer wrote before Arrow did: every cell through csv_text, then pandas."""
    safe = frame.apply(lambda column: column.map(csv_text) if column.dtype != "int64" else column)
    safe.columns = [csv_text(str(c)) for c in frame.columns]
    safe.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
    return path.read_bytes()


@pytest.mark.parametrize("seed", range(5))
def test_arrow_rows_are_pandas_bytes(tmp_path, seed):
    rng = random.Random(seed)
    n = 3000
    frame = pd.DataFrame(
        {
            "texte": pd.Series(_texts(rng, n), dtype="string"),
            "objet": pd.Series(_texts(rng, n), dtype=object),
            "entier": np.array([rng.randint(-(10**12), 10**12) for _ in range(n)]),
            "nullable": pd.array(
                [None if rng.random() < 0.2 else rng.randint(-5, 5) for _ in range(n)],
                dtype="Int64",
            ),
            'en-tête, "cité"\nici': pd.Series(_texts(rng, n), dtype="str"),
        },
        index=np.arange(n) % 7,  # labels repeated on purpose
    )
    written = write_csv(frame, tmp_path / "arrow.csv").read_bytes()
    assert written == _pandas_bytes(frame, tmp_path / "pandas.csv")


def test_tables_arrow_does_not_cover_are_written_by_pandas(tmp_path):
    """One column (an empty cell is « "" » there), a float column: pandas' own bytes."""
    alone = pd.DataFrame({"nom": pd.Series(["", None, "a,b"], dtype="string")})
    assert write_csv(alone, tmp_path / "a.csv").read_bytes() == b'nom\n""\n""\n"a,b"\n'
    floats = pd.DataFrame({"nom": ["x", "y"], "part": [0.1, float("nan")]})
    assert write_csv(floats, tmp_path / "b.csv").read_bytes() == b"nom,part\nx,0.1\ny,\n"


def test_the_vectorised_cells_are_csv_text_one_by_one():
    rng = random.Random(7)
    values = _texts(rng, 20000)
    cells = _csv_column(pd.Series(values, dtype="string", index=np.arange(len(values)) % 10))
    expected = [None if v is None else csv_text(v) for v in values]
    assert [None if pd.isna(v) else v for v in cells.tolist()] == expected
