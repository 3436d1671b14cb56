"""The demo register: every fact of the five seed articles that the models hold.

The records are plain data, loaded by `conventions.demo.loader` (the
`load_demo` command). Conventions of this module:

- A translated text is a string (French only) or a dict {"fr", "ar", "en"};
  Arabic and English are given only where the official name or a faithful
  translation is certain, otherwise they stay empty and fall back to French.
- A partial date is "YYYY", "YYYY-MM", "YYYY-MM-DD" (year, month, day
  precision) or None (unknown precision, no date).
- Actors, people, sectors, plans and conventions are referred to by slug,
  plan components by (plan slug, component slug), sources by their key.
- Nothing here goes beyond the articles (seeds 000 to 004, texts in
  `articles/`), except official names and acronyms of actors the articles
  designate by another label, said so in a comment where it happens.
"""

from actors.models import Actor, ActorName
from conventions.models import Convention, FollowUpAction, Objective, Party, Source
from plans.models import Plan, PlanComponent

ABOUT = Objective.Comparator.ABOUT
# The seed articles give these targets as plain figures, never "at least":
# the direction is left blank (unknown) rather than guessed.
UNSAID = ""
SIGNATORY = Party.Role.SIGNATORY
PARTNER = Party.Role.PARTNER
FINANCIER = Party.Role.FINANCIER
SPOKE = Party.RepresentativeCapacity.SPOKE
PLANNED = FollowUpAction.State.PLANNED
IN_PROGRESS = FollowUpAction.State.IN_PROGRESS
DONE = FollowUpAction.State.DONE

# --- actors ------------------------------------------------------------------

MINISTRY = "ministere-industrie-commerce"
CAM = "credit-agricole-du-maroc"
AMICA = "amica"
ANAPEC = "anapec"
INCLUSION = "ministere-inclusion-economique"
FIMME = "fimme"
AMCA = "amca"
COMMERCE_DIRECTION = "direction-commerce-interieur"
STATE = "etat-marocain"
OPERATORS = "operateurs-economiques"
CRI_ORIENTAL = "centre-regional-investissement-oriental"

ACTORS = [
    {
        # One actor under the four labels of the articles; its current name is
        # the one of seed 001, the latest of them.
        "slug": MINISTRY,
        "name": {
            "fr": "Ministère de l'Industrie et du Commerce",
            "ar": "وزارة الصناعة والتجارة",
            "en": "Ministry of Industry and Trade",
        },
        # The usual acronym, not written in the articles (seed-001 annotation).
        "acronym": "MIC",
        "kind": Actor.Kind.MINISTRY,
        "names": [
            {
                "name": "Ministère de l'Industrie, du Commerce et de l'économie numérique",
                "kind": ActorName.Kind.FORMER,
                "attested": "2019-02",
                "note": "Infomédiaire, février 2019 (coup d'envoi des écosystèmes IMM).",
            },
            {
                "name": "Ministère de l'Industrie du commerce, des investissements et de l'économie numérique",
                "kind": ActorName.Kind.VARIANT,
                "attested": "2019-02",
                "note": "Infomédiaire, février 2019, dans la fonction de Hicham Akdessra.",
            },
            {
                "name": "Ministère de l'Industrie, du Commerce, de l'Économie Verte et Numérique",
                "kind": ActorName.Kind.FORMER,
                "attested": "2021-02",
                "note": "Le Matin, février 2021 (partenariat avec l'AMCA).",
            },
            {
                # The short form of seeds 000 (undated) and 003 (2021-02): a
                # usual name rather than a former or variant official one.
                "name": "Ministère de l'Industrie",
                "kind": ActorName.Kind.INFORMAL,
                "attested": "2021-02",
                "note": "Nom court employé par Le Matin (février 2021) et par l'article non daté sur la convention "
                "CAM-AMICA.",
            },
        ],
    },
    {
        "slug": CAM,
        # A proper name: the bank writes it in French in English texts too.
        "name": {"fr": "Crédit Agricole du Maroc", "ar": "القرض الفلاحي للمغرب", "en": "Crédit Agricole du Maroc"},
        "acronym": "CAM",
        "kind": Actor.Kind.BANK,
        "names": [
            {
                "name": "Groupe Crédit Agricole du Maroc",
                "kind": ActorName.Kind.VARIANT,
                "attested": None,
                "note": "Article non daté sur la convention CAM-AMICA.",
            },
        ],
    },
    {
        # The expansion of seed 000; seed 001 expands the same acronym otherwise.
        "slug": AMICA,
        "name": {
            "fr": "Association Marocaine pour l'Industrie et la Construction de l'Automobile",
            "ar": "الجمعية المغربية لصناعة وتركيب السيارات",
            # A translation of the French name, not an official English one.
            "en": "Moroccan Association for the Automotive Industry and Construction",
        },
        "acronym": "AMICA",
        "kind": Actor.Kind.ASSOCIATION,
        "names": [
            {
                "name": "Association Marocaine de l'Industrie et du Montage Automobile",
                "kind": ActorName.Kind.VARIANT,
                "attested": None,
                "note": "Développé employé, sans le sigle, par l'article non daté sur les deux conventions de Tanger.",
            },
        ],
    },
    {
        # Seed 001 gives the full name only; ANAPEC is its usual acronym.
        "slug": ANAPEC,
        "name": {
            "fr": "Agence Nationale de Promotion de l'Emploi et des Compétences",
            "ar": "الوكالة الوطنية لإنعاش التشغيل والكفاءات",
            "en": "National Agency for the Promotion of Employment and Skills",
        },
        "acronym": "ANAPEC",
        "kind": Actor.Kind.PUBLIC_AGENCY,
        "names": [],
    },
    {
        # The usual official name; seed 001 writes it as in the variant below
        # (probably a translation from Arabic).
        "slug": INCLUSION,
        "name": {
            "fr": "Ministère de l'Inclusion économique, de la Petite Entreprise, de l'Emploi et des Compétences",
            "ar": "وزارة الإدماج الاقتصادي والمقاولة الصغرى والتشغيل والكفاءات",
            "en": "Ministry of Economic Inclusion, Small Business, Employment and Skills",
        },
        "acronym": "",
        "kind": Actor.Kind.MINISTRY,
        "names": [
            {
                "name": "Ministère de l'Insertion économique, des Petites et Moyennes Entreprises, de l'Emploi et des "
                "Compétences",
                "kind": ActorName.Kind.VARIANT,
                "attested": None,
                "note": "Libellé de l'article non daté sur les deux conventions de Tanger.",
            },
        ],
    },
    {
        # The federation's official name (matching its official Arabic name);
        # seed 002 expands FIMME otherwise, kept as a variant.
        "slug": FIMME,
        "name": {
            "fr": "Fédération des Industries Métallurgiques, Mécaniques et Électromécaniques",
            "ar": "الجامعة المغربية للصناعات المعدنية والميكانيكية والكهروميكانيكية",
        },
        "acronym": "FIMME",
        "kind": Actor.Kind.FEDERATION,
        "names": [
            {
                "name": "Fédération des industries mécaniques, métallurgiques et électriques",
                "acronym": "FIMME",
                "kind": ActorName.Kind.VARIANT,
                "attested": "2019-02",
                "note": "Infomédiaire, février 2019.",
            },
        ],
    },
    {
        "slug": AMCA,
        # French only: the sources give no Arabic or English name for this
        # buyers' association, and a guessed translation would pass for official.
        "name": "Association Marocaine de la Communauté Achats",
        "acronym": "AMCA",
        "kind": Actor.Kind.ASSOCIATION,
        "names": [],
    },
    {
        "slug": COMMERCE_DIRECTION,
        "name": {
            "fr": "Direction du Commerce intérieur",
            "ar": "مديرية التجارة الداخلية",
            "en": "Directorate of Domestic Trade",
        },
        "acronym": "",
        "kind": Actor.Kind.DEPARTMENT,
        "parent": MINISTRY,
        "names": [],
    },
    {
        "slug": STATE,
        "name": {"fr": "État marocain", "ar": "الدولة المغربية", "en": "Moroccan State"},
        "acronym": "",
        "kind": Actor.Kind.STATE,
        "names": [],
    },
    {
        "slug": OPERATORS,
        "name": {"fr": "Opérateurs économiques", "ar": "الفاعلون الاقتصاديون", "en": "Economic operators"},
        "acronym": "",
        "kind": Actor.Kind.COLLECTIVE,
        "description": "Côté privé du contrat-programme Émergence, tel que la source le désigne, sans organisation "
        "nommée.",
        "names": [],
    },
    {
        "slug": CRI_ORIENTAL,
        "name": {
            "fr": "Centre Régional d'Investissement de l'Oriental",
            "ar": "المركز الجهوي للاستثمار لجهة الشرق",
            "en": "Regional Investment Centre of the Oriental",
        },
        "acronym": "",
        "kind": Actor.Kind.PUBLIC_AGENCY,
        "names": [],
    },
]

# --- people and their mandates -----------------------------------------------
# Mandates carry no start or end: the articles give none. `attested` is the
# article's date when it has one (seed 002: 2019-02); seed 000 is undated.

PEOPLE = [
    {
        "slug": "ryad-mezzour",
        "name": "Ryad Mezzour",
        "mandates": [
            {
                "actor": MINISTRY,
                "title": {"fr": "Ministre", "ar": "وزير", "en": "Minister"},
                "attested": None,
                "note": "« le ministre de l'industrie » (article non daté sur la convention CAM-AMICA).",
            },
        ],
    },
    {
        "slug": "mohamed-fikrat",
        "name": "Mohamed Fikrat",
        "mandates": [
            {
                "actor": CAM,
                "title": {"fr": "Président du directoire", "en": "Chairman of the Management Board"},
                "attested": None,
                "note": "« président du directoire du CAM » (article non daté sur la convention CAM-AMICA).",
            },
        ],
    },
    {
        "slug": "hakim-abdelmoumen",
        "name": "Hakim Abdelmoumen",
        "mandates": [
            {
                "actor": AMICA,
                "title": {"fr": "Président", "ar": "رئيس", "en": "President"},
                "attested": None,
                "note": "« président de l'association » (article non daté sur la convention CAM-AMICA).",
            },
        ],
    },
    {
        "slug": "tarek-itri",
        "name": "Tarek Itri",
        "mandates": [
            {
                "actor": FIMME,
                "title": {"fr": "Président", "ar": "رئيس", "en": "President"},
                "attested": "2019-02",
                "note": "« le président de la FIMME » (Infomédiaire, février 2019).",
            },
        ],
    },
    {
        "slug": "hicham-akdessra",
        "name": "Hicham Akdessra",
        "mandates": [
            {
                "actor": MINISTRY,
                "title": {"fr": "Directeur des activités industrielles", "en": "Director of Industrial Activities"},
                "attested": "2019-02",
                "note": "« le directeur des activités industrielles au ministère » (Infomédiaire, février 2019).",
            },
        ],
    },
]

# --- sectors -----------------------------------------------------------------

SECTORS = [
    {"slug": "industrie", "name": {"fr": "Industrie", "ar": "الصناعة", "en": "Industry"}},
    {
        "slug": "industrie-automobile",
        "parent": "industrie",
        "name": {"fr": "Industrie automobile", "ar": "صناعة السيارات", "en": "Automotive industry"},
    },
    {
        "slug": "industries-mecaniques-metallurgiques",
        "parent": "industrie",
        "name": {
            "fr": "Industries mécaniques et métallurgiques (IMM)",
            "ar": "الصناعات الميكانيكية والمعدنية",
            "en": "Mechanical and metallurgical industries",
        },
    },
    {
        "slug": "industries-electriques",
        "parent": "industrie",
        "name": {"fr": "Industries électriques", "ar": "الصناعات الكهربائية", "en": "Electrical industries"},
    },
    {
        "slug": "textile-cuir",
        "parent": "industrie",
        "name": {"fr": "Textile et cuir", "ar": "النسيج والجلد", "en": "Textile and leather"},
    },
    {
        "slug": "financement-bancaire",
        "name": {"fr": "Financement bancaire", "ar": "التمويل البنكي", "en": "Bank financing"},
    },
    {
        "slug": "emploi-competences",
        "name": {"fr": "Emploi et compétences", "ar": "التشغيل والكفاءات", "en": "Employment and skills"},
    },
    {
        "slug": "achats-approvisionnement",
        "name": {"fr": "Achats et approvisionnement", "ar": "المشتريات والتموين", "en": "Purchasing and supply"},
    },
    {"slug": "agriculture", "name": {"fr": "Agriculture", "ar": "الفلاحة", "en": "Agriculture"}},
]

# --- sources -----------------------------------------------------------------
# One per seed article. Titles are descriptive (the texts have none); `quote`
# is a verbatim passage of the article; `published` is the "date" line of the
# text when there is one. Links to conventions and plans are set once those
# exist.

SOURCES = [
    {
        "key": "seed-000",
        "article": "seed-000.txt",
        "title": "Convention ministère de l'Industrie – Crédit Agricole du Maroc – AMICA pour l'accompagnement "
        "financier du secteur automobile",
        "kind": Source.Kind.PRESS,
        "outlet": "",
        "author": "",
        "published": None,
        "quote": "C’est ce qu’a révélé le ministre de l’industrie, Ryad Mezzour, lors de la signature d’une convention "
        "entre le ministère de l’industrie, le groupe Crédit Agricole du Maroc et l’AMICA (Association Marocaine "
        "pour l’Industrie et la Construction de l’Automobile), visant l’accompagnement des entreprises opérant dans "
        "le secteur automobile.",
        "conventions": ["convention-cam-amica-accompagnement-financier-automobile"],
        # Plan Maroc Vert and Génération Green are named for the CAM's
        # experience in agriculture, not linked to the convention.
        "plans": ["plan-de-relance-industrielle", "plan-maroc-vert", "generation-green"],
    },
    {
        "key": "seed-001",
        "article": "seed-001.txt",
        "title": "Tanger : deux conventions de partenariat pour l'emploi et l'intégration locale dans l'industrie "
        "automobile",
        "kind": Source.Kind.PRESS,
        "outlet": "",
        "author": "",
        "published": None,
        "quote": "Hier, mercredi, à Tanger, deux conventions de partenariat ont été signées pour développer le secteur "
        "de l’industrie automobile au Maroc, en marge de la huitième édition du Salon de l’Automobile de Tanger.",
        "conventions": [
            "convention-emploi-competences-industrie-automobile",
            "convention-integration-locale-industrie-automobile",
        ],
        "plans": [],
    },
    {
        "key": "seed-002",
        "article": "seed-002.txt",
        "title": "Coup d'envoi des écosystèmes des industries mécaniques et métallurgiques (IMM), contrats signés en "
        "2016 entre l'État et la FIMME",
        "kind": Source.Kind.PRESS,
        "outlet": "Infomédiaire",
        "author": "Rédaction Infomédiaire",
        "published": "2019-02",
        "quote": "Les contrats de payement qui ont été signés en 2016 ouvrent de larges horizons pour les industriels "
        "pour la mise en place d’un partenariat stratégique et l’accès aux marchés étrangers, particulièrement "
        "africains.",
        "conventions": ["contrats-de-performance-ecosystemes-imm"],
        "plans": [],
    },
    {
        "key": "seed-003",
        "article": "seed-003.txt",
        "title": "L'AMCA et le ministère de l'Industrie mettent en place un partenariat pour la production locale "
        "(Made in Morocco)",
        "kind": Source.Kind.PRESS,
        # "source : lematin.ma" at the foot of the text; the article's own
        # address is not given, so `url` stays empty.
        "outlet": "Le Matin",
        "author": "",
        "published": "2021-02",
        "quote": "Un partenariat est en cours de mise en place avec le ministère de l’Industrie afin de soutenir la "
        "production et la fabrication locale dans le cadre du Plan de relance industrielle.",
        "conventions": ["partenariat-amca-ministere-production-locale-made-in-morocco"],
        "plans": ["plan-de-relance-industrielle", "made-in-morocco"],
    },
    {
        "key": "seed-004",
        "article": "seed-004.txt",
        "title": "Plan d'accélération industrielle 2014-2020 et sa déclinaison dans l'Oriental (pôle MedEst)",
        "kind": Source.Kind.OFFICIAL_SITE,
        "outlet": "Centre Régional d'Investissement de l'Oriental",
        "author": "",
        "published": None,
        "quote": "Axée sur la relance industrielle, la stratégie « Émergence 2009-2015 » a fait l’objet d’un "
        "contrat-programme mobilisant et coordonnant les actions de l'Etat et des opérateurs économiques, en vue de "
        "construire un secteur industriel fort.",
        "conventions": ["contrat-programme-emergence"],
        "plans": ["emergence", "plan-acceleration-industrielle"],
    },
]

# --- plans -------------------------------------------------------------------
# Listed predecessors first. No owner: no article says which actor carries a
# plan. Plan Maroc Vert and Génération Green have no period in the article.

PLANS = [
    {
        "slug": "emergence",
        "name": {"fr": "Émergence", "ar": "إقلاع", "en": "Emergence"},
        "kind": Plan.Kind.STRATEGY,
        "start_year": 2009,
        "end_year": 2015,
        "sectors": ["industrie"],
        "summary": "Stratégie axée sur la relance industrielle, qui a fait l'objet d'un contrat-programme mobilisant "
        "et coordonnant les actions de l'État et des opérateurs économiques, en vue de construire un secteur "
        "industriel fort.",
    },
    {
        "slug": "plan-acceleration-industrielle",
        "name": {
            "fr": "Plan d'Accélération Industrielle",
            "ar": "مخطط التسريع الصناعي",
            "en": "Industrial Acceleration Plan",
        },
        "short_name": "PAI",
        "kind": Plan.Kind.PLAN,
        "start_year": 2014,
        "end_year": 2020,
        "predecessor": "emergence",
        "sectors": ["industrie", "textile-cuir"],
        "summary": "Nouvelle stratégie industrielle qui capitalise sur les réalisations d'Émergence et garde le cap "
        "des Métiers Mondiaux du Maroc, tout en intégrant les autres filières classiques du tissu industriel national, "
        "tels que le textile et le cuir. Elle fixe dix mesures clefs regroupées en trois blocs et se décline dans "
        "la région de l'Oriental à travers le pôle MedEst.",
        "components": [
            {
                "slug": "bloc-1-industrie-integree",
                "kind": PlanComponent.Kind.BLOCK,
                "position": 1,
                "name": "Bloc 1 : réduire l'atomisation sectorielle et construire une industrie mieux intégrée",
                "description": "Les logiques d'écosystèmes en sont le point d'ancrage et le levier principal : "
                "écosystèmes autour d'entreprises locomotives, nouvelle relation entre grands groupes et PME.",
            },
            {
                "slug": "bloc-2-competitivite-pme",
                "kind": PlanComponent.Kind.BLOCK,
                "position": 2,
                "name": "Bloc 2 : outils de soutien à la compétitivité des PME",
                "description": "Accès des PME aux investisseurs, au financement et aux marchés ; le dispositif "
                "financier fait l'objet d'un programme spécifique.",
            },
            {
                "slug": "fonds-de-developpement-industriel",
                "parent": "bloc-2-competitivite-pme",
                "kind": PlanComponent.Kind.FUND,
                "position": 3,
                "name": "Fonds de Développement Industriel",
                "description": "Créé dans le cadre du programme spécifique du dispositif financier.",
                "amount": 20_000_000_000,
            },
            {
                "slug": "bloc-3-attractivite-ide",
                "kind": PlanComponent.Kind.BLOCK,
                "position": 4,
                "name": "Bloc 3 : attractivité des investissements directs étrangers",
                "description": "Une équipe de professionnels de l'intermédiation et d'experts par métier, chargée de "
                "20 prospects stratégiques ; déclinaison de la vocation africaine du Royaume par des partenariats "
                "Sud-Sud.",
            },
            {
                "slug": "pole-medest",
                "kind": PlanComponent.Kind.REGIONAL_POLE,
                "position": 5,
                "name": "Pôle « MedEst »",
                "region": "MA-02",
                "description": "Déclinaison de la stratégie industrielle dans la région de l'Oriental : un pôle de "
                "développement sur la façade méditerranéenne orientale du Royaume, avec trois grands espaces "
                "économiques conçus selon le concept de systèmes productifs localisés.",
            },
            {
                "slug": "technopole-oujda",
                "parent": "pole-medest",
                "kind": PlanComponent.Kind.SITE,
                "position": 6,
                "name": "Technopole d'Oujda",
                "region": "MA-02",
                "location": "Oujda",
            },
            {
                "slug": "agropole-berkane",
                "parent": "pole-medest",
                "kind": PlanComponent.Kind.SITE,
                "position": 7,
                "name": "Agropole de Berkane",
                "region": "MA-02",
                "location": "Berkane",
            },
            {
                "slug": "parc-industriel-selouane",
                "parent": "pole-medest",
                "kind": PlanComponent.Kind.SITE,
                "position": 8,
                "name": "Parc Industriel de Selouane",
                "region": "MA-02",
                "location": "Selouane (Nador)",
            },
        ],
        "objectives": [
            {
                "indicator": "Créations d'emplois",
                "unit": "emplois",
                "comparator": UNSAID,
                "target": 500_000,
                "horizon": "2020",
                "source": "seed-004",
            },
            {
                "indicator": "Part de l'industrie dans le PIB",
                "unit": "% du PIB",
                "comparator": UNSAID,
                "baseline": 14,
                "target": 23,
                "horizon": "2020",
                "note": "Accroissement de 9 points, de 14 % à 23 % (année de départ non précisée).",
                "source": "seed-004",
            },
        ],
    },
    {
        "slug": "plan-de-relance-industrielle",
        "name": {
            "fr": "Plan de relance industrielle",
            "ar": "مخطط الإنعاش الصناعي",
            "en": "Industrial Recovery Plan",
        },
        "kind": Plan.Kind.PLAN,
        "start_year": 2021,
        "end_year": 2023,
        "predecessor": "plan-acceleration-industrielle",
        "sectors": ["industrie"],
        "summary": "Plan industriel 2021-2023 dont les ambitions comprennent la substitution aux importations par la "
        "production locale, avec un objectif de 34 milliards de dirhams, et, à court terme, un million de "
        "véhicules de capacité de production automobile installée. Le ministère y a mis en place une cellule "
        "« War-room » pour accompagner les porteurs de projets.",
        "components": [
            {
                "slug": "substitution-aux-importations",
                "kind": PlanComponent.Kind.PROGRAMME,
                "position": 1,
                "name": "Substitution aux importations par la production locale",
            },
            {
                "slug": "cellule-war-room",
                "kind": PlanComponent.Kind.PROGRAMME,
                "position": 2,
                "name": "Cellule « War-room »",
                "description": "Mise en place par le ministère pour accompagner les porteurs de projets ; elle avait "
                "retenu, en février 2021, 357 projets répartis en 10 secteurs sur différentes régions du Maroc.",
            },
        ],
        "objectives": [
            {
                "indicator": "Capacité de production automobile installée",
                "unit": "véhicules",
                "comparator": UNSAID,
                "target": 1_000_000,
                "horizon_label": "à court terme",
                "source": "seed-000",
            },
            {
                "indicator": "Substitution aux importations par la production locale",
                "unit": "MAD",
                "comparator": UNSAID,
                "target": 34_000_000_000,
                "note": "Échéance non précisée.",
                "source": "seed-003",
                "measurements": [
                    {
                        "value": 21_000_000_000,
                        "on": "2021-02",
                        "note": "357 projets dans 10 secteurs retenus par la cellule « War-room » (potentiel de "
                        "substitution), soit 62 % de l'objectif.",
                        "source": "seed-003",
                    },
                ],
            },
        ],
    },
    {
        "slug": "made-in-morocco",
        "name": {"fr": "Made in Morocco", "ar": "صنع في المغرب", "en": "Made in Morocco"},
        "kind": Plan.Kind.NATIONAL_PROJECT,
        "sectors": ["industrie"],
        "summary": "Projet national de promotion de la production et de la fabrication locales, auquel l'AMCA s'est "
        "engagée à contribuer en 2021.",
    },
    {
        "slug": "plan-maroc-vert",
        "name": {"fr": "Plan Maroc Vert", "ar": "مخطط المغرب الأخضر", "en": "Green Morocco Plan"},
        "kind": Plan.Kind.PLAN,
        "sectors": ["agriculture"],
        "summary": "Plan du secteur agricole, à travers lequel le Crédit Agricole du Maroc a apporté un soutien "
        "financier et technique à l'agriculture.",
    },
    {
        "slug": "generation-green",
        "name": {"fr": "Génération Green", "ar": "الجيل الأخضر", "en": "Generation Green"},
        "kind": Plan.Kind.PLAN,
        "predecessor": "plan-maroc-vert",
        "sectors": ["agriculture"],
        "summary": "Stratégie agricole qui fait suite au Plan Maroc Vert ; le Crédit Agricole du Maroc y soutient "
        "financièrement et techniquement le secteur agricole.",
    },
]

# --- conventions -------------------------------------------------------------
# Each convention cites its article (`source`) for its parties' commitments,
# its objectives and its actions unless a row says otherwise. Parties come in
# the order the article names them. All demo conventions are published.

CONVENTIONS = [
    # Seed 000: one convention between three parties (the sentence "Le CAM et
    # l'AMICA ont convenu…" describes its content, not a second convention).
    # No date: the text gives none. Three people spoke at the signing; the
    # article does not say who signed, so their capacity is SPOKE.
    {
        "slug": "convention-cam-amica-accompagnement-financier-automobile",
        "source": "seed-000",
        "title": {
            "fr": "Convention de partenariat pour l'accompagnement financier des entreprises du secteur automobile",
            "ar": "اتفاقية شراكة لمواكبة مقاولات قطاع السيارات ماليا",
            "en": "Partnership agreement for the financial support of companies in the automotive sector",
        },
        "kind": Convention.Kind.PARTNERSHIP,
        "status": Convention.Status.SIGNED,
        "signed": None,
        "signed_note": "L'article ne donne pas de date.",
        "summary": "Convention signée entre le ministère de l'Industrie, le Crédit Agricole du Maroc (CAM) et l'AMICA "
        "pour accompagner les entreprises du secteur automobile. Le CAM et l'AMICA mettent à la disposition des "
        "membres de l'association un dispositif financier adapté : traitement accéléré, conditions avantageuses "
        "pour la filière, outils financiers digitalisés et accompagnement des professionnels pour le développement "
        "de l'intégration locale. La convention prévoit aussi un accompagnement des investissements de "
        "décarbonation, un soutien à la nouvelle génération d'entrepreneurs porteurs de projets d'investissement "
        "industriel et à l'émergence de grands groupes industriels marocains dans le secteur. Elle s'inscrit dans "
        "le plan de relance industrielle.",
        "sectors": ["industrie-automobile", "financement-bancaire"],
        "plans": ["plan-de-relance-industrielle"],
        "parties": [
            {
                "actor": MINISTRY,
                "role": SIGNATORY,
                "name_as_written": "ministère de l'industrie",
                "representative": "ryad-mezzour",
                "representative_title": "ministre de l'industrie",
                "capacity": SPOKE,
                "note": "S'est exprimé lors de la signature ; l'article ne dit pas qui a signé.",
            },
            {
                "actor": CAM,
                "role": FINANCIER,
                "name_as_written": "groupe Crédit Agricole du Maroc",
                "representative": "mohamed-fikrat",
                "representative_title": "président du directoire du CAM",
                "capacity": SPOKE,
                "note": "S'est exprimé ; l'article ne dit pas qui a signé.",
                "commitments": [
                    "Mettre à la disposition des membres de l'AMICA un dispositif financier adapté : traitement "
                    "accéléré, conditions avantageuses pour la filière, outils financiers digitalisés adaptés aux "
                    "besoins et accompagnement des professionnels pour le développement de l'intégration locale et "
                    "en profondeur.",
                ],
            },
            {
                "actor": AMICA,
                "role": PARTNER,
                "representative": "hakim-abdelmoumen",
                "representative_title": "président de l'association",
                "capacity": SPOKE,
                "note": "S'est exprimé ; l'article ne dit pas qui a signé.",
                "commitments": [
                    "Mettre, avec le CAM, les solutions du dispositif financier à la disposition des membres de "
                    "l'association.",
                ],
            },
        ],
        "objectives": [
            {
                # A forecast for the sector announced by AMICA's president; the
                # year is not given, hence a label and no date.
                "indicator": "Chiffre d'affaires à l'export du secteur automobile",
                "unit": "MAD",
                "comparator": ABOUT,
                "target": 130_000_000_000,
                "horizon_label": "d'ici la fin de l'année",
                "note": "Prévision annoncée par le président de l'AMICA lors de la signature (« près de 130 milliards "
                "de DH »), non présentée comme un engagement écrit de la convention ; l'année n'est pas précisée.",
                "measurements": [
                    {
                        "value": 157_000_000_000,
                        "on": "2024",
                        "note": "Chiffre d'affaires record à l'export du secteur automobile en 2024 (+148 % en moins "
                        "de dix ans).",
                        "source": "seed-001",
                    },
                ],
            },
        ],
        "actions": [
            {
                "title": "Mettre à la disposition des membres de l'AMICA un dispositif financier adapté",
                "description": "Traitement accéléré, conditions avantageuses pour la filière, outils financiers "
                "digitalisés adaptés aux besoins.",
                "responsible": CAM,
                "responsible_note": "avec l'AMICA, qui relaie les solutions auprès de ses membres",
                "state": PLANNED,
            },
            {
                "title": "Accompagner les professionnels pour le développement de l'intégration locale et en "
                "profondeur",
                "responsible": CAM,
                "responsible_note": "dans le cadre du dispositif financier",
                "state": PLANNED,
            },
            {
                "title": "Accompagner les investissements dans le cadre de la décarbonation",
                "responsible": None,
                "responsible_note": "non précisé (« la convention prévoit »)",
                "state": PLANNED,
            },
            {
                "title": "Soutenir la nouvelle génération d'entrepreneurs porteurs de projets d'investissement "
                "industriel et l'émergence de grands groupes industriels marocains dans le secteur",
                "responsible": None,
                "responsible_note": "non précisé (« la convention prévoit »)",
                "state": PLANNED,
            },
        ],
    },
    # Seed 001: two conventions signed "hier, mercredi" at Tanger. The article
    # has no date; the year 2025 is inferred (medium confidence) from the 2024
    # export record it recalls as the latest annual figure: hence YEAR
    # precision, and no day. No person is named for any party.
    {
        "slug": "convention-emploi-competences-industrie-automobile",
        "source": "seed-001",
        "title": {
            "fr": "Convention de partenariat pour le renforcement des capacités de l'industrie automobile et la "
            "promotion de l'emploi dans le secteur",
            "ar": "اتفاقية شراكة لتعزيز قدرات صناعة السيارات وإنعاش التشغيل في القطاع",
            "en": "Partnership agreement to strengthen the capacities of the automotive industry and promote "
            "employment in the sector",
        },
        "kind": Convention.Kind.PARTNERSHIP,
        "status": Convention.Status.SIGNED,
        "signed": "2025",
        "signed_note": "« Hier, mercredi », dans un article non daté ; l'année 2025 est déduite du bilan 2024 cité.",
        "place": "Tanger",
        "event": "8e Salon de l'Automobile de Tanger",
        "summary": "Première des deux conventions signées à Tanger en marge de la huitième édition du Salon de "
        "l'Automobile, entre le ministère de l'Industrie et du Commerce, le ministère de l'Inclusion économique, "
        "l'ANAPEC et l'AMICA. Elle cible la promotion de l'emploi dans le secteur automobile et vise à accompagner "
        "son élévation qualitative par la création d'un ensemble de compétences qualifiées répondant à ses besoins, "
        "facilitant l'emploi des talents au bénéfice des entreprises de la filière.",
        "sectors": ["industrie-automobile", "emploi-competences"],
        "parties": [
            {"actor": MINISTRY, "role": SIGNATORY},
            {
                "actor": INCLUSION,
                "role": SIGNATORY,
                "name_as_written": "ministère de l'Insertion économique, des Petites et Moyennes Entreprises, de "
                "l'Emploi et des Compétences",
            },
            {"actor": ANAPEC, "role": SIGNATORY},
            {
                "actor": AMICA,
                "role": SIGNATORY,
                "name_as_written": "Association Marocaine de l'Industrie et du Montage Automobile",
            },
        ],
        "actions": [
            {
                "title": "Créer un ensemble de compétences qualifiées répondant aux besoins du secteur automobile",
                "responsible": None,
                "responsible_note": "les signataires (répartition non précisée)",
                "state": PLANNED,
            },
            {
                "title": "Faciliter l'emploi des talents au bénéfice des entreprises de la filière industrielle "
                "automobile",
                "responsible": None,
                "responsible_note": "les signataires (répartition non précisée)",
                "state": PLANNED,
            },
        ],
    },
    {
        "slug": "convention-integration-locale-industrie-automobile",
        "source": "seed-001",
        "title": {
            "fr": "Convention de partenariat pour le développement de l'intégration locale de l'industrie automobile",
            "ar": "اتفاقية شراكة لتطوير الإدماج المحلي لصناعة السيارات",
            "en": "Partnership agreement to develop local integration in the automotive industry",
        },
        "kind": Convention.Kind.PARTNERSHIP,
        "status": Convention.Status.SIGNED,
        "signed": "2025",
        "signed_note": "« Hier, mercredi », dans un article non daté ; l'année 2025 est déduite du bilan 2024 cité.",
        "place": "Tanger",
        "event": "8e Salon de l'Automobile de Tanger",
        "summary": "Seconde convention signée à Tanger en marge de la huitième édition du Salon de l'Automobile, entre "
        "le ministère de l'Industrie et du Commerce et l'AMICA, pour développer l'intégration locale de l'industrie "
        "automobile : poursuivre le développement de la valeur ajoutée locale des exportations de véhicules et de "
        "leurs composants afin d'améliorer la compétitivité du secteur. L'AMICA a mandaté un cabinet pour "
        "accompagner sa mise en œuvre.",
        "sectors": ["industrie-automobile"],
        "parties": [
            {"actor": MINISTRY, "role": SIGNATORY},
            {
                "actor": AMICA,
                "role": SIGNATORY,
                "name_as_written": "Association Marocaine de l'Industrie et du Montage Automobile",
                "commitments": ["Mandater un cabinet pour accompagner la mise en œuvre de la convention."],
            },
        ],
        "actions": [
            {
                # "a mandaté": done, on a day the article does not give.
                "title": "Mandater un cabinet pour accompagner la mise en œuvre de la convention",
                "responsible": AMICA,
                "state": DONE,
            },
            {
                "title": "Identifier les nouveaux besoins et opportunités d'intégration",
                "responsible": None,
                "responsible_note": "cabinet mandaté par l'association (non nommé)",
                "state": PLANNED,
            },
            {
                "title": "Élaborer des fiches projets à distribuer aux professionnels",
                "description": "Dans le but de désigner les acteurs susceptibles de renforcer l'intégration locale "
                "dans le secteur.",
                "responsible": None,
                "responsible_note": "cabinet mandaté par l'association (non nommé)",
                "state": PLANNED,
            },
        ],
    },
    # Seed 002: "contrats de payement" is a typo for "contrats de
    # performance". Signed in 2016 (year given); the article reports the
    # official launch of the ecosystems in February 2019, i.e. their execution.
    # Parties are inferred from "coopération étroite entre le ministère … et la
    # FIMME". Tarek Itri and Hicham Akdessra spoke at the 2019 launch, not at
    # the 2016 signing: they are recorded on the parties with capacity SPOKE
    # and a note saying so, because that is the only link the register can
    # make between the convention and the people who answered for it; the
    # capacity and the note keep anyone from reading them as signatories.
    {
        "slug": "contrats-de-performance-ecosystemes-imm",
        "source": "seed-002",
        "title": {
            "fr": "Contrats de performance des écosystèmes des industries mécaniques et métallurgiques (IMM)",
            "ar": "عقود الأداء الخاصة بمنظومات الصناعات الميكانيكية والمعدنية",
            "en": "Performance contracts of the mechanical and metallurgical industries (IMM) ecosystems",
        },
        "kind": Convention.Kind.PERFORMANCE_CONTRACT,
        "status": Convention.Status.IN_EXECUTION,
        "signed": "2016",
        "signed_note": "« Signés en 2016 » ; le coup d'envoi des écosystèmes date de février 2019.",
        "summary": "Contrats signés en 2016 pour les écosystèmes des industries mécaniques et métallurgiques, fruit "
        "d'une coopération étroite entre le ministère de l'Industrie et la FIMME ; la structuration de ces "
        "écosystèmes a été menée de concert par l'État et la profession. Le coup d'envoi officiel des "
        "écosystèmes a été donné à Casablanca, en marge des troisièmes Matinées de l'industrie (article de "
        "février 2019). Potentiel annoncé : 13 340 créations d'emplois à l'horizon 2020, 1,7 milliard de "
        "dirhams de valeur ajoutée additionnelle, une amélioration de la balance commerciale de 2,3 milliards "
        "et un chiffre d'affaires de 11 milliards.",
        "sectors": ["industries-mecaniques-metallurgiques", "industries-electriques"],
        # Signed in 2016 for the ecosystems of the PAI 2014-2020 (its first block
        # builds the industry around ecosystems).
        "plans": ["plan-acceleration-industrielle"],
        "components": [("plan-acceleration-industrielle", "bloc-1-industrie-integree")],
        "parties": [
            {
                "actor": MINISTRY,
                "role": SIGNATORY,
                "name_as_written": "ministère de l'Industrie, du Commerce et de l'économie numérique",
                "representative": "hicham-akdessra",
                "representative_title": "directeur des activités industrielles",
                "capacity": SPOKE,
                "note": "S'est exprimé au lancement officiel des écosystèmes (février 2019), pas à la signature des "
                "contrats en 2016.",
                "commitments": [
                    "Accompagner le secteur et appuyer les investisseurs via le Fonds de Développement Industriel et "
                    "des Investissements et des facilités d'acquisition du foncier (57 hectares destinés au "
                    "secteur).",
                ],
            },
            {
                "actor": FIMME,
                "role": SIGNATORY,
                "name_as_written": "Fédération des industries mécaniques, métallurgiques et électriques (FIMME)",
                "representative": "tarek-itri",
                "representative_title": "président de la FIMME",
                "capacity": SPOKE,
                "note": "S'est exprimé au lancement officiel des écosystèmes (février 2019), pas à la signature des "
                "contrats en 2016.",
            },
        ],
        "objectives": [
            {
                "indicator": "Créations d'emplois",
                "unit": "emplois",
                "comparator": UNSAID,
                "target": 13_340,
                "horizon": "2020",
                "note": "Potentiel identifié à l'horizon 2020.",
            },
            {
                "indicator": "Valeur ajoutée additionnelle",
                "unit": "MAD",
                "comparator": UNSAID,
                "target": 1_700_000_000,
                "note": "Échéance non précisée (l'horizon 2020 n'est explicite que pour les emplois).",
            },
            {
                "indicator": "Amélioration de la balance commerciale",
                "unit": "MAD",
                "comparator": UNSAID,
                "target": 2_300_000_000,
                "note": "Échéance non précisée (l'horizon 2020 n'est explicite que pour les emplois).",
            },
            {
                "indicator": "Chiffre d'affaires",
                "unit": "MAD",
                "comparator": UNSAID,
                "target": 11_000_000_000,
                "note": "Échéance non précisée (l'horizon 2020 n'est explicite que pour les emplois).",
            },
        ],
        "actions": [
            {
                "title": "Appuyer les investisseurs du secteur via le Fonds de Développement Industriel et des "
                "Investissements",
                "responsible": MINISTRY,
                "state": IN_PROGRESS,
            },
            {
                "title": "Faciliter l'acquisition du foncier : 57 hectares destinés au secteur",
                "responsible": MINISTRY,
                "state": IN_PROGRESS,
            },
        ],
    },
    # Seed 003: a partnership "en cours de mise en place" in February 2021:
    # not signed, so in preparation with no date, and both sides are partners
    # rather than signatories. The 34 bn MAD target is the Plan de relance's
    # (an objective of the plan, measured there), not the convention's.
    {
        "slug": "partenariat-amca-ministere-production-locale-made-in-morocco",
        "source": "seed-003",
        "title": {
            "fr": "Partenariat entre l'AMCA et le ministère de l'Industrie pour soutenir la production locale (Made "
            "in Morocco)",
            "ar": "شراكة بين AMCA ووزارة الصناعة لدعم الإنتاج المحلي (صنع في المغرب)",
            "en": "Partnership between AMCA and the Ministry of Industry to support local production (Made in Morocco)",
        },
        "kind": Convention.Kind.PARTNERSHIP,
        "status": Convention.Status.IN_PREPARATION,
        "signed": None,
        "summary": "Partenariat en cours de mise en place (février 2021) entre l'Association Marocaine de la "
        "Communauté Achats (AMCA) et le ministère de l'Industrie pour soutenir la production et la fabrication "
        "locales dans le cadre du Plan de relance industrielle et contribuer au projet national « Made in "
        "Morocco ». Une première réunion avec la Direction du Commerce intérieur du ministère a tracé la feuille de "
        "route. L'AMCA mènera une enquête auprès de ses adhérents pour identifier les produits et composants "
        "importés qui peuvent être produits localement ; le ministère mobilisera les filières industrielles pour y "
        "répondre, y compris dans le domaine de la normalisation.",
        "sectors": ["achats-approvisionnement"],
        "plans": ["plan-de-relance-industrielle", "made-in-morocco"],
        "components": [("plan-de-relance-industrielle", "substitution-aux-importations")],
        "parties": [
            {
                "actor": AMCA,
                "role": PARTNER,
                "commitments": [
                    "Contribuer au projet national « Made in Morocco ».",
                    "Réaliser auprès de ses adhérents une enquête pour identifier les produits et composants "
                    "actuellement importés qui peuvent être produits localement.",
                ],
            },
            {
                "actor": MINISTRY,
                "role": PARTNER,
                "name_as_written": "ministère de l'Industrie, du Commerce, de l'Économie Verte et Numérique",
                "note": "Représenté à la première réunion par sa Direction du Commerce intérieur.",
                "commitments": [
                    "Mobiliser les filières industrielles pour répondre au besoin et assurer une production locale, "
                    "en apportant tout le soutien nécessaire, y compris dans le domaine de la normalisation.",
                ],
            },
        ],
        "actions": [
            {
                "title": "Tenir une première réunion pour tracer la feuille de route du partenariat",
                "responsible": COMMERCE_DIRECTION,
                "responsible_note": "avec l'AMCA",
                "state": DONE,
            },
            {
                "title": "Enquêter auprès des adhérents de l'AMCA sur les produits et composants importés qui peuvent "
                "être produits localement",
                "description": "Attention particulière aux produits et composants importés rencontrant des "
                "contraintes : accessibilité, lead time, franco commandes, réglementation import/transport, "
                "immobilisation de ressources financières dans le stock, frais d'approche importants, ruptures "
                "fréquentes.",
                "responsible": AMCA,
                "state": PLANNED,
            },
            {
                "title": "Mobiliser les filières industrielles pour assurer une production locale",
                "description": "Y compris un soutien dans le domaine de la normalisation.",
                "responsible": MINISTRY,
                "state": PLANNED,
            },
            {
                "title": "Modéliser, documenter et reproduire les expériences réussies",
                "description": "Au fur et à mesure des opportunités dénichées et identifiées par les acheteurs.",
                "responsible": None,
                "responsible_note": "non précisé (les deux partenaires)",
                "state": PLANNED,
            },
        ],
    },
    # Seed 004: an institutional page about plans; the only agreement it names
    # is Émergence's contrat-programme, between "l'Etat" and "des opérateurs
    # économiques", with no date and no named signatory. The page does not say
    # whether it was completed: it stays "signed".
    {
        "slug": "contrat-programme-emergence",
        "source": "seed-004",
        "title": {
            "fr": "Contrat-programme de la stratégie « Émergence 2009-2015 » entre l'État et les opérateurs "
            "économiques",
            "ar": "العقد البرنامج لاستراتيجية «إقلاع 2009-2015» بين الدولة والفاعلين الاقتصاديين",
            "en": "Programme contract of the “Emergence 2009-2015” strategy between the State and economic operators",
        },
        "kind": Convention.Kind.PROGRAMME_CONTRACT,
        "status": Convention.Status.SIGNED,
        "signed": None,
        "signed_note": "La source ne date pas le contrat-programme ; 2009-2015 est la période de la stratégie.",
        "summary": "Contrat-programme par lequel la stratégie « Émergence 2009-2015 », axée sur la relance "
        "industrielle, a mobilisé et coordonné les actions de l'État et des opérateurs économiques, en vue de "
        "construire un secteur industriel fort. La source ne donne ni date de signature ni signataire nommé.",
        "sectors": ["industrie"],
        "plans": ["emergence"],
        "parties": [
            {"actor": STATE, "role": SIGNATORY, "name_as_written": "l'Etat"},
            {"actor": OPERATORS, "role": SIGNATORY, "name_as_written": "des opérateurs économiques"},
        ],
    },
]
