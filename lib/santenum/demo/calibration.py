"""What the fictitious demo population must reproduce, and how big each region is.

Occitanie's counts are the published figures of the study that defines santenum (Care Insight
for Ad'Occ, 2023, reported by La Tribune): every count below is chosen so that, after
`santenum clean`, the study's percentages come out to the published decimals. The other
regions take the same proportions, tilted where published context says they differ.
"""

import pandas as pd

STUDY = (
    "Cartographie de la filière santé numérique en Occitanie, Care Insight pour Ad'Occ (2023), "
    "chiffres publiés par La Tribune"
)
STUDY_DATE = pd.Timestamp("2023-06-30")  # ages are computed at this date to reproduce the study
OCCITANIE = "76"
PEERS = ("11", "75", "44")  # the study's benchmark: Île-de-France, Nouvelle-Aquitaine, Grand Est

# Companies per region (see data/raw/demo/README.md for the reasoning):
# Occitanie is the study's 239; Île-de-France holds about 36 % of the national total (France
# Biotech 2019 panel) with 540; Nouvelle-Aquitaine, "historic" digital-health region, 200; Grand
# Est, about 420 health companies of all kinds (BioValley France) of which about a third digital,
# 150; the other metropolitan regions 6 to 90, roughly in proportion to population.
# National total 1 490, about three times France Biotech's R&D-intensive "numérique en santé & IA"
# count (about 450), as a regional mapping's broader scope (services, integrators) implies.
REGION_SIZES = {
    "76": 239,
    "11": 540,
    "75": 200,
    "44": 150,
    "84": 90,
    "93": 70,
    "32": 45,
    "52": 40,
    "53": 40,
    "28": 25,
    "27": 25,
    "24": 20,
    "94": 6,
}

# Which sources know each company. survey+sirene: the survey gives a SIREN (or SIRET) and
# the SIRENE extract has it; survey: no SIREN given ("no place": address left blank too);
# cluster+sirene: a cluster member with a SIREN; cluster: a member known by name only.
PATTERNS = {
    "survey+sirene": 130,
    "survey": 30,
    "survey, no place": 12,
    "cluster+sirene": 40,
    "cluster": 27,
}
# Survey respondents (with a SIREN / without) also on a cluster list, matched by SIREN or by name.
IN_CLUSTER_WITH_SIREN = {"survey+sirene": 35}
IN_CLUSTER_BY_NAME = {"survey+sirene": 25, "survey": 10}

# Size: 212 PME + 14 ETI + 3 GE = 229 known, 10 unknown (the study's counts); 114 of the 226
# companies with a known headcount band under 10 employees (50,44 %). Three cluster members
# give only a category ("TPE", "Start-up"), no headcount.
SIZE = {"unknown": 10, "category only": 3, "ETI": 14, "GE": 3, "under 10": 114, "10 to 249": 95}
UNKNOWN_SIZE_FROM_SURVEY = 6  # the rest of "unknown" are cluster members known by name only
# INSEE tranche codes within each size class, with their weights.
BANDS = {
    "under 10": {"NN": 2, "00": 2, "01": 5, "02": 4, "03": 3},
    "10 to 249": {"11": 5, "12": 4, "21": 3, "22": 2},
    "ETI": {"32": 6, "41": 4, "42": 3, "51": 1},
    "GE": {"52": 2, "53": 1},
}

# Segments of survey respondents: 160 known; 28 / 18 / 16 = 17,5 % / 11,25 % / 10 %.
SEGMENTS = {
    "Outils cliniques – logiciels métiers": 28,
    "Outils de gestion – administratif – pilotage": 18,
    "Data – traitement de la donnée": 16,
    "Télémédecine – télésurveillance": 15,
    "Robotique & dispositifs connectés": 14,
    "Imagerie & aide au diagnostic": 13,
    "M-santé & prévention": 13,
    "Silver tech": 12,
    "Cybersécurité & hébergement de données de santé": 11,
    "Formation & simulation": 10,
    "Autres": 10,
}
SEGMENT_BLANK, SEGMENT_UNREADABLE = 8, 4  # the other 12 respondents
# The study's three segments with "a recent creation dynamic": more weight when drawing the young.
GROWING_SEGMENTS = tuple(list(SEGMENTS)[:3])

# AI: 100 respondents answered, 59 "oui" (59 %); the others "NSP" or blank.
AI = {"answered": 100, "yes": 59, "nsp": 40}
# Products, as shares of all companies (n = 239): software 30,5 %, robots or connected devices
# 15,1 %, platforms 13,8 %, then services and applications; 165 respondents name 1 or 2.
PRODUCTS = {
    "Logiciel": 73,
    "Robot ou appareil connecté": 36,
    "Plateforme numérique": 33,
    "Prestation de service": 28,
    "Application": 22,
}
PRODUCT_HOLDERS = 165
# PIPAME technologies (besides AI, which follows the AI answer) and value-chain links of the
# respondents who describe their offer: weights by product, then 1 to 2 links.
TECHNOLOGY_WEIGHTS = {
    "Logiciel": {"Cloud": 4, "Big data": 2, "Cybersécurité": 1, "Simulation numérique": 1},
    "Robot ou appareil connecté": {"IoT": 4, "Robotique": 3, "Réalité augmentée": 1},
    "Plateforme numérique": {"Cloud": 4, "Big data": 2, "Cybersécurité": 2},
    "Prestation de service": {"Big data": 2, "Cybersécurité": 2, "Cloud": 1},
    "Application": {"Cloud": 3, "IoT": 2, "Réalité augmentée": 1},
}
VALUE_CHAIN_WEIGHTS = {
    "Usages": 5,
    "Développement": 3,
    "Recherche": 2,
    "Distribution": 1.5,
    "Production": 1,
}

# Age: creation dates known for 208 companies (SIRENE or survey; 4 respondents leave it blank,
# cluster lists have none); 69 under four years old (33,2 %, "un tiers"), 50 of four to seven.
UNDATED_FROM_SURVEY = 4
AGE = {"young": 69, "middle": 50}

# Départements of the 227 companies with a place: Hérault 42,29 %, Haute-Garonne 38,77 %,
# Gard 6,61 %, Tarn 4,41 %, the rest over the other Occitanie départements.
DEPARTEMENTS = {
    "34": 96,
    "31": 88,
    "30": 15,
    "81": 10,
    "66": 4,
    "11": 3,
    "65": 3,
    "82": 2,
    "12": 2,
    "09": 1,
    "32": 1,
    "46": 1,
    "48": 1,
}
# Of those, inside Montpellier Méditerranée Métropole / Toulouse Métropole.
IN_METROPOLE = {"34": 75, "31": 70}
METROPOLE_SHARE = 0.75  # other regions: share of a métropole's département inside the métropole

# Where the study or published context says a region differs (multipliers on Occitanie's shares).
TILTS = {
    "11": {
        "segments": {"Data – traitement de la donnée": 1.6, "Imagerie & aide au diagnostic": 1.4},
        "ai_yes": 1.1,
        "large": 2.0,
    },
    "75": {"segments": {"Télémédecine – télésurveillance": 1.8, "Silver tech": 1.5}},
    "44": {
        "segments": {
            "Robotique & dispositifs connectés": 1.7,
            "Imagerie & aide au diagnostic": 1.3,
        },
        "ai_yes": 0.9,
    },
}

# Every région but Occitanie has a profile of its own (population.tilts): multipliers drawn around
# 1 (log-normal, this spread for segments, half of it for the rest), so that two régions of one
# size differ as real ones do.
PROFILE_SPREAD = 0.4
PROFILE_KEYS = ("ai_yes", "large", "young", "under_ten")

# Messiness, as rates of rows.
INVALID_SIREN_RATE = 0.03  # of rows that carry a SIREN: mistyped (one digit changed)
UNKNOWN_POSTAL_RATE = 0.01  # of cluster rows: a postal code that does not exist
SIRET_RATE = 0.15  # of survey SIRENs: a SIRET typed instead
RESUBMITTED_RATE = 0.02  # of survey rows: answered twice (identical answers)
TYPO_RATE = 0.15  # of segment and product texts: one letter dropped or swapped
OUTSIDE_MEMBERS = 6  # other regions' companies on the Occitanie cluster list
