"""A cache that is never stale: everything is keyed by the register's version.

Every write to the register (actors, plans, conventions and everything that
hangs from them) changes the version inside the write's own transaction: by
signal for each saved or deleted row and many-to-many change, and by an
explicit `bump()` where rows are written in bulk (the service layer's
`finish`, the search text's rebuild, the synthetic generator, a restored
backup). A reader takes the version first and the data after, in that order,
so what it caches under a version is at least as new as that version; the
next write makes a new version and every key made before is never read again.

Two uses:
- `remember(name, parts, compute)`: a value computed from the register (facet
  counts, totals, counts for pagination), shared by every page and worker.
- `PublicCacheMiddleware`: whole anonymous responses (pages, API reads,
  feeds, sitemaps) with an ETag made from the version, so a client holding it
  gets 304 without anything being rendered.

The cache is Redis when REDIS_URL is set, else Django's database cache (one
table, created by core's migrations): both are shared by every worker and
host, unlike a per-process memory cache, which could not see another
worker's writes.
"""

import contextlib
import contextvars
import functools
import hashlib
import uuid
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import IntegrityError, connections, router, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from . import throttling

# Long enough for a quiet register to stay cached for a day; a write makes
# every older key unreachable anyway, and both backends evict the unread ones.
TIMEOUT = 24 * 60 * 60
# Bigger bodies (a whole-register JSON) are not worth the cache's memory.
MAX_BODY = 2 * 1024 * 1024


def shared():
    """The cache every worker and host shares (settings.REGISTER_CACHE_ALIAS)."""
    return caches[settings.REGISTER_CACHE_ALIAS]


# --- The version --------------------------------------------------------------


# The version an anonymous read took when it began: its facet counts and
# totals are keyed by the same version as the page that shows them.
_reading = contextvars.ContextVar("register_version", default=None)


_READ_VERSION = "SELECT token FROM core_registerversion WHERE id = 1"


def current() -> str:
    """The register's version token: the one the current anonymous read
    began with, else read from the database."""
    from .models import RegisterVersion

    reading = _reading.get()
    if reading and reading[0]:
        return reading[0]

    # Raw SQL: read on every anonymous request, and the ORM's compilation
    # costs more than the query. Through the router, like the page's data.
    database = router.db_for_read(RegisterVersion)
    with connections[database].cursor() as cursor:
        cursor.execute(_READ_VERSION)
        row = cursor.fetchone()
    token = row[0] if row else None
    if token is None:
        # A flushed database (tests) or one created without core's data migration.
        token = _create()
    if reading is not None:
        reading[0] = token
    return token


def _create() -> str:
    from .models import RegisterVersion

    try:
        with transaction.atomic():
            return RegisterVersion.objects.create(pk=1, number=1, token=uuid.uuid4().hex).token
    except IntegrityError:
        return RegisterVersion.objects.values_list("token", flat=True).get(pk=1)


# Set inside `one_version()`: writes mark the version to bump, once, at the end.
_coalescing = contextvars.ContextVar("register_coalescing", default=None)


@contextlib.contextmanager
def one_version():
    """The writes inside make one new version, when they are done (an import
    of 500 conventions: one UPDATE of the version, not 500). Use it inside
    the writes' transaction."""
    pending = [False]
    token = _coalescing.set(pending)
    try:
        yield
    finally:
        _coalescing.reset(token)
    if pending[0]:
        bump()


def bump() -> None:
    """Give the register a new version. Call it inside the transaction that
    writes, so the new version and the new data become visible together."""
    from .models import RegisterVersion

    if (pending := _coalescing.get()) is not None:
        pending[0] = True
        return

    changed = RegisterVersion.objects.filter(pk=1).update(
        number=F("number") + 1, token=uuid.uuid4().hex, changed_at=timezone.now()
    )
    if not changed:
        _create()


def after_migrate(sender, using="default", **kwargs):
    from django.core.management import call_command

    from .models import RegisterVersion

    # The database cache's table, for whichever caches are configured now: a
    # register first migrated with Redis may later run without it.
    call_command("createcachetable", database=using, verbosity=0)
    if RegisterVersion._meta.db_table in connections[using].introspection.table_names():
        with transaction.atomic(using=using):
            bump()


def _on_write(sender, **kwargs):
    if kwargs.get("raw"):  # loaddata: the loader bumps once at the end
        return
    bump()


def _on_m2m(sender, action, **kwargs):
    if action.startswith("post_"):
        bump()


def connect() -> None:
    """Bump the version on every save, delete and many-to-many change of the
    register's models (history rows excluded: the public never sees them)."""
    from django.apps import apps
    from simple_history.models import HistoricalChanges

    for label in settings.REGISTER_APPS:
        for model in apps.get_app_config(label).get_models():
            if issubclass(model, HistoricalChanges):
                continue
            post_save.connect(_on_write, sender=model, dispatch_uid=f"register-version-save-{model._meta.label}")
            post_delete.connect(_on_write, sender=model, dispatch_uid=f"register-version-delete-{model._meta.label}")
            for field in model._meta.local_many_to_many:
                m2m_changed.connect(
                    _on_m2m, sender=field.remote_field.through, dispatch_uid=f"register-version-m2m-{field}"
                )


# --- Values computed from the register ----------------------------------------


@functools.cache
def code_release() -> str:
    """A digest of the code and templates that make what is cached: hosts of
    two releases share one cache during a rolling deployment, and neither may
    read what the other's code computed (a new field, another page)."""
    from django.apps import apps

    digest = hashlib.sha256()
    root = Path(settings.BASE_DIR)
    # The project's own apps (folders of BASE_DIR), its settings and templates.
    ours = {Path(config.path).name for config in apps.get_app_configs() if Path(config.path).parent == root}
    for folder in sorted(ours | {"config", "templates"}):
        for path in sorted((root / folder).rglob("*")):
            if path.suffix in (".py", ".html", ".txt", ".xml") and "migrations" not in path.parts:
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(path.read_bytes())
    for catalogue in sorted(root.glob("locale/*/LC_MESSAGES/django.mo")):
        digest.update(catalogue.read_bytes())
    return digest.hexdigest()[:12]


def _digest(*parts) -> str:
    return hashlib.sha256(repr((code_release(), parts)).encode()).hexdigest()[:32]


def remember(name: str, parts, compute, *, version: str | None = None):
    """`compute()`, or what it gave for the same name, parts, language and
    register version. Not for anything that depends on who asks."""
    version = version or current()
    key = f"shiraka:{name}:{_digest(version, get_language(), parts)}"
    cache = shared()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value


# --- Whole anonymous responses ------------------------------------------------

# What a response's body depends on besides the address, the language and the
# data: absolute links are built from the host and scheme; the API chooses its
# format from Accept (pages do not: browsers' Accept strings would only split
# the cache).
_KEYED_HEADERS = ("HTTP_HOST", "HTTP_X_FORWARDED_PROTO")
# Headers a cached response keeps; the outer middleware (security, CSP,
# frame options, conditional GET) adds the rest on every answer.
_KEPT_HEADERS = ("Content-Type", "Content-Language", "Content-Disposition", "Last-Modified", "Link", "Allow", "Vary")


# Staff pages, and answers that depend on the code rather than on the register
# (the API's schema and its documentation pages).
_NOT_REGISTER = ("/admin/", "/i18n/", "/api/schema", "/api/docs", "/healthz", "/livez")


class PublicCacheMiddleware:
    """Serves anonymous GET and HEAD requests from the cache, keyed by the
    register version, the address, the language, the date (a follow-up action
    becomes overdue at midnight) and the request headers the answer depends
    on. Staff, API clients with a token, the admin and anything that sets a
    cookie or says `no-store` are never cached."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._anonymous_read(request):
            return self.get_response(request)
        # Read once, when first needed (a page without counts never needs it).
        reading = _reading.set([None])
        try:
            if not settings.PUBLIC_CACHE:
                return self.get_response(request)
            return self._answer(request, current())
        finally:
            _reading.reset(reading)

    def _answer(self, request, version):
        key = _digest(
            version,
            timezone.localdate().isoformat(),
            get_language(),
            request.get_full_path(),
            [request.META.get(name, "") for name in _KEYED_HEADERS],
            request.META.get("HTTP_ACCEPT", "") if request.path.startswith("/api/") else "",
        )
        etag = f'"{key}"'
        if etag in _etags(request.META.get("HTTP_IF_NONE_MATCH", "")):
            response = HttpResponseNotModified()
        elif (stored := shared().get(f"shiraka:page:{key}")) is not None:
            response = HttpResponse(stored["content"], status=stored["status"])
            for name, value in stored["headers"]:
                response[name] = value
            response["X-Register-Cache"] = "hit"
        else:
            response = None
        if response is not None:
            # Answered without reaching the API's views: their rate limit applies here.
            if request.path.startswith("/api/") and (refused := throttling.refused(request)):
                return refused
            response["ETag"] = etag
            return response
        response = self.get_response(request)
        # The API authenticates on its own (a token, a session the API reads):
        # an answer made for a user, whoever asked, is never kept.
        if self._cacheable_response(response) and not request.user.is_authenticated:
            headers = [(name, response[name]) for name in _KEPT_HEADERS if response.has_header(name)]
            shared().set(
                f"shiraka:page:{key}",
                {"status": response.status_code, "content": response.content, "headers": headers},
                TIMEOUT,
            )
            response["ETag"] = etag
            response["X-Register-Cache"] = "miss"
        elif self._public_stream(response) and not request.user.is_authenticated:
            # Too big to keep (a whole-register export), but the same key says
            # "unchanged": a client sending this ETag back gets 304 above,
            # without the export being made again.
            response["ETag"] = etag
        return response

    def _anonymous_read(self, request) -> bool:
        if request.method not in ("GET", "HEAD"):
            return False
        if request.path.startswith(_NOT_REGISTER) or "HTTP_AUTHORIZATION" in request.META:
            return False
        return not request.user.is_authenticated

    def _public_stream(self, response) -> bool:
        return (
            response.status_code == 200
            and response.streaming
            and not response.cookies
            and "no-store" not in response.get("Cache-Control", "")
            and "private" not in response.get("Cache-Control", "")
        )

    def _cacheable_response(self, response) -> bool:
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and len(response.content) <= MAX_BODY
            and "no-store" not in response.get("Cache-Control", "")
            and "private" not in response.get("Cache-Control", "")
        )


def _etags(header: str) -> set[str]:
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}


# --- Template fragments -------------------------------------------------------


def fragments(request):
    """Context processor for Django's `{% cache %}` tag: `register_fragment`
    names the register's version, the release and the language (a fragment
    cached under it is never stale), `register_cache` the shared cache's
    alias. Lazy: a page without fragments reads nothing."""
    return {
        "register_fragment": SimpleLazyObject(lambda: _digest(current(), get_language())),
        "register_cache": settings.REGISTER_CACHE_ALIAS,
        "register_cache_timeout": TIMEOUT,
    }
