"""INSEE's SIRENE stock layouts, declared once: the published columns of each file, in INSEE's order.

Source: INSEE, "Description des fichiers de la base Sirene" (StockUniteLegale, StockEtablissement),
2024 layout, plus the NAF 2025 activity columns added since. Older vintages lack some of them
(societeMissionUniteLegale, the NAF 2025 columns); santenum needs only the REQUIRED ones.
"""

UNITE_LEGALE_COLUMNS = (
    "siren",
    "statutDiffusionUniteLegale",
    "unitePurgeeUniteLegale",
    "dateCreationUniteLegale",
    "sigleUniteLegale",
    "sexeUniteLegale",
    "prenom1UniteLegale",
    "prenom2UniteLegale",
    "prenom3UniteLegale",
    "prenom4UniteLegale",
    "prenomUsuelUniteLegale",
    "pseudonymeUniteLegale",
    "identifiantAssociationUniteLegale",
    "trancheEffectifsUniteLegale",
    "anneeEffectifsUniteLegale",
    "dateDernierTraitementUniteLegale",
    "nombrePeriodesUniteLegale",
    "categorieEntreprise",
    "anneeCategorieEntreprise",
    "dateDebut",
    "etatAdministratifUniteLegale",
    "nomUniteLegale",
    "nomUsageUniteLegale",
    "denominationUniteLegale",
    "denominationUsuelle1UniteLegale",
    "denominationUsuelle2UniteLegale",
    "denominationUsuelle3UniteLegale",
    "categorieJuridiqueUniteLegale",
    "activitePrincipaleUniteLegale",
    "nomenclatureActivitePrincipaleUniteLegale",
    "nicSiegeUniteLegale",
    "economieSocialeSolidaireUniteLegale",
    "societeMissionUniteLegale",
    "caractereEmployeurUniteLegale",
    "activitePrincipaleNAF25UniteLegale",
)
ETABLISSEMENT_COLUMNS = (
    "siren",
    "nic",
    "siret",
    "statutDiffusionEtablissement",
    "dateCreationEtablissement",
    "trancheEffectifsEtablissement",
    "anneeEffectifsEtablissement",
    "activitePrincipaleRegistreMetiersEtablissement",
    "dateDernierTraitementEtablissement",
    "etablissementSiege",
    "nombrePeriodesEtablissement",
    "complementAdresseEtablissement",
    "numeroVoieEtablissement",
    "indiceRepetitionEtablissement",
    "dernierNumeroVoieEtablissement",
    "indiceRepetitionDernierNumeroVoieEtablissement",
    "typeVoieEtablissement",
    "libelleVoieEtablissement",
    "codePostalEtablissement",
    "libelleCommuneEtablissement",
    "libelleCommuneEtrangerEtablissement",
    "distributionSpecialeEtablissement",
    "codeCommuneEtablissement",
    "codeCedexEtablissement",
    "libelleCedexEtablissement",
    "codePaysEtrangerEtablissement",
    "libellePaysEtrangerEtablissement",
    "identifiantAdresseEtablissement",
    "coordonneeLambertAbscisseEtablissement",
    "coordonneeLambertOrdonneeEtablissement",
    "complementAdresse2Etablissement",
    "numeroVoie2Etablissement",
    "indiceRepetition2Etablissement",
    "typeVoie2Etablissement",
    "libelleVoie2Etablissement",
    "codePostal2Etablissement",
    "libelleCommune2Etablissement",
    "libelleCommuneEtranger2Etablissement",
    "distributionSpeciale2Etablissement",
    "codeCommune2Etablissement",
    "codeCedex2Etablissement",
    "libelleCedex2Etablissement",
    "codePaysEtranger2Etablissement",
    "libellePaysEtranger2Etablissement",
    "dateDebut",
    "etatAdministratifEtablissement",
    "enseigne1Etablissement",
    "enseigne2Etablissement",
    "enseigne3Etablissement",
    "denominationUsuelleEtablissement",
    "activitePrincipaleEtablissement",
    "nomenclatureActivitePrincipaleEtablissement",
    "caractereEmployeurEtablissement",
    "activitePrincipaleNAF25Etablissement",
)
# Natural persons' names (individual entrepreneurs): never read as a company name, never shown.
PERSON_COLUMNS = tuple(
    column
    for column in UNITE_LEGALE_COLUMNS
    if column.startswith(("nomUniteLegale", "nomUsageUniteLegale", "prenom", "pseudonyme", "sexe"))
)
# INSEE's mark for a value that a partially diffusible unit (statutDiffusion 'P') does not publish.
NON_DIFFUSIBLE = "[ND]"
INDIVIDUAL_ENTREPRENEUR = "1000"  # catégorie juridique of an entrepreneur individuel

# What `santenum sirene` reads from each file (missing OPTIONAL columns are read as empty).
ETABLISSEMENT_REQUIRED = (
    "siren",
    "siret",
    "etablissementSiege",
    "codeCommuneEtablissement",
    "etatAdministratifEtablissement",
    "activitePrincipaleEtablissement",
)
ETABLISSEMENT_OPTIONAL = (
    "codePostalEtablissement",
    "enseigne1Etablissement",
    "denominationUsuelleEtablissement",
)
UNITE_LEGALE_OPTIONAL = ("categorieJuridiqueUniteLegale",)
UNITE_LEGALE_REQUIRED = (
    "siren",
    "denominationUniteLegale",
    "dateCreationUniteLegale",
    "trancheEffectifsUniteLegale",
    "categorieEntreprise",
    "etatAdministratifUniteLegale",
)
# The extract it writes, in a layout `santenum clean` reads (INSEE's names, INSEE's order within each file).
EXTRACT_COLUMNS = (
    "siren",
    "siret",
    "denominationUniteLegale",
    "enseigne1Etablissement",
    "denominationUsuelleEtablissement",
    "dateCreationUniteLegale",
    "trancheEffectifsUniteLegale",
    "categorieEntreprise",
    "etatAdministratifUniteLegale",
    "categorieJuridiqueUniteLegale",  # 1000: an individual entrepreneur, known by its trade name
    "etablissementSiege",
    "etatAdministratifEtablissement",
    "activitePrincipaleEtablissement",
    "codePostalEtablissement",
    "codeCommuneEtablissement",
)
# What identification (`santenum clean --unites-legales --etablissements`) reads: the names a company
# is known by (never the person columns), its places, states and the register's attributes.
UNITE_LEGALE_NAMES = (
    "denominationUniteLegale",
    "sigleUniteLegale",
    "denominationUsuelle1UniteLegale",
    "denominationUsuelle2UniteLegale",
    "denominationUsuelle3UniteLegale",
)
ETABLISSEMENT_NAMES = (
    "enseigne1Etablissement",
    "enseigne2Etablissement",
    "enseigne3Etablissement",
    "denominationUsuelleEtablissement",
)
IDENTIFY_ETABLISSEMENT_REQUIRED = (
    "siren",
    "siret",
    "codeCommuneEtablissement",
    "etatAdministratifEtablissement",
)
IDENTIFY_ETABLISSEMENT_OPTIONAL = (
    "etablissementSiege",
    "codePostalEtablissement",
    "codeCedexEtablissement",
    "activitePrincipaleEtablissement",
    *ETABLISSEMENT_NAMES,
)
IDENTIFY_UNITE_LEGALE_REQUIRED = UNITE_LEGALE_REQUIRED
IDENTIFY_UNITE_LEGALE_OPTIONAL = (
    "statutDiffusionUniteLegale",
    "categorieJuridiqueUniteLegale",
    "activitePrincipaleUniteLegale",
    *UNITE_LEGALE_NAMES[1:],
)
