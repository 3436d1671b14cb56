"""A search's results say why they matched, in a real browser (issue 12): the
passage under each convention, its words marked, readable in French, Arabic
and English on a 390 px phone. Screenshots in test-artifacts/screenshots/
(`search-highlight-*`)."""

import re

import pytest
from playwright.sync_api import expect

from .helpers import BROWSER, CAM_AMICA_TITLE, horizontal_overflow, screenshot

pytestmark = BROWSER

PHONE_390 = {"width": 390, "height": 844}
LANGUAGES = ("fr", "ar", "en")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_list_marks_why_a_convention_was_found(page, site, language):
    page.set_viewport_size(PHONE_390)
    page.goto(site(f"/{language}/conventions/?q=fikrat"))
    screenshot(page, f"search-highlight-list-{language}-390")

    mark = page.locator(".results li .match mark").first
    expect(mark).to_be_visible()
    expect(mark).to_have_text(re.compile("fikrat", re.I))
    # The passage is data: isolated on the pages in another language than its own.
    if language != "fr":
        expect(page.locator(".results li .match bdi mark").first).to_be_visible()
    assert horizontal_overflow(page) <= 0


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_site_search_marks_why_a_convention_was_found(page, site, language):
    page.set_viewport_size(PHONE_390)
    page.goto(site(f"/{language}/search/?q=decarbonation"))
    screenshot(page, f"search-highlight-site-{language}-390")

    row = page.locator("#found-conventions ~ ul li").first
    expect(row.locator(".match mark").first).to_have_text(re.compile("décarbonation", re.I))
    assert horizontal_overflow(page) <= 0


def test_a_title_that_matched_is_marked_in_its_link_not_repeated(page, site):
    page.set_viewport_size(PHONE_390)
    page.goto(site("/fr/conventions/?q=automobile"))

    row = page.locator(".results li", has_text=CAM_AMICA_TITLE)
    expect(row.locator("a mark").first).to_have_text(re.compile("automobile", re.I))
    expect(row.locator(".match")).to_have_count(0)
