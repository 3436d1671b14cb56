"""Which language an article is written in: French, Arabic or English.

Arabic by its script; French and English by their most frequent small words.
A text too short to tell is taken as French, the register's language."""

import re

LANGUAGES = ("fr", "ar", "en")
_WORD = re.compile(r"[^\W\d_]+")
_FRENCH = frozenset(
    "le la les de des du et est une un pour dans qui que avec au aux sur par ont été entre cette".split()
)
_ENGLISH = frozenset("the and of to in is for with on that by was were has have between this its from".split())


def detect(text: str) -> str:
    letters = [ch for ch in text[:5000] if ch.isalpha()]
    if not letters:
        return "fr"
    arabic = sum(1 for ch in letters if "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f")
    if arabic / len(letters) > 0.3:
        return "ar"
    words = [w.lower() for w in _WORD.findall(text[:5000])]
    french = sum(1 for w in words if w in _FRENCH)
    english = sum(1 for w in words if w in _ENGLISH)
    return "en" if english > french else "fr"
