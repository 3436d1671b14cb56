"""A convention is found by what it shows today: renaming an actor, giving it
a former name, renaming a plan, a sector or a representative reindexes the
conventions that show them, whichever path wrote the change."""

import pytest
from django.contrib.auth.models import Permission, User
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from actors.models import ActorName
from conventions.models import Convention
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def convention():
    convention = f.ConventionFactory(title="Accompagnement financier")
    ministry = f.ActorFactory(name="Ministère de l'Industrie, du Commerce et de l'Économie Numérique", acronym="")
    f.PartyFactory(convention=convention, actor=ministry)
    f.PartyFactory(convention=convention, actor=f.ActorFactory(name="Crédit Agricole du Maroc", acronym="CAM"))
    convention.sources.add(f.SourceFactory())
    Convention.objects.refresh_search_text()
    return convention


def found(query):
    return list(Convention.objects.search(query).values_list("pk", flat=True))


def ministry_of(convention):
    return convention.parties.get(actor__acronym="").actor


def test_a_renamed_actor_is_found_by_its_new_name(convention, django_capture_on_commit_callbacks):
    actor = ministry_of(convention)
    with django_capture_on_commit_callbacks(execute=True):
        actor.name = "Ministère de l'Industrie et du Commerce"
        actor.save()
    assert found("Industrie et du Commerce") == [convention.pk]
    assert found("Économie Numérique") == []


def test_the_old_name_recorded_as_former_name_still_finds_it(convention, django_capture_on_commit_callbacks):
    actor = ministry_of(convention)
    with django_capture_on_commit_callbacks(execute=True):
        ActorName.objects.create(actor=actor, name=actor.name, kind=ActorName.Kind.FORMER)
        actor.name = "Ministère de l'Industrie et du Commerce"
        actor.save()
    assert found("Économie Numérique") == [convention.pk]
    assert found("Industrie et du Commerce") == [convention.pk]


def test_a_new_acronym_finds_it(convention, django_capture_on_commit_callbacks):
    actor = ministry_of(convention)
    with django_capture_on_commit_callbacks(execute=True):
        actor.acronym = "MICEVN"
        actor.save()
    assert found("micevn") == [convention.pk]


def test_a_deleted_former_name_no_longer_finds_it(convention, django_capture_on_commit_callbacks):
    actor = ministry_of(convention)
    with django_capture_on_commit_callbacks(execute=True):
        other = ActorName.objects.create(actor=actor, name="Département du Commerce extérieur")
    assert found("Commerce extérieur") == [convention.pk]
    with django_capture_on_commit_callbacks(execute=True):
        other.delete()
    assert found("Commerce extérieur") == []


def test_a_renamed_plan_and_sector_are_followed(convention, django_capture_on_commit_callbacks):
    plan, sector = f.PlanFactory(name="Plan de relance"), f.SectorFactory(name="Automobile")
    convention.plans.add(plan)
    convention.sectors.add(sector)
    Convention.objects.refresh_search_text()
    with django_capture_on_commit_callbacks(execute=True):
        plan.name = "Plan d'Accélération Industrielle"
        plan.save()
        sector.name = "Aéronautique"
        sector.save()
    assert found("Accélération") == [convention.pk]
    assert found("aeronautique") == [convention.pk]


def test_a_representative_is_found_by_name(convention, django_capture_on_commit_callbacks):
    person = f.PersonFactory(name="Mohamed Fikrat")
    party = convention.parties.get(actor__acronym="CAM")
    party.representative = person
    party.save()
    Convention.objects.refresh_search_text()
    assert found("Fikrat") == [convention.pk]
    with django_capture_on_commit_callbacks(execute=True):
        person.name = "Mohammed Fikrat"
        person.save()
    assert found("Mohammed") == [convention.pk]


def test_a_rolled_back_rename_leaves_the_search_text_alone(convention):
    before = Convention.objects.get(pk=convention.pk).search_text
    actor = ministry_of(convention)
    actor.name = "Nom jamais enregistré"
    actor.save()  # in the test's transaction: on_commit never runs
    assert Convention.objects.get(pk=convention.pk).search_text == before


def test_an_api_patch_of_a_convention_reindexes_it_at_once(convention):
    user = User.objects.create_user("writer")
    user.user_permissions.add(*Permission.objects.filter(codename__in=["change_convention", "publish_convention"]))
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    response = api.patch(f"/api/v1/conventions/{convention.slug}/", {"event": "Salon de Tanger"}, format="json")
    assert response.status_code == 200, response.json()
    assert found("Salon Tanger") == [convention.pk]
