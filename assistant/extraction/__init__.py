"""The article assistant's extraction engine: one entry point.

    extract(text, *, published=None, language=None, register=None) -> list[dict]

returns the conventions an article describes, in the shape of
../shared/extraction/SCHEMA.md, each item with its evidence. Nothing is
saved. docs/extraction.md describes the rules, what they cannot do and how
well they do on the annotated articles."""

import re

from django.utils.translation import gettext

from . import arabic, dates, parties, people, pipeline, records
from . import language as languages
from . import register as register_module
from .amounts import quantities
from .conventions import Assembler
from .text import MAX_CHARS, clean, is_headline, sentences

_PUBLISHED = re.compile(r"^(?:19|20)\d\d(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$")


class ExtractionError(ValueError):
    """Input the assistant cannot read; the message is for the person who sent it."""


def check(text, published=None, language=None) -> None:
    """Refuse, with a message, what cannot be read: no text, too much text, a bad date or language."""
    if not isinstance(text, str) or not clean(text).strip():
        raise ExtractionError(gettext("Le texte de l'article est vide."))
    if len(text) > MAX_CHARS:
        raise ExtractionError(
            gettext("Le texte fait %(length)d caractères ; l'assistant en lit au plus %(max)d.")
            % {"length": len(text), "max": MAX_CHARS}
        )
    if published is not None and not _PUBLISHED.match(str(published)):
        raise ExtractionError(
            gettext("« %(value)s » n'est pas une date : écrivez AAAA, AAAA-MM ou AAAA-MM-JJ.") % {"value": published}
        )
    if language is not None and language not in languages.LANGUAGES:
        raise ExtractionError(gettext("Langue inconnue : choisissez fr, ar ou en."))


def extract(text: str, *, published: str | None = None, language: str | None = None, register=None) -> list[dict]:
    """The conventions `text` describes (an empty list when it describes
    none). `published`: the article's publication date (YYYY, YYYY-MM or
    YYYY-MM-DD), against which relative dates are read; `language`: fr, ar
    or en, detected when not given; `register`: what to match parties and
    people against (the database's, by default)."""
    check(text, published, language)
    cleaned = clean(text)
    language = language or languages.detect(cleaned)
    if published is None:
        found = dates.header(cleaned)
        published = found[0] if found else None
    register = register_module.load() if register is None else register
    doc = pipeline.parse(cleaned, language)
    found_sentences = sentences(doc)
    if language == "ar":
        return arabic.extract(cleaned, found_sentences, published, register)
    found_people = people.find(doc, [(s.index, s.span) for s in found_sentences])
    events = [event for s in found_sentences if (event := parties.event_in(s))]
    if len(found_sentences) > 1 and is_headline(found_sentences[0], found_sentences[1]):
        body = [e for e in events if e.sentence.index > 0]
        events = body or events  # the body tells the signing in full when it tells it at all
    if not events:
        return []
    assembler = Assembler(doc=doc, text=cleaned, sentences=found_sentences, published=published, register=register,
                          people=found_people)  # fmt: skip
    by_sentence: dict[int, list] = {}
    starts = [s.start for s in found_sentences]
    for quantity in quantities(cleaned, language):
        index = max((i for i, start in enumerate(starts) if start <= quantity.start), default=0)
        by_sentence.setdefault(found_sentences[index].index, []).append(quantity)
    assembler.quantities = by_sentence
    assembler.all_drafts = assembler.drafts(events)
    return [records.record(assembler, draft) for draft in assembler.all_drafts]


__all__ = ["MAX_CHARS", "ExtractionError", "check", "extract"]
