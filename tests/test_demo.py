"""The committed demo data cleans without error, every row accounted for, and says it is fictitious."""
from santenum import config
from santenum.clean import clean_directory


def test_demo_cleans_and_accounts_for_every_row():
    result = clean_directory(config.DEMO_RAW_DIR, as_of="2023-06-30", show_progress=False)
    total = result.quality["total"]
    assert total["rows_read"] == total["kept"] + total["merged"] + total["rejected"]
    assert total["kept"] == len(result.companies) > 0
    assert set(result.companies["region_code"].dropna()) >= {"76"}


def test_demo_readme_says_fictitious():
    assert "fictives" in (config.DEMO_RAW_DIR / "README.md").read_text(encoding="utf-8")
