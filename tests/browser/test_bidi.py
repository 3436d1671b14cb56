"""French text on the Arabic and English pages reads in its own direction.

The register's data are written in French, and only some fields have Arabic
and English translations. Left bare in a right-to-left page, French moves its
punctuation to the wrong end (« .S'est exprimé… »); so every piece of French
that is not a translation (a translated field falling back to French, or a
field that exists only in French: names as written, functions, notes,
places, events, source titles…) must sit inside a `<bdi>` or an element with
`dir`, and a fallback must say « (in French) ».

Which text is French is decided from the database, not guessed from the
words: the demo register's French-only values, less any that also appear as
a translation in the page's language (that text cannot be told apart).
Each visit leaves `bidi-<page>-<language>.png` in test-artifacts/screenshots/.
"""

import pytest
from modeltranslation.translator import translator

from actors.models import ActorName, Mandate
from conventions.models import Convention, FollowUpAction, Measurement, Party, Source
from plans.models import PlanComponent

from .helpers import BROWSER, PAGES, screenshot

pytestmark = BROWSER

# Fields that exist only in French: what staff type from a French source.
FRENCH_ONLY = {
    Party: ("name_as_written", "representative_title", "note"),
    Convention: ("place", "event", "signed_on_note"),
    Source: ("title", "outlet", "quote"),
    Measurement: ("note",),
    FollowUpAction: ("responsible_note",),
    Mandate: ("note",),
    ActorName: ("name", "note"),
    PlanComponent: ("location",),
}
# Shorter values ("Tanger", "CAM") also occur inside translated text.
SHORTEST = 8
MARK = {"ar": "(بالفرنسية)", "en": "(in French)"}


def french_texts(language: str) -> tuple[list[str], list[str]]:
    """(every French-only text the demo register holds for `language`, the
    subset that are fallbacks of translated fields)."""
    translated, fallbacks, untranslated = set(), set(), set()
    for model in translator.get_registered_models():
        for field in translator.get_options_for_model(model).fields:
            for french, own in model._base_manager.values_list(f"{field}_fr", f"{field}_{language}"):
                if own:
                    translated.add(own)
                elif french:
                    fallbacks.add(french)
    for model, fields in FRENCH_ONLY.items():
        for row in model._base_manager.values_list(*fields):
            untranslated.update(value for value in row if value)

    def kept(texts):
        return sorted(t for t in texts if len(t) >= SHORTEST and not any(t in other for other in translated))

    return kept(fallbacks | untranslated), kept(fallbacks)


# The visible text nodes in <main> that contain a French text (or are the start
# of one, cut with « … ») outside any isolate, and how many French ones it saw.
FIND_BARE_FRENCH = """
([french]) => {
  const bare = [];
  let seen = 0;
  const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (!element || element.closest('svg, script, style, template, [hidden], .visually-hidden')) continue;
    if (!element.getClientRects().length) continue;
    const text = node.textContent.replace(/\\s+/g, ' ').trim();
    if (text.length < 3) continue;
    const cut = text.endsWith('…') ? text.slice(0, -1).trim() : null;
    const match = french.find(s => text.includes(s) || (cut && cut.length >= 12 && s.startsWith(cut)));
    if (!match) continue;
    seen += 1;
    const isolate = element.closest('bdi, [dir]:not(html):not(body)');
    if (!isolate) bare.push({text, match, tag: element.tagName, html: element.outerHTML.slice(0, 300)});
  }
  return {bare, seen};
}
"""

# Every fallback (a translated field shown in French) followed by its mark.
FIND_UNMARKED_FALLBACKS = """
([fallbacks, mark]) => {
  const unmarked = [];
  const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (!element || element.closest('svg, script, style, template, [hidden], .visually-hidden')) continue;
    if (!element.getClientRects().length) continue;
    const text = node.textContent.replace(/\\s+/g, ' ').trim();
    if (!fallbacks.includes(text)) continue;
    const isolate = element.closest('bdi, [dir]:not(html):not(body)');
    const next = isolate && isolate.nextElementSibling;
    if (!next || !next.textContent.includes(mark)) {
      unmarked.push({text, html: element.parentElement.outerHTML.slice(0, 300)});
    }
  }
  return unmarked;
}
"""

VISITED = ("detail", "actor", "plan")


@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize("name", VISITED)
def test_french_text_is_isolated_on_arabic_and_english_pages(page, site, name, language):
    french, _fallbacks = french_texts(language)
    assert len(french) > 10, "the demo register holds French-only text to look for"
    page.goto(site(PAGES[name].replace("/fr/", f"/{language}/", 1)))
    screenshot(page, f"bidi-{name}-{language}")

    found = page.evaluate(FIND_BARE_FRENCH, [french])
    assert found["seen"] >= 3, "the page shows French-only text: the check must find it"
    bare = found["bare"]
    assert not bare, "French outside any <bdi> or [dir]:\n" + "\n".join(
        f"- {b['text'][:80]!r} ({b['tag']}): {b['html']}" for b in bare
    )


@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize("name", VISITED)
def test_a_french_fallback_says_it_is_in_french(page, site, name, language):
    _french, fallbacks = french_texts(language)
    page.goto(site(PAGES[name].replace("/fr/", f"/{language}/", 1)))

    assert page.locator("main bdi.fallback").count(), "the demo register leaves some text untranslated"
    unmarked = page.evaluate(FIND_UNMARKED_FALLBACKS, [fallbacks, MARK[language]])
    assert not unmarked, "French fallbacks without their mark:\n" + "\n".join(
        f"- {u['text'][:80]!r}: {u['html']}" for u in unmarked
    )
    for fallback in page.locator("main bdi.fallback").all():
        assert fallback.get_attribute("lang") == "fr"
        assert MARK[language] in fallback.evaluate("e => e.nextElementSibling && e.nextElementSibling.textContent")


def test_nothing_is_marked_or_isolated_as_a_fallback_on_french_pages(page, site):
    for name in VISITED:
        page.goto(site(PAGES[name]))
        assert page.locator("main .fallback-note").count() == 0, name
