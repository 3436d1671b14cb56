"""Staff watching a convention in the admin: the toggle on its page, the
watchers listed, the bulk actions."""

import pytest
from django.contrib.auth.models import User

from follows.models import Watch
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_the_toggle_watches_then_unwatches(admin_client, admin_user):
    convention = f.ConventionFactory(draft=True)
    page = f"/admin/conventions/convention/{convention.pk}/change/"
    toggle = f"/admin/conventions/convention/{convention.pk}/suivre/"
    assert f'formaction="{toggle}"' in admin_client.get(page).content.decode()

    assert admin_client.post(toggle, {"watch": "1"}).status_code == 302
    assert Watch.objects.filter(user=admin_user, convention=convention).exists()
    shown = admin_client.get(page).content.decode()
    assert admin_user.username in shown and "Ne plus suivre" in shown

    admin_client.post(toggle, {"watch": "0"})
    assert not Watch.objects.exists()


def test_the_toggle_is_a_post(admin_client):
    convention = f.ConventionFactory()
    assert admin_client.get(f"/admin/conventions/convention/{convention.pk}/suivre/").status_code == 405


def test_the_page_lists_every_watcher(admin_client):
    convention = f.ConventionFactory()
    for name in ("amal", "youssef"):
        Watch.objects.create(user=User.objects.create_user(name, is_staff=True), convention=convention)
    shown = admin_client.get(f"/admin/conventions/convention/{convention.pk}/change/").content.decode()
    assert "amal, youssef" in shown


def test_the_bulk_actions_watch_and_unwatch_a_selection(admin_client, admin_user):
    conventions = [f.ConventionFactory(), f.ConventionFactory()]
    selected = [c.pk for c in conventions]
    admin_client.post("/admin/conventions/convention/", {"action": "watch", "_selected_action": selected})
    assert Watch.objects.filter(user=admin_user).count() == 2
    admin_client.post("/admin/conventions/convention/", {"action": "unwatch", "_selected_action": selected})
    assert not Watch.objects.exists()


def test_subscriptions_are_for_superusers_only(client, admin_client):
    staff = User.objects.create_user("editeur", password="x", is_staff=True)
    client.force_login(staff)
    assert client.get("/admin/follows/subscription/").status_code == 403
    assert admin_client.get("/admin/follows/subscription/").status_code == 200
    assert admin_client.get("/admin/follows/subscription/add/").status_code == 403
