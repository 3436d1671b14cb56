"""The register's FilterSets are built once per class (core.filters), yet
each request filters with its own: its filters answer to it, and what one
request changes in its form (a writer's wider actor names) never reaches
the next."""

import pytest
from django.contrib.auth.models import Permission, User
from django.test import RequestFactory

from conventions.filters import ConventionFilterSet, resolve_actor
from conventions.models import Convention
from tests import factories as f

pytestmark = pytest.mark.django_db


def filterset(data=None, user=None):
    request = RequestFactory().get("/fr/conventions/")
    request.user = user
    return ConventionFilterSet(data, queryset=Convention.objects.all(), request=request)


def test_each_filter_set_has_its_own_filters_answering_to_it():
    first, second = filterset({"q": "automobile"}), filterset({"q": "textile"})
    assert first.filters["q"] is not second.filters["q"]
    assert first.filters["q"].parent is first and second.filters["q"].parent is second
    assert not hasattr(ConventionFilterSet.base_filters["q"], "parent")


def test_a_filter_by_method_filters_its_own_request():
    automobile = f.ConventionFactory(title="Intégration locale de l'automobile")
    textile = f.ConventionFactory(title="Filière textile et habillement")
    Convention.objects.all().refresh_search_text()
    first, second = filterset({"q": "automobile"}), filterset({"q": "textile"})
    assert list(second.qs) == [textile]
    assert list(first.qs) == [automobile]


def test_the_form_class_is_built_once_and_each_form_has_its_own_fields():
    first, second = filterset({}), filterset({})
    assert type(first.form) is type(second.form)
    assert first.form.fields["actor"] is not second.form.fields["actor"]


def test_a_writer_s_wider_actor_names_do_not_reach_the_next_anonymous_reader():
    writer = User.objects.create_user("writer")
    writer.user_permissions.add(Permission.objects.get(codename="view_convention"))
    wider = filterset({}, writer).form.fields["actor"].resolve
    assert wider is not resolve_actor and wider.keywords["by_slug"] is not None
    assert filterset({}).form.fields["actor"].resolve is resolve_actor
