"""Cleaning as named steps (issue 30 item 9): each step a function with a typed output, chained by
clean_directory; the steps run by hand give the command's table."""

import pandas as pd

from santenum.clean.parse import Placed, place
from santenum.clean.pipeline import Merged, Parsed, clean_directory, merge, parse
from santenum.clean.sources import load_sources

LIST = (
    "Raison sociale;SIREN;Code postal;Ville\n"
    "Médi-Q;732829320;34000;Montpellier\n"
    "MEDIQ;;34000;Montpellier\n"
    "Alpha Santé;;31000;Toulouse\n"
    ";;;\n"
)


def test_the_steps_chained_by_hand_give_the_commands_table(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "membres.csv").write_text(LIST, encoding="utf-8")
    as_of = pd.Timestamp("2024-01-01")
    reading = load_sources(raw, strict=False)
    parsed = parse(reading.sources, as_of)
    assert isinstance(parsed, Parsed) and len(parsed.rows) == 3  # the blank line is no record
    placed = place(parsed.fields)
    assert isinstance(placed, Placed)
    assert placed.columns["departement_code"].tolist() == ["34", "34", "31"]
    merged = merge(parsed.rows)
    assert isinstance(merged, Merged)
    assert merged.rows["status"].tolist() == ["kept", "merged", "kept"]
    whole = clean_directory(raw, as_of=as_of, show_progress=False)
    assert sorted(whole.companies["name"]) == sorted(merged.companies["name"])
