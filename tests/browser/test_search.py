"""Search and filters in a real browser (issue 12): on a phone the filters
fold behind one button and the first result shows within the first 950 px;
the actor box suggests actors as one types; the site-wide search finds a
person and leads to their page. Screenshots in test-artifacts/screenshots/
(`search-*`, `list-filters-*`)."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from .helpers import AMICA, BROWSER, DESKTOP, horizontal_overflow, screenshot

pytestmark = BROWSER

PHONE_390 = {"width": 390, "height": 844}
LANGUAGES = ("fr", "ar", "en")


@pytest.mark.parametrize("language", LANGUAGES)
def test_on_a_phone_the_filters_fold_and_the_first_result_is_near_the_top(page, site, language):
    page.set_viewport_size(PHONE_390)
    page.goto(site(f"/{language}/conventions/"))
    screenshot(page, f"list-filters-folded-{language}-390")

    form = page.locator("form.filters")
    expect(form).to_be_hidden()
    first = page.locator(".results li").first
    expect(first).to_be_visible()
    top = first.evaluate("element => element.getBoundingClientRect().top + window.scrollY")
    assert top < 950, f"the first result starts {top:.0f} px down the page"
    assert horizontal_overflow(page) <= 0

    page.locator("details.filters-fold > summary").click()
    expect(form).to_be_visible()
    expect(page.locator("#id_actor")).to_be_visible()
    screenshot(page, f"list-filters-open-{language}-390")


def test_on_a_wide_screen_the_filters_show_without_a_click(page, site):
    page.set_viewport_size(DESKTOP)
    page.goto(site("/fr/conventions/"))
    expect(page.locator("form.filters")).to_be_visible()
    expect(page.locator("details.filters-fold > summary")).to_be_hidden()


def test_the_actor_box_suggests_actors_and_takes_an_acronym(page, site):
    page.set_viewport_size(DESKTOP)
    page.goto(site("/fr/conventions/"))
    page.locator("#id_actor").press_sequentially("amic", delay=30)
    expect(page.locator(f'#id_actor-options option[value="{AMICA}"]')).to_have_count(1)

    page.locator("#id_actor").fill("AMICA")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator(".form-errors")).to_have_count(0)
    expect(page.locator("#results-title")).to_contain_text("3")


def test_an_empty_selection_offers_to_widen_it(page, site):
    page.set_viewport_size(PHONE_390)
    page.goto(site("/fr/conventions/?actor=amica&year=1990"))
    screenshot(page, "list-empty-fr-390")
    expect(page.locator(".empty-result")).to_be_visible()
    expect(page.locator(".facets")).to_have_count(0)
    expect(page.locator(".downloads")).to_have_count(0)
    page.locator(".empty-result a", has_text="Année").click()
    page.wait_for_load_state()
    expect(page.locator(".results li").first).to_be_visible()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_site_search_finds_a_minister_and_leads_to_his_page(page, site, language):
    page.set_viewport_size(PHONE_390)
    page.goto(site(f"/{language}/"))
    page.locator("#quick-q").fill("mezzour")
    page.locator("#quick-q").press("Enter")
    page.wait_for_load_state()
    screenshot(page, f"search-mezzour-{language}-390")
    assert f"/{language}/search/" in page.url
    assert horizontal_overflow(page) <= 0

    page.locator("#found-people ~ ul a", has_text="Ryad Mezzour").click()
    page.wait_for_load_state()
    screenshot(page, f"person-mezzour-{language}-390")
    expect(page.locator("h1")).to_have_text("Ryad Mezzour")
    expect(page.locator(".results li").first).to_be_visible()
    assert horizontal_overflow(page) <= 0


def test_the_site_search_finds_a_place_in_a_plan(page, site):
    page.set_viewport_size(DESKTOP)
    page.goto(site("/fr/search/?q=Oujda"))
    screenshot(page, "search-oujda-fr-desktop")
    expect(page.locator("#found-plans")).to_be_visible()


@pytest.mark.parametrize(
    "name,path",
    [
        ("search", "/fr/search/?q=amica"),
        ("search-empty", "/fr/search/?q=zzzzzz"),
        ("person", "/fr/people/ryad-mezzour/"),
        ("list-empty", "/fr/conventions/?year=1990"),
        ("list-phone", "/ar/conventions/"),
    ],
)
def test_the_new_pages_have_no_serious_accessibility_violation(page, site, name, path):
    page.set_viewport_size(PHONE_390)
    page.goto(site(path))
    violations = Axe().run(page).response["violations"]
    blocking = [
        f"{v['id']}: {v['help']} {[n['html'][:120] for n in v['nodes']]}"
        for v in violations
        if v["impact"] in {"serious", "critical"}
    ]
    assert not blocking, f"axe-core on {path}: {blocking}"
