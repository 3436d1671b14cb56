"""The admin's titles and breadcrumbs read in French, with the article and
the elision each model's name needs (issue 12): « Ajout d'un acteur », not
Django's « Ajout de acteur » or « Ajouter acteur ». For every registered model."""

import html
import re

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission, User
from django.urls import reverse

from actors.models import Actor
from core.admin_titles import GENDERS

from .builders import BUILDERS

pytestmark = pytest.mark.django_db

MODELS = sorted(admin.site._registry, key=lambda model: model._meta.label)

# label: (add page, change page, changelist button)
EXPECTED = {
    "auth.group": ("Ajout d'un groupe", "Modification du groupe", "Ajouter un groupe"),
    "auth.user": ("Ajout d'un utilisateur", "Modification de l'utilisateur", "Ajouter un utilisateur"),
    "authtoken.tokenproxy": ("Ajout d'un jeton", "Modification du jeton", "Ajouter un jeton"),
    "actors.actor": ("Ajout d'un acteur", "Modification de l'acteur", "Ajouter un acteur"),
    "actors.person": ("Ajout d'une personne", "Modification de la personne", "Ajouter une personne"),
    "plans.sector": ("Ajout d'un secteur", "Modification du secteur", "Ajouter un secteur"),
    "plans.region": ("Ajout d'une région", "Modification de la région", "Ajouter une région"),
    "plans.plan": ("Ajout d'un plan", "Modification du plan", "Ajouter un plan"),
    "plans.plancomponent": (
        "Ajout d'une composante de plan",
        "Modification de la composante de plan",
        "Ajouter une composante de plan",
    ),
    "conventions.convention": ("Ajout d'une convention", "Modification de la convention", "Ajouter une convention"),
    "conventions.party": ("Ajout d'une partie", "Modification de la partie", "Ajouter une partie"),
    "conventions.commitment": ("Ajout d'un engagement", "Modification de l'engagement", "Ajouter un engagement"),
    "conventions.objective": ("Ajout d'un objectif", "Modification de l'objectif", "Ajouter un objectif"),
    "conventions.measurement": ("Ajout d'une mesure", "Modification de la mesure", "Ajouter une mesure"),
    "conventions.followupaction": (
        "Ajout d'une action de suivi",
        "Modification de l'action de suivi",
        "Ajouter une action de suivi",
    ),
    "conventions.source": ("Ajout d'une source", "Modification de la source", "Ajouter une source"),
    "conventions.document": ("Ajout d'un document", "Modification du document", "Ajouter un document"),
    # Read-only in the admin: their change page is a view page.
    "follows.digestsent": ("Ajout d'un rappel envoyé", "Affichage du rappel envoyé", "Ajouter un rappel envoyé"),
    "follows.subscription": (
        "Ajout d'un abonnement par e-mail",
        "Affichage de l'abonnement par e-mail",
        "Ajouter un abonnement par e-mail",
    ),
}


def url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def text_of(pattern: str, page: str) -> str:
    found = re.search(pattern, page, re.S)
    assert found, pattern
    return html.unescape(re.sub(r"<[^>]+>", "", found.group(1))).strip()


def heading(page: str) -> str:
    return text_of(r"<h1>(.*?)</h1>", page)


def last_breadcrumb(page: str) -> str:
    return text_of(r'<li aria-current="page">(.*?)</li>', page)


def test_every_registered_model_has_its_french_gender_and_titles():
    labels = {model._meta.label_lower for model in MODELS}
    assert labels <= set(GENDERS), "add the model's gender to core/admin_titles.py"
    assert labels <= set(EXPECTED)


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.label)
def test_the_add_page_says_ajout_d_un_with_the_article(admin_client, model):
    response = admin_client.get(url(model, "add"))
    if response.status_code == 403:  # regions are reference data: never added
        pytest.skip("no add page")
    add, _change, _button = EXPECTED[model._meta.label_lower]

    assert heading(response.text) == add
    assert last_breadcrumb(response.text) == add
    assert text_of(r"<title>(.*?)</title>", response.text).startswith(f"{add} |")


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.label)
def test_the_change_page_says_modification_with_the_article(admin_client, model):
    obj = BUILDERS[model]()
    _add, change, _button = EXPECTED[model._meta.label_lower]

    response = admin_client.get(url(model, "change", obj.pk))

    assert heading(response.text) == change
    assert text_of(r"<title>(.*?)</title>", response.text).startswith(f"{obj} | {change} |")


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.label)
def test_the_changelist_button_says_ajouter_un(admin_client, model):
    response = admin_client.get(url(model, "changelist"))
    _add, _change, button = EXPECTED[model._meta.label_lower]
    if not admin.site._registry[model].has_add_permission(response.wsgi_request):
        pytest.skip("no add button")

    links = [html.unescape(text).strip() for text in re.findall(r'class="addlink">(.*?)</a>', response.text, re.S)]
    assert button in links


def test_a_reader_who_may_only_view_sees_affichage(client):
    reader = User.objects.create_user("lectrice", password="x", is_staff=True)
    reader.user_permissions.add(Permission.objects.get(codename="view_actor"))
    client.force_login(reader)
    actor = BUILDERS[Actor]()

    assert heading(client.get(url(Actor, "change", actor.pk)).text) == "Affichage de l'acteur"


def test_other_titles_are_left_as_they_are(admin_client):
    actor = BUILDERS[Actor]()

    assert heading(admin_client.get(url(Actor, "history", actor.pk)).text).startswith("Historique")
