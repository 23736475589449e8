"""The national index (--region all): régions densest first, a total over them, national faits
saillants, no percentage on too few companies."""

import pandas as pd

from santenum.analysis import highlights, stats
from santenum.report.index import national_row
from tests.unit.analysis.test_honest_numbers import companies

POPULATION = pd.Series({"94": 300_000, "11": 12_000_000, "76": 6_000_000})
NAMES = pd.Series({"94": "Corse", "11": "Île-de-France", "76": "Occitanie"})


def frame():
    return pd.concat(
        [
            companies(3, "94", uses_ai=[True, True, False]),  # 1 per 100 000
            companies(60, "11", uses_ai=[True] * 30 + [False] * 30),  # 0,5 per 100 000
            companies(90, "76", uses_ai=[True] * 9 + [False] * 81),  # 1,5 per 100 000
        ],
        ignore_index=True,
    )


def test_densest_first_then_the_total_over_the_regions_present():
    """Corse, on 3 companies, is not ranked: it comes after the ranked régions, though denser."""
    view = stats.national_view(frame(), POPULATION)
    assert view["region_code"].tolist() == ["76", "11", "94", stats.NATIONAL]
    assert view["rank"].iloc[:2].tolist() == [1, 2] and pd.isna(view["rank"].iloc[2])
    total = view.iloc[-1]
    assert total["count"] == 153
    assert abs(total["per_100k"] - 153 / 18_300_000 * 100_000) < 1e-9
    assert total["ai_n"] == 153 and abs(total["ai_share"] - 41 / 153) < 1e-9


def test_a_regional_share_on_three_companies_is_withheld():
    view = stats.national_view(frame(), POPULATION)
    corse = national_row(next(view[view["region_code"] == "94"].itertuples()))
    assert corse["ai"] == "n trop faible" and corse["ai_sort"] == -1
    assert corse["rank"] == "n trop faible" and corse["rank_sort"] > 3  # unranked, sorted last
    occitanie = national_row(next(view[view["region_code"] == "76"].itertuples()))
    assert occitanie["ai"] == "10,0\u00a0%" and occitanie["rank"] == 1


def test_national_faits_saillants():
    sentences = highlights.national_sentences(stats.national_view(frame(), POPULATION), NAMES)
    assert sentences[0] == (
        "Les 3 régions des données comptent 153 entreprises de santé numérique, "
        "soit 0,8 pour 100 000 habitants."
    )
    # Corse, denser than Île-de-France on 3 companies, is not named among the first
    assert "Occitanie (1,5) ; Île-de-France (0,5) entreprises" in sentences[1]
    assert "26,8\u00a0% des entreprises qui ont répondu intègrent l'IA (n = 153)" in sentences[2]


def test_default_peers_are_neighbours_of_a_like_size_then_regions_of_a_like_size():
    """Every région used to be compared with the three largest: Corsica with Île-de-France, and
    Occitanie never a peer of Nouvelle-Aquitaine."""
    data = pd.concat(
        [
            companies(5, "94"),  # Corse: no neighbour
            companies(60, "11"),
            companies(90, "76"),  # Occitanie: neighbours 75, 84, 93
            companies(40, "75"),  # Nouvelle-Aquitaine: neighbours 24, 52, 76, 84
            companies(100, "84"),
            companies(20, "93"),
            companies(30, "44"),
            companies(30, "32"),  # as far from 75 as 44 is: the lower INSEE code first
        ],
        ignore_index=True,
    )
    # |log(n / 90)|: 84 (100) 0.11, 75 (40) 0.81, 93 (20) 1.50
    assert stats.default_peers(data, "76") == ["84", "75", "93"]
    # neighbours 76 (0.81) and 84 (0.92), then 32 and 44 (0.29 each) before 11 (0.41)
    assert stats.default_peers(data, "75") == ["76", "84", "32"]
    assert stats.default_peers(data, "94") == ["93", "32", "44"]  # the smallest others
    assert stats.default_peers(data[data["region_code"] == "76"], "76") == []  # one-région data
