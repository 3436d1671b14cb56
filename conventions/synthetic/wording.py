"""Vocabulary: how a convention is worded (kinds, purposes, measures, events,
commitments, roles, indicators, follow-up actions) and the outlets that report
it."""

from conventions.models import Convention, Source

from .common import ROLE, K

# (kind, French label, noun with article, pronoun, agreement, English, Arabic, weight)
KINDS = [
    (Convention.Kind.PARTNERSHIP, "Convention de partenariat", "La convention", "Elle", "e", "Partnership agreement",
     "اتفاقية شراكة", 40),
    (Convention.Kind.FRAMEWORK, "Convention-cadre", "La convention-cadre", "Elle", "e", "Framework agreement",
     "اتفاقية إطار", 14),
    (Convention.Kind.SPECIFIC, "Convention spécifique", "La convention", "Elle", "e", "Specific agreement",
     "اتفاقية خاصة", 10),
    (Convention.Kind.MEMORANDUM, "Protocole d'accord", "Le protocole d'accord", "Il", "", "Memorandum of understanding",
     "مذكرة تفاهم", 12),
    (Convention.Kind.PROGRAMME_CONTRACT, "Contrat-programme", "Le contrat-programme", "Il", "", "Programme contract",
     "عقد برنامج", 5),
    (Convention.Kind.PERFORMANCE_CONTRACT, "Contrat de performance", "Le contrat de performance", "Il", "",
     "Performance contract", "عقد نجاعة", 4),
    (Convention.Kind.INVESTMENT_AGREEMENT, "Convention d'investissement", "La convention", "Elle", "e",
     "Investment agreement", "اتفاقية استثمار", 8),
    (Convention.Kind.AGREEMENT, "Accord", "L'accord", "Il", "", "Agreement", "اتفاق", 4),
    (Convention.Kind.AMENDMENT, "Avenant", "L'avenant", "Il", "", "Amendment", "ملحق", 3),
]  # fmt: skip

# (French purpose, English gloss, Arabic gloss). Placeholders: eco, of, product,
# city, trades, n, of_region, in_region.
PURPOSES = [
    ("le développement de l'écosystème « {eco} »", "industrial ecosystem development", "تطوير منظومة صناعية"),
    (
        "l'accompagnement financier des entreprises {of}",
        "financial support for companies",
        "المواكبة المالية للمقاولات",
    ),
    ("la formation de {n} jeunes aux métiers {trades}", "vocational training for young people", "تكوين الشباب"),
    ("l'aménagement de la zone industrielle {of_city}", "an industrial zone", "تهيئة منطقة صناعية"),
    ("la création d'un centre de formation aux métiers {trades} à {city}", "a training centre", "إحداث مركز للتكوين"),
    ("la promotion de l'intégration locale {of}", "local integration", "تعزيز الإدماج المحلي"),
    ("la substitution des importations de {product}", "import substitution", "تعويض الواردات"),
    ("la décarbonation des unités industrielles {of}", "industrial decarbonisation", "إزالة الكربون من الصناعة"),
    ("le financement des très petites, petites et moyennes entreprises {of}", "SME financing", "تمويل المقاولات"),
    ("la mise en place d'un parc industriel intégré à {city}", "an integrated industrial park", "حي صناعي مندمج"),
    ("la transformation numérique des PME {of}", "the digital transformation of SMEs", "التحول الرقمي للمقاولات"),
    ("le soutien à l'export des entreprises {of}", "export support", "دعم الصادرات"),
    ("l'amélioration de l'employabilité des jeunes {of_region}", "youth employability", "قابلية تشغيل الشباب"),
    ("la mise à niveau des zones d'activités économiques {of_city}", "upgrading business zones", "تأهيل مناطق الأنشطة"),
    ("l'efficacité énergétique dans les unités industrielles {of}", "energy efficiency", "النجاعة الطاقية"),
    ("la recherche, le développement et l'innovation {of}", "research and innovation", "البحث والتطوير والابتكار"),
    ("la valorisation des déchets industriels à {city}", "industrial waste recovery", "تثمين النفايات الصناعية"),
    ("la réalisation d'une plateforme logistique à {city}", "a logistics platform", "إنجاز منصة لوجستيكية"),
    ("l'appui à l'entrepreneuriat féminin {in_region}", "women's entrepreneurship", "دعم المقاولة النسائية"),
    ("la certification et la normalisation des produits {of}", "certification and standards", "الإشهاد والتقييس"),
    ("l'implantation d'une unité de production de {product} à {city}", "a new production plant", "إقامة وحدة إنتاجية"),
    (
        "la déclinaison régionale du Plan d'accélération industrielle {in_region}",
        "the regional industrial acceleration plan",
        "التنزيل الجهوي لمخطط التسريع الصناعي",
    ),
    ("la structuration de la filière « {eco} »", "structuring a value chain", "هيكلة سلسلة القيمة"),
    ("la création d'une cité des métiers et des compétences à {city}", "a skills campus", "مدينة المهن والكفاءات"),
    (
        "l'accueil des investisseurs dans la zone d'accélération industrielle {of_city}",
        "an industrial acceleration zone",
        "منطقة التسريع الصناعي",
    ),
    ("le renforcement des compétences des cadres {of}", "management skills", "تعزيز كفاءات الأطر"),
    ("la sécurisation de l'approvisionnement en {product}", "securing supplies", "تأمين التزويد"),
    ("l'accompagnement des coopératives {of_region}", "support for cooperatives", "مواكبة التعاونيات"),
    ("l'insertion professionnelle des lauréats de la formation {of}", "graduate employment", "الإدماج المهني"),
    ("la promotion du label « Made in Morocco » {of}", "promoting Made in Morocco", "الترويج لعلامة صنع في المغرب"),
]

MEASURES = [
    "un accompagnement technique des entreprises",
    "la formation de {n} personnes",
    "l'aménagement de {h} hectares de foncier industriel",
    "un appui financier aux porteurs de projets",
    "la création d'une cellule de suivi",
    "des rencontres entre donneurs d'ordre et fournisseurs locaux",
    "un dispositif de garantie adapté",
    "des diagnostics énergétiques",
    "la labellisation des produits",
    "des campagnes de promotion à l'international",
    "un guichet unique pour les investisseurs",
    "des études de marché",
    "l'incubation de jeunes entreprises",
    "une banque de projets pour les investisseurs",
    "la mise à disposition de locaux clés en main",
]

EVENTS = [
    ("du", "{n}e Salon de l'automobile de Tanger", "Tanger"),
    ("des", "{n}es Assises nationales de l'industrie", "Casablanca"),
    ("du", "Salon international de l'agriculture au Maroc", "Meknès"),
    ("du", "Marrakech Air Show", "Marrakech"),
    ("de la", "Journée nationale de l'industrie", "Casablanca"),
    ("du", "Salon Halieutis", "Agadir"),
    ("du", "GITEX Africa", "Marrakech"),
    ("du", "Forum Africa Industries", "Casablanca"),
    ("des", "{n}es Rencontres régionales de l'investissement", None),
    ("du", "Salon Solaire Expo Maroc", "Casablanca"),
    ("du", "Forum de l'emploi et des compétences", None),
    ("du", "Salon international du textile", "Casablanca"),
]

UNKNOWN_DATE_NOTES = [
    "l'article ne donne pas de date",
    "« hier, mercredi » (article non daté)",
    "« la semaine dernière », selon le communiqué",
    "date non précisée dans le communiqué",
    "« récemment », selon la presse",
]

COMMITMENTS = {
    "finance": [
        "mettre en place une ligne de financement dédiée",
        "proposer des crédits à des conditions préférentielles",
        "accélérer le traitement des demandes de financement",
        "mobiliser des garanties adaptées aux entreprises du secteur",
    ],
    "state": [
        "mobiliser les branches industrielles concernées",
        "assurer le suivi et l'évaluation de la convention",
        "accorder l'appui du Fonds de développement industriel et des investissements",
        "faciliter l'accès au foncier industriel",
        "coordonner l'action des départements concernés",
    ],
    "members": [
        "sensibiliser ses membres au dispositif",
        "mandater un cabinet de conseil pour identifier les opportunités d'intégration locale",
        "réaliser une enquête auprès de ses adhérents",
        "identifier les entreprises bénéficiaires",
        "organiser des rencontres entre donneurs d'ordre et fournisseurs",
    ],
    "agency": [
        "assurer l'ingénierie de formation",
        "accompagner les porteurs de projets",
        "aménager et commercialiser le foncier",
        "instruire les demandes d'autorisation dans les délais",
        "réaliser les études techniques",
    ],
    "territory": [
        "mettre à disposition le terrain nécessaire",
        "cofinancer les infrastructures hors site",
        "faciliter les démarches administratives des investisseurs",
        "contribuer au financement du programme",
    ],
    "company": [
        "réaliser un investissement industriel",
        "recruter et former des jeunes de la région",
        "s'approvisionner auprès de fournisseurs locaux",
        "atteindre le taux d'intégration locale convenu",
        "créer des emplois directs",
    ],
    "donor": [
        "apporter une assistance technique",
        "cofinancer le programme",
        "partager son expertise",
        "financer des études de faisabilité",
    ],
}
COMMITMENT_FAMILY = {
    K.BANK: "finance",
    K.MINISTRY: "state",
    K.DEPARTMENT: "state",
    K.STATE: "state",
    K.ASSOCIATION: "members",
    K.FEDERATION: "members",
    K.PUBLIC_AGENCY: "agency",
    K.REGIONAL_BODY: "territory",
    K.COMPANY: "company",
    K.INTERNATIONAL: "donor",
}
# Role weights by actor kind: signatory, financier, beneficiary, implementing agency, partner, witness.
ROLES = [ROLE.SIGNATORY, ROLE.FINANCIER, ROLE.BENEFICIARY, ROLE.IMPLEMENTING_AGENCY, ROLE.PARTNER, ROLE.WITNESS]
ROLE_WEIGHTS = {
    K.MINISTRY: [70, 15, 0, 0, 5, 10],
    K.DEPARTMENT: [45, 0, 0, 45, 10, 0],
    K.BANK: [30, 60, 0, 0, 10, 0],
    K.PUBLIC_AGENCY: [30, 5, 0, 45, 20, 0],
    K.ASSOCIATION: [40, 0, 30, 0, 30, 0],
    K.FEDERATION: [45, 0, 25, 0, 30, 0],
    K.COMPANY: [40, 0, 40, 0, 20, 0],
    K.REGIONAL_BODY: [50, 25, 0, 0, 25, 0],
    K.INTERNATIONAL: [20, 45, 0, 0, 35, 0],
}

# (indicator, unit, low, high, comparator, is a share)
INDICATORS = [
    ("créations d'emplois", "emplois", 100, 20_000, "gte", False),
    ("chiffre d'affaires additionnel", "MAD", 10**7, 10**10, "gte", False),
    ("exportations", "MAD", 10**8, 5 * 10**10, "gte", False),
    ("investissements mobilisés", "MAD", 10**7, 5 * 10**9, "gte", False),
    ("taux d'intégration locale", "%", 35, 80, "gte", True),
    ("entreprises accompagnées", "entreprises", 20, 2_000, "gte", False),
    ("personnes formées", "personnes", 100, 10_000, "gte", False),
    ("superficie aménagée", "hectares", 10, 500, "about", False),
    ("capacité de production", "véhicules", 10_000, 500_000, "gte", False),
    ("valeur ajoutée", "MAD", 10**7, 5 * 10**9, "gte", False),
    ("substitution des importations", "MAD", 10**8, 3 * 10**10, "gte", False),
    ("réduction des émissions de CO2", "tonnes de CO2", 1_000, 500_000, "gte", False),
    ("projets d'investissement identifiés", "projets", 10, 500, "gte", False),
    ("délai de traitement des dossiers", "jours", 5, 60, "lte", False),
]
HORIZON_LABELS = ["à court terme", "d'ici la fin de l'année", "à l'horizon du plan", "à moyen terme"]
MEASUREMENT_NOTES = [
    "",
    "",
    "selon le bilan annuel du comité de pilotage",
    "chiffres communiqués par le ministère",
    "d'après la presse",
    "{n} projets dans {m} secteurs",
    "bilan d'étape",
]

ACTIONS = [
    "Réaliser une enquête auprès des adhérents",
    "Mandater un cabinet de conseil",
    "Établir les fiches projets",
    "Tenir la première réunion du comité de pilotage",
    "Publier l'appel à manifestation d'intérêt",
    "Lancer les travaux d'aménagement",
    "Livrer l'étude de faisabilité",
    "Sélectionner les entreprises bénéficiaires",
    "Recruter les formateurs",
    "Ouvrir le centre de formation",
    "Signer les conventions spécifiques d'application",
    "Présenter le bilan annuel",
    "Mettre en place la plateforme de suivi",
    "Organiser la journée de lancement",
    "Identifier le foncier disponible",
    "Transmettre la liste des produits importés",
    "Former la première promotion",
    "Débloquer la première tranche du financement",
]
RESPONSIBLE_NOTES = ["cabinet mandaté par l'association (non nommé)", "comité de pilotage", "prestataire à désigner"]

# (name, domain, kind)
OUTLETS = [
    ("Le Matin", "lematin.ma", Source.Kind.PRESS),
    ("L'Économiste", "leconomiste.com", Source.Kind.PRESS),
    ("Médias24", "medias24.com", Source.Kind.PRESS),
    ("Le360", "fr.le360.ma", Source.Kind.PRESS),
    ("Hespress FR", "fr.hespress.com", Source.Kind.PRESS),
    ("L'Opinion", "lopinion.ma", Source.Kind.PRESS),
    ("Challenge", "challenge.ma", Source.Kind.PRESS),
    ("La Vie éco", "lavieeco.com", Source.Kind.PRESS),
    ("Infomédiaire", "infomediaire.net", Source.Kind.PRESS),
    ("MAP Express", "mapexpress.ma", Source.Kind.PRESS),
    ("Les Inspirations ÉCO", "leseco.ma", Source.Kind.PRESS),
    ("Le Desk", "ledesk.ma", Source.Kind.PRESS),
    ("TelQuel", "telquel.ma", Source.Kind.PRESS),
    ("Aujourd'hui le Maroc", "aujourdhui.ma", Source.Kind.PRESS),
    ("Finances News Hebdo", "fnh.ma", Source.Kind.PRESS),
    ("Ministère de l'Industrie et du Commerce", "mcinet.gov.ma", Source.Kind.PRESS_RELEASE),
    ("Portail national du Maroc", "maroc.ma", Source.Kind.OFFICIAL_SITE),
    ("Bulletin officiel", "sgg.gov.ma", Source.Kind.OFFICIAL_GAZETTE),
    ("Cour des comptes", "courdescomptes.ma", Source.Kind.REPORT),
]
OUTLET_WEIGHTS = [9, 8, 8, 8, 6, 5, 5, 5, 6, 7, 5, 3, 3, 4, 4, 6, 5, 1, 1]
