"""Names of organisations in a parsed French or English text.

The model's ORG entities miss most of them (« le ministère de l'Industrie et
du Commerce » comes out as a place and a « MISC »), so a small grammar over
spaCy's tokens and parts of speech reads them: a head (« ministère »,
« Agence », « Fédération », a capitalised word or an acronym), its
adjectives (« nationale », « mécaniques, métallurgiques et électriques »),
its complements (« de l'Emploi et des Compétences », « du Maroc »), and a
parenthesis giving the acronym or the name (« (AMICA) », « (Association
Marocaine …) »). A complement whose head is itself an organisation
(« Direction du Commerce intérieur du ministère … ») starts a second one."""

import re
from dataclasses import dataclass

from core.text import normalize

from .lexicon import ANAPHORIC_HEADS, CITIES, CIVILITIES, NOT_IN_NAMES, ORG_HEADS, TERRITORIES, TITLES

_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,9}$|^[A-Z]{2,}[a-z]?[A-Z]+$")
NOT_ACRONYMS = frozenset(
    """DH MDH MMDH MAD USD EUR PIB TVA PME PMEs TPE TPME II III IV VI VII VIII IX XI XII UN CA MW GW KW KM HT TTC
    B2B SA SARL MRE IDE RH TIC BTP TGV LGV VE QR PDG DG CEO RSE ESG COP ONG AG FCFA MAP ACT""".split()
)
_DE = frozenset({"de", "du", "des", "d", "of"})
_MONTHS_DAYS = frozenset(
    """janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre lundi mardi mercredi
    jeudi vendredi samedi dimanche hier aujourd demain selon ainsi rappelons""".split()
)


@dataclass
class Org:
    name: str  # as written, without determiner and acronym parenthesis
    acronym: str | None
    start: int  # character offsets of the whole mention (parenthesis included)
    end: int
    head: str  # the normalized head word, "" for a proper name, "acronym" for an acronym alone
    first: int  # token indexes
    last: int
    written: str = ""  # the mention as written, with its parenthesis

    @property
    def key(self) -> str:
        return normalize(self.acronym or self.name)


def norm(token) -> str:
    return normalize(token.text)


def is_acronym(token) -> bool:
    text = token.text
    return (
        bool(_ACRONYM.match(text))
        and text not in NOT_ACRONYMS
        and sum(ch.isupper() for ch in text) >= 2
        and text.lower() not in CITIES
    )


def is_capital(token) -> bool:
    text = token.text
    return bool(text) and text[0].isupper() and text[0].isalpha()


def is_name_word(token) -> bool:
    """A capitalised word that can be part of a name (not « Hier », « Selon »,
    a month, a civility or a title)."""
    if not is_capital(token) or token.pos_ in ("DET", "ADP", "CCONJ", "SCONJ", "PRON", "AUX", "VERB"):
        return token.pos_ == "" and is_capital(token) and norm(token) not in _MONTHS_DAYS
    n = norm(token)
    return n not in _MONTHS_DAYS and n not in CIVILITIES and n not in TITLES


def is_head(token) -> bool:
    return norm(token) in ORG_HEADS


def _lower_adjective(token) -> bool:
    return token.text[:1].islower() and token.pos_ == "ADJ"


def _adjective_like(token) -> bool:
    """A lowercase adjective, as tagged or by its ending (the small model
    tags « métallurgiques » as a noun)."""
    text = token.text
    return text[:1].islower() and (
        token.pos_ == "ADJ"
        or (token.pos_ in ("NOUN", "") and re.search(r"(iques?|elles?|els?|aux|ales?|ières?|iers?)$", text))
    )


def _complement_word(doc, k, end):
    """After « de », the word a complement names, past its determiner: its
    index, or None."""
    while k < end and norm(doc[k]) in ("la", "l", "les", "le", "the"):
        k += 1
    return k if k < end else None


def _extend(doc, i, j, end, has_head):
    """The end (exclusive) of a name whose head is doc[i], read from j."""
    in_complement = False
    while j < end:
        token = doc[j]
        n = norm(token)
        if token.is_space or "\n" in doc[j - 1].whitespace_:
            break
        if is_name_word(token) and not is_acronym(token) and not (in_complement and is_head(token)):
            j += 1
            continue
        if token.text == "-" and not doc[j - 1].whitespace_ and not token.whitespace_ and j + 1 < end:
            if is_capital(doc[j + 1]):  # « Rabat-Salé-Kénitra », split by the tokenizer
                j += 2
                continue
            break
        if _lower_adjective(token) and has_head and doc[j - 1].pos_ in ("NOUN", "PROPN", "ADJ"):
            j += 1
            continue
        if n in _DE or n == "pour" or n == "for":
            k = _complement_word(doc, j + 1, end)
            if k is None:
                break
            word = doc[k]
            if is_head(word) and n in _DE and not _complement_head(doc, k, end):
                break  # « Direction du Commerce intérieur du ministère … »: two organisations
            if is_capital(word) or is_acronym(word):
                if norm(word) in _MONTHS_DAYS:
                    break
                j, in_complement = k + 1, True
                continue
            if (
                n != "pour"
                and has_head
                and word.text[:1].islower()
                and word.pos_ in ("NOUN", "ADJ", "PROPN")
                and normalize(word.text) not in NOT_IN_NAMES
            ):
                j, in_complement = k + 1, True
                # its adjectives: « des industries mécaniques, métallurgiques et électriques »
                while j < end and _adjective_like(doc[j]):
                    j += 1
                continue
            break
        if n in ("et", "and") and j + 1 < end:
            nxt = doc[j + 1]
            if norm(nxt) in _DE and in_complement:
                j += 1
                continue
            if _adjective_like(nxt) and _adjective_like(doc[j - 1]):
                j += 2
                continue
            if (
                (in_complement or (not nxt.pos_ and j - i >= 2))  # no tagger (English): a capitalised run
                and is_capital(nxt)
                and not is_acronym(nxt)
                and not is_head(nxt)
                and is_capital(doc[j - 1])
                and (
                    nxt.pos_ in ("ADJ", "NOUN", "")
                    or doc[j - 1].pos_ == "ADJ"
                    or is_capital(doc[j - 2])
                    or (j + 2 < end and is_capital(doc[j + 2]))
                )
            ):
                j += 2
                continue
            break
        if token.text == "," and j + 1 < end:
            nxt = doc[j + 1]
            if in_complement and norm(nxt) in _DE:
                k = _complement_word(doc, j + 2, end)
                if k is not None and not is_head(doc[k]) and (is_capital(doc[k]) or doc[k].pos_ in ("NOUN", "ADJ")):
                    j += 1
                    continue
            if (
                _adjective_like(nxt)
                and _adjective_like(doc[j - 1])
                and j + 2 < end
                and doc[j + 2].text in (",", "et", "(")
            ):
                j += 2
                continue
            break
        break
    return j


def _complement_head(doc, k, end) -> bool:
    """A head word after « de » that belongs to the name rather than starting a
    second organisation: a territory (« Conseil de la région de l'Oriental »:
    the region's council) or, closing the name, a lowercase head that no
    anaphora uses (« Réforme de l'administration »)."""
    word = norm(doc[k])
    if word in TERRITORIES:
        return True
    closes = k + 1 >= end or doc[k + 1].text in (",", ".", "(", ";", ")") or norm(doc[k + 1]) in ("et", "and")
    return doc[k].text[:1].islower() and word not in ANAPHORIC_HEADS and closes


def _stretch_to_acronym(doc, j, end) -> int:
    """A name cut before « pour l'énergie durable » or a lowercase complement
    but followed by its acronym in parentheses (« Agence marocaine pour
    l'énergie durable (MASEN) »): the acronym vouches that the words between
    are the name. The end of the stretched name, or j."""
    k = j
    while k < min(end, j + 12):
        token = doc[k]
        if token.text == "(":
            close = k + 2
            if k > j and close < end and doc[close].text == ")" and is_acronym(doc[k + 1]):
                return k
            return j
        if token.pos_ not in ("NOUN", "ADJ", "ADP", "DET", "CCONJ", "PROPN") or token.text in (",", ".", ";", "-"):
            return j
        if token.pos_ == "PROPN" and not is_capital(token):
            return j
        k += 1
    return j


def _parenthesis(doc, j, end):
    """« (AMICA) » or « (Association …) » right after a name: (inner tokens, end)."""
    if j < end and doc[j].text == "(":
        for k in range(j + 1, min(end, j + 25)):
            if doc[k].text == ")":
                return doc[j + 1 : k], k + 1
            if doc[k].text in "(.;":
                break
    return None, j


def org_at(doc, i, end, single=False) -> Org | None:
    """The organisation named from token i (past any determiner), or None.
    `single`: one capitalised word is a name (an item of a list of parties)."""
    while i < end and norm(doc[i]) in ("le", "la", "les", "l", "the") and doc[i].pos_ in ("DET", "", "NOUN", "PROPN"):
        i += 1
    if i >= end:
        return None
    token = doc[i]
    acronym = None
    if is_acronym(token):
        head, j, has_head = "acronym", i + 1, False
        acronym = token.text
    elif is_head(token):
        head, j, has_head = norm(token), i + 1, True
        if j < end and is_acronym(doc[j]) and norm(token) in ("groupe", "group", "societe", "holding", "banque"):
            acronym, j = doc[j].text, j + 1  # « le groupe OCP »
        elif j < end and is_acronym(doc[j]) and token.text[:1].isupper():
            j += 1  # « la Fondation OCP », « l'Université UM6P »: another body named after it
    elif is_name_word(token) and token.ent_type_ != "PER" and token.pos_ in ("PROPN", "NOUN", "ADJ", "X", ""):
        head, j, has_head = "", i + 1, False
    else:
        return None
    j = _extend(doc, i, j, end, has_head) if head != "acronym" else j
    if head != "acronym" and j < end and norm(doc[j]) in ("pour", "de", "du", "des", "d"):
        j = _stretch_to_acronym(doc, j, end)
    name_end = j
    inner, j = _parenthesis(doc, j, end)
    name = doc[i:name_end].text
    if inner is not None and len(inner):
        inner_text = inner.text.strip()
        if len(inner) == 1 and is_acronym(inner[0]):
            acronym = inner_text
        elif acronym and len(inner) > 1 and is_capital(inner[0]):
            name = inner_text
        else:
            j = name_end  # a parenthesis of something else: « (Nador) », « (photo) »
    if name in NOT_ACRONYMS:
        return None
    if head == "" and name_end - i == 1 and acronym is None and not _known_single(token) and not single:
        return None  # one capitalised word: a name only with its acronym, or inside a list of parties
    start, stop = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
    return Org(name, acronym, start, stop, head, i, j, doc.text[start:stop])


def proper_name_at(doc, i, end) -> Org | None:
    """A run of capitalised words from token i taken as a company's name
    whatever the model's entity (it reads « Sinolith New Energy » as a person):
    for a name the text has already said is a company's."""
    j = i
    while j < end and (is_capital(doc[j]) or is_acronym(doc[j])) and doc[j].pos_ not in ("DET", "ADP", "CCONJ"):
        j += 1
    if j == i:
        return None
    start, stop = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
    return Org(doc[i:j].text, None, start, stop, "", i, j, doc.text[start:stop])


def _known_single(token) -> bool:
    """A single capitalised word the model calls an organisation (« Stellantis »)."""
    return token.ent_type_ == "ORG"


def mentions(doc, start=0, end=None) -> list[Org]:
    """Every organisation named in doc[start:end], in order, none overlapping."""
    end = len(doc) if end is None else end
    found, i = [], start
    while i < end:
        org = org_at(doc, i, end) if (i == start or doc[i - 1].text not in ("'",)) else None
        if org and not (org.head in ORG_HEADS and org.last - org.first == 1 and org.head not in ("etat", "state")):
            found.append(org)
            i = org.last
        else:
            i += 1
    return found


def acronym_of(name: str) -> str:
    """The initials of a name's meaningful words: « Crédit Agricole du Maroc » -> CAM."""
    words = [w for w in re.split(r"[\s'’-]+", name) if w and w[0].isalpha()]
    return "".join(w[0].upper() for w in words if w[0].isupper() or normalize(w) in ORG_HEADS)
