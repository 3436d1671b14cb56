"""`manage.py seed_synthetic`: a realistic synthetic register for load tests,
written in bulk, the same rows for the same seed, and never on top of an
existing register unless asked."""

import re
from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Max
from django.utils import translation

from actors.models import Actor, ActorName, Mandate, Person
from conventions import publication
from conventions.models import Convention, FollowUpAction, Measurement, Objective, Party, Source
from conventions.synthetic import SECTORS, SyntheticRegister, Taken
from core.dates import DatePrecision
from plans.models import Plan, PlanComponent, Region, Sector
from tests import factories as f

pytestmark = pytest.mark.django_db

N = 60
SEED = 7


def seed(**options) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("seed_synthetic", conventions=N, seed=SEED, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def seeded():
    return seed(batch_size=25)


def generated(seed_value: int = SEED) -> list:
    """What the generator makes for `seed_value`, without writing anything."""
    with translation.override("fr"):
        register = SyntheticRegister(
            N,
            seed_value,
            regions=list(Region.objects.order_by("code")),
            sectors={sector.slug: sector for sector in Sector.objects.filter(slug__in=[s[0] for s in SECTORS])},
            taken=Taken(),
        )
        return list(register.conventions())


def test_writes_a_register_of_the_requested_size(seeded):
    out, err = seeded
    assert Convention.objects.count() == N
    parties = Counter(Party.objects.values_list("convention", flat=True))
    assert len(parties) == N
    assert all(2 <= count <= 6 for count in parties.values())
    assert Actor.objects.count() == 50  # N / 5, at least 50
    assert Person.objects.count() == 10 and Mandate.objects.exists()
    assert ActorName.objects.exists() and Plan.objects.count() == 20
    assert PlanComponent.objects.filter(parent__isnull=False).exists()
    assert Objective.objects.filter(convention__isnull=False).exists() and Measurement.objects.exists()
    assert FollowUpAction.objects.exists() and Source.objects.exists()
    # Progress on stderr, batch by batch; the summary on stdout.
    assert "conventions : 25/60" in err and "conventions : 60/60" in err
    assert re.search(r"conventions\s+: 60\n", out) and "parties" in out


def test_every_row_holds_the_rules(seeded):
    # The check constraints held at insert; the foreign keys hold too.
    connection.check_constraints()
    for convention in Convention.objects.all():
        assert publication.problems(convention) == [] or not convention.is_published
        assert (convention.published_at is not None) == publication.is_public(convention.publication_state)
        assert 200 <= len(convention.summary) <= 600
        assert len({party.actor_id for party in convention.parties.all()}) == convention.parties.count()
    for model, field in [(Convention, "signed_on"), (FollowUpAction, "due_on"), (Measurement, "measured_on")]:
        for value, precision in model.objects.values_list(field, f"{field}_precision"):
            assert (value is None) == (precision == DatePrecision.UNKNOWN)
            if precision == DatePrecision.MONTH:
                assert value.day == 1
            if precision == DatePrecision.YEAR:
                assert (value.month, value.day) == (1, 1)
    assert not Convention.objects.filter(signed_on__isnull=True, signed_on_note="").exists()
    # The ids chosen by the generator leave room for ordinary writes (PostgreSQL's sequences moved on).
    largest = Convention.objects.aggregate(largest=Max("pk"))["largest"]
    assert f.PartyFactory(convention=f.ConventionFactory()).convention.pk > largest


def test_the_same_seed_gives_the_same_rows(seeded):
    written = list(Convention.objects.order_by("pk"))
    again = generated()
    assert [c.title for c in written] == [bundle.convention.title_fr for bundle in again]
    assert [c.slug for c in written] == [bundle.convention.slug for bundle in again]
    assert [c.signed_on for c in written] == [bundle.convention.signed_on for bundle in again]
    assert [[party.actor.slug for party in convention.parties.order_by("position")] for convention in written] == [
        [party.actor.slug for party in bundle.parties] for bundle in again
    ]
    # The batch size (25 above) does not change the rows; another seed does.
    assert [bundle.convention.title_fr for bundle in generated(SEED + 1)] != [c.title for c in written]


def test_shapes_are_realistic(seeded):
    states = Counter(Convention.objects.values_list("publication_state", flat=True))
    assert 0.7 <= states["published"] / N <= 0.97
    busiest = Counter(Party.objects.values_list("actor", flat=True)).most_common(2)
    top = Actor.objects.get(pk=busiest[0][0])
    assert top.kind == Actor.Kind.MINISTRY
    assert 0.2 <= busiest[0][1] / N <= 0.5
    assert busiest[1][1] < busiest[0][1]


def test_search_finds_a_convention_by_a_word_of_its_title(seeded):
    convention = Convention.objects.published().order_by("pk").first()
    word = max(re.findall(r"[^\W\d_]+", convention.title), key=len)
    assert convention in Convention.objects.search(word)


def test_the_search_text_is_the_one_a_refresh_computes(seeded):
    before = dict(Convention.objects.values_list("pk", "search_text"))
    Convention.objects.all().refresh_search_text()
    assert dict(Convention.objects.values_list("pk", "search_text")) == before


def test_refuses_a_register_that_is_not_empty_unless_appending(seeded):
    first = list(Convention.objects.order_by("pk").values_list("pk", "slug", "title", "updated_at"))
    with pytest.raises(CommandError, match="--append"):
        seed()
    assert Convention.objects.count() == N
    seed(append=True)
    assert Convention.objects.count() == 2 * N
    # What was there is untouched; the newcomers took free slugs.
    assert list(Convention.objects.order_by("pk").values_list("pk", "slug", "title", "updated_at")[:N]) == first
    connection.check_constraints()
