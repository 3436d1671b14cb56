"""Vocabulary: the names of people (first and family names, titles), of
organisations (ministries, agencies, banks, federations, associations,
companies) and of the plans, with their themes."""

import datetime

from .common import K

FIRST_NAMES = (
    "Mohamed Ahmed Youssef Karim Hicham Rachid Saïd Abdellatif Nadia Fatima-Zahra Salma Meriem Leïla Khadija Amina "
    "Omar Mehdi Anas Yassine Hamza Ilham Naïma Samira Zineb Driss Mustapha Aziz Jamal Nabil Adil Tarik Ryad Hakim "
    "Fouad Mounir Kamal Latifa Houda Souad Ghita Kenza Imane Loubna Sanaa Asmae Badr Othmane Soufiane Hassan Réda "
    "Larbi Abdelkader Brahim Najat Hind Widad Siham Rajae Mourad Khalid Aïcha Btissam Jalil Abdelaziz Noureddine"
).split()
FAMILY_NAMES = (
    "Alami Benjelloun Bennani Berrada Chraïbi El-Fassi Tazi Sqalli Lahlou Kettani Benkirane Bouhaddou El-Idrissi "
    "Amrani Ouazzani Ziani Naciri El-Mansouri Cherkaoui Benslimane Filali Hajji Raji Tahiri Sebti Lamrani Guessous "
    "Belhaj Benchekroun Zniber Skalli Mernissi Iraqi Sefrioui Bouzoubaa El-Ouafi Kabbaj Slaoui Benabdellah Jettou "
    "Bennis Ghazali Lazrak Mouline Rami Saadi Tounsi Yacoubi Zerouali Boukhris Chami Daoudi Essaidi Fassi-Fihri "
    "Hammoumi Idrissi-Kaitouni Jamaï Karimi Mekouar Nejjar Rifai Sbai Tber Wahbi Yousfi Zaki Aït-Taleb Akhrif "
    "Belkadi Bouazza El-Alaoui Hassouni Laraki Ouali"
).split()
TITLES = {
    K.MINISTRY: ["Ministre", "Secrétaire général", "Directeur général de l'industrie", "Directeur", "Ministre délégué"],
    K.DEPARTMENT: ["Directeur", "Directrice", "Chef de division"],
    K.BANK: [
        "Président du directoire",
        "Directeur général",
        "Président-directeur général",
        "Directeur général délégué",
    ],
    K.PUBLIC_AGENCY: ["Directeur général", "Directrice générale", "Directeur", "Président du conseil d'administration"],
    K.ASSOCIATION: ["Président", "Présidente", "Vice-président", "Directeur général", "Secrétaire général"],
    K.FEDERATION: ["Président", "Présidente", "Vice-président", "Directeur exécutif"],
    K.COMPANY: ["Président-directeur général", "Directeur général", "Administrateur délégué", "Directrice générale"],
    K.REGIONAL_BODY: ["Président du conseil", "Président", "Wali", "Gouverneur", "Directeur général"],
    K.INTERNATIONAL: ["Représentant résident", "Directrice pays", "Ambassadeur", "Chef de la délégation"],
}

# --- Actors ------------------------------------------------------------------------------------------

# Ministries: (name, acronym, domain, former names [(name, acronym, from, until)]). The first is the
# ministry party to a third of all conventions.
MINISTRIES = [
    (
        "Ministère de l'Industrie et du Commerce",
        "MIC",
        "industrie",
        [
            ("Ministère de l'Industrie, du Commerce, de l'Investissement et de l'Économie numérique", "MICIEN",
             datetime.date(2013, 10, 10), datetime.date(2019, 10, 8)),
            ("Ministère de l'Industrie, du Commerce, de l'Économie verte et numérique", "MICEVN",
             datetime.date(2019, 10, 9), datetime.date(2021, 10, 6)),
        ],
    ),
    ("Ministère de l'Économie et des Finances", "MEF", "financement", [
        ("Ministère de l'Économie, des Finances et de la Réforme de l'administration", "MEFRA",
         datetime.date(2019, 10, 9), datetime.date(2021, 10, 6)),
    ]),
    ("Ministère de l'Agriculture, de la Pêche maritime, du Développement rural et des Eaux et Forêts", "MAPMDREF",
     "agriculture", []),
    ("Ministère de l'Inclusion économique, de la Petite entreprise, de l'Emploi et des Compétences", "MIEPEEC",
     "emploi", [("Ministère du Travail et de l'Insertion professionnelle", "MTIP",
                 datetime.date(2017, 4, 5), datetime.date(2021, 10, 6))]),
    ("Ministère de la Transition énergétique et du Développement durable", "MTEDD", "energie", [
        ("Ministère de l'Énergie, des Mines et de l'Environnement", "MEME",
         datetime.date(2019, 10, 9), datetime.date(2021, 10, 6)),
    ]),
    ("Ministère de la Transition numérique et de la Réforme de l'administration", "MTNRA", "numerique", []),
    ("Ministère du Transport et de la Logistique", "MTL", "logistique", []),
    ("Ministère de l'Enseignement supérieur, de la Recherche scientifique et de l'Innovation", "MESRSI",
     "recherche", []),
    ("Ministère de l'Équipement et de l'Eau", "MEE", "equipement", []),
    ("Ministère de l'Intérieur", "MI", "territoire", []),
    ("Ministère du Tourisme, de l'Artisanat et de l'Économie sociale et solidaire", "MTAESS", "artisanat", []),
    ("Ministère de la Santé et de la Protection sociale", "MSPS", "sante", []),
    ("Ministère délégué chargé de l'Investissement, de la Convergence et de l'Évaluation des politiques publiques",
     "MDICEPP", "investissement", []),
    ("Ministère délégué chargé du Commerce extérieur", "MDCE", "export", []),
    ("Ministère de l'Aménagement du territoire national, de l'Urbanisme, de l'Habitat et de la Politique de la ville",
     "MATNUHPV", "territoire", []),
]  # fmt: skip
# (name, acronym, index of the parent ministry)
DEPARTMENTS = [
    ("Direction générale de l'industrie", "DGI-MIC", 0),
    ("Direction des industries automobiles", "DIA", 0),
    ("Direction des industries aéronautiques, ferroviaires et navales", "DIAFN", 0),
    ("Direction des industries du textile et du cuir", "DITC", 0),
    ("Direction de la qualité et de la surveillance du marché", "DQSM", 0),
    ("Direction du Trésor et des Finances extérieures", "DTFE", 1),
    ("Administration des douanes et impôts indirects", "ADII", 1),
    ("Direction générale des impôts", "DGI", 1),
    ("Direction des entreprises publiques et de la privatisation", "DEPP", 1),
    ("Direction de la stratégie, des statistiques et de la planification", "DSSP", 2),
    ("Direction de l'emploi", "DE", 3),
    ("Direction de l'économie numérique", "DEN", 5),
]
# (name, acronym, article or None for the rule, former name or None)
AGENCIES = [
    ("Agence marocaine de développement des investissements et des exportations", "AMDIE", None,
     "Agence marocaine de développement des investissements"),
    ("Office de la formation professionnelle et de la promotion du travail", "OFPPT", None, None),
    ("Agence nationale de promotion de l'emploi et des compétences", "ANAPEC", None, None),
    ("Agence marocaine pour l'efficacité énergétique", "AMEE", None,
     "Agence nationale pour le développement des énergies renouvelables et de l'efficacité énergétique"),
    ("Agence marocaine pour l'énergie durable", "MASEN", None, "Agence marocaine de l'énergie solaire"),
    ("Office national de sécurité sanitaire des produits alimentaires", "ONSSA", None, None),
    ("Institut marocain de normalisation", "IMANOR", None, "Service de normalisation industrielle marocaine"),
    ("Agence spéciale Tanger Méditerranée", "TMSA", None, None),
    ("Agence de développement du digital", "ADD", None, None),
    ("Maroc PME", "", "", "Agence nationale pour la promotion de la petite et moyenne entreprise"),
    ("Office national de l'électricité et de l'eau potable", "ONEE", None, None),
    ("Agence pour le développement agricole", "ADA", None, None),
    ("Office national des pêches", "ONP", None, None),
    ("Agence nationale pour le développement de l'aquaculture", "ANDA", None, None),
    ("Institut de recherche en énergie solaire et énergies nouvelles", "IRESEN", None, None),
    ("Agence nationale des ports", "ANP", None, None),
    ("Office national des aéroports", "ONDA", None, None),
    ("Agence nationale des équipements publics", "ANEP", None, None),
    ("Centre marocain de la production industrielle propre", "CMPP", None, None),
    ("Agence nationale de réglementation des télécommunications", "ANRT", None, None),
]  # fmt: skip
AGENCY_PATTERNS = [
    ("Centre régional d'investissement {of_region}", "CRI"),
    ("Institut de formation aux métiers de l'industrie automobile {of_city}", "IFMIA"),
    ("Institut spécialisé de technologie appliquée {of_city}", "ISTA"),
    ("École nationale des sciences appliquées {of_city}", "ENSA"),
    ("Cité des métiers et des compétences {of_region}", "CMC"),
    ("Agence urbaine {of_city}", "AU"),
    ("Université {of_city}", ""),
    ("Centre technique des industries {of_sector}", "CTI"),
]
BANKS = [
    ("Crédit agricole du Maroc", "CAM", "le", "Caisse nationale de crédit agricole"),
    ("Attijariwafa bank", "", "", None),
    ("Banque centrale populaire", "BCP", None, None),
    ("Bank of Africa", "", "", "BMCE Bank"),
    ("Société générale Maroc", "SGMA", None, "Société générale marocaine de banques"),
    ("Banque marocaine pour le commerce et l'industrie", "BMCI", None, None),
    ("Crédit du Maroc", "CDM", "le", None),
    ("CIH Bank", "", "", "Crédit immobilier et hôtelier"),
    ("Al Barid Bank", "", "", None),
    ("Caisse de dépôt et de gestion", "CDG", None, None),
    ("Tamwilcom", "", "", "Caisse centrale de garantie"),
    ("Fonds d'équipement communal", "FEC", "le", None),
    ("Fonds Mohammed VI pour l'investissement", "FM6I", "le", None),
    ("Bank Assafa", "", "", None),
    ("Umnia Bank", "", "", None),
    ("Al Amana Microfinance", "", "", "Association Al Amana pour la promotion des micro-entreprises"),
]
BANK_PATTERNS = ["Fonds régional d'investissement {of_region}", "Fonds d'amorçage {of_sector}"]
INTERNATIONALS = [
    ("Union européenne", "UE", None),
    ("Banque mondiale", "", "la"),
    ("Banque africaine de développement", "BAD", None),
    ("Agence française de développement", "AFD", None),
    ("Deutsche Gesellschaft für Internationale Zusammenarbeit", "GIZ", "la"),
    ("Organisation des Nations unies pour le développement industriel", "ONUDI", None),
    ("Banque européenne pour la reconstruction et le développement", "BERD", None),
    ("Agence japonaise de coopération internationale", "JICA", None),
    ("Banque européenne d'investissement", "BEI", None),
    ("Société financière internationale", "SFI", None),
    ("Organisation internationale du travail", "OIT", None),
    ("Banque islamique de développement", "BID", None),
    ("Programme des Nations unies pour le développement", "PNUD", "le"),
    ("Agence coréenne de coopération internationale", "KOICA", None),
]
FEDERATIONS = [
    ("Confédération générale des entreprises du Maroc", "CGEM", None),
    ("Fédération des industries mécaniques, métallurgiques et électromécaniques", "FIMME", None),
    ("Fédération de la chimie et de la parachimie", "FCP", None),
    ("Fédération nationale de l'agroalimentaire", "FENAGRI", None),
    ("Fédération de l'industrie des matériaux de construction", "FMC", None),
    ("Fédération des technologies de l'information, des télécommunications et de l'offshoring", "APEBI", None),
    ("Fédération des chambres de commerce, d'industrie et de services", "FCCIS", None),
    ("Fédération interprofessionnelle du secteur avicole", "FISA", None),
    ("Fédération des industries du cuir", "FEDIC", None),
    ("Fédération nationale du transport", "FNT", None),
]
FEDERATION_PATTERNS = ["Fédération marocaine {of_sector}", "Fédération nationale des professionnels {of_sector}"]
ASSOCIATIONS = [
    ("Association marocaine pour l'industrie et le commerce de l'automobile", "AMICA", None,
     "Association marocaine pour l'industrie et la construction automobile"),
    ("Association marocaine des industries du textile et de l'habillement", "AMITH", None, None),
    ("Groupement des industries marocaines aéronautiques et spatiales", "GIMAS", "le", None),
    ("Association marocaine des exportateurs", "ASMEX", None, None),
    ("Association des femmes chefs d'entreprises du Maroc", "AFEM", None, None),
    ("Association marocaine de l'industrie pharmaceutique", "AMIP", None, None),
    ("Association marocaine des constructeurs automobiles", "AMCA", None, None),
]  # fmt: skip
ASSOCIATION_PATTERNS = [
    ("Association des industriels {of_city}", "AI"),
    ("Association marocaine des {members} {of_sector}", "AM"),
    ("Association des jeunes entrepreneurs {of_city}", "AJE"),
    ("Association régionale des {members} {of_region}", "AR"),
    ("Association des zones industrielles {of_city}", "AZI"),
    ("Coopérative {coop} {of_city}", ""),
]
MEMBERS = ["producteurs", "exportateurs", "fabricants", "sous-traitants", "professionnels", "importateurs"]
COOPS = ["Al Amal", "Tifaout", "Annour", "Al Baraka", "Tafoukt", "Al Wafa", "Assafa", "Tamount"]
REGIONAL_PATTERNS = [
    ("Conseil de la région {region}", "CR", "le"),
    ("Chambre de commerce, d'industrie et de services {of_region}", "CCIS", None),
    ("Commune {of_city}", "", None),
    ("Conseil provincial {of_city}", "", "le"),
]
COMPANY_ROOTS = (
    "Atlas Maghreb Sahara Rif Souss Oasis Argan Médina Kasbah Zagora Nour Amal Anfa Tingis Mogador Volubilis Ifrane "
    "Chellah Saïss Doukkala Tadla Gharb Loukkos Bouregreg Moulouya Sebou Toubkal Majorelle Yasmine Zitoun Injaz "
    "Tawfik Riad Sud Nord Euro Afric Inter Médi Sigma Delta Oméga Nova Alpha Tensift Draa Ouarzazate Hamra Zénith"
).split()
COMPANY_TRADES = (
    "Câblage Composants Plastiques Emballages Textile Confection Métal Fonderie Aéro Pharma Agro Conserves "
    "Logistique Énergie Solaire Électro Mécanique Cuir Digital Ciment Céramique Chimie Industries Technologies "
    "Automotive Précision Froid Papier Verre Acier"
).split()
COMPANY_FORMS = ["SA", "SARL", "SAS", "Maroc", "Industries", "Group", ""]

# --- Plans ---------------------------------------------------------------------------------------

# (name, short name, article, kind, start, end, ministry domain, parent index, predecessor index, sectors)
PLANS = [
    ("Pacte national pour l'émergence industrielle", "Émergence", "le", "plan", 2009, 2015, "industrie", None, None,
     ["industrie", "industrie-automobile", "aeronautique", "offshoring", "agroalimentaire", "textile-cuir"]),
    ("Plan d'accélération industrielle", "PAI", "le", "plan", 2014, 2020, "industrie", None, 0,
     ["industrie", "industrie-automobile", "aeronautique", "industries-mecaniques-metallurgiques", "textile-cuir",
      "chimie-parachimie", "industrie-pharmaceutique", "materiaux-construction"]),
    ("Plan de relance industrielle", "PRI", "le", "plan", 2021, 2023, "industrie", None, 1,
     ["industrie", "industrie-automobile", "industries-electriques", "agroalimentaire"]),
    ("Stratégie nationale de l'industrie 2024-2030", "SNI 2030", "la", "strategy", 2024, 2030, "industrie", None, 2,
     ["industrie", "industrie-automobile", "aeronautique", "energies-renouvelables"]),
    ("Plan Maroc Vert", "PMV", "le", "strategy", 2008, 2020, "agriculture", None, None, ["agriculture"]),
    ("Génération Green 2020-2030", "Génération Green", "la", "strategy", 2020, 2030, "agriculture", None, 4,
     ["agriculture", "agroalimentaire"]),
    ("Stratégie Halieutis", "Halieutis", "la", "strategy", 2009, 2020, "agriculture", None, None,
     ["peche-maritime"]),
    ("Stratégie énergétique nationale", "SEN", "la", "strategy", 2009, 2030, "energie", None, None,
     ["energies-renouvelables"]),
    ("Stratégie nationale d'efficacité énergétique", "SNEE", "la", "strategy", 2014, 2030, "energie", 7, None,
     ["energies-renouvelables", "industrie"]),
    ("Maroc Numeric 2013", "MN 2013", "le", "strategy", 2009, 2013, "numerique", None, None,
     ["economie-numerique", "offshoring"]),
    ("Stratégie Maroc Digital 2020", "MD 2020", "la", "strategy", 2016, 2020, "numerique", None, 9,
     ["economie-numerique"]),
    ("Stratégie Maroc Digital 2030", "MD 2030", "la", "strategy", 2024, 2030, "numerique", None, 10,
     ["economie-numerique", "offshoring"]),
    ("Stratégie nationale de développement de la compétitivité logistique", "SNDCL", "la", "strategy", 2010, 2030,
     "logistique", None, None, ["logistique"]),
    ("Programme Intelaka", "Intelaka", "le", "programme", 2020, 2025, "financement", None, None,
     ["financement-bancaire"]),
    ("Programme Forsa", "Forsa", "le", "programme", 2022, 2024, "emploi", None, None,
     ["emploi-competences", "financement-bancaire"]),
    ("Plan national pour la promotion de l'emploi", "PNPE", "le", "plan", 2017, 2021, "emploi", None, None,
     ["emploi-competences"]),
    ("Programme Tatwir", "Tatwir", "le", "programme", 2015, 2022, "industrie", 1, None, ["industrie"]),
    ("Programme Imtiaz-Croissance", "Imtiaz", "le", "programme", 2015, 2022, "industrie", 1, None, ["industrie"]),
    ("Déclinaison régionale du PAI dans l'Oriental", "PAI Oriental", "la", "regional_strategy", 2016, 2020,
     "industrie", 1, None, ["industrie", "agroalimentaire"]),
    ("Stratégie nationale de la formation professionnelle", "SNFP", "la", "strategy", 2017, 2021, "emploi", None,
     None, ["emploi-competences"]),
]  # fmt: skip
BLOCK_THEMES = [
    "réduire l'atomisation sectorielle",
    "accompagner l'intégration des PME",
    "renforcer la compétitivité",
    "développer les compétences",
    "améliorer l'accès au foncier",
    "soutenir le financement",
    "promouvoir l'export",
    "encourager l'innovation",
    "verdir l'appareil productif",
]
MEASURE_THEMES = [
    "fonds d'appui aux écosystèmes",
    "banque de projets",
    "foncier locatif",
    "formation à la carte",
    "label Made in Morocco",
    "appui à l'export",
    "guichet unique",
    "accompagnement des auto-entrepreneurs",
    "contrats de performance sectoriels",
    "aide à la décarbonation",
    "programme de mise à niveau",
    "bourse de sous-traitance",
    "incitations à l'investissement",
    "observatoire de la filière",
]
SITE_KINDS = ["Parc industriel", "Technopole", "Agropole", "Zone d'accélération industrielle", "Zone logistique"]
