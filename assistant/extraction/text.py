"""The article as the rules read it: cleaned without moving a character (so
every offset the assistant gives points into the text as pasted), cut into
sentences and paragraphs, with the evidence of each proposal."""

import html
import re
from dataclasses import dataclass, field

from core.text import normalize

MAX_CHARS = 50_000  # an article; more is refused with a message, not read for minutes

_BLOCK_TAGS = re.compile(
    r"^</?(p|br|div|li|ul|ol|h[1-6]|tr|td|th|table|section|article|header|footer|blockquote)\b", re.I
)
_HIDDEN = re.compile(r"<(script|style|noscript)\b.*?</\1\s*>", re.I | re.S)
_TAG = re.compile(r"<[!/]?[a-zA-Z][^<>]{0,2000}>")
_ENTITY = re.compile(r"&(#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,10});")
# One character for one: typographic apostrophes and spaces become plain ones.
_SAME_LENGTH = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "ʼ": "'",
        "`": "'",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u2007": " ",
        "\t": " ",
        "\r": "\n",
        "\x00": " ",
        "\u200b": " ",
        "\ufeff": " ",
    }
)


def _blank(match: re.Match) -> str:
    """A tag as spaces of its length; a block tag starts with a line break."""
    text = match.group(0)
    return ("\n" + " " * (len(text) - 1)) if _BLOCK_TAGS.match(text) else " " * len(text)


def _entity(match: re.Match) -> str:
    text = match.group(0)
    decoded = html.unescape(text)
    if len(decoded) != 1:
        return text
    return decoded.translate(_SAME_LENGTH) + " " * (len(text) - 1)


def clean(text: str) -> str:
    """The text with HTML tags and entities blanked out, typographic
    apostrophes and spaces made plain, control characters removed: the same
    length, so an offset in one is an offset in the other."""
    if "<" in text and ">" in text:
        text = _HIDDEN.sub(lambda m: " " * len(m.group(0)), text)
        text = _TAG.sub(_blank, text)
    if "&" in text:
        text = _ENTITY.sub(_entity, text)
    text = text.translate(_SAME_LENGTH)
    return "".join(ch if ch.isprintable() or ch == "\n" else " " for ch in text)


@dataclass
class Sentence:
    index: int
    start: int  # offsets into the text
    end: int
    text: str
    paragraph: int
    span: object = field(repr=False, default=None)  # the spaCy span
    norm: str = field(repr=False, default="")

    def evidence(self) -> dict:
        return {"sentence": self.text, "start": self.start, "end": self.end}


def sentences(doc) -> list[Sentence]:
    """The sentences of a spaCy doc, trimmed, numbered, with their paragraph
    (a new one after each line break)."""
    found, paragraph, previous_end = [], 0, 0
    text = doc.text
    for span in doc.sents:
        start, end = span.start_char, span.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            continue
        if "\n" in text[previous_end:start]:
            paragraph += 1
        previous_end = end
        found.append(Sentence(len(found), start, end, text[start:end], paragraph, span, normalize(text[start:end])))
    return found


def contains(norm_text: str, phrase: str) -> bool:
    """Whether a normalized phrase occurs in a normalized text, as whole words."""
    return f" {phrase} " in f" {norm_text} "


def is_headline(sentence: Sentence, following: Sentence | None) -> bool:
    """The article's headline, when pasted with it: the first sentence, alone
    on its line, short, without a closing full stop. A headline compresses the
    signing (« X et Y signent un MoU ») into words the body says in full."""
    return (
        sentence.index == 0
        and len(sentence.text) < 200
        and not sentence.text.rstrip("»\"' ").endswith((".", "!", "?"))
        and (following is None or following.paragraph > sentence.paragraph)
    )
