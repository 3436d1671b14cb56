"""A clerk enters a convention with two parties, two commitments, an
objective and a measurement without leaving the convention's admin page:
commitments and measurements are nested inlines (django-nested-admin)."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from conventions.models import Convention, Measurement
from tests import factories as f

from .helpers import BROWSER, horizontal_overflow, screenshot

pytestmark = BROWSER

TITLE = "Convention pour l'intégration locale des composants de l'automobile au Maroc"


def log_in(page, live_server):
    get_user_model().objects.create_superuser("greffier", "greffier@example.org", "mot-de-passe-long")
    page.goto(live_server.url + "/admin/login/?next=/admin/")
    page.fill("#id_username", "greffier")
    page.fill("#id_password", "mot-de-passe-long")
    page.click("input[type=submit]")
    expect(page).to_have_url(re.compile(r"/admin/$"))


def pick(page, select_id: str, typed: str, label: str) -> None:
    """Choose in an autocomplete (select2) as a person does: open, type, click."""
    page.locator(f"#{select_id} + .select2").click()
    page.locator(".select2-container--open .select2-search__field").fill(typed)
    page.locator(".select2-results__option", has_text=label).first.click()


def add_nested(page, model: str) -> None:
    """Click the visible "add" link of an inline of `model` (the last one shown)."""
    page.locator(f".djn-add-handler.djn-model-conventions-{model}:visible").last.click()


def test_a_clerk_enters_a_whole_convention_without_leaving_its_page(page, live_server):
    f.ActorFactory(name="Ministère de l'Industrie et du Commerce", acronym="MICX")
    f.ActorFactory(name="Association Marocaine pour l'Industrie et la Construction Automobile", acronym="AMICX")
    source = f.SourceFactory(title="Le secteur automobile s'engage pour l'intégration locale", outlet="Le Matin")
    log_in(page, live_server)
    page.goto(live_server.url + "/admin/conventions/convention/add/")
    navigations = []
    page.on("framenavigated", lambda frame: frame == page.main_frame and navigations.append(frame.url))

    page.fill("#id_title_fr", TITLE)
    # The title box is wide enough to read a real title.
    assert page.locator("#id_title_fr").bounding_box()["width"] >= 500
    pick(page, "id_parties-0-actor", "MICX", "Ministère de l'Industrie")
    pick(page, "id_parties-1-actor", "AMICX", "Association Marocaine")
    page.select_option("#id_parties-1-role", index=1)

    page.locator("#parties-0 .djn-add-handler.djn-model-conventions-commitment").click()
    page.fill("#id_parties-0-commitments-0-description_fr", "Mobiliser les branches industrielles")
    page.locator("#parties-1 .djn-add-handler.djn-model-conventions-commitment").click()
    page.fill("#id_parties-1-commitments-0-description_fr", "Mandater un cabinet de conseil")

    add_nested(page, "objective")
    page.fill("#id_objectives-0-indicator_fr", "Substitution des importations")
    page.fill("#id_objectives-0-target_value", "34000000000")
    page.fill("#id_objectives-0-unit", "MAD")
    # The direction is left blank when the source does not say.
    assert page.locator("#id_objectives-0-comparator").input_value() == ""
    page.locator("#objectives-0 .djn-add-handler.djn-model-conventions-measurement").click()
    page.fill("#id_objectives-0-measurements-0-value", "21000000000")
    page.fill("#id_objectives-0-measurements-0-measured_on", "2021-02-01")
    pick(page, "id_objectives-0-measurements-0-source", "intégration", "Le secteur automobile")
    screenshot(page, "admin/convention-entry-fr")
    # Everything typed fits a 1280 px screen: no sideways scrolling.
    assert horizontal_overflow(page) <= 0

    page.locator("input[name=_continue]").first.click()
    page.wait_for_load_state()

    convention = Convention.objects.get(title_fr=TITLE)
    expect(page).to_have_url(re.compile(rf"/admin/conventions/convention/{convention.pk}/change/$"))
    # One navigation: the save itself (its POST answered by a redirect to the same convention).
    assert len(navigations) == 1, navigations
    parties = list(convention.parties.order_by("position", "pk"))
    assert [p.actor.acronym for p in parties] == ["MICX", "AMICX"]
    assert [c.description for p in parties for c in p.commitments.all()] == [
        "Mobiliser les branches industrielles",
        "Mandater un cabinet de conseil",
    ]
    objective = convention.objectives.get()
    assert objective.comparator == ""
    assert Measurement.objects.get(objective=objective).source == source


@pytest.mark.parametrize("path", ["/admin/conventions/party/", "/admin/conventions/commitment/"])
def test_changelists_show_their_columns_at_1280_px(page, live_server, path):
    party = f.PartyFactory(
        convention=f.ConventionFactory(title="Convention de partenariat " + "très longue " * 25),
        representative=f.PersonFactory(name="Mohamed Fikrat"),
        representative_title="Président du directoire",
    )
    f.CommitmentFactory(party=party)
    log_in(page, live_server)
    page.goto(live_server.url + path)

    table = page.locator("#result_list").bounding_box()
    box = page.locator("#changelist .results").bounding_box()
    assert table["width"] <= box["width"] + 1, (table, box)


def test_the_components_select_follows_the_plans_chosen(page, live_server):
    relance, pai = f.PlanFactory(name="Plan de relance industrielle"), f.PlanFactory(name="Plan d'Accélération")
    mine = f.PlanComponentFactory(plan=relance, name="Substitution des importations")
    theirs = f.PlanComponentFactory(plan=pai, name="Pôle MedEst")
    log_in(page, live_server)
    page.goto(live_server.url + "/admin/conventions/convention/add/")

    pick(page, "id_plans", "relance", "Plan de relance industrielle")

    options = page.locator("#id_components option")
    expect(options.filter(has_text=mine.name)).to_be_visible()
    assert options.filter(has_text=theirs.name).evaluate("option => option.hidden")
