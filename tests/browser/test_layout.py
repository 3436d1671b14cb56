"""The public pages fit a desktop and a phone screen, in French and in Arabic.

Each visit leaves a full-page screenshot in `test-artifacts/screenshots/`
(`<page>-<desktop|phone>.png`, `<page>-ar-phone.png`), for a human to look at.
"""

import pytest
from playwright.sync_api import expect

from conventions.models import Convention

from .helpers import BROWSER, CAM_AMICA, CAM_AMICA_TITLE, DESKTOP, PAGES, PHONE, horizontal_overflow, screenshot

pytestmark = BROWSER


SCREENS = {"desktop": DESKTOP, "phone": PHONE}


@pytest.mark.parametrize(
    "name,screen",
    [(name, screen) for name in PAGES for screen in SCREENS],
)
def test_the_page_fits_the_screen_without_sideways_scrolling(page, site, name, screen):
    page.set_viewport_size(SCREENS[screen])
    page.goto(site(PAGES[name]))
    screenshot(page, f"{name}-{screen}")

    overflow = horizontal_overflow(page)
    assert overflow <= 0, f"{PAGES[name]} is {overflow}px wider than a {SCREENS[screen]['width']}px screen"


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("name", PAGES)
def test_the_arabic_page_reads_right_to_left_and_fits_the_screen(page, site, name, screen):
    path = PAGES[name].replace("/fr/", "/ar/", 1)
    page.set_viewport_size(SCREENS[screen])
    page.goto(site(path))
    screenshot(page, f"{name}-ar-{screen}")

    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    overflow = horizontal_overflow(page)
    assert overflow <= 0, f"{path} is {overflow}px wider than a {SCREENS[screen]['width']}px screen"


def test_a_withdrawn_convention_shows_its_notice_right_to_left_on_a_phone(page, site):
    Convention.objects.filter(slug=CAM_AMICA).update(publication_state=Convention.PublicationState.ARCHIVED)
    page.set_viewport_size(PHONE)

    response = page.goto(site(f"/ar/conventions/{CAM_AMICA}/"))
    screenshot(page, "withdrawn-ar-phone")

    assert response.status == 410
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("h1")).to_have_text("اتفاقية سُحبت من السجل العمومي")
    expect(page.get_by_text(CAM_AMICA_TITLE)).to_have_count(0)
    assert horizontal_overflow(page) <= 0
