"""Where and at what occasion a convention was signed, and the sectors and
regions it concerns: « à Tanger », « en marge de la huitième édition du Salon
de l'Automobile de Tanger », a dateline « RABAT, 12 mars (MAP) »."""

import re

from core.text import normalize

from .lexicon import CITIES, CITY_NAMES_AR, REGIONS, SECTORS
from .text import contains

_AT = re.compile(r"(?:\bà|\ba|\bin|\bau siège de\b[^,.]{0,40}?\bà)\s+(?P<city>[A-ZÉÈ][\w'-]+(?:[ -][A-ZÉÈ][\w'-]+)?)")
_DATELINE = re.compile(r"^\W*(?P<city>[A-ZÉÈ][A-Za-zÉÈéèêàâîïôç' -]{2,25}?)\s*(?:\(\w+\)\s*)?[,–—-]")
_OCCASION = re.compile(
    r"(?:en marge d(?:e la |e l'|u |es |e )|lors d(?:e la |e l'|u |es |e )|à l'occasion d(?:e la |e l'|u |es |e )|"
    r"on the sidelines of (?:the )?|during (?:the )?|على هامش )(?P<event>[^,.;()]{4,140})",
    re.I,
)
_EVENT_WORDS = (
    "salon",
    "forum",
    "edition",
    "assises",
    "journee",
    "journees",
    "sommet",
    "conference",
    "rencontre",
    "foire",
    "exposition",
    "congres",
    "seminaire",
    "matinees",
    "gitex",
    "siam",
    "festival",
    "session",
    "conseil",
    "summit",
    "fair",
    "exhibition",
    "معرض",
    "منتدى",
    "دورة",
)


def place(sentences, text: str) -> tuple[str, dict] | None:
    for sentence in sentences:
        for match in _AT.finditer(sentence.text):
            city = match["city"]
            if normalize(city).split()[0] in CITIES or normalize(city).replace(" ", "") in CITIES:
                return city, sentence.evidence()
        for city in CITY_NAMES_AR:
            if f"ب{city}" in sentence.text or f"في {city}" in sentence.text:
                return city, sentence.evidence()
    dateline = _DATELINE.match(text[:60])
    if dateline and normalize(dateline["city"]).split()[:1] and normalize(dateline["city"]).split()[0] in CITIES:
        return dateline["city"].strip().title(), {"sentence": dateline.group(0), "start": 0, "end": dateline.end()}
    return None


def occasion(sentences) -> tuple[str, dict] | None:
    for sentence in sentences:
        for match in _OCCASION.finditer(sentence.text):
            event = match["event"].strip()
            if any(contains(normalize(event), word) for word in _EVENT_WORDS) and not normalize(event).startswith(
                "signature"
            ):
                return event, sentence.evidence()
    return None


def sectors(norm_text: str) -> list[str]:
    found = []
    for word, sector in SECTORS.items():
        if contains(norm_text, word) and sector not in found:
            found.append(sector)
    return found[:4]


def regions(norm_text: str) -> list[str]:
    return [name for key, name in REGIONS.items() if contains(norm_text, key)]
