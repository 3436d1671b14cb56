"""What a visitor does on the public pages, in a real browser, on the demo register."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from actors.models import Actor
from conventions.models import Convention
from tests import factories as f

from .helpers import AMICA, AMICA_NAME, BROWSER, CAM_AMICA, CAM_AMICA_TITLE, RELANCE, RELANCE_NAME

pytestmark = BROWSER

CAM_AMICA_PARTIES = {
    "/fr/actors/ministere-industrie-commerce/": "Ministère de l'Industrie et du Commerce",
    "/fr/actors/credit-agricole-du-maroc/": "Crédit Agricole du Maroc",
    f"/fr/actors/{AMICA}/": AMICA_NAME,
}


def results(page):
    """The titles of the conventions the list page shows."""
    return page.locator("ul.results > li > a").all_inner_texts()


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def test_searching_decarbonation_from_the_header_finds_the_cam_amica_convention_and_its_three_parties(page, site):
    page.goto(site("/fr/"))
    search = page.get_by_label("Rechercher dans le registre (conventions, acteurs, personnes, plans)", exact=True)
    search.fill("decarbonation")
    search.press("Enter")

    # The site-wide search, its conventions first.
    expect(page).to_have_url(re.compile(r"/fr/search/\?q=decarbonation"))
    page.get_by_role("link", name=CAM_AMICA_TITLE).click()

    expect(page).to_have_url(re.compile(f"/fr/conventions/{CAM_AMICA}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(CAM_AMICA_TITLE)
    # Each party is named in full somewhere on the page (the summary block at
    # the top names them by their short names).
    for href, name in CAM_AMICA_PARTIES.items():
        expect(page.locator(f'main a[href="{href}"]', has_text=name).first).to_be_visible()


def test_filtering_by_actor_and_plan_narrows_the_list_and_the_filters_survive_a_change_of_language(page, site):
    page.goto(site("/fr/conventions/"))
    everything = results(page)

    facets = page.get_by_role("complementary", name="Répartition de la sélection")
    facets.get_by_role("link", name="AMICA", exact=True).click()
    expect(page).to_have_url(re.compile(f"actor={AMICA}"))
    with_amica = results(page)
    assert CAM_AMICA_TITLE in with_amica
    assert 0 < len(with_amica) < len(everything)

    filters = page.get_by_role("search", name="Filtrer les conventions")
    expect(filters.get_by_label("Acteur")).to_have_value(AMICA)
    # The plan box takes the plan's name (its datalist suggests them all).
    filters.get_by_label(re.compile(r"^Plan\b")).fill(RELANCE_NAME)
    filters.get_by_role("button", name="Filtrer").click()
    expect(page).to_have_url(re.compile("plan=Plan"))
    filtered = query(page)
    assert filtered["actor"] == [AMICA] and filtered["plan"] == [RELANCE_NAME]
    both = results(page)
    assert both == [CAM_AMICA_TITLE]

    permalink = page.url
    page.goto(permalink)
    assert results(page) == both

    page.get_by_role("navigation", name="Langue").get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(r"/en/conventions/\?"))
    assert query(page) == filtered
    expect(page.locator("ul.results > li > a")).to_have_count(1)
    expect(page.locator(f'ul.results a[href="/en/conventions/{CAM_AMICA}/"]')).to_be_visible()


def test_a_facet_link_refines_the_current_selection(page, site):
    page.goto(site(f"/fr/conventions/?actor={AMICA}"))
    facets = page.get_by_role("complementary", name="Répartition de la sélection")
    plan_facet = facets.get_by_role("link", name=RELANCE_NAME, exact=True)
    expect(plan_facet.locator("xpath=..")).to_contain_text("(1)")

    plan_facet.click()

    expect(page).to_have_url(re.compile(f"plan={RELANCE}"))
    assert query(page) == {"actor": [AMICA], "plan": [RELANCE]}
    assert results(page) == [CAM_AMICA_TITLE]


def test_a_party_link_on_a_convention_page_leads_to_the_actors_page(page, site):
    page.goto(site(f"/fr/conventions/{CAM_AMICA}/"))
    page.locator(f'main a[href="/fr/actors/{AMICA}/"]').first.click()

    expect(page).to_have_url(re.compile(f"/fr/actors/{AMICA}/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(AMICA_NAME)


@pytest.fixture
def draft_and_witness(demo):
    """A draft and a published twin (the witness) with the same party and the
    same words: wherever the witness shows, the draft would show if it leaked."""
    amica = Actor.objects.get(slug=AMICA)
    draft = f.ConventionFactory(draft=True, title="Brouillon confidentiel sur la décarbonation des forges")
    witness = f.ConventionFactory(title="Témoin publié sur la décarbonation des forges")
    for convention in (draft, witness):
        f.PartyFactory(convention=convention, actor=amica)
    Convention.objects.filter(pk__in=[draft.pk, witness.pk]).refresh_search_text()
    return draft, witness


def test_a_draft_convention_is_nowhere_to_be_seen(page, site, draft_and_witness):
    draft, witness = draft_and_witness
    for path in ["/fr/", "/fr/conventions/", "/fr/conventions/?q=forges", f"/fr/actors/{AMICA}/"]:
        page.goto(site(path))
        # .first: the page may name the witness more than once.
        expect(page.get_by_text(witness.title).first, f"the witness should be on {path}").to_be_visible()
        expect(page.get_by_text(draft.title), f"the draft leaks on {path}").to_have_count(0)
        expect(page.locator(f'a[href="{draft.get_absolute_url()}"]')).to_have_count(0)

    response = page.goto(site(draft.get_absolute_url()))
    assert response.status == 404
    expect(page.get_by_text(draft.title)).to_have_count(0)
