import pandas as pd
import pytest

from santenum.clean.normalise.taxonomy import map_label, map_labels
from santenum.core.reference import labels


def test_study_segments_come_first():
    assert labels("segments")[:3] == [
        "Outils cliniques – logiciels métiers",
        "Outils de gestion – administratif – pilotage",
        "Data – traitement de la donnée",
    ]


def test_synonyms_accents_and_typos():
    out = map_label(
        pd.Series(["Télémédecine", "telemedcine", "DATA", "Silver-Tech", "logiciels métiers"]),
        "segments",
    )
    assert out.tolist() == [
        "Télémédecine – télésurveillance",
        "Télémédecine – télésurveillance",
        "Data – traitement de la donnée",
        "Silver tech",
        "Outils cliniques – logiciels métiers",
    ]


def test_unknown_text_is_not_forced_into_a_segment():
    assert pd.isna(map_label(pd.Series(["boulangerie"]), "segments").iloc[0])


def test_products_are_lists_in_taxonomy_order_without_repeats():
    found, unmatched = map_labels(
        pd.Series(["Application; logiciel, SaaS", "plateforme / truc", None]), "products"
    )
    assert found.iloc[0] == ["Logiciel", "Application"]
    assert found.iloc[1] == ["Plateforme numérique"] and unmatched.iloc[1] == ["truc"]
    assert pd.isna(found.iloc[2])


@pytest.mark.parametrize(
    "text, label",
    [
        ("logiciel métier clinique", "Outils cliniques – logiciels métiers"),
        ("Plateforme de télésurveillance des patients", "Télémédecine – télésurveillance"),
        ("Telemedicine platform", "Télémédecine – télésurveillance"),
        ("Solutions d'imagerie médicale par IA", "Imagerie & aide au diagnostic"),
        ("conseil en gestion", None),  # one short, generic word: not enough
        ("Conseil en organisation", None),
        ("télésurveillance et imagerie", None),  # the words of two labels: left to the analyst
    ],
)
def test_a_text_holding_one_labels_words_takes_that_label(text, label):
    found = map_label(pd.Series([text]), "segments").iloc[0]
    assert (None if pd.isna(found) else found) == label
