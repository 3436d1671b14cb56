"""A synthetic register for load tests (`manage.py seed_synthetic`).

It writes a register of any size that looks like the real one: actors with
acronyms and former names, with a long tail of participation (one ministry is
party to about a third of all conventions, most companies to one or two);
people and their mandates; about twenty plans with their component trees;
conventions of two to six parties with French titles and summaries built
from a varied vocabulary, commitments, objectives with series of
measurements, follow-up actions (some overdue), shared sources, and a
realistic share of drafts.

Why not the service layer. Every edit of a convention goes through
`conventions/services.py` (validation, permissions, row locks, history, the
search text, one transaction per write): right for an edit, far too slow for
a load-test fixture of 100 000 conventions and a million child rows, which is
not an edit. This module writes in batches (2000 conventions with their
children by default), one transaction per batch, one multi-row insert per
table and batch, and computes in bulk what the service layer would have:

- the search text: `search.document_for`, the function
  `refresh_search_text()` uses, applied to each convention with its parties,
  their actors' other names, representatives, plans, components and sectors
  in hand, in the order those prefetches return them, so the text is the one
  a later refresh computes (a test checks it); PostgreSQL derives its
  `search_vector` column from it by itself;
- the publication stamps, as `publication.stamp` leaves them: a published or
  archived convention has a `published_at` (the database requires it of
  published ones), a draft or a convention in review has none;
- what publishing requires (`publication.problems`): a published convention
  has at least two parties, a kind, a source, and a date of signature or a
  note explaining its absence;
- partial dates as `core.dates` stores them: a month is its first day, a year
  its 1 January, an unknown precision has no date.

The inserts are not `bulk_create` but one COPY (PostgreSQL) or executemany
(SQLite) per table and batch (see `_Table`): bulk_create compiles every value
of every row through the SQL compiler, which made it the slowest part by far
(5 ms a convention with its children). Ids are chosen here, after the
largest in each table (PostgreSQL's sequences are moved past them in the same
transaction), so run it on a database nobody else writes to meanwhile. No
history is written (django-simple-history records `save()`), and no signal
fires: the only listener that matters (`search_index`) rebuilds the search
text, which is written here already.

Determinism: everything comes from one `random.Random(seed)`, consumed in
a fixed order that does not depend on the batch size, and the "today" of the
register is a constant (`REFERENCE_DATE`), so the same number and seed give
the same rows (titles, slugs, parties, dates, amounts). Slugs and source
addresses already in the database are avoided (`Taken`), which only matters
with `--append`.
"""

import bisect
import datetime
import math
import random
import unicodedata
from collections import Counter, deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import BooleanField, CharField, DateField, DateTimeField, IntegerField, Max, TextField
from django.db.models.base import ModelState
from django.utils import timezone, translation
from django.utils.text import slugify
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

from actors.models import Actor, ActorName, Mandate, Person
from core import cache as register_cache
from core.dates import DatePrecision, truncate
from plans.models import Plan, PlanComponent, Region, Sector

from . import search
from .models import (
    Commitment,
    Convention,
    ConventionRelation,
    FollowUpAction,
    Measurement,
    Objective,
    Party,
    Source,
)

# The register's "today": signatures stop here, actions due before it and
# still open are overdue. A constant, so that a seed gives the same rows on
# any day.
REFERENCE_DATE = datetime.date(2026, 9, 30)
FIRST_YEAR = 2009
MAIN_MINISTRY_SHARE = 1 / 3
DEFAULT_BATCH_SIZE = 2000

DAY, MONTH, YEAR, UNKNOWN = DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR, DatePrecision.UNKNOWN
K = Actor.Kind
PS = Convention.PublicationState
ST = Convention.Status
ROLE = Party.Role

# --- Vocabulary ------------------------------------------------------------------------------------

# (French, Arabic, English, region code, weight)
CITIES = [
    ("Casablanca", "الدار البيضاء", "Casablanca", "MA-06", 14),
    ("Tanger", "طنجة", "Tangier", "MA-01", 10),
    ("Kénitra", "القنيطرة", "Kenitra", "MA-04", 6),
    ("Rabat", "الرباط", "Rabat", "MA-04", 6),
    ("Salé", "سلا", "Sale", "MA-04", 2),
    ("Mohammedia", "المحمدية", "Mohammedia", "MA-06", 3),
    ("El Jadida", "الجديدة", "El Jadida", "MA-06", 2),
    ("Settat", "سطات", "Settat", "MA-06", 2),
    ("Berrechid", "برشيد", "Berrechid", "MA-06", 2),
    ("Tétouan", "تطوان", "Tetouan", "MA-01", 2),
    ("Larache", "العرائش", "Larache", "MA-01", 1),
    ("Al Hoceïma", "الحسيمة", "Al Hoceima", "MA-01", 1),
    ("Oujda", "وجدة", "Oujda", "MA-02", 3),
    ("Berkane", "بركان", "Berkane", "MA-02", 2),
    ("Nador", "الناظور", "Nador", "MA-02", 2),
    ("Selouane", "سلوان", "Selouane", "MA-02", 1),
    ("Fès", "فاس", "Fez", "MA-03", 4),
    ("Meknès", "مكناس", "Meknes", "MA-03", 3),
    ("Béni Mellal", "بني ملال", "Beni Mellal", "MA-05", 2),
    ("Khouribga", "خريبكة", "Khouribga", "MA-05", 1),
    ("Marrakech", "مراكش", "Marrakesh", "MA-07", 5),
    ("Safi", "آسفي", "Safi", "MA-07", 2),
    ("Errachidia", "الرشيدية", "Errachidia", "MA-08", 1),
    ("Ouarzazate", "ورزازات", "Ouarzazate", "MA-08", 1),
    ("Agadir", "أكادير", "Agadir", "MA-09", 4),
    ("Tiznit", "تيزنيت", "Tiznit", "MA-09", 1),
    ("Guelmim", "كلميم", "Guelmim", "MA-10", 1),
    ("Laâyoune", "العيون", "Laayoune", "MA-11", 1),
    ("Dakhla", "الداخلة", "Dakhla", "MA-12", 1),
]

# slug, French, Arabic, English, parent slug, "of" phrase, ecosystems, products, trades
SECTORS = [
    (
        "industrie",
        "Industrie",
        "الصناعة",
        "Industry",
        None,
        "de l'industrie",
        ["Sous-traitance industrielle", "Industrie verte", "Zones d'accélération industrielle"],
        ["composants industriels", "produits manufacturés", "équipements industriels"],
        "de l'industrie",
    ),
    (
        "industrie-automobile",
        "Industrie automobile",
        "صناعة السيارات",
        "Automotive industry",
        "industrie",
        "du secteur automobile",
        ["Câblage automobile", "Intérieur véhicule et sièges", "Métal et emboutissage", "Batteries", "Moteurs"],
        ["faisceaux de câbles", "sièges automobiles", "pièces embouties", "batteries de traction", "pneumatiques"],
        "de la construction automobile",
    ),
    (
        "aeronautique",
        "Aéronautique",
        "صناعة الطيران",
        "Aeronautics",
        "industrie",
        "de l'aéronautique",
        ["Assemblage aéronautique", "Systèmes électriques", "Maintenance aéronautique", "Composites"],
        ["pièces d'aérostructures", "harnais électriques pour avions", "composants de moteurs d'avion"],
        "de l'aéronautique",
    ),
    (
        "industries-mecaniques-metallurgiques",
        "Industries mécaniques et métallurgiques (IMM)",
        "الصناعات الميكانيكية والمعدنية",
        "Mechanical and metallurgical industries",
        "industrie",
        "des industries mécaniques et métallurgiques",
        ["Sidérurgie", "Chaudronnerie et tuyauterie", "Fonderie", "Équipements industriels"],
        ["produits sidérurgiques", "pièces de fonderie", "structures métalliques", "équipements de manutention"],
        "de la mécanique et de la métallurgie",
    ),
    (
        "industries-electriques",
        "Industries électriques",
        "الصناعات الكهربائية",
        "Electrical industries",
        "industrie",
        "des industries électriques",
        ["Câbles et fils électriques", "Appareillage électrique", "Compteurs intelligents"],
        ["câbles électriques", "transformateurs", "compteurs intelligents", "tableaux électriques"],
        "de l'électricité industrielle",
    ),
    (
        "textile-cuir",
        "Textile et cuir",
        "النسيج والجلد",
        "Textile and leather",
        "industrie",
        "du textile et du cuir",
        ["Denim", "Fast fashion", "Textiles techniques", "Maroquinerie", "Textile de maison"],
        ["tissus denim", "articles de maroquinerie", "fils synthétiques", "chaussures en cuir"],
        "du textile et de l'habillement",
    ),
    (
        "agroalimentaire",
        "Agroalimentaire",
        "الصناعات الغذائية",
        "Agri-food",
        "industrie",
        "de l'agroalimentaire",
        ["Produits laitiers", "Huile d'olive", "Biscuiterie et confiserie", "Boissons", "Conserves"],
        ["produits laitiers", "huile d'olive", "biscuits", "jus de fruits", "conserves de légumes"],
        "de l'agroalimentaire",
    ),
    (
        "chimie-parachimie",
        "Chimie et parachimie",
        "الكيمياء وشبه الكيمياء",
        "Chemicals",
        "industrie",
        "de la chimie et de la parachimie",
        ["Plasturgie", "Peintures et vernis", "Engrais", "Détergents"],
        ["emballages plastiques", "peintures", "engrais", "détergents"],
        "de la chimie",
    ),
    (
        "industrie-pharmaceutique",
        "Industrie pharmaceutique",
        "الصناعة الدوائية",
        "Pharmaceutical industry",
        "industrie",
        "de l'industrie pharmaceutique",
        ["Médicaments génériques", "Dispositifs médicaux", "Vaccins et biotechnologies"],
        ["médicaments génériques", "dispositifs médicaux", "vaccins"],
        "de l'industrie pharmaceutique",
    ),
    (
        "materiaux-construction",
        "Matériaux de construction",
        "مواد البناء",
        "Construction materials",
        "industrie",
        "des matériaux de construction",
        ["Ciment", "Céramique", "Verre", "Produits en béton"],
        ["ciment", "carreaux de céramique", "verre plat", "produits en béton"],
        "du bâtiment et des matériaux",
    ),
    (
        "offshoring",
        "Offshoring",
        "ترحيل الخدمات",
        "Offshoring",
        None,
        "de l'offshoring",
        ["Relation client", "Externalisation des processus métiers", "Externalisation informatique"],
        ["services d'externalisation", "services de relation client"],
        "de la relation client",
    ),
    (
        "economie-numerique",
        "Économie numérique",
        "الاقتصاد الرقمي",
        "Digital economy",
        None,
        "du numérique",
        ["Logiciels et services informatiques", "Start-up numériques", "Cybersécurité", "Centres de données"],
        ["logiciels", "services informatiques", "solutions de paiement mobile"],
        "du numérique",
    ),
    (
        "energies-renouvelables",
        "Énergies renouvelables",
        "الطاقات المتجددة",
        "Renewable energy",
        None,
        "des énergies renouvelables",
        ["Énergie solaire", "Énergie éolienne", "Hydrogène vert", "Efficacité énergétique"],
        ["panneaux photovoltaïques", "pales d'éoliennes", "chauffe-eau solaires", "hydrogène vert"],
        "des énergies renouvelables",
    ),
    (
        "logistique",
        "Logistique",
        "اللوجستيك",
        "Logistics",
        None,
        "de la logistique",
        ["Plateformes logistiques", "Transport routier de marchandises", "Logistique portuaire"],
        ["services logistiques", "entreposage frigorifique"],
        "de la logistique",
    ),
    (
        "agriculture",
        "Agriculture",
        "الفلاحة",
        "Agriculture",
        None,
        "de l'agriculture",
        ["Agrumes", "Olivier", "Fruits rouges", "Dattes", "Semences"],
        ["agrumes", "fruits rouges", "dattes", "semences", "plants d'arganier"],
        "de l'agriculture",
    ),
    (
        "peche-maritime",
        "Pêche maritime",
        "الصيد البحري",
        "Fisheries",
        None,
        "de la pêche maritime",
        ["Valorisation des produits de la mer", "Aquaculture", "Conserveries de poisson"],
        ["produits de la mer", "conserves de poisson", "algues marines"],
        "de la pêche",
    ),
    (
        "emploi-competences",
        "Emploi et compétences",
        "التشغيل والكفاءات",
        "Employment and skills",
        None,
        "de l'industrie",
        ["Formation professionnelle", "Insertion des jeunes"],
        ["composants industriels", "produits manufacturés"],
        "de l'industrie",
    ),
    (
        "financement-bancaire",
        "Financement bancaire",
        "التمويل البنكي",
        "Bank financing",
        None,
        "des très petites et moyennes entreprises",
        ["Financement des TPME", "Garantie des crédits"],
        ["équipements industriels", "produits manufacturés"],
        "de la banque et de la finance",
    ),
]

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
FEMININE = {
    "association", "agence", "banque", "fédération", "confédération", "caisse", "chambre", "commune", "direction",
    "administration", "société", "union", "organisation", "fondation", "université", "école", "cité", "coopérative",
    "région", "deutsche",
}  # fmt: skip
ELIDED = set("aeiouyhàâäéèêëîïôöûüAEIOUYHÀÂÄÉÈÊËÎÏÔÖÛÜ")
ACRONYM_SKIP = {"de", "du", "des", "la", "le", "les", "et", "pour", "en", "à", "au", "aux", "d", "l", "sur"}

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


# --- Small helpers -------------------------------------------------------------------------------


def article_for(name: str, article: str | None = None) -> str:
    """'le ', 'la ', "l'" or '' before a name in running text."""
    if article is not None:
        return "" if article == "" else (article if article.endswith("'") else article + " ")
    if name[:1] in ELIDED:
        return "l'"
    return "la " if name.split()[0].lower() in FEMININE else "le "


def article_before_acronym(name: str, acronym: str, article: str | None = None) -> str:
    """'le MIC', 'la CAM', "l'AMICA": the name's gender, elided before a vowel."""
    if article == "":
        return ""
    if article is None:
        article = "la" if name.split()[0].lower() in FEMININE else "le"
    return "l'" if acronym[0] in ELIDED else article.rstrip("' ") + " "


def acronym_of(name: str) -> str:
    """'Association marocaine des industries du textile' -> 'AMIT' (no accents, no legal form)."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = plain.replace("'", " ").replace("-", " ").replace(",", " ").split()
    skip = ACRONYM_SKIP | {"sa", "sarl", "sas", "group", "groupe"}
    return "".join(word[0].upper() for word in words if word.lower() not in skip and word[0].isalpha())[:12]


def company_acronym(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = [word for word in plain.split() if word.lower() not in {"groupe", "group", "sa", "sarl", "sas"}]
    return "".join(word[:3] for word in words[:2]).upper()


def to_a(phrase: str) -> str:
    """'à' with its contractions: au développement, aux entreprises, à la formation."""
    if phrase.startswith("le "):
        return "au " + phrase[3:]
    if phrase.startswith("les "):
        return "aux " + phrase[4:]
    return "à " + phrase


def to_de(phrase: str) -> str:
    if phrase.startswith("le "):
        return "du " + phrase[3:]
    if phrase.startswith("les "):
        return "des " + phrase[4:]
    if phrase[:1] in ELIDED:
        return "d'" + phrase
    return "de " + phrase


def of_place(name: str) -> str:
    """'de Tanger', "d'Agadir"."""
    return ("d'" if name[:1] in ELIDED else "de ") + name


def capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def grouped(number: int) -> str:
    return f"{number:,}".replace(",", " ")


def mad_words(amount: int) -> str:
    if amount >= 10**9:
        value = amount / 10**9
        text = f"{value:.1f}".replace(".0", "").replace(".", ",")
        return f"{text} milliard{'s' if value >= 2 else ''} de dirhams"
    return f"{grouped(round(amount / 10**6))} millions de dirhams"


def nice_amount(rng: random.Random, low: float, high: float) -> int:
    """Log-uniform between low and high, rounded to two significant digits."""
    value = 10 ** rng.uniform(math.log10(low), math.log10(high))
    magnitude = 10 ** max(0, len(str(int(value))) - 2)
    return max(1, round(value / magnitude)) * magnitude


def french_date(value: datetime.date, precision: str) -> str:
    months = [
        "janvier", "février", "mars", "avril", "mai", "juin",
        "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    ]  # fmt: skip
    if precision == DAY:
        day = "1er" if value.day == 1 else str(value.day)
        return f"le {day} {months[value.month - 1]} {value.year}"
    if precision == MONTH:
        return f"en {months[value.month - 1]} {value.year}"
    return f"en {value.year}"


def add_days(value: datetime.date, days: int) -> datetime.date:
    return value + datetime.timedelta(days=days)


def add_years(value: datetime.date, years: int) -> datetime.date:
    try:
        return value.replace(year=value.year + years)
    except ValueError:  # 29 February
        return value.replace(year=value.year + years, day=28)


def pick_precision(rng: random.Random, day: int, month: int, year: int, unknown: int = 0) -> str:
    return rng.choices([DAY, MONTH, YEAR, UNKNOWN], weights=[day, month, year, unknown])[0]


class Maker:
    """Builds unsaved instances of `model` ten times faster than
    `model(**values)`, which costs 100-200 µs an instance here (every field's
    default, modeltranslation's keyword rewriting, the post_init signal): a
    million child rows would spend minutes in constructors alone.

    The instance gets the defaults (computed once), the given values by
    attribute name, and a fresh state, as `Model.from_db` builds one without
    `__init__`'s keyword handling. Nothing here listens to post_init
    (modeltranslation's receiver only undoes its own constructor flag). A
    relation given as an instance is cached like an assignment, so the
    writer takes the parent's key once the parent is saved. Defaults are
    computed once: none of these models has a callable default that must be
    fresh for each row.
    """

    def __init__(self, model):
        self.model = model
        fields = model._meta.concrete_fields
        self.template = {field.attname: field.get_default() for field in fields}
        self.relations = {field.name: field for field in fields if field.is_relation}

    def __call__(self, **values):
        obj = self.model.__new__(self.model)
        data = obj.__dict__
        data.update(self.template)
        state = data["_state"] = ModelState()
        for name, value in values.items():
            field = self.relations.get(name)
            if field is not None:
                data[field.attname] = None if value is None else value.pk
                if value is not None:
                    state.fields_cache[name] = value
            elif name in self.template:
                data[name] = value
            else:
                raise TypeError(f"{self.model.__name__} has no field {name!r}")
        return obj


_MAKERS: dict[type, Maker] = {}


def make(model, **values):
    maker = _MAKERS.get(model)
    if maker is None:
        maker = _MAKERS[model] = Maker(model)
    return maker(**values)


class Taken:
    """Slugs and source addresses already used, in the database or by this
    run: a new row takes the next free '-2', '-3'… as `core.slugs.unique_slug`
    would, so an --append run never collides with what is there."""

    def __init__(self, **used: set[str]):
        self.used = {name: set(values) for name, values in used.items()}

    @classmethod
    def from_database(cls) -> "Taken":
        return cls(
            actor=set(Actor.objects.values_list("slug", flat=True)),
            person=set(Person.objects.values_list("slug", flat=True)),
            plan=set(Plan.objects.values_list("slug", flat=True)),
            convention=set(Convention.objects.values_list("slug", flat=True)),
            url=set(Source.objects.exclude(url="").values_list("url", flat=True)),
        )

    def claim(self, space: str, text: str, *, max_length: int, fallback: str) -> str:
        used = self.used.setdefault(space, set())
        base = slugify(text)[:max_length].strip("-") or fallback
        candidate, number = base, 1
        while candidate in used:
            number += 1
            suffix = f"-{number}"
            candidate = base[: max_length - len(suffix)] + suffix
        used.add(candidate)
        return candidate

    def claim_url(self, url: str) -> str:
        used = self.used.setdefault("url", set())
        candidate, number = url, 1
        while candidate in used:
            number += 1
            candidate = f"{url}-{number}"
        used.add(candidate)
        return candidate


@dataclass(slots=True)
class ActorInfo:
    """What the convention generator needs to know of an actor."""

    actor: Actor
    article: str  # before the label
    label: str  # for titles: an institution's acronym if any, else its name; a company's name
    long_article: str = ""  # before the full name
    names: list = field(default_factory=list)  # [(name, from, until)] former names, for "name as written"
    other_names: set = field(default_factory=set)  # every other name, lower-cased (unique per actor)
    name_rows: list = field(default_factory=list)  # its ActorName rows, for the search text
    mandates: list = field(default_factory=list)  # [(start, end or None, person, title)]

    @property
    def kind(self) -> str:
        return self.actor.kind

    def in_text(self, *, short: bool = True) -> str:
        if short:
            return self.article + self.label
        text = self.actor.name_fr
        if text.startswith("Ministère"):
            text = "m" + text[1:]
        return self.long_article + text


@dataclass(slots=True)
class Bundle:
    """One convention and everything that hangs from it, unsaved."""

    convention: Convention
    parties: list
    commitments: list
    objectives: list
    measurements: list
    actions: list
    new_sources: list
    sources: list
    sectors: list
    regions: list
    plans: list
    components: list
    relations: list


# --- The generator -------------------------------------------------------------------------------


class SyntheticRegister:
    """Builds the rows, unsaved, from one seeded random generator.

    The reference rows (sectors, actors, people, plans) are built when the
    object is made; `conventions()` then yields one `Bundle` at a time, so
    100 000 conventions never sit in memory at once. `regions` are the
    Region rows (shipped by a migration); `sectors` the existing Sector rows
    by slug, reused rather than duplicated.
    """

    def __init__(
        self,
        conventions: int,
        seed: int,
        *,
        regions: list[Region],
        sectors: dict[str, Sector] | None = None,
        taken: Taken | None = None,
    ):
        self.count = conventions
        self.rng = random.Random(seed)
        self.taken = taken or Taken()
        self.regions = {region.code: region for region in regions}
        self.cities = [(city, self.regions.get(code)) for city, _ar, _en, code, _weight in CITIES]
        self.city_cum = _cumulate([weight for *_, weight in CITIES])
        self.city_info = {city[0]: city for city in CITIES}
        self._build_sectors(sectors or {})
        self._build_actors(max(50, conventions // 5))
        self._build_people(max(10, conventions // 10))
        self._build_plans()

    # Reference rows --------------------------------------------------------------------------------

    def _build_sectors(self, existing: dict[str, Sector]) -> None:
        self.new_sectors: list[Sector] = []
        self.sectors: list[Sector] = []
        self.sector_vocabulary: dict[str, tuple] = {}
        by_slug = {}
        for slug, fr, ar, en, parent, of, ecosystems, products, trades in SECTORS:
            sector = existing.get(slug)
            if sector is None:
                sector = make(Sector, slug=slug, name_fr=fr, name_ar=ar, name_en=en, parent=by_slug.get(parent))
                self.new_sectors.append(sector)
            by_slug[slug] = sector
            self.sectors.append(sector)
            self.sector_vocabulary[slug] = (of, ecosystems, products, trades, en, ar)
        self.sectors_by_slug = by_slug
        # Industry sectors are signed about more often than fisheries.
        self.sector_cum = _cumulate([3, 10, 5, 5, 4, 6, 6, 3, 3, 3, 2, 3, 4, 2, 3, 2, 3, 2])

    def _name(self, text: str) -> str | None:
        """`text` if no actor has that name yet."""
        key = text.lower()
        if key in self.actor_names_used:
            return None
        self.actor_names_used.add(key)
        return text

    def _build_actors(self, total: int) -> None:
        rng = self.rng
        self.actor_names_used: set[str] = set()
        self.infos: list[ActorInfo] = []
        self.actor_names: list[ActorName] = []

        def add(name, acronym, kind, article=None, parent=None, former=()):
            acronym = acronym if acronym is not None else ""
            actor = make(
                Actor,
                name_fr=name,
                acronym=acronym,
                kind=kind,
                parent=parent,
                slug=self.taken.claim("actor", acronym or name, max_length=120, fallback="acteur"),
            )
            if kind == K.COMPANY:
                art = ""
            elif acronym:
                art = article_before_acronym(name, acronym, article)
            else:
                art = article_for(name, article)
            # Titles name a company in full, an institution by its acronym.
            label = name if kind == K.COMPANY else acronym or name
            info = ActorInfo(actor=actor, article=art, label=label, long_article=article_for(name, article))
            if kind == K.COMPANY:
                info.long_article = ""
            for former_name, former_acronym, start, end, kind_of_name in former:
                self._former_name(info, former_name, former_acronym, start, end, kind_of_name)
            self.infos.append(info)
            return info

        share = {
            K.MINISTRY: 0.02,
            K.DEPARTMENT: 0.015,
            K.PUBLIC_AGENCY: 0.06,
            K.REGIONAL_BODY: 0.07,
            K.FEDERATION: 0.02,
            K.BANK: 0.015,
            K.INTERNATIONAL: 0.01,
            K.ASSOCIATION: 0.12,
        }
        wanted = {kind: max(1, round(part * total)) for kind, part in share.items()}
        wanted[K.MINISTRY] = max(3, wanted[K.MINISTRY])

        ministries = []
        for name, acronym, domain, formers in MINISTRIES[: wanted[K.MINISTRY]]:
            former = [(n, a, start, end, ActorName.Kind.FORMER) for n, a, start, end in formers]
            info = add(self._name(name), acronym, K.MINISTRY, former=former)
            ministries.append((domain, info))
        self.ministries = ministries
        self.ministry_by_domain = {}
        for domain, info in ministries:
            self.ministry_by_domain.setdefault(domain, info)
        for name, acronym, parent in DEPARTMENTS[: wanted[K.DEPARTMENT]]:
            if parent < len(ministries):
                add(self._name(name), acronym, K.DEPARTMENT, parent=ministries[parent][1].actor)

        def fixed_then_patterns(kind, fixed, patterns, count):
            made = 0
            for name, acronym, article, former in fixed:
                if made >= count:
                    return
                formers = [(former, acronym_of(former), None, None, ActorName.Kind.FORMER)] if former else []
                add(self._name(name), acronym, kind, article, former=formers)
                made += 1
            attempts = 0
            while made < count and attempts < count * 20 and patterns:
                attempts += 1
                pattern, acronym_prefix, article = rng.choice(patterns)
                name = self._fill(pattern)
                if self._name(name) is None:
                    continue
                acronym = ""
                if acronym_prefix and rng.random() < 0.8:
                    place = self._place_in(name)
                    acronym = f"{acronym_prefix} {place}"[:40] if place else acronym_of(name)
                add(name, acronym, kind, article)
                made += 1

        fixed_then_patterns(
            K.PUBLIC_AGENCY, AGENCIES, [(p, a, None) for p, a in AGENCY_PATTERNS], wanted[K.PUBLIC_AGENCY]
        )
        fixed_then_patterns(K.BANK, BANKS, [(p, "", None) for p in BANK_PATTERNS], wanted[K.BANK])
        fixed_then_patterns(
            K.INTERNATIONAL, [(n, a, art, None) for n, a, art in INTERNATIONALS], [], wanted[K.INTERNATIONAL]
        )
        fixed_then_patterns(
            K.FEDERATION,
            [(n, a, art, None) for n, a, art in FEDERATIONS],
            [(p, "F", None) for p in FEDERATION_PATTERNS],
            wanted[K.FEDERATION],
        )
        fixed_then_patterns(K.REGIONAL_BODY, [], REGIONAL_PATTERNS, wanted[K.REGIONAL_BODY])
        fixed_then_patterns(
            K.ASSOCIATION, ASSOCIATIONS, [(p, a, None) for p, a in ASSOCIATION_PATTERNS], wanted[K.ASSOCIATION]
        )
        while len(self.infos) < total:
            name = self._company_name()
            # Companies go by a syllable acronym (as SOMACA or COSUMAR do): ATLCAB for Atlas Câblage.
            acronym = company_acronym(name) if rng.random() < 0.75 else ""
            add(name, acronym, K.COMPANY)

        # Former names and variants for about 30 % of the actors in all.
        for info in self.infos[1:]:
            if info.names or rng.random() >= 0.28:
                continue
            for _ in range(1 if rng.random() < 0.75 else 2):
                self._invented_former_name(info)

        # Other names in ActorName's ordering (valid_from, name), where the database puts unknown dates.
        last = connection.features.nulls_order_largest
        for info in self.infos:
            info.name_rows.sort(
                key=lambda n: (
                    n.valid_from is None if last else n.valid_from is not None,
                    n.valid_from or datetime.date.min,
                    n.name,
                )
            )

        # Prominence: institutions lead the long tail, companies and associations fill it.
        base = {
            K.MINISTRY: 1.0,
            K.FEDERATION: 2.0,
            K.BANK: 2.0,
            K.PUBLIC_AGENCY: 3.0,
            K.INTERNATIONAL: 4.0,
            K.REGIONAL_BODY: 6.0,
            K.DEPARTMENT: 6.0,
            K.ASSOCIATION: 10.0,
            K.COMPANY: 14.0,
        }
        others = list(range(1, len(self.infos)))
        keys = {index: base[self.infos[index].kind] * rng.lognormvariate(0, 0.9) for index in others}
        others.sort(key=lambda index: (keys[index], index))
        self.ranked = others
        # Zipf-Mandelbrot weights: the second actor is party to a few percent of the conventions, the last
        # ones to one or two.
        self.rank_cum = _cumulate([1 / (rank + 8) ** 1.05 for rank in range(1, len(others) + 1)])
        self.main = self.infos[0]

    def _place_in(self, name: str) -> str:
        for region in self.regions.values():
            if region.name_fr in name:
                return region.name_fr
        for city, *_ in CITIES:
            if name.endswith(city):
                return city
        return ""

    def _fill(self, pattern: str) -> str:
        rng = self.rng
        city = rng.choice(CITIES)[0]
        region = rng.choice(list(self.regions.values())) if self.regions else None
        slug = rng.choice(SECTORS)[0]
        of_sector = self.sector_vocabulary[slug][0]
        return pattern.format(
            city=city,
            of_city=of_place(city),
            region=region.name_fr if region else "Casablanca-Settat",
            of_region=_of_region(region),
            of_sector=of_sector,
            members=rng.choice(MEMBERS),
            coop=rng.choice(COOPS),
        )

    def _company_name(self) -> str:
        rng = self.rng
        for attempt in range(50):
            root, trade = rng.choice(COMPANY_ROOTS), rng.choice(COMPANY_TRADES)
            form = rng.choice(COMPANY_FORMS)
            if rng.random() < 0.15:
                name = f"Groupe {root} {trade}"
            else:
                name = f"{root} {trade} {form}".strip()
            if attempt > 5:
                name = f"{root} {trade} {rng.choice(CITIES)[0]} {form}".strip()
            if attempt > 20:
                name = f"{root} {trade} {rng.choice(CITIES)[0]} {attempt}"
            if self._name(name):
                return name
        raise RuntimeError("no company name left")  # pragma: no cover

    def _former_name(self, info, name, acronym, start, end, kind) -> None:
        info.other_names.add(name.lower())
        actor_name = make(ActorName, actor=info.actor, name=name, acronym=acronym or "", kind=kind)
        if start is not None:
            actor_name.valid_from, actor_name.valid_from_precision = start, DAY
        if end is not None:
            actor_name.valid_until, actor_name.valid_until_precision = end, DAY
        self.actor_names.append(actor_name)
        info.name_rows.append(actor_name)
        info.names.append((name, start or datetime.date(FIRST_YEAR - 5, 1, 1), end or datetime.date(2015, 12, 31)))

    def _invented_former_name(self, info: ActorInfo) -> None:
        rng = self.rng
        name = info.actor.name_fr
        kind = info.kind
        if kind == K.COMPANY:
            words = name.split()
            candidates = [
                " ".join(words[:-1] + ["SARL"]) if words[-1] in COMPANY_FORMS else name + " SARL",
                f"{words[0]} {rng.choice(COMPANY_TRADES)}",
                f"Société {words[0]} {words[1] if len(words) > 1 else ''}".strip(),
            ]
        elif kind in (K.ASSOCIATION, K.FEDERATION):
            candidates = [
                name.replace("marocaine", "nationale") if "marocaine" in name else name + " du Maroc",
                name.replace("Association", "Groupement", 1).replace("Fédération", "Union", 1),
            ]
        elif kind == K.REGIONAL_BODY:
            candidates = [
                name.replace("Conseil de la région", "Conseil régional de", 1),
                name.replace("Commune de", "Commune urbaine de", 1),
                name.replace("Conseil provincial", "Assemblée provinciale", 1),
                name.replace(
                    "Chambre de commerce, d'industrie et de services", "Chambre de commerce et d'industrie", 1
                ),
            ]
        elif kind in (K.MINISTRY, K.DEPARTMENT):
            head, _comma, _rest = name.partition(", ")
            candidates = [
                head + " et de l'Investissement" if head == name else head,
                name.replace("générale ", "", 1),
                name.replace("Direction", "Division", 1),
            ]
        elif kind == K.PUBLIC_AGENCY:
            candidates = [
                name.replace("Agence nationale", "Office national", 1).replace(
                    "Agence marocaine", "Office marocain", 1
                ),
                name.replace("Institut", "Centre", 1),
                name.replace("Office", "Agence", 1),
            ]
        else:  # banks and international organisations keep their names
            candidates = []
        options = [c for c in candidates if c.lower() not in info.other_names and c.lower() != name.lower()]
        options = list(dict.fromkeys(options))
        if not options:
            return
        former = rng.choice(options)
        info.other_names.add(former.lower())
        if rng.random() < 0.7:
            until = _random_date(rng, datetime.date(2012, 1, 1), datetime.date(2024, 12, 31))
            start = add_years(until, -rng.randint(3, 15))
            until_precision = pick_precision(rng, 5, 3, 2)
            start_precision = pick_precision(rng, 2, 2, 6)
            start, until = truncate(start, start_precision), truncate(until, until_precision)
            actor_name = make(
                ActorName,
                actor=info.actor,
                name=former,
                acronym=acronym_of(former) if info.actor.acronym else "",
                kind=ActorName.Kind.FORMER,
                valid_from=start,
                valid_from_precision=start_precision,
                valid_until=until,
                valid_until_precision=until_precision,
                note="ancienne dénomination relevée dans la presse",
            )
            info.names.append((former, start, until))
        else:
            attested = _random_date(rng, datetime.date(FIRST_YEAR, 1, 1), REFERENCE_DATE)
            actor_name = make(
                ActorName,
                actor=info.actor,
                name=former,
                kind=rng.choice([ActorName.Kind.VARIANT, ActorName.Kind.INFORMAL]),
                attested_on=attested,
                attested_on_precision=DAY,
                note="variante employée par un article",
            )
        self.actor_names.append(actor_name)
        info.name_rows.append(actor_name)

    def _draw_actor(self) -> int:
        return self.ranked[bisect.bisect_right(self.rank_cum, self.rng.random() * self.rank_cum[-1])]

    def _build_people(self, total: int) -> None:
        rng = self.rng
        self.persons: list[Person] = []
        self.mandates: list[Mandate] = []
        for _ in range(total):
            first, family = rng.choice(FIRST_NAMES), rng.choice(FAMILY_NAMES)
            family = family.replace("-", " ") if rng.random() < 0.5 and family.startswith("El-") else family
            name = f"{first} {family}"
            person = make(
                Person,
                name=name,
                family_name=family,
                slug=self.taken.claim("person", name, max_length=120, fallback="personne"),
            )
            self.persons.append(person)
            start = _random_date(rng, datetime.date(2004, 1, 1), datetime.date(2025, 6, 30))
            count = 1 if rng.random() < 0.7 else 2
            for number in range(count):
                # Half the mandates go to the prominent actors, half anywhere.
                index = self._draw_actor() if rng.random() < 0.5 else rng.randrange(len(self.infos))
                if rng.random() < 0.03:
                    index = 0
                info = self.infos[index]
                title = rng.choice(TITLES.get(info.kind, ["Directeur"]))
                length = rng.randint(2, 9)
                end = add_years(start, length)
                # All but the last mandate have ended; the last one did in 40 % of cases.
                ends = end < REFERENCE_DATE and (number < count - 1 or rng.random() < 0.4)
                start_precision = pick_precision(rng, 4, 3, 3)
                stored_start = truncate(start, start_precision)
                mandate = make(
                    Mandate,
                    person=person,
                    actor=info.actor,
                    title_fr=title,
                    start_on=stored_start,
                    start_on_precision=start_precision,
                )
                if ends:
                    end_precision = pick_precision(rng, 5, 3, 2)
                    # Two years at least after the start: the truncated end still follows it.
                    mandate.end_on, mandate.end_on_precision = truncate(end, end_precision), end_precision
                if rng.random() < 0.3:
                    mandate.attested_on = min(add_days(start, rng.randint(30, 700)), REFERENCE_DATE)
                    mandate.attested_on_precision = DAY
                self.mandates.append(mandate)
                info.mandates.append((start, end if ends else None, person, title))
                if not ends:
                    break
                start = add_days(end, rng.randint(0, 200))
                if start >= REFERENCE_DATE:
                    break
        for info in self.infos:
            info.mandates.sort(key=lambda item: item[0])

    def _build_plans(self) -> None:
        rng = self.rng
        self.plans: list[Plan] = []
        self.plan_meta: list[tuple] = []  # (plan, article, start, end, sector slugs)
        self.plan_sectors: list[tuple[Plan, Sector]] = []
        self.components: list[PlanComponent] = []
        self.components_of: dict[int, list[PlanComponent]] = {}
        self.plan_objectives: list[Objective] = []
        self.plan_measurements: list[Measurement] = []
        self.plan_article: dict[str, str] = {}
        for index, (name, short, article, kind, start, end, domain, parent, predecessor, slugs) in enumerate(PLANS):
            owner = self.ministry_by_domain.get(domain, self.main).actor
            plan = make(
                Plan,
                name_fr=name,
                short_name_fr=short,
                kind=kind,
                start_year=start,
                end_year=end,
                owner=owner,
                parent=self.plans[parent] if parent is not None else None,
                predecessor=self.plans[predecessor] if predecessor is not None else None,
                slug=self.taken.claim("plan", name, max_length=120, fallback="plan"),
                summary_fr=(
                    f"{capitalize(article_for(name, article))}{name} ({start}-{end}) fixe les priorités de l'État "
                    f"pour {rng.choice(BLOCK_THEMES)} et {rng.choice(BLOCK_THEMES)}."
                ),
            )
            self.plans.append(plan)
            self.plan_meta.append((plan, article, start, end, slugs))
            self.plan_article[plan.slug] = article
            self.plan_sectors += [(plan, self.sectors_by_slug[slug]) for slug in slugs]
            self.components_of[index] = self._build_components(plan, slugs)
            self.components += self.components_of[index]
            for position in range(rng.randint(1, 3)):
                objective, measurements = self._objective(
                    datetime.date(start, 1, 1), position, plan=plan, horizon_year=end
                )
                self.plan_objectives.append(objective)
                self.plan_measurements += measurements

    def _build_components(self, plan: Plan, sector_slugs: list[str]) -> list[PlanComponent]:
        rng = self.rng
        count = rng.randint(5, 15)
        made: list[PlanComponent] = []
        slugs: set[str] = set()

        def add(name, kind, parent=None, **values):
            slug = base = slugify(name)[:120].strip("-") or "composante"
            number = 1
            while slug in slugs:
                number += 1
                slug = f"{base[: 120 - len(str(number)) - 1]}-{number}"
            slugs.add(slug)
            component = make(
                PlanComponent,
                plan=plan,
                parent=parent,
                kind=kind,
                name_fr=name,
                slug=slug,
                position=len(made),
                **values,
            )
            made.append(component)
            return component

        blocks = [
            add(f"Bloc {number} : {theme}", PlanComponent.Kind.BLOCK)
            for number, theme in enumerate(rng.sample(BLOCK_THEMES, rng.randint(2, 3)), start=1)
        ]
        fund_amount = nice_amount(rng, 5 * 10**8, 2 * 10**10)
        add(
            f"Fonds de développement {self.sector_vocabulary[sector_slugs[0]][0]}",
            PlanComponent.Kind.FUND,
            amount=Decimal(fund_amount),
            description_fr=f"Enveloppe de {mad_words(fund_amount)}.",
        )
        _city, region = self._city()
        pole = add(f"Pôle régional {_of_region(region)}", PlanComponent.Kind.REGIONAL_POLE, region=region)
        measure_number = 0
        while len(made) < count:
            roll = rng.random()
            if roll < 0.3:
                site_city, site_region = self._city()
                add(
                    f"{rng.choice(SITE_KINDS)} {of_place(site_city)}",
                    PlanComponent.Kind.SITE,
                    parent=pole,
                    region=site_region,
                    location=site_city,
                )
            elif roll < 0.45:
                ecosystem = rng.choice(self.sector_vocabulary[rng.choice(sector_slugs)][1])
                add(f"Écosystème {ecosystem}", PlanComponent.Kind.ECOSYSTEM, parent=rng.choice(blocks))
            else:
                measure_number += 1
                theme = rng.choice(MEASURE_THEMES)
                add(f"Mesure {measure_number} : {theme}", PlanComponent.Kind.MEASURE, parent=rng.choice(blocks))
        return made

    def _city(self) -> tuple[str, Region | None]:
        index = bisect.bisect_right(self.city_cum, self.rng.random() * self.city_cum[-1])
        return self.cities[index]

    # Objectives ------------------------------------------------------------------------------------

    def _objective(self, signed: datetime.date, position: int, *, horizon_year=None, sources=(), **owner):
        rng = self.rng
        indicator, unit, low, high, comparator, is_share = rng.choice(INDICATORS)
        baseline = None
        if is_share:
            target = Decimal(rng.randint(low, high))
            baseline = Decimal(rng.randint(max(5, low - 25), int(target) - 5))
        else:
            target = Decimal(nice_amount(rng, low, high))
            if rng.random() < 0.25:
                baseline = (target * Decimal(rng.randint(10, 60)) / 100).quantize(Decimal(1))
        objective = make(
            Objective,
            indicator_fr=indicator,
            unit=unit,
            comparator=comparator,
            target_value=target,
            baseline_value=baseline,
            baseline_year=signed.year if baseline is not None else None,
            position=position,
            **owner,
        )
        if rng.random() < 0.85:
            year = horizon_year or min(signed.year + rng.randint(2, 6), 2035)
            precision = pick_precision(rng, 1, 1, 8)
            horizon = datetime.date(year, 12, 31) if precision != YEAR else datetime.date(year, 1, 1)
            objective.horizon_on, objective.horizon_on_precision = truncate(horizon, precision), precision
        else:
            objective.horizon_label_fr = rng.choice(HORIZON_LABELS)
        measurements = []
        count = rng.choices([0, 1, 2, 3, 4], weights=[35, 25, 20, 12, 8])[0]
        when = add_days(signed, rng.randint(-120, 540))
        start = float(baseline or 0)
        value = start
        for _ in range(count):
            if when > REFERENCE_DATE:
                break
            # Progress towards the target, mostly forward, sometimes past it.
            value += (float(target) - start) * rng.uniform(0.05, 0.45)
            precision = pick_precision(rng, 5, 3, 2)
            note = rng.choice(MEASUREMENT_NOTES).format(n=rng.randint(10, 400), m=rng.randint(2, 12))
            measurements.append(
                make(
                    Measurement,
                    objective=objective,
                    value=Decimal(round(value, 1 if is_share else 0)).quantize(Decimal("0.01")),
                    measured_on=truncate(when, precision),
                    measured_on_precision=precision,
                    note=note,
                    source=rng.choice(sources) if sources and rng.random() < 0.5 else None,
                )
            )
            when = add_days(when, rng.randint(150, 450))
        return objective, measurements

    # Conventions -----------------------------------------------------------------------------------

    def conventions(self) -> Iterator[Bundle]:
        self.kind_cum = _cumulate([kind[-1] for kind in KINDS])
        self.outlet_cum = _cumulate(OUTLET_WEIGHTS)
        year_weights = [1 + 0.12 * (year - FIRST_YEAR) for year in range(FIRST_YEAR, REFERENCE_DATE.year + 1)]
        self.year_cum = _cumulate(year_weights)
        self.recent_sources: deque = deque(maxlen=40)
        self.recent_conventions: deque = deque(maxlen=200)
        self.source_serial = 0
        for _ in range(self.count):
            yield self._convention()

    def _pick(self, cum) -> int:
        return bisect.bisect_right(cum, self.rng.random() * cum[-1])

    def _parties(self, count: int) -> list[int]:
        rng = self.rng
        chosen: list[int] = []
        if rng.random() < MAIN_MINISTRY_SHARE:
            chosen.append(0)
        while len(chosen) < count:
            index = self._draw_actor()
            if index not in chosen:
                chosen.append(index)
        if chosen[0] == 0 and rng.random() < 0.35:
            chosen.insert(rng.randrange(1, len(chosen)), chosen.pop(0))
        return chosen

    def _convention(self) -> Bundle:
        rng = self.rng
        kind, label, noun, pronoun, agreement, kind_en, kind_ar, _weight = KINDS[self._pick(self.kind_cum)]
        parties_count = rng.choices([2, 3, 4, 5, 6], weights=[35, 30, 18, 10, 7])[0]
        party_indexes = self._parties(parties_count)
        infos = [self.infos[i] for i in party_indexes]
        sector = self.sectors[self._pick(self.sector_cum)]
        sectors = [sector]
        if rng.random() < 0.3:
            other = self.sectors[self._pick(self.sector_cum)]
            if other is not sector:
                sectors.append(other)
        of, ecosystems, products, trades, sector_en, sector_ar = self.sector_vocabulary[sector.slug]
        city, region = self._city()

        # Dates and states.
        year = FIRST_YEAR + self._pick(self.year_cum)
        base = _random_date(rng, datetime.date(year, 1, 1), min(datetime.date(year, 12, 31), REFERENCE_DATE))
        state = rng.choices([PS.PUBLISHED, PS.DRAFT, PS.REVIEW, PS.ARCHIVED], weights=[85, 10, 3, 2])[0]
        preparing = (state in (PS.DRAFT, PS.REVIEW) and rng.random() < 0.4) or rng.random() < 0.01
        precision = UNKNOWN if preparing else pick_precision(rng, 80, 9, 6, 5)
        signed_on = truncate(base, precision)
        note = ""
        if preparing:
            note = "convention en préparation, pas encore signée"
        elif precision == UNKNOWN:
            note = rng.choice(UNKNOWN_DATE_NOTES)
        elif precision == MONTH and rng.random() < 0.3:
            note = "« le mois dernier », selon l'article"
        start_on = end_on = None
        if signed_on and rng.random() < 0.6:
            start_on = base
            end_on = add_years(base, rng.randint(2, 6))
        if preparing:
            status = ST.IN_PREPARATION
        elif end_on and end_on < REFERENCE_DATE:
            status = rng.choices([ST.COMPLETED, ST.EXPIRED, ST.TERMINATED], weights=[60, 35, 5])[0]
        elif base < add_days(REFERENCE_DATE, -90):
            status = rng.choices([ST.IN_EXECUTION, ST.SIGNED, ST.TERMINATED], weights=[75, 21, 4])[0]
        else:
            status = ST.SIGNED
        published_at = None
        if state in (PS.PUBLISHED, PS.ARCHIVED):
            published = min(add_days(base, rng.randint(1, 60)), REFERENCE_DATE)
            published_at = datetime.datetime.combine(
                published, datetime.time(rng.randint(7, 19), rng.randint(0, 59)), tzinfo=datetime.UTC
            )

        # Place, event, scope, regions.
        event = event_phrase = ""
        if rng.random() < 0.25:
            event_article, event_name, event_city = rng.choice(EVENTS)
            event = event_name.format(n=rng.randint(2, 12))
            event_phrase = f"{event_article} {event}"
            if event_city:
                city, region = next((c, r) for c, r in self.cities if c == event_city)
        place = city if rng.random() < 0.8 else ""
        scope = rng.choices(
            [
                Convention.Scope.NATIONAL,
                Convention.Scope.REGIONAL,
                Convention.Scope.LOCAL,
                Convention.Scope.INTERNATIONAL,
            ],
            weights=[50, 32, 12, 6],
        )[0]
        regions = []
        if scope in (Convention.Scope.REGIONAL, Convention.Scope.LOCAL) and region is not None:
            regions.append(region)
            if rng.random() < 0.15:
                other = rng.choice(list(self.regions.values()))
                if other is not region:
                    regions.append(other)
        elif region is not None and rng.random() < 0.1:
            regions.append(region)

        # Words.
        purpose_fr, purpose_en, purpose_ar = rng.choice(PURPOSES)
        values = {
            "eco": rng.choice(ecosystems),
            "of": of,
            "product": rng.choice(products),
            "city": city,
            "of_city": of_place(city),
            "trades": trades,
            "n": grouped(rng.randint(4, 100) * 50),
            "of_region": _of_region(region),
            "in_region": "dans " + _the_region(region),
        }
        purpose = purpose_fr.format(**values)
        at_city = ""
        if "city}" not in purpose_fr and "region}" not in purpose_fr and rng.random() < 0.35:
            at_city = f" à {city}"
        feminine = agreement == "e"
        title = self._title(kind, label, feminine, purpose, at_city, infos)
        amount = None
        if rng.random() < 0.6:
            amount = nice_amount(rng, 10**6, 10**10)
        plans, components = self._plans_for(year, sector.slug)
        summary = self._summary(
            noun, pronoun, agreement, purpose, precision, base, place, event_phrase, infos, amount, plans
        )
        convention = make(
            Convention,
            title_fr=title[:400],
            slug=self.taken.claim("convention", title, max_length=140, fallback="convention"),
            kind=kind,
            status=status,
            summary_fr=summary,
            signed_on=signed_on,
            signed_on_precision=precision,
            signed_on_note=note,
            place=place,
            event=event,
            start_on=start_on,
            end_on=end_on,
            amount=Decimal(amount) if amount else None,
            scope=scope,
            publication_state=state,
            published_at=published_at,
            reference=f"CONV-{year}-{rng.randint(1, 999):03d}" if rng.random() < 0.2 else "",
        )
        _fr, city_ar, city_en, _code, _weight = self.city_info[city]
        if rng.random() < 0.3:
            convention.title_en = f"{kind_en} on {purpose_en} ({city_en})"
        if rng.random() < 0.3:
            convention.title_ar = f"{kind_ar} حول {purpose_ar} - {city_ar}"

        # Sources: mostly one or two new articles; sometimes an article that already reported another
        # signing (several conventions signed at one event).
        sources, new_sources = [], []
        if self.recent_sources and rng.random() < 0.1:
            sources.append(rng.choice(self.recent_sources))
        for _ in range((0 if sources else 1) + (1 if rng.random() < 0.3 else 0)):
            source = self._source(base, city, purpose, infos, label, feminine)
            new_sources.append(source)
            sources.append(source)
        self.recent_sources.extend(new_sources)

        # Parties and commitments.
        parties, commitments = [], []
        for position, info in enumerate(infos):
            weights = ROLE_WEIGHTS.get(info.kind, [50, 0, 0, 0, 50, 0])
            role = ROLES[0] if position == 0 else rng.choices(ROLES, weights=weights)[0]
            party = make(Party, convention=convention, actor=info.actor, role=role, position=position)
            if signed_on is not None:
                for former, start, until in info.names:
                    if start <= base <= until and rng.random() < 0.7:
                        party.name_as_written = former
                        break
                mandate = _mandate_on(info.mandates, base)
                if mandate is not None and rng.random() < 0.7:
                    party.representative = mandate[2]
                    party.representative_title = mandate[3]
                    party.representative_capacity = (
                        Party.RepresentativeCapacity.SIGNED
                        if rng.random() < 0.55
                        else Party.RepresentativeCapacity.SPOKE
                    )
            parties.append(party)
            family = COMMITMENT_FAMILY.get(info.kind, "company")
            for number in range(rng.choices([0, 1, 2], weights=[30, 45, 25])[0]):
                text = rng.choice(COMMITMENTS[family])
                commitment = make(Commitment, party=party, description_fr=capitalize(text) + ".", position=number)
                if family in ("finance", "donor", "state", "territory") and rng.random() < 0.5:
                    value = nice_amount(rng, 10**6, 2 * 10**9)
                    commitment.amount = Decimal(value)
                    commitment.description_fr = f"{capitalize(text)}, à hauteur de {mad_words(value)}."
                if sources and rng.random() < 0.4:
                    commitment.source = sources[0]
                commitments.append(commitment)

        # Objectives and their measurements.
        objectives, measurements = [], []
        for position in range(rng.choices([0, 1, 2, 3], weights=[30, 35, 22, 13])[0]):
            objective, series = self._objective(base, position, sources=sources, convention=convention)
            objectives.append(objective)
            measurements += series

        # Follow-up actions.
        actions = []
        for position in range(rng.choices([0, 1, 2, 3, 4], weights=[30, 30, 20, 12, 8])[0]):
            actions.append(self._action(convention, base, position, infos, sources))

        relations = []
        if kind == Convention.Kind.AMENDMENT:
            earlier = [c for c in self.recent_conventions if c.signed_on and signed_on and c.signed_on < signed_on]
            if earlier:
                relations.append(
                    make(
                        ConventionRelation,
                        from_convention=convention,
                        kind=ConventionRelation.Kind.AMENDS,
                        to_convention=rng.choice(earlier),
                    )
                )
        self.recent_conventions.append(convention)
        # In the order the prefetches of refresh_search_text() return them (the models' orderings), so the
        # text is the very one it would compute.
        plans = sorted(plans, key=_plan_order)
        components = sorted(components, key=lambda c: (*_plan_order(c.plan), c.position, c.name_fr))
        sectors = sorted(sectors, key=lambda sector: sector.name_fr)
        convention.search_text = search.document_for(
            _View(
                convention,
                parties=_Rows(
                    _View(party, actor=_View(party.actor, names=_Rows(info.name_rows)))
                    for party, info in zip(parties, infos, strict=True)
                ),
                plans=_Rows(plans),
                components=_Rows(components),
                sectors=_Rows(sectors),
                regions=_Rows(sorted(regions, key=lambda region: region.code)),
            )
        )

        return Bundle(
            convention=convention,
            parties=parties,
            commitments=commitments,
            objectives=objectives,
            measurements=measurements,
            actions=actions,
            new_sources=new_sources,
            sources=sources,
            sectors=sectors,
            regions=regions,
            plans=plans,
            components=components,
            relations=relations,
        )

    def _title(self, kind, label, feminine, purpose, at_city, infos) -> str:
        rng = self.rng
        names = [info.in_text() for info in infos]
        if len(names) == 2:
            between = f" entre {names[0]} et {names[1]}"
        elif len(names) == 3:
            between = f" entre {names[0]}, {names[1]} et {names[2]}"
        else:
            between = f" entre {names[0]}, {names[1]} et leurs partenaires"
        if kind == Convention.Kind.AMENDMENT:
            return f"Avenant n° {rng.randint(1, 4)} à la convention relative {to_a(purpose)}{at_city}"
        form = rng.random()
        if form < 0.45:
            return f"{label} pour {purpose}{at_city}{between}"
        if form < 0.7:
            return f"{label} {'relative' if feminine else 'relatif'} {to_a(purpose)}{at_city}"
        if form < 0.88:
            return f"{label} portant sur {purpose}{at_city}{between if rng.random() < 0.5 else ''}"
        pair = "–".join(info.label for info in infos[:2]) if all(len(i.label) < 20 for i in infos[:2]) else ""
        return f"{label} {pair} : {purpose}" if pair else f"{label} pour {purpose}{at_city}"

    def _summary(self, noun, pronoun, agreement, purpose, precision, base, place, event, infos, amount, plans) -> str:
        rng = self.rng
        first = f"{noun} a pour objet {purpose}."
        when = f" {french_date(base, precision)}" if precision != UNKNOWN else ""
        where = f" à {place}" if place else ""
        if event:
            where += f", en marge {event},"
        for short in (False, True):
            names = [info.in_text(short=short) for info in infos]
            if len(names) > 3:
                names = names[:2] + [f"{len(names) - 2} autres partenaires"]
            who = ", ".join(names[:-1]) + " et " + names[-1]
            if precision == UNKNOWN:
                second = f"{pronoun} associe {who}."
            else:
                second = f"{pronoun} a été signé{agreement}{when}{where} par {who}."
            if len(first) + len(second) < 420:
                break
        measures = [
            m.format(n=grouped(rng.randint(2, 60) * 50), h=rng.randint(5, 300)) for m in rng.sample(MEASURES, 3)
        ]
        optional = [
            f"{pronoun} prévoit {measures[0]}, {measures[1]} et {measures[2]}.",
            f"Le programme doit permettre la création de {grouped(rng.randint(2, 300) * 50)} emplois d'ici "
            f"{base.year + rng.randint(2, 6)}.",
            f"Un comité de pilotage se réunira {rng.choice(['deux fois par an', 'chaque trimestre', 'chaque année'])}"
            " pour suivre la mise en œuvre.",
        ]
        if amount:
            optional.append(f"Le budget global est estimé à {mad_words(amount)}.")
        if len(infos) >= 2:
            a, b = infos[0], infos[1]
            does_a = rng.choice(COMMITMENTS[COMMITMENT_FAMILY.get(a.kind, "company")])
            does_b = rng.choice(COMMITMENTS[COMMITMENT_FAMILY.get(b.kind, "company")])
            optional.append(f"{capitalize(a.in_text())} s'engage à {does_a} ; {b.in_text()} se charge {to_de(does_b)}.")
        if plans:
            plan, article = plans[0], self.plan_article[plans[0].slug]
            optional.append(
                f"{pronoun} s'inscrit dans le cadre {to_de(article_for(plan.name_fr, article) + plan.name_fr)}."
            )
        rng.shuffle(optional)
        text = f"{first} {second}"
        for sentence in optional:
            if len(text) + 1 + len(sentence) <= 600:
                text += " " + sentence
            if len(text) >= 200 and rng.random() < 0.35:
                break
        return text

    def _plans_for(self, year: int, sector_slug: str) -> tuple[list[Plan], list[PlanComponent]]:
        rng = self.rng
        how_many = rng.choices([0, 1, 2], weights=[35, 50, 15])[0]
        if not how_many:
            return [], []
        candidates = [
            index
            for index, (_plan, _article, start, end, slugs) in enumerate(self.plan_meta)
            if start - 1 <= year <= end + 1
        ]
        fitting = [index for index in candidates if sector_slug in self.plan_meta[index][4]]
        pool = fitting or candidates
        if not pool:
            return [], []
        chosen = rng.sample(pool, min(how_many, len(pool)))
        plans = [self.plans[index] for index in chosen]
        components = [rng.choice(self.components_of[index]) for index in chosen if rng.random() < 0.5]
        return plans, components

    def _source(self, base, city, purpose, infos, label, feminine) -> Source:
        rng = self.rng
        outlet, domain, kind = OUTLETS[self._pick(self.outlet_cum)]
        a, b = infos[0].in_text(), infos[1].in_text()
        forms = [
            f"{capitalize(a)} et {b} signent une convention pour {purpose}",
            f"{city} : {purpose} au cœur d'une convention"
            if city not in purpose
            else f"{capitalize(a)} et {b} s'engagent",
            f"Signature d'{'une' if feminine else 'un'} {label[0].lower() + label[1:]} pour {purpose}",
            f"{capitalize(purpose)} : {a} s'allie {to_a(b)}",
        ]
        title = capitalize(rng.choice(forms))[:400]
        self.source_serial += 1
        url = self.taken.claim_url(
            f"https://{domain}/{rng.choice(['economie', 'actualites', 'entreprises', 'regions'])}/"
            f"{slugify(title)[:90].strip('-')}-{100000 + self.source_serial}"
        )
        published_on, date_precision = None, UNKNOWN
        if rng.random() < 0.92:
            published_on = min(add_days(base, rng.randint(0, 3)), REFERENCE_DATE)
            date_precision = DAY
        return make(
            Source,
            kind=kind,
            title=title,
            outlet=outlet,
            url=url,
            published_on=published_on,
            published_on_precision=date_precision,
            quote=f"{capitalize(purpose)}." if rng.random() < 0.4 else "",
        )

    def _action(self, convention, base, position, infos, sources) -> FollowUpAction:
        rng = self.rng
        due = add_days(base, rng.randint(60, 1100))
        precision = pick_precision(rng, 40, 40, 15, 5)
        action = make(
            FollowUpAction,
            convention=convention,
            title_fr=rng.choice(ACTIONS),
            due_on=truncate(due, precision),
            due_on_precision=precision,
            position=position,
            source=sources[0] if sources and rng.random() < 0.3 else None,
        )
        if rng.random() < 0.85:
            action.responsible = rng.choice(infos).actor
        else:
            action.responsible_note = rng.choice(RESPONSIBLE_NOTES)
        if due < REFERENCE_DATE:
            action.state = rng.choices(
                [FollowUpAction.State.DONE, FollowUpAction.State.CANCELLED, FollowUpAction.State.IN_PROGRESS,
                 FollowUpAction.State.PLANNED],
                weights=[64, 8, 17, 11],
            )[0]  # fmt: skip
        else:
            action.state = rng.choices(
                [FollowUpAction.State.PLANNED, FollowUpAction.State.IN_PROGRESS, FollowUpAction.State.DONE],
                weights=[55, 35, 10],
            )[0]
        if action.state == FollowUpAction.State.DONE:
            action.completed_on = min(add_days(due, rng.randint(-60, 90)), REFERENCE_DATE)
        return action


def _plan_order(plan: Plan) -> tuple:
    return (-(plan.start_year or 0), plan.name_fr)


class _Rows(list):
    """A list read like a prefetched relation: `.all()`."""

    def all(self):
        return self


class _View:
    """An unsaved row as `search.document_for` reads a saved one: its own
    attributes, and its relations (not in the database yet) as given."""

    def __init__(self, obj, **relations):
        self.__dict__.update(relations)
        self._obj = obj

    def __getattr__(self, name):
        return getattr(self._obj, name)


def _cumulate(weights) -> list[float]:
    total, out = 0.0, []
    for weight in weights:
        total += weight
        out.append(total)
    return out


def _random_date(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randrange((end - start).days + 1))


def _the_region(region: Region | None) -> str:
    if region is None:
        return "la région"
    name = region.name_fr
    if name.startswith("L'"):
        return "la région de l'" + name[2:]
    return f"la région {name}"


def _of_region(region: Region | None) -> str:
    return "de " + _the_region(region)


def _mandate_on(mandates: list, day: datetime.date):
    """The mandate of an actor held on `day`, the latest started if several."""
    found = None
    for mandate in mandates:
        if mandate[0] > day:
            break
        if mandate[1] is None or mandate[1] >= day:
            found = mandate
    return found


# --- Writing -------------------------------------------------------------------------------------


class _Table:
    """Inserts rows of one model with a single COPY or executemany per batch,
    the ids chosen here (following the largest in the table).

    Why not bulk_create: it passes every value of every row through the SQL
    compiler (pre_save, get_db_prep_save, placeholders), about 2 ms of Python
    per convention and its children; this reads the same values straight from
    the instances (dates, datetimes and decimals through the backend's own
    adapters, translated fields through their descriptor, as pre_save does)
    and lets the driver do the rest. Choosing the ids lets children point to
    parents without reading ids back (neither COPY nor SQLite's executemany
    returns them).
    """

    def __init__(self, model):
        meta = model._meta
        self.model = model
        self.label = str(meta.verbose_name_plural)
        fields = [field for field in meta.concrete_fields if not getattr(field, "generated", False)]
        self.table, self.columns = meta.db_table, [field.column for field in fields]
        try:
            translated = set(translator.get_options_for_model(model).all_fields)
        except NotRegistered:
            translated = set()
        self.readers = [self._reader(field, translated) for field in fields]
        self.relations = [(field.name, field.attname) for field in fields if field.is_relation]
        self.pk = meta.pk.attname
        self.next_id = (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1

    @staticmethod
    def _reader(field, translated) -> Callable:
        ops, attname = connection.ops, field.attname
        if field.name in translated:
            # The original column of a translated field holds what its descriptor returns: the value in the
            # active language (French here) when there is one, else the fallbacks, else the default.
            localized = build_localized_fieldname(field.name, translation.get_language())

            def read_translated(obj, now):
                value = obj.__dict__.get(localized)
                if value is None or value == "":
                    value = getattr(obj, field.name)
                return field.get_db_prep_save(value, connection)

            return read_translated
        if isinstance(field, DateTimeField):
            if field.auto_now or field.auto_now_add:
                return lambda obj, now: now
            return lambda obj, now: ops.adapt_datetimefield_value(obj.__dict__[attname])
        if isinstance(field, DateField) and not (field.auto_now or field.auto_now_add):
            return lambda obj, now: ops.adapt_datefield_value(obj.__dict__[attname])
        if isinstance(field, CharField | TextField):
            return lambda obj, now: _plain(obj.__dict__[attname])
        if field.is_relation or isinstance(field, IntegerField | BooleanField):
            return lambda obj, now: obj.__dict__[attname]
        return lambda obj, now: field.get_db_prep_save(field.pre_save(obj, True), connection)

    def insert(self, objects: list, now) -> int:
        if not objects:
            return 0
        rows = []
        for obj in objects:
            data = obj.__dict__
            data[self.pk] = self.next_id
            self.next_id += 1
            cache = obj._state.fields_cache
            for name, attname in self.relations:
                if data[attname] is None and cache.get(name) is not None:
                    parent_pk = cache[name].pk
                    if parent_pk is None:
                        raise ValueError(f"{self.model.__name__}.{name}: parent not saved yet")
                    data[attname] = parent_pk
            rows.append([read(obj, now) for read in self.readers])
            obj._state.adding = False
            obj._state.db = connection.alias
        _insert_rows(self.table, self.columns, rows)
        return len(rows)


def _insert_rows(table: str, columns: list[str], rows: list) -> None:
    """Many rows into `table`: COPY on PostgreSQL (several times faster than
    a pipeline of INSERTs), executemany elsewhere."""
    quote = connection.ops.quote_name
    names = ", ".join(quote(column) for column in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({placeholders})", rows)


def _plain(value):
    """A text value as the driver wants it: choices members become plain strings."""
    return value if value is None or type(value) is str else str(value)


def _by_depth(objects: list, parents: Callable) -> list[list]:
    """Objects in generations: a row's parent (or predecessor) is written before it."""
    depth: dict[int, int] = {}
    for obj in objects:  # parents come before children in the lists built above
        depth[id(obj)] = 1 + max((depth[id(p)] for p in parents(obj) if p is not None), default=-1)
    levels: dict[int, list] = {}
    for obj in objects:
        levels.setdefault(depth[id(obj)], []).append(obj)
    return [levels[level] for level in sorted(levels)]


class Writer:
    """Writes a SyntheticRegister: the reference rows in one transaction, then
    the conventions in batches, one transaction per batch."""

    def __init__(self):
        self.tables: dict[type, _Table] = {}
        self.linked: set[str] = set()  # many-to-many tables written
        self.counts: Counter = Counter()

    def insert(self, model, objects: list, label: str | None = None) -> None:
        table = self.tables.get(model)
        if table is None:
            table = self.tables[model] = _Table(model)
        written = table.insert(objects, self.now)
        if written:
            self.counts[label or table.label] += written

    def link(self, through, left: str, pairs: list[tuple[int, int]], label: str) -> None:
        """Rows of a many-to-many table from (left id, right id) pairs; their ids are the database's."""
        if not pairs:
            return
        left_field = through._meta.get_field(left)
        right_field = next(f for f in through._meta.concrete_fields if f.is_relation and f is not left_field)
        _insert_rows(through._meta.db_table, [left_field.column, right_field.column], pairs)
        self.linked.add(through._meta.db_table)
        self.counts[label] += len(pairs)

    def _stamp(self) -> None:
        self.now = connection.ops.adapt_datetimefield_value(timezone.now())

    def _reset_sequences(self) -> None:
        """PostgreSQL: move the id sequences past the ids chosen here, so that
        the next ordinary insert does not collide (SQLite's AUTOINCREMENT
        follows by itself)."""
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), list(self.tables)):
                cursor.execute(sql)

    def reference(self, register: SyntheticRegister) -> None:
        self._stamp()
        with transaction.atomic():
            for level in _by_depth(register.new_sectors, lambda s: [s.parent]):
                self.insert(Sector, level)
            for level in _by_depth([info.actor for info in register.infos], lambda a: [a.parent]):
                self.insert(Actor, level)
            self.insert(ActorName, register.actor_names)
            self.insert(Person, register.persons)
            self.insert(Mandate, register.mandates)
            for level in _by_depth(register.plans, lambda p: [p.parent, p.predecessor]):
                self.insert(Plan, level)
            pairs = [(plan.pk, sector.pk) for plan, sector in register.plan_sectors]
            self.link(Plan.sectors.through, "plan", pairs, "liens plan–secteur")
            for level in _by_depth(register.components, lambda c: [c.parent]):
                self.insert(PlanComponent, level)
            self.insert(Objective, register.plan_objectives)
            self.insert(Measurement, register.plan_measurements)
            self._reset_sequences()

    def batch(self, batch: list[Bundle]) -> None:
        def gather(name):
            return [obj for bundle in batch for obj in getattr(bundle, name)]

        self._stamp()
        with transaction.atomic():
            self.insert(Source, gather("new_sources"))
            self.insert(Convention, [bundle.convention for bundle in batch])
            self.insert(Party, gather("parties"))
            self.insert(Commitment, gather("commitments"))
            self.insert(Objective, gather("objectives"))
            self.insert(Measurement, gather("measurements"))
            self.insert(FollowUpAction, gather("actions"))
            self.insert(ConventionRelation, gather("relations"))
            links = [
                (Convention.sectors, "sectors", "liens convention–secteur"),
                (Convention.regions, "regions", "liens convention–région"),
                (Convention.plans, "plans", "liens convention–plan"),
                (Convention.components, "components", "liens convention–composante"),
            ]
            for descriptor, name, label in links:
                pairs = [(bundle.convention.pk, obj.pk) for bundle in batch for obj in getattr(bundle, name)]
                self.link(descriptor.through, "convention", pairs, label)
            pairs = [(bundle.convention.pk, source.pk) for bundle in batch for source in bundle.sources]
            self.link(Source.conventions.through, "convention", pairs, "liens source–convention")
            self._reset_sequences()


def seed(
    conventions: int,
    seed: int,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Callable[[str, int, int], None] | None = None,
) -> Counter:
    """Generate and write a synthetic register; return the rows written per model label.

    `progress(label, done, total)` is called after the reference rows
    ("références") and after each batch of conventions ("conventions")."""
    progress = progress or (lambda label, done, total: None)
    # Batches of at most a twentieth of the run, so that progress shows every 5 % or so.
    batch_size = max(1, min(batch_size, max(250, -(-conventions // 20))))
    # With DEBUG on, every query would be formatted and kept in connection.queries.
    debug, settings.DEBUG = settings.DEBUG, False
    try:
        with translation.override("fr"):
            register = SyntheticRegister(
                conventions,
                seed,
                regions=list(Region.objects.order_by("code")),
                sectors={sector.slug: sector for sector in Sector.objects.filter(slug__in=[s[0] for s in SECTORS])},
                taken=Taken.from_database(),
            )
            writer = Writer()
            writer.reference(register)
            progress("références", 1, 1)
            batch: list[Bundle] = []
            done = 0
            for bundle in register.conventions():
                batch.append(bundle)
                if len(batch) >= batch_size:
                    writer.batch(batch)
                    done += len(batch)
                    batch = []
                    progress("conventions", done, conventions)
            if batch:
                writer.batch(batch)
                done += len(batch)
                progress("conventions", done, conventions)
            # Raw inserts send no signal: the register's cache learns of them here.
            register_cache.bump()
            if connection.vendor == "postgresql":
                # Fresh statistics, so that the first load test does not plan
                # its queries on empty tables, and the visibility map that
                # autovacuum would write later, without which no index-only
                # scan is possible (a deep page of the list: 435 ms → 100 ms).
                tables = sorted({model._meta.db_table for model in writer.tables} | writer.linked)
                # VACUUM cannot run inside a transaction (a test's): ANALYZE alone there.
                command = "ANALYZE " if connection.in_atomic_block else "VACUUM ANALYZE "
                with connection.cursor() as cursor:
                    cursor.execute(command + ", ".join(connection.ops.quote_name(table) for table in tables))
    finally:
        settings.DEBUG = debug
    return writer.counts
