"""The fr, ar and en catalogues stay complete, correct and compiled.

French is the source language (its msgstr repeat the msgid); Arabic and English
must translate every message. Everything is checked without gettext installed
(a small standard-library PO parser, polib is not a dependency); `msgfmt
--check` runs on top when msgfmt is on the PATH.
"""

import os
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
LANGUAGES = ("fr", "ar", "en")
NPLURALS = {"fr": 2, "ar": 6, "en": 2}
HEADER_PLURAL_FORMS = {
    "fr": "nplurals=2; plural=(n > 1);",
    "en": "nplurals=2; plural=(n != 1);",
    "ar": "nplurals=6;",
}


# --- reading catalogues ---------------------------------------------------------------------------------------------


class Entry:
    """One message of a catalogue: what the tests need and nothing more."""

    def __init__(self, msgid, msgid_plural, msgctxt, msgstrs, flags, line, obsolete):
        self.msgid = msgid
        self.msgid_plural = msgid_plural
        self.msgctxt = msgctxt
        self.msgstrs = msgstrs  # {form index: text}; a singular entry has only 0
        self.flags = flags
        self.line = line
        self.obsolete = obsolete

    @property
    def is_header(self):
        return self.msgid == "" and self.msgctxt is None

    def __str__(self):
        return f"line {self.line}: {self.msgid!r}"


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
_KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(\".*\")\s*$")


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) < 2 or not (text.startswith('"') and text.endswith('"')):
        raise ValueError(f"not a PO string: {text}")
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(0)), text[1:-1])


def parse_po(path: Path) -> list[Entry]:
    """The entries of a PO file, with the standard library only."""
    entries = []
    state = {}

    def flush():
        if "msgid" in state:
            entries.append(
                Entry(
                    state["msgid"],
                    state.get("msgid_plural"),
                    state.get("msgctxt"),
                    state.get("msgstrs", {}),
                    state.get("flags", set()),
                    state["line"],
                    state.get("obsolete", False),
                )
            )
        state.clear()

    last = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        if not line:
            flush()
            last = None
            continue
        if line.startswith("#"):
            if "msgid" in state and "msgstrs" in state:
                flush()
            if line.startswith("#,"):
                state.setdefault("flags", set()).update(f.strip() for f in line[2:].split(",") if f.strip())
            continue
        match = _KEYWORD.match(line)
        if match:
            keyword, index, value = match.groups()
            if keyword in ("msgctxt", "msgid") and "msgstrs" in state:
                flush()
            state.setdefault("line", number)
            state["obsolete"] = state.get("obsolete", False) or obsolete
            if keyword.startswith("msgstr"):
                last = ("msgstrs", int(index or 0))
                state.setdefault("msgstrs", {})[last[1]] = _unquote(value)
            else:
                last = (keyword, None)
                state[keyword] = _unquote(value)
        elif line.startswith('"') and last is not None:
            if last[0] == "msgstrs":
                state["msgstrs"][last[1]] += _unquote(line)
            else:
                state[last[0]] += _unquote(line)
        else:
            raise ValueError(f"{path}:{number}: cannot read {raw!r}")
    flush()
    return entries


def read_catalogue(language: str) -> list[Entry]:
    return [entry for entry in parse_po(po_path(language)) if not entry.obsolete]


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "django.po"


def header_fields(entries: list[Entry]) -> dict[str, str]:
    header = next(entry for entry in entries if entry.is_header)
    fields = {}
    for line in header.msgstrs.get(0, "").splitlines():
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    return fields


def messages(language: str) -> list[Entry]:
    return [entry for entry in read_catalogue(language) if not entry.is_header]


# --- placeholders ----------------------------------------------------------------------------------------------------

# A printf-style directive as Python's % operator (and msgfmt's python-format
# check) reads it: %(name)s, %s, %d, % d, %05.1f, %%.
_DIRECTIVE = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?(?P<flags>[-#0 +]*)(?P<width>\*|\d+)?(?:\.(?P<precision>\*|\d+))?[hlL]?"
    r"(?P<conversion>[diouxXeEfFgGcrsa%])"
)
_KIND = {**dict.fromkeys("diouxX", "integer"), **dict.fromkeys("eEfFgG", "float"), "c": "character"}
_BRACES = re.compile(r"\{[A-Za-z_0-9]*\}")


def python_format(text: str) -> tuple[dict[str, str], list[str]]:
    """Named and positional directives of `text`, each with its kind; raises
    ValueError on a lone % that Python's % operator would reject."""
    named, positional = {}, []
    position = 0
    while True:
        start = text.find("%", position)
        if start == -1:
            return named, positional
        match = _DIRECTIVE.match(text, start)
        if match is None:
            raise ValueError(f"invalid directive at {text[start : start + 8]!r}")
        position = match.end()
        conversion = match.group("conversion")
        if conversion == "%":
            continue
        kind = _KIND.get(conversion, "string")
        if match.group("name") is not None:
            named[match.group("name")] = kind
        else:
            positional.append(kind)


def placeholder_problems(entry: Entry) -> list[str]:
    """Why each msgstr of `entry` does not keep its msgid's placeholders."""
    problems = []
    sources = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
    is_python_format = "python-format" in entry.flags or any(re.search(r"%\([^)]*\)", s) for s in sources)
    if is_python_format:
        expected_named, expected_positional = {}, None
        for source in sources:
            named, positional = python_format(source)
            expected_named.update(named)
            expected_positional = expected_positional or positional
        for index, text in sorted(entry.msgstrs.items()):
            try:
                named, positional = python_format(text)
            except ValueError as error:
                problems.append(f"msgstr[{index}]: {error}")
                continue
            if named != expected_named:
                problems.append(f"msgstr[{index}] has {named or 'no named placeholder'}, expected {expected_named}")
            if positional != (expected_positional or []):
                problems.append(f"msgstr[{index}] has positional {positional}, expected {expected_positional}")
    expected_braces = sorted(_BRACES.findall(entry.msgid))
    for index, text in sorted(entry.msgstrs.items()):
        if sorted(_BRACES.findall(text)) != expected_braces:
            problems.append(f"msgstr[{index}] has {_BRACES.findall(text)}, expected {expected_braces}")
    return problems


# --- the catalogues --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_exists_and_has_messages(language):
    assert po_path(language).is_file(), f"{po_path(language)} is missing: run make messages"
    assert len(messages(language)) > 100


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_header_declares_the_language_and_its_plural_forms(language):
    entries = read_catalogue(language)
    header = next(entry for entry in entries if entry.is_header)
    fields = header_fields(entries)
    assert "fuzzy" not in header.flags, "the header is still marked fuzzy"
    assert fields.get("Language") == language
    assert fields.get("Content-Type") == "text/plain; charset=UTF-8"
    plural_forms = re.sub(r"\s+", " ", fields.get("Plural-Forms", ""))
    assert plural_forms.startswith(HEADER_PLURAL_FORMS[language]), plural_forms


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_message_is_left_empty(language):
    empty = []
    for entry in messages(language):
        forms = range(NPLURALS[language]) if entry.msgid_plural else [0]
        if any(not entry.msgstrs.get(index, "").strip() for index in forms):
            empty.append(str(entry))
    assert not empty, f"{len(empty)} untranslated message(s) in {language}:\n" + "\n".join(empty)


@pytest.mark.parametrize("language", LANGUAGES)
def test_plural_messages_have_every_form_and_no_more(language):
    wrong = [
        f"{entry}: forms {sorted(entry.msgstrs)}"
        for entry in messages(language)
        if entry.msgid_plural and sorted(entry.msgstrs) != list(range(NPLURALS[language]))
    ]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_message_is_fuzzy(language):
    fuzzy = [str(entry) for entry in messages(language) if "fuzzy" in entry.flags]
    assert not fuzzy, f"{len(fuzzy)} fuzzy message(s) in {language}: check, then drop the flag:\n" + "\n".join(fuzzy)


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders_of_their_source(language):
    problems = [f"{entry}: {problem}" for entry in messages(language) for problem in placeholder_problems(entry)]
    assert not problems, "\n".join(problems)


def test_arabic_translations_are_written_in_arabic():
    """A French or English text pasted into the Arabic catalogue counts as untranslated.
    Placeholders and markup are not text: « %(label)s : %(error)s » only moves
    punctuation, and its Arabic form (no space before the colon) has no letter."""
    arabic = re.compile(r"[\u0600-\u06FF]")
    not_text = re.compile(r"%\([^)]*\)[a-z]|<[^>]*>")
    latin_only = [
        str(entry)
        for entry in messages("ar")
        if re.search(r"[A-Za-zÀ-ÿ]", not_text.sub("", entry.msgid))
        and not all(arabic.search(text) for text in entry.msgstrs.values())
    ]
    assert not latin_only, "\n".join(latin_only)


def test_french_repeats_the_source_text():
    """French is the source language: its catalogue only makes the strings
    explicit. Django's own English month names (core/months.py, overridden
    for Moroccan Arabic) are the exception: in French they read in French."""
    from core.months import MONTHS

    different = []
    for entry in messages("fr"):
        if entry.msgid in MONTHS:
            continue
        expected = {0: entry.msgid, 1: entry.msgid_plural} if entry.msgid_plural else {0: entry.msgid}
        if entry.msgstrs != expected:
            different.append(str(entry))
    assert not different, "\n".join(different)


@pytest.mark.parametrize("language", ("ar", "en"))
def test_the_catalogue_holds_the_same_messages_as_the_french_one(language):
    def keys(entries):
        return {(entry.msgctxt, entry.msgid, entry.msgid_plural) for entry in entries}

    french, other = keys(messages("fr")), keys(messages(language))
    assert other == french, {"missing": french - other, "extra": other - french}


# What `make messages` leaves out of a fresh copy of the code: the tests, the
# environment and anything generated.
NOT_SOURCE = shutil.ignore_patterns(
    ".*", "__pycache__", "tests", "media", "staticfiles", "test-artifacts", "node_modules", "*.sqlite3"
)


@pytest.mark.skipif(
    shutil.which("xgettext") is None and not os.environ.get("CI"), reason="gettext's xgettext is not installed"
)
def test_makemessages_finds_no_message_missing_from_the_catalogue(tmp_path):
    """Every string the code and templates mark for translation is in the
    catalogues, and none that they no longer use: a new string without its
    translations fails here, not in front of a reader."""
    copy = tmp_path / "src"
    shutil.copytree(LOCALE_DIR.parent, copy, ignore=NOT_SOURCE)
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "fr", "--no-obsolete", "--ignore=tests"],
        cwd=copy,
        capture_output=True,
        text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.development"},
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr

    def keys(entries):
        return {(e.msgctxt, e.msgid, e.msgid_plural) for e in entries if not e.is_header and not e.obsolete}

    extracted = keys(parse_po(copy / "locale" / "fr" / "LC_MESSAGES" / "django.po"))
    committed = keys(messages("fr"))
    assert extracted == committed, {"not in the catalogue": extracted - committed, "unused": committed - extracted}


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext's msgfmt is not installed")
@pytest.mark.parametrize("language", LANGUAGES)
def test_msgfmt_accepts_the_catalogue(language):
    result = subprocess.run(
        [shutil.which("msgfmt"), "--check", "--statistics", "-o", os.devnull, str(po_path(language))],
        capture_output=True,
        text=True,
        env={**os.environ, "LC_ALL": "C", "LANGUAGE": ""},
    )
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    assert "untranslated" not in report and "fuzzy" not in report, report


# --- the compiled catalogues -----------------------------------------------------------------------------------------


def read_mo(path: Path) -> dict[str, str]:
    """The messages of a compiled catalogue, keyed as msgfmt stores them:
    context\\x04msgid, and msgid\\0msgid_plural for plurals."""
    data = path.read_bytes()
    magic = struct.unpack("<I", data[:4])[0]
    order = "<" if magic == 0x950412DE else ">"
    _revision, count, originals, translations = struct.unpack(order + "4I", data[4:20])
    catalogue = {}
    for index in range(count):
        length, offset = struct.unpack(order + "2I", data[originals + 8 * index : originals + 8 * index + 8])
        key = data[offset : offset + length].decode("utf-8")
        length, offset = struct.unpack(order + "2I", data[translations + 8 * index : translations + 8 * index + 8])
        catalogue[key] = data[offset : offset + length].decode("utf-8")
    return catalogue


def expected_mo(language: str) -> dict[str, str]:
    """What msgfmt would compile from the .po: translated, non-fuzzy messages."""
    catalogue = {}
    for entry in read_catalogue(language):
        if "fuzzy" in entry.flags and not entry.is_header:
            continue
        key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        if entry.msgid_plural:
            forms = [entry.msgstrs.get(index, "") for index in sorted(entry.msgstrs)]
            if not all(forms):
                continue
            catalogue[f"{key}\x00{entry.msgid_plural}"] = "\x00".join(forms)
        elif entry.msgstrs.get(0):
            catalogue[key] = entry.msgstrs[0]
    return catalogue


def plural_rule(header: str) -> str:
    match = re.search(r"^Plural-Forms:(.*)$", header, re.MULTILINE)
    return re.sub(r"\s+", "", match.group(1)) if match else ""


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_is_up_to_date(language):
    """A missing or stale .mo means the site shows the French source text.

    An older .mo fails unless its messages are exactly those of the .po: a git
    checkout writes django.po after django.mo, so an up-to-date compiled file
    can carry an older date."""
    po, mo = po_path(language), po_path(language).with_suffix(".mo")
    assert mo.is_file(), f"{mo} is missing: run manage.py compilemessages"
    compiled, expected = read_mo(mo), expected_mo(language)
    # msgfmt rewrites the header (it drops POT-Creation-Date): compare its plural rule only.
    compiled_header, expected_header = compiled.pop("", ""), expected.pop("", "")
    assert plural_rule(compiled_header) == plural_rule(expected_header), f"{mo} has another plural rule"
    stale = {key for key in expected.keys() | compiled.keys() if expected.get(key) != compiled.get(key)}
    if stale:
        older = "is older than its .po and " if mo.stat().st_mtime < po.stat().st_mtime else ""
        pytest.fail(
            f"{mo} {older}differs from it on {len(stale)} message(s), e.g. {sorted(stale)[0]!r}: "
            "run manage.py compilemessages"
        )


# --- the pages -------------------------------------------------------------------------------------------------------

NAVIGATION = {
    "fr": {"Conventions", "Acteurs", "Plans", "Réseau", "Rechercher"},
    "ar": {"الاتفاقيات", "الفاعلون", "المخططات", "الشبكة", "بحث"},
    "en": {"Agreements", "Actors", "Plans", "Network", "Search"},
}
HTML_ATTRIBUTES = {"fr": 'lang="fr" dir="ltr"', "ar": 'lang="ar" dir="rtl"', "en": 'lang="en" dir="ltr"'}


def translation_of(language: str, msgid: str) -> str:
    return next(entry.msgstrs[0] for entry in messages(language) if entry.msgid == msgid and not entry.msgid_plural)


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_home_page_speaks_the_language_of_its_address(client, language):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert HTML_ATTRIBUTES[language] in html
    start = html.index('class="main-nav"')
    header = html[start : html.index("</form>", start)]
    labels = {label.strip() for label in re.findall(r">([^<>]+)</(?:a|button)>", header)}
    assert NAVIGATION[language] <= labels, labels
    # Text from the catalogue, not from the template's French source.
    for msgid in ("Registre des conventions de partenariat", "Le registre en chiffres", "Aller au contenu"):
        assert translation_of(language, msgid) in html, msgid
    if language != "fr":
        for french in ("Acteurs", "Réseau", "Le registre en chiffres", "Aller au contenu"):
            assert french not in html, f"untranslated French {french!r} on /{language}/"
