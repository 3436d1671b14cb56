"""spaCy, loaded once per process and only when first needed.

French goes through the small French model (a package from the index,
requirements.txt; nothing is downloaded at run time): sentences, parts of
speech, lemmas, morphology (the tense of a verb tells a target from a past
figure), entities and noun phrases. There is no Arabic or English model on
the index: those get spaCy's tokenizer for the language and a rule-based
sentence splitter, and the rules do the rest.

Loading takes a few seconds and ~200 MB: it happens once, under a lock, so
two threads of one worker never load the model twice. Even spaCy itself (with
numpy and thinc, 65 MB) is imported only then: every web worker imports this
module with the API's routes, and most never read an article."""

import threading

MODEL = "fr_core_news_sm"
_lock = threading.Lock()
_pipelines: dict = {}
loads = 0  # how many pipelines this process has built (tests check it stays at one per language)


_ENDS = frozenset([".", "!", "?", "…", "؟"])  # not « ; »: it separates the items of a list of parties
_CLOSING = frozenset(["»", '"', ")", "”"])


def paragraphs(doc):
    """A line break ends a sentence (headlines, datelines and list items are
    not run into the next sentence), and a sentence starts only after a line
    break or a full stop: the small model otherwise cuts « a souligné Mohamed
    | Fikrat, président… » in two."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            token.is_sent_start = True
        elif previous.text not in _ENDS and not (
            previous.text in _CLOSING and token.i > 1 and doc[token.i - 2].text in _ENDS
        ):
            token.is_sent_start = False
    return doc


def _build(language: str):
    global loads
    import spacy
    from spacy.language import Language

    if not Language.has_factory("shiraka_paragraphs"):
        Language.component("shiraka_paragraphs", func=paragraphs)
    if language == "fr":
        nlp = spacy.load(MODEL)
        nlp.add_pipe("shiraka_paragraphs", before="parser")
    else:
        nlp = spacy.blank(language if language in ("ar", "en") else "xx")
        nlp.add_pipe("sentencizer", config={"punct_chars": [".", "!", "?", "؟", "।", ";" if language == "ar" else "."]})
        nlp.add_pipe("shiraka_paragraphs")
    loads += 1
    return nlp


def get(language: str):
    """The pipeline for `language` ("fr", "ar", "en"), built on first use."""
    nlp = _pipelines.get(language)
    if nlp is None:
        with _lock:
            nlp = _pipelines.get(language)
            if nlp is None:
                nlp = _pipelines[language] = _build(language)
    return nlp


def parse(text: str, language: str):
    return get(language)(text)
