"""Identification on a synthetic stock: names copied from the register and their commune.

The expectation is worked out independently, in pandas, from the stock itself: a row is identified
exactly when no other unit of the same commune bears the same folded name; otherwise it is left for
a person. No row may be identified to a wrong SIREN.
"""

import numpy as np
import pandas as pd
import pytest

from santenum.clean import clean_directory
from santenum.core.text import match_words
from santenum.demo.synthetic_stock import write_stock
from santenum.sirene.identify import Register


@pytest.mark.slow
def test_register_names_on_their_commune_are_identified_unless_a_namesake_shares_it(tmp_path):
    etab_path, units_path = write_stock(tmp_path / "stock", 30_000, 24_000, seed=3)
    etab = pd.read_parquet(etab_path)
    units = pd.read_parquet(units_path)
    live = etab[etab["etatAdministratifEtablissement"].eq("A")].merge(
        units[units["etatAdministratifUniteLegale"].eq("A")], on="siren"
    )
    live = live[live["denominationUniteLegale"].notna()].copy()
    live["words"] = match_words(live["denominationUniteLegale"])
    # Every unit bearing the name in the commune, whatever its state (the engine sees them all).
    named = etab.merge(units, on="siren")
    named["words"] = match_words(named["denominationUniteLegale"])
    bearers = named.groupby(["words", "codeCommuneEtablissement"])["siren"].nunique()
    chosen = live.drop_duplicates("siren").sample(150, random_state=np.random.RandomState(4))
    chosen["alone"] = (
        bearers.reindex(
            list(zip(chosen["words"], chosen["codeCommuneEtablissement"], strict=True))
        ).to_numpy()
        == 1
    )
    raw = tmp_path / "raw"
    raw.mkdir()
    pd.DataFrame(
        {
            "Raison sociale": chosen["denominationUniteLegale"].str.title(),
            "Code commune": chosen["codeCommuneEtablissement"],
        }
    ).to_csv(raw / "liste.csv", sep=";", index=False)
    result = clean_directory(
        raw, as_of="2024-01-01", show_progress=False, register=Register(units_path, etab_path)
    )
    got = result.identification.sort_values("row")
    expected = chosen["siren"].where(chosen["alone"].to_numpy()).to_numpy()
    identified = got["status"].eq("identifiée").to_numpy()
    assert (got["siren"].to_numpy()[identified] == chosen["siren"].to_numpy()[identified]).all()
    assert (identified == chosen["alone"].to_numpy()).all()
    assert pd.notna(expected).sum() > 100  # most names are alone in their commune
