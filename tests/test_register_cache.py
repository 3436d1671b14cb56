"""The register's cache is never stale: every write changes the register's
version, anonymous answers are kept per version, and a client holding an
answer's ETag gets 304 without anything being rendered."""

import datetime

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient
from simple_history.models import HistoricalChanges

from actors import services as actor_services
from conventions import services
from conventions.models import Convention
from core import cache as register_cache
from core.models import RegisterVersion
from tests import factories as f

pytestmark = pytest.mark.django_db

LIST = "/fr/conventions/"


def version():
    return RegisterVersion.objects.get(pk=1).token


@pytest.fixture
def published():
    convention = f.ConventionFactory(slug="publiee", title="Convention Oujda", place="Oujda")
    f.PartyFactory(convention=convention)
    f.PartyFactory(convention=convention)
    f.SourceFactory().conventions.add(convention)
    return convention


def test_a_repeated_anonymous_request_is_answered_from_the_cache(client, published):
    first = client.get(LIST)
    again = client.get(LIST)
    assert first["X-Register-Cache"] == "miss"
    assert again["X-Register-Cache"] == "hit"
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]


def test_an_answer_from_the_cache_costs_one_query(client, published):
    client.get(f"/fr/conventions/{published.slug}/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/fr/conventions/{published.slug}/")["X-Register-Cache"] == "hit"
    assert len(queries) == 1
    assert "core_registerversion" in queries[0]["sql"]


def test_a_cached_answer_keeps_the_security_headers(client, published):
    first = client.get(LIST)
    again = client.get(LIST)
    for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options"):
        assert again[header] == first[header]


def test_the_etag_answers_304_without_rendering(client, published):
    etag = client.get(LIST)["ETag"]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert len(queries) == 1  # the register's version


def test_a_write_changes_the_etag(client, published):
    etag = client.get(LIST)["ETag"]
    published.place = "Tanger"
    published.save()
    assert client.get(LIST, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_a_write_through_the_service_layer_shows_at_once(client, published, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "a@example.org", "pw")
    assert "Oujda" in client.get(f"/fr/conventions/{published.slug}/").text
    services.convention_update(convention=published, fields={"place": "Kénitra"}, user=user)
    page = client.get(f"/fr/conventions/{published.slug}/")
    assert page["X-Register-Cache"] == "miss"
    assert "Kénitra" in page.text


def test_an_actor_renamed_is_found_by_its_new_name_at_once(
    client, published, django_user_model, django_capture_on_commit_callbacks
):
    """The search text is rebuilt after the rename commits, without a signal
    of its own: the rebuild itself makes a new version."""
    user = django_user_model.objects.create_superuser("admin", "a@example.org", "pw")
    actor = published.parties.first().actor
    assert published.slug not in client.get(LIST, {"q": "Zenata"}).text
    with django_capture_on_commit_callbacks(execute=True):
        actor_services.actor_update(actor=actor, user=user, fields={"name": "Zenata Industries"})
    assert published.slug in client.get(LIST, {"q": "Zenata"}).text


def test_unpublishing_removes_the_convention_from_every_cached_answer(client, published, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "a@example.org", "pw")
    pages = [LIST, f"/fr/conventions/{published.slug}/", "/api/v1/conventions/", "/sitemap-conventions.xml", "/fr/"]
    for page in pages:
        client.get(page)
    services.transition(convention=published, state=Convention.PublicationState.ARCHIVED, user=user)
    for page in pages:
        response = client.get(page)
        assert published.slug not in response.content.decode() or response.status_code == 410, page


@pytest.mark.parametrize(
    "model",
    [
        m
        for label in settings.REGISTER_APPS
        for m in apps.get_app_config(label).get_models()
        if not issubclass(m, HistoricalChanges)
    ],
    ids=lambda m: m._meta.label,
)
def test_every_save_and_delete_of_the_register_changes_the_version(model):
    # Every model of the register has its factory: a new model without one fails here.
    obj = getattr(f, f"{model.__name__}Factory")()
    before = version()
    obj.save()
    after_save = version()
    obj.delete()
    assert before != after_save != version()


def test_a_many_to_many_change_changes_the_version(published):
    sector = f.SectorFactory()
    before = version()
    published.sectors.add(sector)
    added = version()
    published.sectors.remove(sector)
    assert before != added != version()


def test_a_rolled_back_write_never_brings_an_old_version_back(published):
    """A token, not only a counter: a version cached under before a write that
    was rolled back is not the version after the next write."""
    from django.db import transaction

    start = version()
    with pytest.raises(RuntimeError), transaction.atomic():
        register_cache.bump()
        raise RuntimeError
    assert version() == start
    register_cache.bump()
    assert version() != start


def test_staff_answers_are_never_cached_nor_served_from_the_cache(client, published, django_user_model):
    draft = f.ConventionFactory(slug="brouillon", publication_state=Convention.PublicationState.DRAFT)
    staff = django_user_model.objects.create_user("editor", password="pw", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_convention"))
    api = APIClient()
    api.force_authenticate(staff)
    seen_by_staff = api.get("/api/v1/conventions/", {"publication_state": "all"})
    assert "X-Register-Cache" not in seen_by_staff
    anonymous = APIClient().get("/api/v1/conventions/", {"publication_state": "all"})
    assert draft.slug not in anonymous.content.decode()


def test_a_token_client_is_never_answered_from_the_cache(published, django_user_model):
    from rest_framework.authtoken.models import Token

    APIClient().get("/api/v1/conventions/")
    token = Token.objects.create(user=django_user_model.objects.create_user("integrator"))
    response = APIClient().get("/api/v1/conventions/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200
    assert "X-Register-Cache" not in response


def test_answers_depend_on_the_day(client, published, monkeypatch):
    """A follow-up action becomes overdue at midnight without any write."""
    first = client.get(LIST)["ETag"]
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args: tomorrow)
    response = client.get(LIST)
    assert response["ETag"] != first
    assert response["X-Register-Cache"] == "miss"


def test_api_answers_depend_on_the_language_asked(published):
    french = APIClient().get("/api/v1/conventions/", HTTP_ACCEPT_LANGUAGE="fr")
    english = APIClient().get("/api/v1/conventions/", HTTP_ACCEPT_LANGUAGE="en")
    assert french["ETag"] != english["ETag"]
    assert english["Content-Language"] == "en"


def test_the_schema_is_not_the_registers_to_cache(client):
    assert "X-Register-Cache" not in client.get("/api/schema/")


def test_the_cache_can_be_turned_off(client, published, settings):
    settings.PUBLIC_CACHE = False
    client.get(LIST)
    assert "X-Register-Cache" not in client.get(LIST)


@pytest.mark.parametrize("alias", ["default"])
def test_the_database_cache_serves_pages_between_workers(client, published, settings, alias):
    """Without Redis, the cache is a table of the database: what one worker
    stored, another reads (here: the same table, read back)."""
    settings.REGISTER_CACHE_ALIAS = alias
    assert settings.CACHES[alias]["BACKEND"].endswith(("DatabaseCache", "RedisCache"))
    caches[alias].clear()
    assert client.get(LIST)["X-Register-Cache"] == "miss"
    assert client.get(LIST)["X-Register-Cache"] == "hit"
    published.place = "Fès"
    published.save()
    assert client.get(LIST)["X-Register-Cache"] == "miss"


def test_redis_serves_pages_when_configured(client, published, settings):
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url("redis://127.0.0.1:6379/3", socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    settings.CACHES = {
        **settings.CACHES,
        "redis": {"BACKEND": "core.redis_cache.RedisCache", "LOCATION": "redis://127.0.0.1:6379/3"},
    }
    settings.REGISTER_CACHE_ALIAS = "redis"
    caches["redis"].clear()
    assert client.get(LIST)["X-Register-Cache"] == "miss"
    assert client.get(LIST)["X-Register-Cache"] == "hit"
    published.place = "Fès"
    published.save()
    assert client.get(LIST)["X-Register-Cache"] == "miss"
    caches["redis"].clear()


def test_big_and_streamed_answers_are_not_kept(client, published):
    response = client.get("/fr/conventions/export.csv")
    assert b"".join(response.streaming_content)  # read to the end, as a client does
    response.close()
    assert "X-Register-Cache" not in response


def test_migrations_create_the_cache_table_and_the_first_version():
    assert RegisterVersion.objects.filter(pk=1).exists()
    assert "shiraka_cache" in connection.introspection.table_names() or settings.CACHES["default"]["BACKEND"].endswith(
        "RedisCache"
    )


def test_a_deployment_starts_a_new_version():
    """Values cached by the previous release's code are not read by the next:
    every deployment runs `migrate`."""
    from django.core.management import call_command

    before = version()
    call_command("migrate", verbosity=0)
    assert version() != before


def test_writes_in_bulk_make_one_new_version():
    start = RegisterVersion.objects.get(pk=1).number
    with register_cache.one_version():
        for _ in range(5):
            f.ConventionFactory()
        assert RegisterVersion.objects.get(pk=1).number == start
    assert RegisterVersion.objects.get(pk=1).number == start + 1


def test_cache_keys_change_with_the_code(monkeypatch):
    """Two releases share the cache during a rolling deployment."""
    before = register_cache._digest("same", "parts")
    monkeypatch.setattr(register_cache, "code_release", lambda: "another release")
    assert register_cache._digest("same", "parts") != before


def facet_block(page) -> str:
    return page.text.split('class="facets"', 1)[1].split("</aside>", 1)[0]


def test_the_lists_kept_fragments_follow_every_write(client, published, django_user_model, settings):
    """The filter form and the facets are kept per selection (every page of it
    shares them), even with the page cache off; a write shows at once."""
    settings.PUBLIC_CACHE = False
    user = django_user_model.objects.create_superuser("admin", "a@example.org", "pw")
    assert "Achevée" not in facet_block(client.get(LIST))
    services.convention_update(convention=published, fields={"status": Convention.Status.COMPLETED}, user=user)
    assert "Achevée" in facet_block(client.get(LIST, {"page": 1}))


def test_the_lists_kept_fragments_are_per_language(client, published, settings):
    settings.PUBLIC_CACHE = False
    client.get(LIST)
    assert 'lang="ar"' in client.get("/ar/conventions/").text
    assert "Secteur" in client.get(LIST).text
    assert "Sector" in client.get("/en/conventions/").text
