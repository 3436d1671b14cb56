"""The authorisation matrix: every API resource and every admin page, asked
with every method by every kind of caller — anonymous, a bad token, a signed-in
user with no group, Viewer, Editor, Publisher. A caller without the model
permission must be refused before anything is read or written (401, 403,
404 or 405, never a 2xx nor a validation error that reveals the body was
read); no answer is ever a 5xx; a draft is never found by a caller who may
not read drafts; an Editor never changes a published convention."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from conventions.models import Convention
from tests import factories as f

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "bad token", "no group", "Viewer", "Editor", "Publisher")
REFUSED = {401, 403, 404, 405}
# resource → (model label, lookup of a published row, lookup of a draft's row or None)
RESOURCES = {
    "conventions": "conventions.convention",
    "actors": "actors.actor",
    "persons": "actors.person",
    "mandates": "actors.mandate",
    "plans": "plans.plan",
    "objectives": "conventions.objective",
    "actions": "conventions.followupaction",
    "sources": "conventions.source",
    "documents": "conventions.document",
    "sectors": "plans.sector",
    "regions": "plans.region",
}


def user_for(role: str) -> User | None:
    if role in ("anonymous", "bad token"):
        return None
    user = User.objects.create_user(role.replace(" ", "-"), password="x", is_staff=True)
    if role in ("Viewer", "Editor", "Publisher"):
        user.groups.add(Group.objects.get(name=role))
    return user


def api_for(role: str, user: User | None) -> APIClient:
    api = APIClient()
    if role == "bad token":
        api.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")
    elif user is not None:
        api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return api


@pytest.fixture
def register():
    published = f.ConventionFactory(complete=True, slug="publiee")
    draft = f.ConventionFactory(draft=True, slug="brouillon", complete=True)
    objective = f.ObjectiveFactory(convention=published)
    f.MeasurementFactory(objective=objective)
    f.FollowUpActionFactory(convention=published)
    f.DocumentFactory(convention=published)
    f.MandateFactory(actor=published.parties.first().actor)
    f.PlanFactory()
    f.SectorFactory()
    f.RegionFactory() if not f.RegionFactory._meta.model.objects.exists() else None
    f.ObjectiveFactory(convention=draft)
    return {"published": published, "draft": draft}


def detail_key(resource: str, model) -> str:
    row = model.objects.order_by("pk").first()
    return row.slug if resource in ("conventions", "actors", "persons", "plans", "sectors", "regions") else row.pk


def api_requests(register):
    """(method, address, model label) for every resource's list and detail,
    and the publication endpoint of a published convention and a draft."""
    from django.apps import apps

    for resource, label in RESOURCES.items():
        model = apps.get_model(label)
        if resource == "conventions":
            key = register["published"].slug
        elif resource == "objectives":
            key = register["published"].objectives.first().pk
        else:
            key = detail_key(resource, model)
        yield "post", f"/api/v1/{resource}/", label
        for method in ("put", "patch", "delete"):
            yield method, f"/api/v1/{resource}/{key}/", label
    yield "post", f"/api/v1/conventions/{register['published'].slug}/publication/", "conventions.convention"
    yield "post", f"/api/v1/conventions/{register['draft'].slug}/publication/", "conventions.convention"
    yield (
        "post",
        f"/api/v1/objectives/{register['published'].objectives.first().pk}/measurements/",
        ("conventions.measurement"),
    )


def permission(method: str, label: str) -> str:
    app, model = label.split(".")
    action = {"post": "add", "put": "change", "patch": "change", "delete": "delete"}[method]
    return f"{app}.{action}_{model}"


@pytest.mark.parametrize("role", ROLES)
def test_no_api_caller_writes_without_its_permission(register, role, probe):
    checked = probe(
        "authorisation: API writes", "API writes by a caller without the model permission answered 2xx or read"
    )
    errors = probe("authorisation: no 5xx", "answers 5xx across the authorisation matrix")
    user = user_for(role)
    api = api_for(role, user)
    for method, address, label in api_requests(register):
        if user is not None and user.has_perm(permission(method, label)) and method == "delete":
            continue  # an allowed deletion would empty the register under the next requests
        before = Convention.objects.count(), Convention.objects.get(slug="publiee").updated_at
        response = getattr(api, method)(address, {"title": "Réécrit"}, format="json")
        errors.check(response.status_code < 500, f"{role} {method.upper()} {address} → {response.status_code}")
        allowed = user is not None and user.has_perm(permission(method, label))
        if not allowed:
            unchanged = (Convention.objects.count(), Convention.objects.get(slug="publiee").updated_at) == before
            checked.check(
                response.status_code in REFUSED and unchanged,
                f"{role} {method.upper()} {address} → {response.status_code}",
            )
    assert checked.failures == [] and errors.failures == []


@pytest.mark.parametrize("role", ["Editor"])
def test_an_editor_never_changes_a_published_convention(register, role, probe):
    checked = probe("authorisation: Editor on published", "an Editor's write to a published convention answered 2xx")
    api = api_for(role, user_for(role))
    published = register["published"]
    for method, body in (
        ("patch", {"place": "Tanger"}),
        ("put", {"title": "Réécrit"}),
        ("delete", None),
    ):
        response = getattr(api, method)(f"/api/v1/conventions/{published.slug}/", body, format="json")
        checked.check(response.status_code >= 400, f"{method.upper()} → {response.status_code}")
    response = api.post(f"/api/v1/conventions/{published.slug}/publication/", {"publication_state": "archived"})
    checked.check(response.status_code >= 400, f"archive → {response.status_code}")
    assert Convention.objects.get(pk=published.pk).publication_state == Convention.PublicationState.PUBLISHED
    assert checked.failures == []


@pytest.mark.parametrize("role", ["anonymous", "bad token", "no group"])
def test_a_caller_who_may_not_read_drafts_never_finds_one(register, role, probe):
    hidden = probe("authorisation: drafts hidden", "a draft found by a caller who may not read drafts")
    api = api_for(role, user_for(role))
    draft = register["draft"]
    for address in (
        f"/api/v1/conventions/{draft.slug}/",
        f"/api/v1/objectives/{draft.objectives.first().pk}/",
        f"/api/v1/conventions/{draft.slug}/publication/",
    ):
        response = api.get(address) if not address.endswith("publication/") else api.post(address, {})
        hidden.check(
            response.status_code in (401, 403, 404, 405) and draft.slug not in response.content.decode(),
            f"{role} {address} → {response.status_code}",
        )
    assert hidden.failures == []


def admin_pages():
    """(address, permission) for every registered model admin's pages."""
    for model in admin.site._registry:
        app, name = model._meta.app_label, model._meta.model_name
        view, change = f"{app}.view_{name}", f"{app}.change_{name}"
        yield reverse(f"admin:{app}_{name}_changelist"), (view, change)
        yield reverse(f"admin:{app}_{name}_add"), (f"{app}.add_{name}",)
        row = model.objects.order_by("pk").first()
        if row is not None:
            yield reverse(f"admin:{app}_{name}_change", args=[row.pk]), (view, change)
            yield reverse(f"admin:{app}_{name}_delete", args=[row.pk]), (f"{app}.delete_{name}",)
            yield reverse(f"admin:{app}_{name}_history", args=[row.pk]), (view, change)


@pytest.mark.parametrize("role", ["no group", "Viewer", "Editor", "Publisher"])
def test_no_admin_page_opens_without_its_permission(client, register, role, probe):
    checked = probe("authorisation: admin pages", "admin pages answering 200 to a staff user without the permission")
    errors = probe("authorisation: no 5xx", "answers 5xx across the authorisation matrix")
    user = user_for(role)
    client.force_login(user)
    for address, permissions in admin_pages():
        response = client.get(address)
        errors.check(response.status_code < 500, f"{role} GET {address} → {response.status_code}")
        if not any(user.has_perm(name) for name in permissions):
            checked.check(response.status_code != 200, f"{role} GET {address} → 200")
    assert checked.failures == [] and errors.failures == []
