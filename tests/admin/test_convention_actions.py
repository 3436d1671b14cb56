"""Bulk actions move conventions between statuses and publication states."""

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.urls import reverse

from conventions.models import Convention
from tests.factories import ConventionFactory

pytestmark = pytest.mark.django_db

URL = reverse("admin:conventions_convention_changelist")
State = Convention.PublicationState


def run(client, action, conventions):
    return client.post(
        URL, {"action": action, "_selected_action": [c.pk for c in conventions], "index": 0}, follow=True
    )


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("status", Convention.Status, ids=lambda status: status.value)
def test_status_action_sets_the_status_of_the_selected_rows_only(admin_client, status):
    other = next(s for s in Convention.Status if s != status)
    # Complete: a published convention stays complete, whatever the action.
    selected = ConventionFactory.create_batch(2, status=other, complete=True)
    already = ConventionFactory(status=status)
    untouched = ConventionFactory(status=other)

    response = run(admin_client, f"mark_{status.value}", [*selected, already])

    assert set(Convention.objects.filter(status=status)) == {*selected, already}
    untouched.refresh_from_db()
    assert untouched.status == other
    assert messages_of(response) == [f"2 conventions sont passées au statut « {status.label} »."]
    assert LogEntry.objects.filter(object_id__in=[str(c.pk) for c in selected]).count() == 2


def test_status_action_touches_updated_at(admin_client):
    convention = ConventionFactory(status=Convention.Status.SIGNED, complete=True)
    before = convention.updated_at

    run(admin_client, "mark_in_execution", [convention])

    convention.refresh_from_db()
    assert convention.updated_at > before


def test_publish_sets_the_state_and_the_publication_date(admin_client):
    drafts = ConventionFactory.create_batch(2, draft=True, complete=True)

    response = run(admin_client, "publish", drafts)

    for convention in drafts:
        convention.refresh_from_db()
        assert convention.publication_state == State.PUBLISHED
        assert convention.published_at is not None
    assert set(Convention.objects.published()) == set(drafts)
    assert messages_of(response) == ["2 conventions sont passées à l'état « Publiée »."]


def test_publish_keeps_the_date_of_a_convention_already_published(admin_client):
    published = ConventionFactory()
    draft = ConventionFactory(draft=True, complete=True)
    first_date = published.published_at

    response = run(admin_client, "publish", [published, draft])

    published.refresh_from_db()
    assert published.published_at == first_date
    assert messages_of(response) == ["1 convention est passée à l'état « Publiée »."]


@pytest.mark.parametrize(
    ("action", "state"),
    [("unpublish", State.DRAFT), ("send_to_review", State.REVIEW)],
)
def test_leaving_publication_clears_the_date_so_the_next_publication_is_dated(admin_client, action, state):
    convention = ConventionFactory()

    run(admin_client, action, [convention])

    convention.refresh_from_db()
    assert convention.publication_state == state
    assert convention.published_at is None
    assert not Convention.objects.published().exists()


def test_archive_keeps_the_date_it_was_published(admin_client):
    convention = ConventionFactory()
    published_at = convention.published_at

    run(admin_client, "archive", [convention])

    convention.refresh_from_db()
    assert convention.publication_state == State.ARCHIVED
    assert convention.published_at == published_at


def test_an_action_that_changes_nothing_says_so(admin_client):
    convention = ConventionFactory(status=Convention.Status.SIGNED)

    response = run(admin_client, "mark_signed", [convention])

    assert messages_of(response) == ["Aucune convention modifiée : toutes avaient déjà le statut « Signée »."]


def test_actions_need_the_change_permission(client, django_user_model):
    reader = django_user_model.objects.create_user("lecteur", password="x", is_staff=True)
    reader.user_permissions.add(Permission.objects.get(codename="view_convention"))
    client.force_login(reader)
    draft = ConventionFactory(draft=True)

    response = client.get(URL)
    run(client, "publish", [draft])

    # A reader is offered the exports of what they can see and watching it
    # (the follow-up digest): nothing that changes the register.
    offered = [name for name, _label in response.context["action_form"].fields["action"].choices if name]
    assert offered == ["export_csv", "export_xlsx", "watch", "unwatch"]
    draft.refresh_from_db()
    assert draft.publication_state == State.DRAFT
