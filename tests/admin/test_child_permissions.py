"""A child of a published convention (its parties, commitments, objectives,
measurements, follow-up actions, sources, documents and relations) is as
protected as the convention: an editor changes it through no admin page, no
inline, no delete, no history restore and no bulk action. The same operations
on a draft succeed for an editor, and on a published convention for a
publisher. Refusals are a 403, a form error or a message, never a 500, and
leave the database and the public page as they were."""

from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from conventions.models import Convention, ConventionRelation, Source
from tests.factories import (
    ActorFactory,
    CommitmentFactory,
    ConventionFactory,
    DocumentFactory,
    FollowUpActionFactory,
    MeasurementFactory,
    ObjectiveFactory,
    PartyFactory,
    SourceFactory,
)
from tests.history.helpers import admin_url, form_values, inline_values, member_of, restore_url

from .forms import inline_management_data

pytestmark = pytest.mark.django_db

State = Convention.PublicationState
MARK = "Réécrit par le test"
CURRENT = "Version actuelle"
PROTECTED = "Une convention publiée ou archivée n&#x27;est modifiée que par un publieur."


# --- The children, and how each is reached ---------------------------------


@dataclass(frozen=True)
class Child:
    name: str
    build: object  # convention -> the row
    changes: dict  # what a clerk posts on its change page
    owner: object  # the row -> the page (convention, party, objective) where it is an inline
    unique: object = field(default=lambda obj: {})  # what a copy needs to be new (add page)

    @property
    def text(self) -> str:
        return next(iter(self.changes))

    def __str__(self):
        return self.name


def _party(convention):
    return PartyFactory(convention=convention, name_as_written="Nom d'origine", note="Note d'origine")


def _commitment(convention):
    return CommitmentFactory(party=convention.parties.first(), description="Engagement d'origine", amount=Decimal(10))


def _objective(convention):
    return ObjectiveFactory(convention=convention, indicator="Indicateur d'origine")


def _measurement(convention):
    # Every measurement cites its source (Measurement.clean).
    return MeasurementFactory(
        objective=ObjectiveFactory(convention=convention), note="Note d'origine", source=SourceFactory()
    )


def _action(convention):
    return FollowUpActionFactory(convention=convention, responsible_note="Note d'origine")


def _source(convention):
    source = SourceFactory(title="Article d'origine", quote="Citation d'origine")
    source.conventions.add(convention)
    return source


def _document(convention):
    return DocumentFactory(convention=convention, title="Texte d'origine", page_count=3)


def _pdf():
    return SimpleUploadedFile("annexe.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")


CHILDREN = [
    Child(
        "party",
        _party,
        {"name_as_written": MARK, "note": MARK},
        owner=lambda obj: obj.convention,
        unique=lambda obj: {"actor": ActorFactory().pk},
    ),
    Child(
        "commitment",
        _commitment,
        {"description_fr": MARK, "amount": "999"},
        owner=lambda obj: obj.party,
    ),
    Child(
        "objective",
        _objective,
        {"indicator_fr": MARK, "target_value": "999"},
        owner=lambda obj: obj.convention,
    ),
    Child(
        "measurement",
        _measurement,
        {"note": MARK, "value": "999"},
        owner=lambda obj: obj.objective,
    ),
    Child(
        "action",
        _action,
        {"responsible_note": MARK, "title_fr": MARK},
        owner=lambda obj: obj.convention,
    ),
    Child(
        "source",
        _source,
        {"title": MARK, "quote": MARK},
        owner=lambda obj: obj.conventions.get(),
        unique=lambda obj: {"url": "https://example.org/un-autre-article"},
    ),
    Child(
        "document",
        _document,
        {"title_fr": MARK, "page_count": "99"},
        owner=lambda obj: obj.convention,
        unique=lambda obj: {"file": _pdf()},
    ),
]


def stored(obj) -> dict | None:
    """The row as the database holds it, every column (and a source's links)."""
    row = type(obj).objects.filter(pk=obj.pk).values().first()
    if row is not None and isinstance(obj, Source):
        row["conventions"] = set(obj.conventions.values_list("pk", flat=True))
    return row


def page_data(client, url) -> dict:
    """What the browser posts back from a change page, unchanged."""
    page = client.get(url)
    assert page.status_code == 200
    return {**form_values(page), **inline_values(page)}


def inline_row(page, obj) -> str:
    """The prefix of `obj`'s row among the page's inlines."""
    for inline in page.context["inline_admin_formsets"]:
        for form in inline.formset.initial_forms:
            row = form.instance
            if isinstance(obj, Source):
                if inline.formset.model is Source.conventions.through and row.source_id == obj.pk:
                    return form.prefix
            elif type(row) is type(obj) and row.pk == obj.pk:
                return form.prefix
    raise AssertionError(f"{obj!r} is not an inline row of this page")


# --- The ways in -----------------------------------------------------------
# Each posts, as `client`, what a clerk would; the page's values are read by
# the superuser (an editor's page of a published convention is read-only).
# Each returns the response and whether the write landed.


def on_its_change_page(admin_client, client, child, obj):
    url = admin_url(obj, "change")
    response = client.post(url, {**page_data(admin_client, url), **child.changes})
    refreshed = type(obj).objects.get(pk=obj.pk)
    return response, getattr(refreshed, child.text) == MARK


def on_an_add_page(admin_client, client, child, obj):
    """A new row in the same convention, from a copy of this one."""
    opts = obj._meta
    add_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
    add_page = admin_client.get(add_url)
    data = {
        **form_values(admin_client.get(admin_url(obj, "change"))),
        **inline_management_data(add_page),
        **child.changes,
        **child.unique(obj),
    }
    response = client.post(add_url, data)
    return response, type(obj).objects.filter(**{child.text: MARK}).exists()


def on_its_delete_page(admin_client, client, child, obj):
    response = client.post(admin_url(obj, "delete"), {"post": "yes"})
    return response, not type(obj).objects.filter(pk=obj.pk).exists()


def by_the_changelist_delete_action(admin_client, client, child, obj):
    opts = obj._meta
    response = client.post(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
        {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes", "index": 0},
    )
    return response, not type(obj).objects.filter(pk=obj.pk).exists()


def edited_since_created(child, obj):
    """The row as the public sees it now, one version after the first."""
    setattr(obj, child.text, CURRENT)
    obj.save()


def by_restoring_an_earlier_version(admin_client, client, child, obj):
    earlier = obj.history.earliest()
    url = restore_url(obj, earlier)
    page = admin_client.get(url)
    assert page.status_code == 200
    response = client.post(url, form_values(page))
    return response, getattr(type(obj).objects.get(pk=obj.pk), child.text) == getattr(earlier, child.text)


def as_an_inline_of_its_owner(admin_client, client, child, obj):
    """On the convention's page (or the party's, the objective's): the row
    changed in place; a source is unlinked."""
    url = admin_url(child.owner(obj), "change")
    page = admin_client.get(url)
    data = {**form_values(page), **inline_values(page)}
    prefix = inline_row(page, obj)
    if isinstance(obj, Source):
        convention = child.owner(obj)
        data[f"{prefix}-DELETE"] = "on"
        response = client.post(url, data)
        return response, not convention.sources.filter(pk=obj.pk).exists()
    data.update({f"{prefix}-{name}": value for name, value in child.changes.items()})
    response = client.post(url, data)
    return response, getattr(type(obj).objects.get(pk=obj.pk), child.text) == MARK


def as_it_was_built(child, obj):
    pass


# Each way: how the row is prepared, how it is posted, and how an editor is
# refused (the page's own 403, or a form error that keeps the input).
WAYS = {
    "change-page": (as_it_was_built, on_its_change_page, 403),
    "add-page": (as_it_was_built, on_an_add_page, 200),
    "delete-page": (as_it_was_built, on_its_delete_page, 403),
    "changelist-delete": (as_it_was_built, by_the_changelist_delete_action, 403),
    "history-restore": (edited_since_created, by_restoring_an_earlier_version, 403),
    "inline": (as_it_was_built, as_an_inline_of_its_owner, 403),
}

CASES = [pytest.param(child, way, id=f"{child}-{way}") for child in CHILDREN for way in WAYS]
# Deleting a source is a publisher's job whatever its conventions (the Editor
# group has no delete_source permission): see test_an_editor_deletes_no_source.
EDITOR_CASES = [case for case in CASES if not (case.values[0].name == "source" and "delete" in case.values[1])]


def convention_with(child, *, draft: bool):
    """A complete convention (as a published one must stay) and the row at stake."""
    convention = ConventionFactory(draft=draft, complete=True)
    return convention, child.build(convention)


def public_page(convention) -> str:
    response = Client().get(convention.get_absolute_url())
    assert response.status_code == 200
    return response.text


# --- The matrix -------------------------------------------------------------


@pytest.mark.parametrize(("child", "way"), EDITOR_CASES)
def test_an_editor_cannot_change_a_child_of_a_published_convention(admin_client, client, child, way):
    member_of(client, "Editor")
    convention, obj = convention_with(child, draft=False)
    prepare, post, refused_with = WAYS[way]
    prepare(child, obj)
    before, rows = stored(obj), type(obj).objects.count()

    response, landed = post(admin_client, client, child, obj)

    assert response.status_code == refused_with
    if refused_with == 200:
        assert PROTECTED in response.text
    assert not landed
    assert stored(obj) == before
    assert type(obj).objects.count() == rows
    assert MARK not in public_page(convention)


@pytest.mark.parametrize(("child", "way"), EDITOR_CASES)
def test_an_editor_changes_a_child_of_a_draft(admin_client, client, child, way):
    member_of(client, "Editor")
    _convention, obj = convention_with(child, draft=True)
    prepare, post, _refused_with = WAYS[way]
    prepare(child, obj)

    response, landed = post(admin_client, client, child, obj)

    assert response.status_code == 302
    assert landed


@pytest.mark.parametrize(("child", "way"), CASES)
def test_a_publisher_changes_a_child_of_a_published_convention(admin_client, client, child, way):
    member_of(client, "Publisher")
    _convention, obj = convention_with(child, draft=False)
    prepare, post, _refused_with = WAYS[way]
    prepare(child, obj)

    response, landed = post(admin_client, client, child, obj)

    assert response.status_code == 302
    assert landed


def test_an_editor_deletes_no_source(client):
    member_of(client, "Editor")
    source = _source(ConventionFactory(draft=True, complete=True))

    assert client.post(admin_url(source, "delete"), {"post": "yes"}).status_code == 403
    assert Source.objects.filter(pk=source.pk).exists()


# --- Relations between conventions: an inline of the convention's page -----


def relate(admin_client, client, convention):
    """Post the convention's page with one more relation, to another convention."""
    url = admin_url(convention, "change")
    page = admin_client.get(url)
    data = {**form_values(page), **inline_values(page), **inline_management_data(page, outgoing_relations=1)}
    data.update({"outgoing_relations-0-kind": "amends", "outgoing_relations-0-to_convention": ConventionFactory().pk})
    return client.post(url, data)


def test_an_editor_cannot_relate_a_published_convention_to_another(admin_client, client):
    member_of(client, "Editor")
    convention = ConventionFactory(complete=True)
    before = stored(convention)

    assert relate(admin_client, client, convention).status_code == 403
    assert not ConventionRelation.objects.exists()
    assert stored(convention) == before


@pytest.mark.parametrize(
    ("group", "draft"), [("Editor", True), ("Publisher", False)], ids=["editor-draft", "publisher"]
)
def test_a_relation_is_added_by_who_may_change_the_convention(admin_client, client, group, draft):
    member_of(client, group)
    convention = ConventionFactory(complete=True, draft=draft)

    assert relate(admin_client, client, convention).status_code == 302
    assert ConventionRelation.objects.filter(from_convention=convention).count() == 1


# --- Moving a row into a published convention -------------------------------


def test_an_editor_cannot_move_a_party_into_a_published_convention(admin_client, client):
    member_of(client, "Editor")
    draft, published = ConventionFactory(draft=True), ConventionFactory(complete=True)
    party = _party(draft)
    url = admin_url(party, "change")

    response = client.post(url, {**page_data(admin_client, url), "convention": published.pk, "note": MARK})

    assert response.status_code == 200
    assert PROTECTED in response.text
    party.refresh_from_db()
    assert (party.convention, party.note) == (draft, "Note d'origine")
    assert published.parties.count() == 2


def test_an_editor_cannot_move_a_commitment_to_a_party_of_a_published_convention(admin_client, client):
    member_of(client, "Editor")
    commitment = _commitment(ConventionFactory(draft=True, complete=True))
    published_party = ConventionFactory(complete=True).parties.first()
    url = admin_url(commitment, "change")

    response = client.post(url, {**page_data(admin_client, url), "party": published_party.pk})

    assert response.status_code == 200
    assert PROTECTED in response.text
    assert not published_party.commitments.exists()


def test_an_editor_cannot_link_a_source_to_a_published_convention(admin_client, client):
    member_of(client, "Editor")
    draft, published = ConventionFactory(draft=True), ConventionFactory(complete=True)
    source = _source(draft)
    url = admin_url(source, "change")

    response = client.post(url, {**page_data(admin_client, url), "conventions": [draft.pk, published.pk]})

    assert response.status_code == 200
    assert PROTECTED in response.text
    assert set(source.conventions.all()) == {draft}
    assert MARK not in public_page(published)


def test_a_publisher_links_a_source_to_a_published_convention(admin_client, client):
    member_of(client, "Publisher")
    draft, published = ConventionFactory(draft=True), ConventionFactory(complete=True)
    source = _source(draft)
    url = admin_url(source, "change")

    response = client.post(url, {**page_data(admin_client, url), "conventions": [draft.pk, published.pk]})

    assert response.status_code == 302
    assert set(source.conventions.all()) == {draft, published}


# --- A published convention stays complete, even for a publisher ----------


def messages_of(response) -> str:
    return " ".join(str(message) for message in get_messages(response.wsgi_request))


def test_a_publisher_cannot_remove_a_party_of_a_published_convention_in_its_form(admin_client, client):
    member_of(client, "Publisher")
    convention = ConventionFactory(complete=True)
    url = admin_url(convention, "change")
    page = admin_client.get(url)
    removed = inline_row(page, convention.parties.first())
    data = {**form_values(page), **inline_values(page), f"{removed}-DELETE": "on", "place": MARK}

    response = client.post(url, data)

    assert response.status_code == 200
    assert "Une convention publiée garde au moins deux parties" in response.text
    convention.refresh_from_db()
    assert convention.parties.count() == 2
    assert convention.place != MARK
    assert convention.publication_state == State.PUBLISHED


def test_a_publisher_cannot_remove_the_only_source_of_a_published_convention(admin_client, client):
    member_of(client, "Publisher")
    convention = ConventionFactory(complete=True)
    before = stored(convention)
    url = admin_url(convention, "change")
    page = admin_client.get(url)
    unlinked = inline_row(page, convention.sources.get())
    data = {**form_values(page), **inline_values(page), f"{unlinked}-DELETE": "on", "place": MARK}

    response = client.post(url, data)

    assert response.status_code == 302
    assert response.url == url
    assert "Il faut au moins une source ou un document" in messages_of(response)
    assert convention.sources.count() == 1
    assert stored(convention) == before


def test_a_publisher_cannot_delete_a_party_a_published_convention_needs(client):
    member_of(client, "Publisher")
    convention = ConventionFactory(complete=True)
    party = convention.parties.first()

    response = client.post(admin_url(party, "delete"), {"post": "yes"})

    assert response.status_code == 302
    assert "Il faut au moins deux parties" in messages_of(response)
    assert convention.parties.count() == 2


def test_publishing_an_incomplete_convention_in_its_form_is_refused_with_what_is_missing(client):
    member_of(client, "Publisher")
    draft = ConventionFactory(draft=True, complete=True)
    draft.sources.clear()
    url = admin_url(draft, "change")
    page = client.get(url)
    data = {**form_values(page), **inline_values(page), "publication_state": State.PUBLISHED}

    response = client.post(url, data)

    assert response.status_code == 302
    assert "Il faut au moins une source ou un document" in messages_of(response)
    draft.refresh_from_db()
    assert (draft.publication_state, draft.published_at) == (State.DRAFT, None)


# --- Bulk actions on conventions ---------------------------------------------

CHANGELIST = reverse("admin:conventions_convention_changelist")


def run_action(client, action, conventions):
    return client.post(CHANGELIST, {"action": action, "_selected_action": [c.pk for c in conventions], "index": 0})


@pytest.mark.parametrize("state", [State.PUBLISHED, State.ARCHIVED])
def test_an_editor_cannot_send_a_public_convention_to_review(client, state):
    member_of(client, "Editor")
    public = ConventionFactory(complete=True, publication_state=state)
    draft = ConventionFactory(draft=True)
    before = stored(public)

    response = run_action(client, "send_to_review", [public, draft])

    warning = messages_of(response)
    assert "Seul un publieur change" in warning
    assert str(public) in warning
    assert stored(public) == before
    draft.refresh_from_db()
    assert draft.publication_state == State.REVIEW


def test_an_editor_cannot_change_the_status_of_a_published_convention(client):
    member_of(client, "Editor")
    published = ConventionFactory(complete=True, status=Convention.Status.SIGNED)
    before = stored(published)

    response = run_action(client, "mark_completed", [published])

    assert "ne sont modifiées que par un publieur" in messages_of(response)
    assert stored(published) == before


def test_a_publisher_sends_a_published_convention_to_review(client):
    member_of(client, "Publisher")
    published = ConventionFactory(complete=True)

    run_action(client, "send_to_review", [published])

    published.refresh_from_db()
    assert (published.publication_state, published.published_at) == (State.REVIEW, None)


def test_the_status_action_does_not_leave_a_published_convention_incomplete(client):
    member_of(client, "Publisher")
    undated = ConventionFactory(
        complete=True, signed_on=None, signed_on_precision="unknown", status=Convention.Status.IN_PREPARATION
    )
    before = stored(undated)

    response = run_action(client, "mark_signed", [undated])

    assert "La date de signature manque" in messages_of(response)
    assert stored(undated) == before


# --- Two clerks, one convention ----------------------------------------------


def test_the_second_of_two_saves_from_the_same_version_is_refused_as_stale(client):
    member_of(client, "Publisher")
    convention = ConventionFactory(complete=True, place="Rabat")
    url = admin_url(convention, "change")
    page = client.get(url)
    data = {**form_values(page), **inline_values(page)}

    assert client.post(url, {**data, "place": "Tanger"}).status_code == 302
    refused = client.post(url, {**data, "place": "Casablanca"})

    assert refused.status_code == 200
    assert "modifié par publisher-user le" in refused.text
    assert "depuis que vous l&#x27;avez ouvert" in refused.text
    convention.refresh_from_db()
    assert convention.place == "Tanger"


@pytest.mark.parametrize("child", CHILDREN, ids=str)
def test_an_editor_sees_a_child_of_a_published_convention_read_only(client, child):
    member_of(client, "Editor")
    _convention, obj = convention_with(child, draft=False)

    page = client.get(admin_url(obj, "change"))

    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    assert page.context["has_delete_permission"] is False
    assert 'name="_save"' not in page.text
    for inline in page.context["inline_admin_formsets"]:
        assert not inline.has_add_permission
        assert not inline.has_change_permission


def test_a_publisher_deletes_a_published_convention_with_its_children(client):
    member_of(client, "Publisher")
    convention = ConventionFactory(complete=True)
    _commitment(convention)

    response = client.post(admin_url(convention, "delete"), {"post": "yes"})

    assert response.status_code == 302
    assert not Convention.objects.filter(pk=convention.pk).exists()
