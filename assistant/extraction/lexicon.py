"""The words the rules know: kinds of agreement, signing verbs, heads of
organisation names, titles of people, places, scale and currency words.
Data only; compared after core.text.normalize (no case, no accents)."""

# --- agreements ------------------------------------------------------------------------------------------------------

# A normalized phrase of the text -> the kind of SCHEMA.md. Longest first when
# matching, so « contrat de performance » wins over « contrat ».
KINDS = {
    "convention de partenariat": "convention de partenariat",
    "convention de cooperation": "convention de partenariat",
    "convention cadre": "convention de partenariat",
    "convention specifique": "convention de partenariat",
    "convention": "convention de partenariat",
    "conventions": "convention de partenariat",
    "partenariat": "convention de partenariat",
    "protocole d accord": "protocole d'accord",
    "protocoles d accord": "protocole d'accord",
    "protocole": "protocole d'accord",
    "memorandum d entente": "protocole d'accord",
    "memorandum of understanding": "protocole d'accord",
    "memorandum": "protocole d'accord",
    "mou": "protocole d'accord",
    "lettre d intention": "protocole d'accord",
    "contrat programme": "contrat-programme",
    "contrats programmes": "contrat-programme",
    "contrat de performance": "contrat-programme",
    "contrats de performance": "contrat-programme",
    "contrat de croissance": "contrat-programme",
    "contrats": "contrat-programme",
    "contrat": "contrat-programme",
    "accord de partenariat": "convention de partenariat",
    "accord de cooperation": "accord",
    "accord cadre": "accord",
    "accords": "accord",
    "accord": "accord",
    "avenant": "convention de partenariat",
    "charte": "accord",
    # English and Arabic
    "agreement": "accord",
    "partnership agreement": "convention de partenariat",
    "cooperation agreement": "accord",
    "framework agreement": "accord",
    "agreements": "accord",
    "partnership": "convention de partenariat",
    "convention agreement": "convention de partenariat",
    "program contract": "contrat-programme",
    "programme contract": "contrat-programme",
    "performance contract": "contrat-programme",
    "اتفاقية شراكة": "convention de partenariat",
    "اتفاقية": "convention de partenariat",
    "اتفاقيتين": "convention de partenariat",
    "اتفاقيات": "convention de partenariat",
    "مذكرة تفاهم": "protocole d'accord",
    "بروتوكول اتفاق": "protocole d'accord",
    "عقد برنامج": "contrat-programme",
    "اتفاق": "accord",
}
# Phrases built on a kind word that name no agreement of the register.
NOT_AGREEMENTS = (
    "en partenariat avec",
    "partenariat public prive",
    "accord de libre echange",
    "in partnership with",
    "convention collective",
)

# Lemmas of the verbs (and nouns) of signing, in French.
SIGNING_LEMMAS = frozenset(
    "signer parapher conclure sceller nouer conclure officialiser entériner ratifier contracter"
    " signature paraphe conclusion convenir lier".split()
)
SIGNING_WORDS_EN = frozenset("signed sign signing inked concluded sealed entered".split())
SIGNING_WORDS_AR = ("وقع", "توقيع", "وقعت", "وقعا", "أبرم", "إبرام", "تم توقيع")
# An agreement not yet signed: no date of signature is proposed.
NOT_YET_SIGNED = (
    "en cours de mise en place",
    "en cours de preparation",
    "en cours de finalisation",
    "sera signe",
    "sera signee",
    "seront signes",
    "seront signees",
    "devrait etre signe",
    "devraient etre signe",
    "prochainement",
    "will be signed",
)

ORDINALS = {
    "premier": 1, "premiere": 1, "1er": 1, "1ere": 1, "deuxieme": 2, "seconde": 2, "second": 2, "2e": 2,
    "troisieme": 3, "3e": 3, "quatrieme": 4, "4e": 4, "cinquieme": 5, "5e": 5, "autre": 0, "nouvelle": 0,
    "first": 1, "second_en": 2, "third": 3, "another": 0,
}  # fmt: skip
NUMBER_WORDS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9,
    "dix": 10, "onze": 11, "douze": 12, "quinze": 15, "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50,
    "cent": 100, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six_en": 6, "ten": 10,
}  # fmt: skip

# --- organisations ---------------------------------------------------------------------------------------------------

ORG_HEADS = frozenset(
    """ministere ministeres agence association associations federation confederation groupe groupement banque
    office societe fondation universite centre conseil chambre chambres caisse fonds direction institut ecole
    autorite commissariat haut departement secretariat wilaya region commune province prefecture cluster pole
    ordre union syndicat organisation organisme observatoire etablissement compagnie holding laboratoire academie
    faculte cooperative mutuelle bourse administration tresorerie douane douanes gouvernement etat royaume
    delegation agences interprofession collectivite collectivites inspection
    ministry agency federation confederation group bank company foundation university council chamber fund
    authority institute corporation government kingdom state commission""".split()
)
# Heads that alone (« le ministère », « l'association ») point back to a named organisation.
ANAPHORIC_HEADS = frozenset(
    "ministere agence association federation confederation groupe banque office fondation".split()
)
ORG_HEADS_AR = (
    "وزارة", "الوزارة", "الوكالة", "وكالة", "جمعية", "الجمعية", "الجامعة", "جامعة", "الفيدرالية", "فيدرالية",
    "مجموعة", "المجموعة", "بنك", "البنك", "المكتب", "مكتب", "مؤسسة", "المؤسسة", "صندوق", "الصندوق", "المجلس",
    "مجلس", "غرفة", "الغرفة", "مديرية", "المديرية", "شركة", "الشركة", "الاتحاد", "اتحاد", "المركز", "مركز",
    "الهيئة", "هيئة", "ولاية", "جهة", "الكونفدرالية", "الدولة", "الحكومة", "القرض",
)  # fmt: skip
# Territories: « Conseil de la région … », « Centre régional d'investissement de
# la région … » are the territory's bodies, one organisation.
TERRITORIES = frozenset("region regions commune province prefecture wilaya collectivite".split())
# Words after « de » that end an organisation's name rather than continue it.
NOT_IN_NAMES = frozenset(
    """signature cadre convention conventions accord partenariat protocole contrat marge occasion presence part
    lors suite objectif objectifs fin debut mise montant hauteur plus moins pres total somme valeur nombre
    ceremonie rencontre edition""".split()
)
DETERMINERS = frozenset("le la les l un une des du au aux the a an".split())

# --- people ----------------------------------------------------------------------------------------------------------

# First words of a title (normalized); the title runs on through its complements.
TITLES = frozenset(
    """ministre president presidente directeur directrice dg pdg ceo secretaire wali gouverneur ambassadeur
    ambassadrice maire recteur delegue deleguee vice administrateur administratrice chef responsable patron
    patronne fondateur fondatrice coordinateur coordinatrice conseiller conseillere tresorier commissaire
    haut directeur-general president-directeur chairman director minister governor ambassador mayor head chief
    manager executive""".split()
)
CIVILITIES = frozenset("m mme mm mlle monsieur madame dr pr sm sar mr mrs ms".split())
TITLES_AR = ("وزير", "وزيرة", "رئيس", "رئيسة", "المدير", "مدير", "مديرة", "الكاتب العام", "والي", "عامل", "سفير")

# --- places ----------------------------------------------------------------------------------------------------------

CITIES = frozenset(
    """rabat casablanca tanger marrakech fes agadir oujda kenitra meknes tetouan jadida laayoune dakhla nador
    benguerir safi settat mellal errachidia ouarzazate khouribga mohammedia sale temara larache berkane taza
    guelmim essaouira ifrane khemisset berrechid skhirat bouznika taroudant tiznit azilal chefchaouen alhoceima
    paris madrid bruxelles dubai abidjan dakar londres pekin geneve washington""".split()
)
CITY_NAMES_AR = ("الرباط", "الدار البيضاء", "طنجة", "مراكش", "فاس", "أكادير", "وجدة", "القنيطرة", "مكناس", "تطوان")

SECTORS = {
    "automobile": "industrie automobile",
    "aeronautique": "aéronautique",
    "textile": "textile et cuir",
    "cuir": "textile et cuir",
    "agroalimentaire": "agroalimentaire",
    "agro industrie": "agroalimentaire",
    "pharmaceutique": "industrie pharmaceutique",
    "chimie": "chimie et parachimie",
    "mecaniques": "industries mécaniques et métallurgiques",
    "metallurgiques": "industries mécaniques et métallurgiques",
    "electriques": "industries électriques",
    "offshoring": "offshoring",
    "numerique": "numérique",
    "digital": "numérique",
    "energie": "énergie",
    "energies renouvelables": "énergie",
    "hydrogene": "énergie",
    "emploi": "emploi et compétences",
    "formation": "emploi et compétences",
    "competences": "emploi et compétences",
    "banque": "financement bancaire",
    "financement": "financement bancaire",
    "achats": "achats et approvisionnement",
    "tourisme": "tourisme",
    "peche": "pêche",
    "agricole": "agriculture",
    "agriculture": "agriculture",
    "btp": "bâtiment et travaux publics",
    "logistique": "logistique",
    "artisanat": "artisanat",
    "mines": "mines",
}
REGIONS = {
    "tanger tetouan al hoceima": "Tanger-Tétouan-Al Hoceïma",
    "oriental": "Oriental",
    "fes meknes": "Fès-Meknès",
    "rabat sale kenitra": "Rabat-Salé-Kénitra",
    "beni mellal khenifra": "Béni Mellal-Khénifra",
    "casablanca settat": "Casablanca-Settat",
    "marrakech safi": "Marrakech-Safi",
    "draa tafilalet": "Drâa-Tafilalet",
    "souss massa": "Souss-Massa",
    "guelmim oued noun": "Guelmim-Oued Noun",
    "laayoune sakia el hamra": "Laâyoune-Sakia El Hamra",
    "dakhla oued ed dahab": "Dakhla-Oued Ed-Dahab",
}
