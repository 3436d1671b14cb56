"""Restoring an earlier version goes through the editorial rules."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse
from modeltranslation.admin import TranslationAdmin

from conventions import publication
from conventions.models import Convention
from core.admin import HistoryAdmin
from tests.factories import ConventionFactory

from .helpers import admin_url, form_values, member_of, open_change_form, post_change_form, restore_url
from .test_recording import TRACKED

pytestmark = pytest.mark.django_db
State = Convention.PublicationState


def edited_twice(client, convention, first, second):
    """The convention saved through the admin with title `first`, then `second`."""
    post_change_form(client, convention, open_change_form(client, convention), title_fr=first)
    post_change_form(client, convention, open_change_form(client, convention), title_fr=second)
    return convention.history.get(title_fr=first)


def restore(client, convention, record):
    page = client.get(restore_url(convention, record))
    assert page.status_code == 200
    return client.post(restore_url(convention, record), form_values(page))


@pytest.mark.parametrize("label", [label for label in TRACKED if apps.get_model(label) in admin.site._registry])
def test_every_tracked_admin_shows_its_history_and_keeps_its_translated_fields(admin_client, label):
    model = apps.get_model(label)
    model_admin = admin.site._registry[model]
    assert isinstance(model_admin, HistoryAdmin)
    add_page = admin_client.get(reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add"))
    assert add_page.status_code == 200
    if isinstance(model_admin, TranslationAdmin):
        # modeltranslation still turns each translated field into one per language.
        mro = type(model_admin).__mro__
        assert mro.index(HistoryAdmin) < mro.index(TranslationAdmin)
        names = add_page.context["adminform"].form.fields
        assert any(name.endswith("_ar") for name in names)


def test_a_publisher_restores_an_earlier_version(client):
    publisher = member_of(client, "Publisher")
    convention = ConventionFactory(complete=True)
    earlier = edited_twice(client, convention, "Intitulé d'origine", "Intitulé erroné")

    response = restore(client, convention, earlier)

    assert response.status_code == 302
    convention.refresh_from_db()
    assert convention.title_fr == "Intitulé d'origine"
    assert convention.publication_state == State.PUBLISHED
    latest = convention.history.latest()
    assert (latest.title_fr, latest.history_user) == ("Intitulé d'origine", publisher)
    # The search text follows the restored title.
    assert "origine" in convention.search_text


def test_an_editor_may_not_restore_a_published_convention(client):
    publisher_client = client.__class__()
    member_of(publisher_client, "Publisher")
    convention = ConventionFactory(complete=True)
    earlier = edited_twice(publisher_client, convention, "Intitulé d'origine", "Intitulé publié")
    member_of(client, "Editor")

    page = client.get(restore_url(convention, earlier))
    assert page.context["revert_disabled"] is True
    response = client.post(restore_url(convention, earlier), form_values(page))

    assert response.status_code == 403
    convention.refresh_from_db()
    assert convention.title_fr == "Intitulé publié"


def test_an_editor_may_not_bring_back_a_draft_version_of_a_convention_now_published(client):
    editor = member_of(client, "Editor")
    convention = ConventionFactory(draft=True, complete=True)
    draft_version = edited_twice(client, convention, "Brouillon", "Brouillon relu")
    convention.refresh_from_db()
    publication.stamp(convention, State.PUBLISHED)
    convention.save()

    response = client.post(restore_url(convention, draft_version), {"title_fr": "Brouillon"})

    assert response.status_code == 403
    convention.refresh_from_db()
    assert (convention.title_fr, convention.publication_state) == ("Brouillon relu", State.PUBLISHED)
    assert not convention.history.filter(history_user=editor, title_fr="Brouillon", publication_state=State.PUBLISHED)


def test_an_editor_restores_a_draft(client):
    member_of(client, "Editor")
    convention = ConventionFactory(draft=True)
    earlier = edited_twice(client, convention, "Version une", "Version deux")
    assert restore(client, convention, earlier).status_code == 302
    convention.refresh_from_db()
    assert convention.title_fr == "Version une"


def test_a_restore_is_refused_when_someone_saved_since_it_was_opened(admin_client):
    convention = ConventionFactory(draft=True)
    earlier = edited_twice(admin_client, convention, "Version une", "Version deux")
    page = admin_client.get(restore_url(convention, earlier))
    post_change_form(admin_client, convention, open_change_form(admin_client, convention), title_fr="Version trois")

    response = admin_client.post(restore_url(convention, earlier), form_values(page))

    assert response.status_code == 200
    assert "depuis que vous l&#x27;avez ouvert" in response.text
    convention.refresh_from_db()
    assert convention.title_fr == "Version trois"


def test_the_history_link_is_on_the_change_page(admin_client):
    convention = ConventionFactory(draft=True)
    page = open_change_form(admin_client, convention)
    assert admin_url(convention, "history") in page.text
