"""Numbers as the press writes them: « 130 milliards de DH », « 1,7 MMDH »,
« 20 milliards de Dirhams », « 200 MDH », « 50 M€ », « 2,5 millions
d'euros », « 13 340 emplois » (spaces, no-break spaces or dots between
thousands), « un million », « 23 % », and in English and Arabic « MAD 1.2
billion », « $50 million », « 3 مليار درهم ».

`quantities(text, language)` finds them all, with what they count: dirhams
or another currency (ISO 4217), a percentage, or a number of something
(« emplois », « véhicules »). Which of them are the convention's money, its
targets or figures of context is decided by objectives.py from the words
around them."""

import re
from dataclasses import dataclass

from core.text import normalize

_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")

# A number: thousands grouped by spaces, dots or commas, a decimal part; or a word.
_NUMBER = re.compile(
    r"(?<![\w.,/-])(?:\d{1,3}(?:(?:[ \u00a0\u202f]|\.|,)\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?![\d/]|[.,]\d)"
    r"|(?<!\w)(?:un|une|one|a)(?=\s+(?:milliards?|millions?|billions?|مليار|مليون)\b)",
    re.IGNORECASE,
)
# What may follow a number, in order: a scale, then « de », then a currency.
_COMBINED = re.compile(
    r"[ ]?(?P<scale>mmdhs?|mmdh|md[ ]?dhs?|mds[ ]?dhs?|mdhs?|mmad|kdhs?|mrd[ ]?dhs?|md€|mds?[ ]?€|mrds?[ ]?€|m€|m\$|"
    r"musd|meur|mrd\$|bn\$)(?![\w])",
    re.IGNORECASE,
)
_SCALE = re.compile(
    r"[ ]?(?P<scale>milliards?|mrds?\.?|mds?\.?(?=[ ]?(?:de|d'|dh|dhs|dirhams?|mad|€|\$|usd|eur))|millions?|mio\.?|"
    r"mille|bn|billions?|trillions?|m(?=[ ]?(?:€|\$|dh\b|dhs\b|mad\b|usd\b|eur\b))|k(?=[ ]?(?:€|\$|dh\b|mad\b))|"
    r"مليارات|مليار|ملايين|مليون|ألف|آلاف)(?![\w])",
    re.IGNORECASE,
)
_OF = re.compile(r"[ ]?(?:de |d'|of )?", re.IGNORECASE)
_CURRENCY = re.compile(
    r"[ ]?(?P<currency>dirhams?|dhs?|dh|mad|euros?|eur|€|dollars?(?: us| américains| americains)?|usd|us\$|\$|"
    r"livres? sterling|gbp|£|درهم|دراهم|أورو|يورو|دولار)(?![\w])",
    re.IGNORECASE,
)
_CURRENCY_BEFORE = re.compile(r"(?P<currency>mad|dh|dhs|usd|eur|us\$|\$|€|£)[ ]?$", re.IGNORECASE)
_PERCENT = re.compile(r"[ ]?(?:%|pour cent|pourcent|percent|per cent|في المائة|بالمائة)", re.IGNORECASE)
_ABBREVIATION = re.compile(r"[ ]?\((?:mmdh|mdh|md|mds|milliards?|millions?)\)", re.IGNORECASE)
_UNIT = re.compile(
    r"[ ]?(?:de |d'|of )?(?P<unit>(?:nouveaux |nouvelles |new |directs? |indirects? )?"
    r"[^\W\d_][\w'-]*(?: d'[\w-]+| de [\w-]+(?= ?\w)| directs?| indirects?)?)",
    re.IGNORECASE,
)

SCALES = {
    "milliard": 10**9,
    "milliards": 10**9,
    "mrd": 10**9,
    "mrds": 10**9,
    "md": 10**9,
    "mds": 10**9,
    "bn": 10**9,
    "billion": 10**9,
    "billions": 10**9,
    "trillion": 10**12,
    "trillions": 10**12,
    "million": 10**6,
    "millions": 10**6,
    "mio": 10**6,
    "m": 10**6,
    "mille": 10**3,
    "k": 10**3,
    "مليار": 10**9,
    "مليارات": 10**9,
    "مليون": 10**6,
    "ملايين": 10**6,
    "ألف": 10**3,
    "آلاف": 10**3,
}
# Combined forms: (scale, currency).
COMBINED = {
    "mmdh": (10**9, "MAD"),
    "mmdhs": (10**9, "MAD"),
    "mddh": (10**9, "MAD"),
    "mddhs": (10**9, "MAD"),
    "mdsdh": (10**9, "MAD"),
    "mdsdhs": (10**9, "MAD"),
    "mrddh": (10**9, "MAD"),
    "mrddhs": (10**9, "MAD"),
    "mdh": (10**6, "MAD"),
    "mdhs": (10**6, "MAD"),
    "mmad": (10**6, "MAD"),
    "kdh": (10**3, "MAD"),
    "kdhs": (10**3, "MAD"),
    "md€": (10**9, "EUR"),
    "mds€": (10**9, "EUR"),
    "mrd€": (10**9, "EUR"),
    "mrds€": (10**9, "EUR"),
    "m€": (10**6, "EUR"),
    "m$": (10**6, "USD"),
    "musd": (10**6, "USD"),
    "meur": (10**6, "EUR"),
    "mrd$": (10**9, "USD"),
    "bn$": (10**9, "USD"),
}
CURRENCIES = {
    "dirham": "MAD",
    "dirhams": "MAD",
    "dh": "MAD",
    "dhs": "MAD",
    "mad": "MAD",
    "درهم": "MAD",
    "دراهم": "MAD",
    "euro": "EUR",
    "euros": "EUR",
    "eur": "EUR",
    "€": "EUR",
    "أورو": "EUR",
    "يورو": "EUR",
    "dollar": "USD",
    "dollars": "USD",
    "usd": "USD",
    "us$": "USD",
    "$": "USD",
    "دولار": "USD",
    "livre sterling": "GBP",
    "livres sterling": "GBP",
    "gbp": "GBP",
    "£": "GBP",
}
WORD_VALUES = {"un": 1, "une": 1, "one": 1, "a": 1}
# Words after a number that make it no quantity of a convention.
NOT_UNITS = frozenset(
    """janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre january february march
    april may june july august september october november december heures heure h ans an annee annees mois jours
    jour semaines edition editions eme er ere e fois points point""".split()
)


@dataclass
class Quantity:
    start: int
    end: int
    as_written: str
    value: float
    kind: str  # "money", "percent", "count"
    currency: str | None = None  # ISO 4217, for money
    unit: str | None = None  # what a count counts
    assumed_currency: bool = False  # a scale without a currency, read as dirhams
    converted_mad: float | None = None  # a foreign amount's value in dirhams, when the text gives it


def parse_number(text: str, language: str = "fr") -> float | None:
    """'13 340' -> 13340, '1,7' -> 1.7, '1.200.000' -> 1200000, '2.5' -> 2.5,
    in English '1,200' -> 1200 and '1.7' -> 1.7; None when it is no number."""
    text = text.strip().translate(_ARABIC_DIGITS).replace("\u202f", " ").replace("\u00a0", " ")
    if text.lower() in WORD_VALUES:
        return float(WORD_VALUES[text.lower()])
    text = text.replace(" ", "")
    decimal, thousands = (".", ",") if language == "en" else (",", ".")
    # A separator followed by exactly three digits, repeated, is a thousands separator.
    for sep in (thousands, decimal):
        parts = text.split(sep)
        if len(parts) > 2 or (len(parts) == 2 and sep == thousands and len(parts[1]) == 3):
            if all(len(p) == 3 for p in parts[1:]):
                text = "".join(parts)
    text = text.replace(decimal, ".") if decimal == "," else text.replace(",", "")
    try:
        return float(text)
    except ValueError:
        return None


def _year_like(number: str, after: str) -> bool:
    return re.fullmatch(r"(19|20)\d\d", number) is not None and not re.match(r"[ ]?(?:%|emplois|postes|€|\$)", after)


def quantities(text: str, language: str = "fr") -> list[Quantity]:
    """Every amount of money, percentage and counted number in `text`."""
    found = []
    for match in _NUMBER.finditer(text):
        start, position = match.start(), match.end()
        number = match.group(0)
        value = parse_number(number, language)
        if value is None:
            continue
        rest = text[position : position + 80]
        if rest[:1].isalpha() and not (
            _COMBINED.match(rest) or _SCALE.match(rest) or re.match(r"(m|bn|k)\b", rest, re.I)
        ):
            continue  # « 3e », « 1er », « 4x4 »
        scale, currency = 1, None
        combined = _COMBINED.match(rest)
        if combined:
            key = normalize_scale(combined["scale"])
            scale, currency = COMBINED.get(key, (1, None))
            position += combined.end()
        else:
            if _year_like(number, rest):
                continue
            scaled = _SCALE.match(rest)
            if scaled:
                scale = SCALES.get(scaled["scale"].lower().rstrip("."), 1)
                position += scaled.end()
            abbreviation = _ABBREVIATION.match(text, position)  # « 1,7 milliards (MMDH) de dirhams »
            if abbreviation:
                position = abbreviation.end()
            of = _OF.match(text, position)
            money = _CURRENCY.match(text, of.end() if of else position)
            if money:
                currency = CURRENCIES.get(" ".join(money["currency"].lower().split()[:2]).replace(" us", ""), None)
                currency = currency or CURRENCIES.get(money["currency"].lower().split()[0])
                position = money.end()
            else:
                before = _CURRENCY_BEFORE.search(text[max(0, start - 5) : start])
                if before:
                    currency = CURRENCIES.get(before["currency"].lower())
                    start -= len(before.group(0))
                    short = (
                        re.match(r"(m|bn|k)\b", text[position : position + 3], re.IGNORECASE) if scale == 1 else None
                    )
                    if short:  # « $50m », « €3.5bn »
                        scale = {"m": 10**6, "bn": 10**9, "k": 10**3}[short.group(1).lower()]
                        position += short.end()
        abbreviation = _ABBREVIATION.match(text, position)
        if abbreviation:
            position = abbreviation.end()
        if currency:
            found.append(Quantity(start, position, text[start:position], value * scale, "money", currency))
            continue
        percent = _PERCENT.match(text, position)
        if percent:
            found.append(
                Quantity(start, percent.end(), text[start : percent.end()], value * scale, "percent", unit="%")
            )
            continue
        unit = _UNIT.match(text, position)
        unit_text = unit["unit"] if unit else ""
        if unit and normalize(unit_text).split()[:1] and normalize(unit_text).split()[0] in NOT_UNITS:
            continue
        if scale > 1 and (not unit or _looks_like_context_word(unit_text)):
            # « un budget de 2 milliards » : dirhams, unless the article says otherwise.
            found.append(
                Quantity(start, position, text[start:position], value * scale, "money", "MAD", assumed_currency=True)
            )
            continue
        if unit and unit_text:
            end = unit.end()
            found.append(Quantity(start, end, text[start:end], value * scale, "count", unit=unit_text.strip()))
    return _with_conversions(found, text)


def normalize_scale(text: str) -> str:
    return text.lower().replace(" ", "")


def _looks_like_context_word(unit: str) -> bool:
    """After « 2 milliards », a word that is no unit of count (« pour », « à »):
    the amount is money without its currency."""
    return normalize(unit).split()[:1] in (["pour"], ["a"], ["dans"], ["en"], ["sur"], ["et"], ["par"], ["soit"])


def _with_conversions(found: list[Quantity], text: str) -> list[Quantity]:
    """« 50 M€ (environ 540 MDH) », « 1 Md$, soit près de 10 milliards de
    dirhams », « $300 million (around MAD 3 billion) »: the dirhams of a
    foreign amount, given right after it, are its value in dirhams, not a
    second amount."""
    kept = []
    for quantity in found:
        previous = kept[-1] if kept else None
        if (
            previous is not None
            and previous.kind == "money"
            and previous.currency not in (None, "MAD")
            and quantity.kind == "money"
            and quantity.currency == "MAD"
            and quantity.start - previous.end <= 25
            and re.fullmatch(
                r"[\s(,]*(?:(?:soit|environ|près de|pres de|quelque|l'équivalent de|equivalent to|about|around|"
                r"approximately|some|or)\s*)*",
                text[previous.end : quantity.start],
                re.IGNORECASE,
            )
        ):
            previous.converted_mad = quantity.value
            continue
        kept.append(quantity)
    return kept


def as_amount(quantity: Quantity) -> dict:
    """A money quantity in the shape of SCHEMA.md's amounts."""
    if quantity.currency == "MAD":
        return {
            "value_mad": quantity.value,
            "currency": "MAD",
            "original_value": quantity.value,
            "as_written": quantity.as_written,
        }
    return {
        "value_mad": quantity.converted_mad,
        "currency": quantity.currency,
        "original_value": quantity.value,
        "as_written": quantity.as_written,
    }
