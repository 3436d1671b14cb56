"""The admin's convention page in French, Arabic and English, on a 1280 px
screen and a 390 px phone (issue 12): screenshots in
test-artifacts/screenshots/admin/ (`convention-change-<language>-<width>`),
nothing wider than the screen and nothing cut off by its box, and each text
box in the direction of what it holds."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from conventions.models import Convention

from .helpers import BROWSER, CAM_AMICA, DESKTOP, horizontal_overflow, screenshot

pytestmark = BROWSER

PHONE_390 = {"width": 390, "height": 844}
SIZES = {"1280": DESKTOP, "390": PHONE_390}
LANGUAGES = ("fr", "ar", "en")

# What sticks out of the screen or of the box that clips it (a form row
# hides what overflows it: on a phone the end of a row, or its beginning in
# Arabic, was simply not there). What scrolls in its own box, and what is
# hidden on purpose (select2's original <select>, visually hidden headers),
# is left alone. Only the outermost element of each is named.
CUT_OFF = """
() => {
  const width = document.documentElement.clientWidth;
  const found = [];
  for (const element of document.body.querySelectorAll('*')) {
    if (found.some(([outer]) => outer.contains(element))) continue;
    const box = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    if (box.width <= 1 || box.height <= 1 || style.visibility === 'hidden') continue;
    let left = 0, right = width;
    for (let a = element.parentElement; a && a !== document.documentElement; a = a.parentElement) {
      const overflow = getComputedStyle(a).overflowX;
      if (overflow === 'visible') continue;
      const clip = a.getBoundingClientRect();
      if (overflow === 'auto' || overflow === 'scroll') { left = -Infinity; right = Infinity; }
      else if (clip.width <= 1 || clip.height <= 1) { left = -Infinity; right = Infinity; }
      else { left = clip.left; right = clip.right; }
      break;
    }
    if (box.left >= left - 1 && box.right <= right + 1) continue;
    const id = element.id ? '#' + element.id : '';
    const name = `${element.tagName.toLowerCase()}${id}.${String(element.className).slice(0, 60)}`;
    found.push([element, `${name} [${Math.round(box.left)}, ${Math.round(box.right)}] in [${left}, ${right}]`]);
  }
  return found.map(([, text]) => text);
}
"""


def log_in(page, live_server, language: str) -> None:
    get_user_model().objects.create_superuser("greffiere", "greffiere@example.org", "mot-de-passe-long")
    # The admin is outside the language prefixes: it speaks the language of the cookie.
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.goto(live_server.url + "/admin/login/?next=/admin/")
    page.fill("#id_username", "greffiere")
    page.fill("#id_password", "mot-de-passe-long")
    page.click("input[type=submit]")
    page.wait_for_load_state()


@pytest.mark.parametrize("width", SIZES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_convention_page_of_the_admin_fits_the_screen_in_each_language(page, site, live_server, language, width):
    convention = Convention.objects.get(slug=CAM_AMICA)
    page.set_viewport_size(SIZES[width])
    log_in(page, live_server, language)

    page.goto(live_server.url + f"/admin/conventions/convention/{convention.pk}/change/")
    page.wait_for_load_state("networkidle")
    screenshot(page, f"admin/convention-change-{language}-{width}")

    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
    expect(page.locator("#id_title_fr")).to_have_value(convention.title_fr)
    overflow = horizontal_overflow(page)
    assert overflow <= 0, f"the page is {overflow} px wider than the {width} px screen"
    cut_off = page.evaluate(CUT_OFF)
    assert not cut_off, f"cut off at {width} px in {language}: {cut_off}"


def test_on_the_arabic_admin_each_text_box_reads_in_the_direction_of_its_text(page, site, live_server):
    convention = Convention.objects.get(slug=CAM_AMICA)
    page.set_viewport_size(PHONE_390)
    log_in(page, live_server, "ar")

    page.goto(live_server.url + f"/admin/conventions/convention/{convention.pk}/change/")

    expect(page.locator("#id_title_fr")).to_have_attribute("dir", "ltr")
    expect(page.locator("#id_title_en")).to_have_attribute("dir", "ltr")
    expect(page.locator("#id_title_ar")).to_have_attribute("dir", "rtl")
    expect(page.locator("#id_slug")).to_have_attribute("dir", "ltr")
    # Free text, in French or Arabic: the direction of its first letter.
    expect(page.locator("#id_place")).to_have_attribute("dir", "auto")
    expect(page.locator("#id_parties-0-representative_title")).to_have_attribute("dir", "auto")
    # The beginning of a French title shows, not its end.
    assert page.locator("#id_title_fr").evaluate("box => box.scrollLeft") == 0
