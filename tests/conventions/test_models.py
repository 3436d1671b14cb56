import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from conventions import services
from conventions.models import Convention, FollowUpAction, Objective
from core.dates import DatePrecision
from tests import factories as f

pytestmark = pytest.mark.django_db
D = datetime.date


def test_published_lists_only_published_conventions():
    published = f.ConventionFactory()
    f.ConventionFactory(draft=True)
    f.ConventionFactory(publication_state=Convention.PublicationState.REVIEW, published_at=None)
    f.ConventionFactory(publication_state=Convention.PublicationState.ARCHIVED)
    assert list(Convention.objects.published()) == [published]


def test_publishing_records_when_and_by_whom(django_user_model):
    publisher = django_user_model.objects.create_superuser("publisher")
    convention = f.ConventionFactory(draft=True, complete=True)
    published = services.transition(convention=convention, state=Convention.PublicationState.PUBLISHED, user=publisher)
    assert published.published_at is not None
    assert published.published_by == publisher


def test_a_published_convention_without_a_publication_date_is_refused_by_the_database():
    convention = f.ConventionFactory(draft=True)
    convention.publication_state = Convention.PublicationState.PUBLISHED
    with pytest.raises(IntegrityError), transaction.atomic():
        convention.save()


def test_a_slug_is_made_from_the_title_when_missing():
    convention = f.ConventionFactory(slug="", title="Convention CAM – AMICA : décarbonation")
    assert convention.slug == "convention-cam-amica-decarbonation"


# The factories' convention is signed on 12 February 2025, and a figure dated
# before the signature is context, never progress (conventions/progress.py):
# the measurements below are dated after it. The rule's edge cases are in
# tests/conventions/test_progress.py.
AFTER_SIGNATURE = D(2025, 3, 1)


def test_progress_runs_from_zero_to_the_target():
    measurement = f.MeasurementFactory(
        objective__target_value=Decimal(34_000_000_000),
        objective__unit="MAD",
        value=Decimal(21_000_000_000),
        measured_on=AFTER_SIGNATURE,
    )
    assert round(measurement.objective.progress_ratio(), 2) == 0.62


def test_progress_runs_from_the_baseline():
    # Industry at 14 % of GDP, aiming at 23 %: reaching 18.5 % is half way.
    objective = f.ObjectiveFactory(baseline_value=Decimal(14), target_value=Decimal(23), unit="% du PIB")
    f.MeasurementFactory(objective=objective, value=Decimal("18.5"), measured_on=AFTER_SIGNATURE)
    assert objective.progress_ratio() == 0.5


def test_progress_uses_the_latest_measurement():
    objective = f.ObjectiveFactory(target_value=Decimal(100))
    f.MeasurementFactory(objective=objective, value=Decimal(80), measured_on=D(2024, 1, 1))
    f.MeasurementFactory(objective=objective, value=Decimal(20), measured_on=D(2020, 1, 1))
    assert objective.latest_measurement().value == Decimal(80)


def test_an_objective_without_measurement_has_no_progress():
    objective = f.ObjectiveFactory()
    assert objective.progress_ratio() is None
    assert objective.progress_status() == Objective.Progress.NO_DATA


def test_an_objective_met_is_reached():
    objective = f.ObjectiveFactory(target_value=Decimal(130_000_000_000), unit="MAD")
    f.MeasurementFactory(
        objective=objective, value=Decimal(157_000_000_000), measured_on=D(2025, 1, 1), measured_on_precision="year"
    )
    assert objective.progress_status() == Objective.Progress.REACHED


def test_a_figure_from_before_the_signature_never_makes_an_objective_reached():
    # The 2024 record, signed in 2025: the starting point, not an achievement.
    objective = f.ObjectiveFactory(target_value=Decimal(130_000_000_000), unit="MAD")
    f.MeasurementFactory(
        objective=objective, value=Decimal(157_000_000_000), measured_on=D(2024, 1, 1), measured_on_precision="year"
    )
    assert objective.progress_status() != Objective.Progress.REACHED
    assert objective.progress_ratio() == 0.0


def test_an_objective_short_of_target_is_late_by_its_horizon_year_then_missed():
    # Signed in 2016, due by 2020: on the horizon's last day 100 % is expected.
    objective = f.ObjectiveFactory(
        target_value=Decimal(13340), horizon_on=D(2020, 1, 1), convention__signed_on=D(2016, 1, 1)
    )
    f.MeasurementFactory(objective=objective, value=Decimal(5000))
    assert objective.progress_status(today=D(2020, 12, 31)) == Objective.Progress.LATE
    assert objective.progress_status(today=D(2021, 1, 1)) == Objective.Progress.MISSED


def test_an_objective_must_have_one_owner_to_validate():
    objective = f.ObjectiveFactory.build(convention=None)
    with pytest.raises(ValidationError):
        objective.clean()


def test_an_open_action_past_its_due_date_is_overdue():
    action = f.FollowUpActionFactory(due_on=D(2025, 1, 31))
    assert action.is_overdue(today=D(2025, 2, 1))
    assert list(FollowUpAction.objects.overdue(today=D(2025, 2, 1))) == [action]


def test_a_done_action_is_never_overdue():
    action = f.FollowUpActionFactory(due_on=D(2025, 1, 31), state=FollowUpAction.State.DONE)
    assert not action.is_overdue(today=D(2026, 1, 1))
    assert not FollowUpAction.objects.overdue(today=D(2026, 1, 1)).exists()


def test_a_party_signed_by_is_known_only_when_the_source_says_so():
    person = f.PersonFactory(name="Ryad Mezzour")
    spoke = f.PartyFactory(representative=person, representative_capacity="spoke")
    signed = f.PartyFactory(representative=person, representative_capacity="signed")
    assert spoke.signed_by is None
    assert signed.signed_by == person


def test_a_representative_entered_without_a_capacity_has_not_signed():
    party = f.PartyFactory(representative=f.PersonFactory())
    assert party.signed_by is None


def test_the_document_page_link_opens_the_cited_page():
    document = f.DocumentFactory()
    commitment = f.CommitmentFactory(party__convention=document.convention, document=document, page=4)
    assert commitment.citation_url() == f"/documents/{document.pk}/#page=4"


def test_a_month_horizon_ends_on_the_last_day_of_the_month():
    objective = f.ObjectiveFactory(horizon_on=D(2024, 2, 1), horizon_on_precision=DatePrecision.MONTH)
    assert objective.horizon_end == D(2024, 2, 29)


def test_an_action_due_in_a_month_is_overdue_only_once_the_month_is_over():
    action = f.FollowUpActionFactory(due_on=D(2026, 6, 1), due_on_precision=DatePrecision.MONTH)
    assert not action.is_overdue(today=D(2026, 6, 30))
    assert not FollowUpAction.objects.overdue(today=D(2026, 6, 30)).exists()
    assert action.is_overdue(today=D(2026, 7, 1))
    assert FollowUpAction.objects.overdue(today=D(2026, 7, 1)).exists()


def test_an_action_due_in_a_year_is_overdue_from_the_next_year():
    action = f.FollowUpActionFactory(due_on=D(2025, 1, 1), due_on_precision=DatePrecision.YEAR)
    assert not FollowUpAction.objects.overdue(today=D(2025, 12, 31)).exists()
    assert list(FollowUpAction.objects.overdue(today=D(2026, 1, 1))) == [action]


def test_in_progress_is_worded_apart_for_an_objective_and_an_action():
    # One French label, two meanings: Arabic says an objective is being
    # achieved and an action is being carried out.
    on_track, in_progress = Objective.Progress.ON_TRACK, FollowUpAction.State.IN_PROGRESS
    with translation.override("fr"):
        assert on_track.label == in_progress.label == "En cours"
    with translation.override("ar"):
        assert (on_track.label, in_progress.label) == ("قيد التحقيق", "قيد الإنجاز")
