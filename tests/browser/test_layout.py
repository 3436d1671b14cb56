"""The public pages fit a desktop and a phone screen, in French and in Arabic.

Each visit leaves a full-page screenshot in `test-artifacts/screenshots/`
(`<page>-<desktop|phone>.png`, `<page>-ar-phone.png`), for a human to look at.
"""

import pytest
from playwright.sync_api import expect

from .helpers import BROWSER, DESKTOP, PAGES, PHONE, horizontal_overflow, screenshot

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
