"""The synthetic register's constants (its "today", its first year) and the
small helpers every part of the generator uses: French articles and
contractions, amounts in words, dates and their precisions, weighted draws."""

import datetime
import math
import random
import unicodedata

from actors.models import Actor
from conventions.models import Convention, Party
from core.dates import DatePrecision
from plans.models import Region

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

# Grammar: feminine head nouns, letters that elide an article, words an acronym skips.
FEMININE = {
    "association", "agence", "banque", "fédération", "confédération", "caisse", "chambre", "commune", "direction",
    "administration", "société", "union", "organisation", "fondation", "université", "école", "cité", "coopérative",
    "région", "deutsche",
}  # fmt: skip
ELIDED = set("aeiouyhàâäéèêëîïôöûüAEIOUYHÀÂÄÉÈÊËÎÏÔÖÛÜ")
ACRONYM_SKIP = {"de", "du", "des", "la", "le", "les", "et", "pour", "en", "à", "au", "aux", "d", "l", "sur"}


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
