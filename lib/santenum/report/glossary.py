"""The terms of the study, defined once for its glossary annex (shown in alphabetical order)."""

from santenum.core.rules import MIN_SHARE_N, OUTSIDE_METROPOLE, TIED, TOO_FEW, UNKNOWN

GLOSSARY = {
    "À qualifier": "Entreprise qu'une source nomme (le répertoire SIRENE, une liste sans preuve "
    "d'activité en santé) sans qu'aucune preuve ne la place dans la filière, ou dont les preuves se "
    "contredisent : elle n'est pas comptée tant qu'une personne n'en a pas décidé "
    "(perimetre.csv, perimetre_decisions.csv).",
    "Hors périmètre": "Entreprise qu'une preuve place hors de la filière (sa réponse à l'enquête "
    "déclare 0 % d'activité en santé numérique, ou la décision de l'analyste) : non comptée.",
    "Preuve": "Ce qui fait entrer une entreprise dans le périmètre : sa réponse à l'enquête, une "
    "liste qui établit une activité de santé numérique, la décision de l'analyste. Une entreprise "
    "est comptée une fois, à la première preuve du tableau qui la nomme ; un code d'activité (NAF) "
    "n'en est jamais une.",
    "AFOM": "Atouts, faiblesses, opportunités, menaces : le diagnostic stratégique de la filière "
    "(SWOT en anglais). Sans texte de l'analyste, santenum en propose un à partir des indicateurs, "
    "marqué « proposition à valider ».",
    TIED: "Deux valeurs dont l'écart ne dépasse pas les intervalles de confiance : "
    "aucune n'est dite première, ni classée devant l'autre.",
    "Autres": "La catégorie de ce qu'aucune autre ne décrit : elle n'est jamais classée ni "
    "marquée (segment fort, premier segment).",
    "Base": "Les entreprises sur lesquelles porte une part : celles qui ont renseigné la variable, "
    "sauf mention contraire. Elle est donnée avec chaque tableau (n).",
    "Catégorie d'entreprise": "Classement de l'INSEE (décret n° 2008-1354) : PME (moins de 250 "
    "personnes et au plus 50 M€ de chiffre d'affaires ou 43 M€ de bilan), ETI (entreprise de taille "
    "intermédiaire, moins de 5 000 personnes), GE (grande entreprise).",
    "Emplois des entreprises de la filière": "Effectifs entiers des entreprises de la filière, "
    "toutes activités et groupes compris : une borne haute, pas des emplois en santé numérique.",
    "Emplois en santé numérique": "Estimation : les effectifs pondérés par la part de l'activité "
    "consacrée à la santé numérique que déclarent les entreprises. Donnée entre deux bornes quand "
    "seule la tranche d'effectifs est connue.",
    OUTSIDE_METROPOLE: "Entreprise localisée dans une commune d'aucune métropole ; "
    "à distinguer d'une entreprise dont la commune n'est pas connue (« non renseigné »).",
    "IC de Wilson": "Intervalle de confiance à 95 % d'une part, calculé par la méthode de Wilson, "
    "qui reste juste pour de petits effectifs et des parts proches de 0 ou 100 %. Il n'est donné "
    "que pour un échantillon — les réponses des entreprises à l'enquête —, jamais pour un "
    "recensement : toutes les entreprises, ou ce que le répertoire SIRENE dit de chacune.",
    "Indice de Herfindahl": "Somme des carrés des parts (ici des départements) : 1 si toutes les "
    "entreprises sont au même endroit, proche de 0 si elles sont dispersées.",
    "Indice de spécialisation": "Part d'un segment dans la région divisée par sa part en France : "
    "1 signifie « comme la France » ; au-dessus de 1, la région est plus spécialisée que la "
    "moyenne, en dessous moins.",
    TOO_FEW: f"Une part calculée sur moins de {MIN_SHARE_N} entreprises n'est pas "
    f"donnée en pourcentage, ni classée ; un autre chiffre sur moins de {MIN_SHARE_N} entreprises "
    "(une densité pour 100 000 habitants, une évolution, un indice) est donné, mais n'est pas "
    "classé : une entreprise de plus ou de moins le ferait changer de plusieurs places.",
    UNKNOWN: "La donnée manque dans les sources : jamais classé ni marqué.",
    "Rang": "Position d'une région parmi celles des données ; elle n'est donnée que lorsque "
    "l'écart avec les suivantes dépasse les intervalles de confiance, sinon les régions sont à "
    f"égalité. Une région de moins de {MIN_SHARE_N} entreprises n'est pas classée (« n trop "
    "faible ») et ne prend la place d'aucune autre.",
    "Big data": "Données massives (mégadonnées) : collecte et traitement de grands volumes de "
    "données. Comme « Cloud » et « IoT », un libellé de la matrice technologies × chaîne de valeur "
    "de l'étude PIPAME (DGE, 2019), gardé tel quel pour que les chiffres s'y comparent.",
    "Cloud": "Informatique en nuage : logiciels, stockage ou calcul fournis à distance par un "
    "hébergeur.",
    "IoT": "Internet des objets : objets et capteurs connectés qui transmettent leurs données.",
    "M-santé": "Santé mobile : services de santé et de prévention sur téléphone ou objet mobile.",
    "Silver tech": "Technologies de l'autonomie et du bien-vieillir des personnes âgées (la "
    "« silver économie »).",
    "SIREN": "Numéro à 9 chiffres qui identifie une entreprise dans le répertoire SIRENE de l'INSEE.",
    "Tranche d'effectifs": "Classe de salariés que publie l'INSEE (par exemple 10 à 19 salariés) "
    "quand l'effectif exact n'est pas connu.",
}
