"""Editors write drafts, publishers publish; nothing incomplete gets published."""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from conventions import publication
from conventions.models import Convention
from tests.factories import ConventionFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:conventions_convention_changelist")
State = Convention.PublicationState


def member_of(client, group):
    user = User.objects.create_user(f"{group.lower()}-user", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return user


def change_url(convention):
    return reverse("admin:conventions_convention_change", args=[convention.pk])


def test_the_three_roles_ship_as_groups():
    assert set(Group.objects.values_list("name", flat=True)) >= {"Viewer", "Editor", "Publisher"}
    assert Group.objects.get(name="Publisher").permissions.filter(codename="publish_convention").exists()
    assert not Group.objects.get(name="Editor").permissions.filter(codename="publish_convention").exists()
    assert not Group.objects.get(name="Viewer").permissions.exclude(codename__startswith="view_").exists()


def test_a_viewer_reads_but_cannot_change(client):
    member_of(client, "Viewer")
    convention = ConventionFactory(draft=True)
    assert client.get(CHANGELIST).status_code == 200
    assert client.post(change_url(convention), {}).status_code == 403


def test_an_editor_is_not_offered_the_publish_action(client):
    member_of(client, "Editor")
    actions = client.get(CHANGELIST).context["action_form"].fields["action"].choices
    names = {name for name, _label in actions}
    assert "send_to_review" in names
    assert not names & {"publish", "unpublish", "archive"}


def test_an_editor_cannot_choose_a_public_state_in_the_form(client):
    member_of(client, "Editor")
    convention = ConventionFactory(draft=True)
    field = client.get(change_url(convention)).context["adminform"].form.fields["publication_state"]
    assert {value for value, _label in field.choices} == {State.DRAFT, State.REVIEW}


def test_an_editor_cannot_change_a_published_convention(client):
    member_of(client, "Editor")
    published = ConventionFactory()
    response = client.post(change_url(published), {"title_fr": "Réécrit"})
    assert response.status_code == 403
    published.refresh_from_db()
    assert published.title_fr != "Réécrit"


def test_an_editor_status_action_leaves_published_conventions_alone(client):
    member_of(client, "Editor")
    published = ConventionFactory(status=Convention.Status.SIGNED)
    client.post(CHANGELIST, {"action": "mark_completed", "_selected_action": [published.pk], "index": 0})
    published.refresh_from_db()
    assert published.status == Convention.Status.SIGNED


def test_publishing_an_incomplete_convention_is_refused_with_what_is_missing(client):
    member_of(client, "Publisher")
    incomplete = ConventionFactory(draft=True, signed_on=None, signed_on_precision="unknown")
    response = client.post(
        CHANGELIST, {"action": "publish", "_selected_action": [incomplete.pk], "index": 0}, follow=True
    )
    incomplete.refresh_from_db()
    assert incomplete.publication_state == State.DRAFT
    text = response.text
    assert "Il faut au moins deux parties" in text
    assert "Il faut au moins une source ou un document" in text
    assert "La date de signature manque" in text


def test_a_publisher_publishes_a_complete_convention_and_is_recorded(client):
    publisher = member_of(client, "Publisher")
    draft = ConventionFactory(draft=True, complete=True)
    client.post(CHANGELIST, {"action": "publish", "_selected_action": [draft.pk], "index": 0})
    draft.refresh_from_db()
    assert draft.publication_state == State.PUBLISHED
    assert draft.published_by == publisher
    assert draft.published_at is not None


def test_a_missing_date_is_accepted_when_its_absence_is_explained():
    convention = ConventionFactory(draft=True, complete=True, signed_on=None, signed_on_precision="unknown")
    assert any("date" in str(problem) for problem in publication.problems(convention))
    convention.signed_on_note = "L'article ne donne pas de date."
    assert publication.problems(convention) == []


def test_a_convention_in_preparation_needs_no_date():
    convention = ConventionFactory(
        draft=True,
        complete=True,
        signed_on=None,
        signed_on_precision="unknown",
        status=Convention.Status.IN_PREPARATION,
    )
    assert publication.problems(convention) == []
