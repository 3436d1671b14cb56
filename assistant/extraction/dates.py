"""Dates of signature: absolute (« le 12 mars 2024 », « 12/03/2024 », « en
mars 2024 », « signés en 2016 »), relative to the publication date (« hier,
mercredi », « ce lundi », « lundi dernier », « le 12 courant »,
« aujourd'hui »), with their precision: day, month, year or unknown.

The publication date is the caller's (the command's --published, the API's
`published`), else a « date 2019-02 » header at the top of the text."""

import datetime
import re
from dataclasses import dataclass

from core.text import normalize

MONTHS = {
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "aout": 8,
    "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "ابريل": 4, "ماي": 5, "مايو": 5, "يونيو": 6, "يوليوز": 7,
    "يوليو": 7, "غشت": 8, "أغسطس": 8, "شتنبر": 9, "سبتمبر": 9, "أكتوبر": 10, "اكتوبر": 10, "نونبر": 11,
    "نوفمبر": 11, "دجنبر": 12, "ديسمبر": 12, "كانون": 12,
}  # fmt: skip
WEEKDAYS = {
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "الاثنين": 0, "الثلاثاء": 1, "الأربعاء": 2, "الخميس": 3, "الجمعة": 4, "السبت": 5, "الأحد": 6,
}  # fmt: skip
_MONTH = "|".join(sorted({m for m in MONTHS if m.isascii()} | {"février", "août", "décembre"}, key=len, reverse=True))
_MONTH_AR = "|".join(sorted((m for m in MONTHS if not m.isascii()), key=len, reverse=True))
_DAY_NAME = (
    "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
)
_PATTERNS = [
    (
        "dmy",
        re.compile(rf"\b(?P<d>\d{{1,2}})(?:er|st|nd|rd|th)?\s+(?P<m>{_MONTH})\s*,?\s+(?P<y>(?:19|20)\d\d)\b", re.I),
    ),
    ("mdy", re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b", re.I)),
    ("dmy_ar", re.compile(rf"(?P<d>\d{{1,2}})\s+(?P<m>{_MONTH_AR})\s+(?P<y>(?:19|20)\d\d)")),
    ("numeric", re.compile(r"\b(?P<d>\d{1,2})[/.](?P<m>\d{1,2})[/.](?P<y>(?:19|20)\d\d)\b")),
    ("iso", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b")),
    ("courant", re.compile(r"\b(?:le\s+)?(?P<d>\d{1,2})(?:er)?\s+courant\b", re.I)),
    (
        "dm",
        re.compile(
            rf"\b(?:le\s+|on\s+)?(?:(?:{_DAY_NAME})\s+)?(?P<d>\d{{1,2}})(?:er)?\s+(?P<m>{_MONTH})\b(?!\s*,?\s*(?:19|20)\d\d)",
            re.I,
        ),
    ),
    ("my", re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<y>(?:19|20)\d\d)\b", re.I)),
    ("my_ar", re.compile(rf"(?P<m>{_MONTH_AR})\s+(?P<y>(?:19|20)\d\d)")),
    (
        "relative",
        re.compile(r"\b(?P<r>avant-hier|hier|aujourd'hui|ce jour|ce matin|yesterday|today)\b|(?P<ra>أمس|اليوم)", re.I),
    ),
    (
        "weekday",
        re.compile(
            rf"\b(?P<w>{_DAY_NAME})(?P<last>\s+dernier)?\b|(?P<wa>الاثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|السبت|الأحد)",
            re.I,
        ),
    ),
    (
        "year",
        re.compile(r"\b(?:en|in|au cours de l'année|courant|في|سنة|عام)\s+(?P<y>(?:19|20)\d\d)\b(?![-–/]\d)", re.I),
    ),
]
_HEADER = re.compile(r"^\s*(?:date|publié le|published)\s*:?\s*(?P<v>(?:19|20)\d\d(?:-\d\d(?:-\d\d)?)?)\b", re.I)


@dataclass
class Found:
    value: str | None  # YYYY-MM-DD, YYYY-MM or YYYY
    precision: str  # day, month, year, unknown
    as_written: str
    start: int
    end: int
    relative: bool = False


def header(text: str) -> tuple[str, tuple[int, int]] | None:
    """A « date 2019-02 » line at the top of the text: its value and span."""
    match = _HEADER.match(text[:200])
    return (match["v"], match.span()) if match else None


def _publication(published: str | None) -> tuple[datetime.date | None, str]:
    if not published:
        return None, "unknown"
    parts = [int(p) for p in published.split("-")]
    precision = ("year", "month", "day")[len(parts) - 1]
    return datetime.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1), precision


def _format(value: datetime.date, precision: str) -> str:
    return {"day": value.isoformat(), "month": value.strftime("%Y-%m"), "year": str(value.year)}[precision]


def _month_number(name: str) -> int | None:
    return MONTHS.get(normalize(name)) or MONTHS.get(name)


def find(text: str, start: int, end: int, published: str | None) -> list[Found]:
    """The dates written in text[start:end], resolved, most precise first."""
    pub, pub_precision = _publication(published)
    piece = text[start:end]
    found: list[Found] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(piece):
            a, b = match.span()
            if any(a < y and x < b for x, y in taken):
                continue
            result = _resolve(kind, match, pub, pub_precision)
            if result is None:
                continue
            value, precision, relative = result
            taken.append((a, b))
            found.append(Found(value, precision, match.group(0), start + a, start + b, relative))
    rank = {"day": 0, "month": 1, "year": 2, "unknown": 3}
    return sorted(found, key=lambda f: (rank[f.precision], f.start))


def _resolve(kind, match, pub, pub_precision):
    groups = match.groupdict()
    try:
        if kind in ("dmy", "mdy", "dmy_ar"):
            month = _month_number(groups["m"])
            return _format(datetime.date(int(groups["y"]), month, int(groups["d"])), "day"), "day", False
        if kind in ("numeric", "iso"):
            return _format(datetime.date(int(groups["y"]), int(groups["m"]), int(groups["d"])), "day"), "day", False
        if kind in ("my", "my_ar"):
            return f"{int(groups['y']):04d}-{_month_number(groups['m']):02d}", "month", False
        if kind == "year":
            return groups["y"], "year", False
        if pub is None:
            return None
        if kind == "courant" and pub_precision in ("day", "month"):
            return _format(pub.replace(day=int(groups["d"])), "day"), "day", True
        if kind == "dm":
            month = _month_number(groups["m"])
            year = (
                pub.year
                if (month, int(groups["d"])) <= (pub.month, pub.day if pub_precision == "day" else 31)
                else pub.year - 1
            )
            return _format(datetime.date(year, month, int(groups["d"])), "day"), "day", True
        if kind == "relative":
            word = normalize(groups.get("r") or "") or groups.get("ra")
            back = {"avant hier": 2, "hier": 1, "yesterday": 1, "أمس": 1}.get(word, 0)
            if pub_precision != "day":
                return _format(pub, pub_precision), pub_precision, True
            return _format(pub - datetime.timedelta(days=back), "day"), "day", True
        if kind == "weekday":
            if pub_precision != "day":
                return _format(pub, pub_precision), pub_precision, True
            weekday = WEEKDAYS.get(normalize(groups["w"] or "")) if groups.get("w") else WEEKDAYS.get(groups["wa"])
            back = (pub.weekday() - weekday) % 7
            if groups.get("last") and back == 0:
                back = 7
            return _format(pub - datetime.timedelta(days=back), "day"), "day", True
    except (ValueError, TypeError):
        return None
    return None


_YEAR = re.compile(r"(?<![\d-])((?:19|20)\d\d)(?![\d-])")


def infer_year(sentences) -> str | None:
    """With no publication date, the year an article is probably from: the
    year after the latest one it reports in the past tense (« a enregistré,
    en 2024, un chiffre d'affaires record » is written in 2025 at the
    earliest). Only spaCy's morphology says a verb is past."""
    latest = None
    for sentence in sentences:
        if sentence.span is None:
            continue
        past = any(
            ("Past" in t.morph.get("Tense") and t.pos_ == "VERB") or (t.lemma_ == "avoir" and t.dep_.startswith("aux"))
            for t in sentence.span
        )
        future = any("Fut" in t.morph.get("Tense") or "Cnd" in t.morph.get("Mood") for t in sentence.span)
        if not past or future:
            continue
        for match in _YEAR.finditer(sentence.text):
            before = normalize(sentence.text[max(0, match.start() - 20) : match.start()])
            if before.endswith(("horizon", "d ici", "ici", "a partir de", "depuis")):
                continue
            year = int(match.group(1))
            latest = year if latest is None else max(latest, year)
    return str(latest + 1) if latest else None
