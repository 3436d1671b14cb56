"""Text as the register compares it: names, titles, headers and queries.

`normalize` is the one folding every comparison uses (full-text search, the
name finder, the import's matching of actors, sectors and headers, the
actor matcher): lower case, without accents or Arabic diacritics,
punctuation turned into single spaces. So "Société", "societe" and
"SOCIETE" are one word, and "Crédit-Agricole" is "credit agricole".
"""

import re
import unicodedata

_NON_WORD = re.compile(r"[^\w%]+")
_TRAILING_PARENTHESIS = re.compile(r"^(?P<head>.*?)\s*\((?P<inner>[^()]+)\)\s*$")


def normalize(text: str) -> str:
    if not text:
        return ""
    if text.isascii():  # most names and queries: nothing to decompose
        return " ".join(_NON_WORD.sub(" ", text.lower()).split())
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_NON_WORD.sub(" ", stripped.lower()).split())


def trailing_parenthesis(text: str) -> tuple[str, str] | None:
    """'Crédit Agricole du Maroc (CAM)' -> ('Crédit Agricole du Maroc', 'CAM'):
    a name and what follows it in parentheses (an acronym, a role); None
    when the text does not end with a parenthesis."""
    match = _TRAILING_PARENTHESIS.match(text)
    return (match["head"], match["inner"]) if match else None
