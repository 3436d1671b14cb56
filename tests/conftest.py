import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _french_by_default():
    """The product speaks French unless a test asks otherwise."""
    with translation.override("fr"):
        yield


@pytest.fixture(autouse=True)
def _register_cache_starts_empty():
    """Each test's database starts at the same register version (its writes
    are rolled back): nothing an earlier test cached may reach this one."""
    from django.conf import settings
    from django.core.cache import caches

    from conventions import finder

    caches[settings.REGISTER_CACHE_ALIAS].clear()
    caches["throttle"].clear()
    finder.forget()  # the search's index of names, kept per version in the process


@pytest.fixture
def django_assert_num_queries(django_assert_num_queries, settings):
    """Query counts are those of the page or call itself: the page cache,
    which would answer a repeated request in one query, is off."""
    settings.PUBLIC_CACHE = False
    return django_assert_num_queries


@pytest.fixture
def django_assert_max_num_queries(django_assert_max_num_queries, settings):
    settings.PUBLIC_CACHE = False
    return django_assert_max_num_queries
