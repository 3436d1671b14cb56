"""A clerk pastes a press article, reviews the proposed convention beside
its sentences and saves it as a draft, without JavaScript of ours."""

import re

from playwright.sync_api import expect

from actors.models import Actor
from conventions.models import Convention

from .helpers import BROWSER, horizontal_overflow, screenshot
from .test_admin_entry import log_in

pytestmark = BROWSER

ARTICLE = (
    "Une convention de partenariat a été signée hier, jeudi, à Agadir, entre l'Office National des Pêches (ONP) "
    "et la Fédération des Industries de la Mer (FIM), en marge du Salon Halieutis.\n"
    "Elle vise la création de 2 500 emplois d'ici 2028."
)


def test_a_clerk_turns_an_article_into_a_draft(page, live_server):
    log_in(page, live_server)
    page.goto(live_server.url + "/admin/conventions/convention/")
    page.get_by_role("link", name="Nouvelle convention depuis un article").click()
    page.get_by_label("Texte de l'article").fill(ARTICLE)
    page.get_by_label("Adresse de l'article").fill("https://example.org/onp-fim")
    page.get_by_label("Date de publication").fill("2024-02-02")
    page.get_by_role("button", name="Lire l’article").click()

    expect(page.locator("#proposal-1 h2")).to_contain_text("Convention de partenariat entre ONP et FIM")
    expect(page.locator("#proposal-1-parties mark").first).to_have_text("Office National des Pêches (ONP)")
    page.locator("#id_c0-parties-1-new_kind").select_option("federation")
    screenshot(page, "admin/article-assistant-review")
    assert horizontal_overflow(page) <= 0
    page.get_by_role("button", name="Enregistrer les brouillons").click()

    expect(page).to_have_url(re.compile(r"/admin/conventions/convention/\d+/change/$"))
    expect(page.locator(".messagelist")).to_contain_text("conventions en brouillon")
    convention = Convention.objects.get()
    assert convention.publication_state == "draft" and convention.signed_on.isoformat() == "2024-02-01"
    assert Actor.objects.get(acronym="FIM").kind == "federation"
    assert convention.sources.get().url == "https://example.org/onp-fim"
