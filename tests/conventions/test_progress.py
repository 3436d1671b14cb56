"""Progress and status as of a date (issue #11): the one rule of
conventions/progress.py, its edge cases and properties, and where it shows
(the models, the objective block, the API's ?as_of=, the « Méthode » page)."""

import datetime
import html
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from conventions import progress
from conventions.models import Objective
from core.dates import DatePrecision
from tests import factories as f

D = datetime.date
DAY, MONTH, YEAR = DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR


@dataclass(frozen=True)
class M:
    """A measurement as the rule reads it."""

    value: Decimal
    measured_on: datetime.date
    measured_on_precision: str = DAY
    pk: int | None = None


def m(value, on, precision=DAY):
    return M(Decimal(value), on, precision)


def terms(**kwargs):
    values = {"target": Decimal(100), "comparator": progress.AT_LEAST}
    values.update({k: Decimal(v) if k in ("target", "baseline") and v is not None else v for k, v in kwargs.items()})
    return progress.Terms(**values)


# A jobs objective of a convention signed on 1 January 2016, due by 2020 (ends 31 December 2020).
JOBS = terms(target=13_340, horizon_end=D(2020, 12, 31), convention=True, signed_on=D(2016, 1, 1))


# --- The rule ---------------------------------------------------------------


def test_the_issue_example_two_thirds_halfway_is_on_track_as_of_the_measurement():
    # 2 July 2018 is day 913 of the 1 826 from 1 January 2016 to 31 December 2020: half way.
    reading = progress.read(JOBS, [m(8_894, D(2018, 7, 2))], D(2018, 7, 2))
    assert reading.expected == 0.5
    assert round(reading.progress, 3) == 0.667
    assert reading.status == progress.ON_TRACK
    assert reading.measurement.value == Decimal(8_894)


def test_the_same_figure_slides_to_at_risk_then_late_then_missed_as_time_passes():
    figures = [m(8_900, D(2018, 7, 2))]
    assert progress.read(JOBS, figures, D(2020, 1, 2)).status == progress.AT_RISK
    assert progress.read(JOBS, figures, D(2020, 10, 1)).status == progress.LATE
    assert progress.read(JOBS, figures, D(2021, 1, 1)).status == progress.MISSED


def test_the_tolerances_are_ten_and_twenty_five_points():
    assert progress.ON_TRACK_TOLERANCE == Decimal("0.10")
    assert progress.AT_RISK_TOLERANCE == Decimal("0.25")
    # Half way (expected 50 %): 40 % is on track, 39 % at risk, 25 % at risk, 24 % late.
    half = D(2018, 7, 2)
    objective = terms(target=100, horizon_end=D(2020, 12, 31), convention=True, signed_on=D(2016, 1, 1))
    statuses = [progress.read(objective, [m(v, half)], half).status for v in (40, 39, 25, 24)]
    assert statuses == [progress.ON_TRACK, progress.AT_RISK, progress.AT_RISK, progress.LATE]


def test_no_measurement_is_no_data_even_after_the_horizon():
    for as_of in (D(2018, 1, 1), D(2030, 1, 1)):
        reading = progress.read(JOBS, [], as_of)
        assert reading.status == progress.NO_DATA
        assert reading.progress is None and reading.measurement is None
    assert progress.read(JOBS, [], D(2018, 7, 2)).expected == 0.5


def test_a_measurement_after_the_date_read_does_not_exist_yet():
    reading = progress.read(JOBS, [m(13_400, D(2019, 6, 1))], D(2019, 5, 31))
    assert reading.status == progress.NO_DATA


def test_a_target_equal_to_the_baseline_is_all_or_nothing():
    flat = terms(target=50, baseline=50, comparator=progress.UNSAID, horizon_end=D(2030, 12, 31), baseline_year=2020)
    assert progress.read(flat, [m(50, D(2022, 1, 1))], D(2022, 1, 1)).progress == 1.0
    assert progress.read(flat, [m(50, D(2022, 1, 1))], D(2022, 1, 1)).status == progress.REACHED
    short = progress.read(flat, [m(49, D(2022, 1, 1))], D(2022, 1, 1))
    assert short.progress == 0.0 and short.status != progress.REACHED


def test_a_decreasing_indicator_runs_from_the_baseline_down_to_the_target():
    # At most 30, from 40 in 2020, by 2024: 36 measured for 2022 is 40 % of the way, 60 % expected.
    falling = terms(
        target=30,
        baseline=40,
        baseline_year=2020,
        comparator=progress.AT_MOST,
        horizon_end=D(2024, 12, 31),
    )
    reading = progress.read(falling, [m(36, D(2022, 1, 1), YEAR)], D(2022, 12, 31))
    assert round(reading.progress, 4) == 0.4
    assert round(reading.expected, 2) == 0.6
    assert reading.status == progress.AT_RISK
    below = progress.read(falling, [m(29, D(2023, 1, 1), YEAR)], D(2023, 12, 31))
    assert below.status == progress.REACHED and below.progress == 1.1
    # A blank comparator reads the direction from the baseline to the target.
    unsaid = terms(target=30, baseline=40, comparator=progress.UNSAID, baseline_year=2020, horizon_end=D(2024, 12, 31))
    assert progress.read(unsaid, [m(30, D(2023, 6, 1))], D(2023, 6, 1)).status == progress.REACHED
    assert progress.read(unsaid, [m(31, D(2023, 6, 1))], D(2023, 6, 1)).status != progress.REACHED


def test_an_overshoot_shows_its_real_share():
    objective = terms(target=130, horizon_end=D(2030, 12, 31), baseline_year=2020)
    reading = progress.read(objective, [m(157, D(2024, 1, 1), YEAR)], D(2025, 1, 1))
    assert reading.status == progress.REACHED
    assert round(reading.progress, 2) == 1.21


def test_about_is_met_within_five_per_cent_or_beyond_and_exactly_only_on_the_target():
    about = terms(target=130, comparator=progress.ABOUT)
    assert progress.ABOUT_TOLERANCE == Decimal("0.05")
    assert progress.read(about, [m("123.5", D(2024, 1, 1))], D(2024, 1, 1)).status == progress.REACHED
    assert progress.read(about, [m("123.4", D(2024, 1, 1))], D(2024, 1, 1)).status == progress.NOT_REACHED
    assert progress.read(about, [m(157, D(2024, 1, 1))], D(2024, 1, 1)).status == progress.REACHED
    exactly = terms(target=10, comparator=progress.EXACTLY)
    assert progress.read(exactly, [m(10, D(2024, 1, 1))], D(2024, 1, 1)).status == progress.REACHED
    assert progress.read(exactly, [m(11, D(2024, 1, 1))], D(2024, 1, 1)).status == progress.NOT_REACHED


def test_after_the_horizon_only_reached_or_missed():
    passed = D(2021, 1, 1)
    assert progress.read(JOBS, [m(13_000, D(2020, 6, 1))], passed).status == progress.MISSED
    assert progress.read(JOBS, [m(13_340, D(2020, 6, 1))], passed).status == progress.REACHED


def test_a_measurement_after_the_horizon_counts_from_its_own_date():
    figures = [m(9_000, D(2020, 6, 1)), m(13_500, D(2022, 1, 1), YEAR)]
    assert progress.read(JOBS, figures, D(2021, 6, 30)).status == progress.MISSED
    late = progress.read(JOBS, figures, D(2022, 12, 31))
    assert late.status == progress.REACHED and late.measurement.value == Decimal(13_500)
    assert late.expected == 1.0


def test_a_year_horizon_ends_on_31_december_and_a_year_figure_stands_on_31_december():
    assert progress.read(JOBS, [m(5_000, D(2019, 1, 1))], D(2020, 12, 31)).status == progress.LATE
    assert progress.read(JOBS, [m(5_000, D(2019, 1, 1))], D(2021, 1, 1)).status == progress.MISSED
    yearly = [m(13_400, D(2020, 1, 1), YEAR)]
    assert progress.read(JOBS, yearly, D(2020, 6, 30)).status == progress.NO_DATA
    assert progress.read(JOBS, yearly, D(2020, 12, 31)).status == progress.REACHED
    monthly = [m(13_400, D(2020, 2, 1), MONTH)]
    assert progress.read(JOBS, monthly, D(2020, 2, 28)).status == progress.NO_DATA
    assert progress.read(JOBS, monthly, D(2020, 2, 29)).status == progress.REACHED


def test_a_figure_before_the_signature_is_context_and_becomes_the_baseline():
    # The CAM/AMICA case with a known date: the 2024 record predates a 2025 signature.
    exports = terms(target=130, comparator=progress.AT_LEAST, convention=True, signed_on=D(2025, 2, 12))
    before = progress.read(exports, [m(157, D(2024, 1, 1), YEAR)], D(2025, 6, 30))
    assert before.context and before.baseline == Decimal(157)
    assert before.progress == 0.0
    assert before.status == progress.NOT_REACHED  # above the target, yet never reached by context
    # A later figure is read from that baseline: from 100 towards 200, 150 is half way.
    rising = terms(target=200, convention=True, signed_on=D(2025, 2, 12))
    figures = [m(100, D(2024, 1, 1), YEAR), m(150, D(2025, 1, 1), YEAR)]
    after = progress.read(rising, figures, D(2025, 12, 31))
    assert not after.context and after.baseline == Decimal(100) and after.progress == 0.5
    # An explicit baseline stays the baseline; the earlier figure is context all the same.
    explicit = terms(target=200, baseline=50, convention=True, signed_on=D(2025, 2, 12))
    assert progress.read(explicit, figures[:1], D(2025, 6, 30)).progress == 0.0
    assert progress.read(explicit, figures, D(2025, 12, 31)).progress == pytest.approx(100 / 150)


def test_a_figure_counts_from_the_signature_period_at_its_precision():
    signed = terms(target=100, convention=True, signed_on=D(2025, 2, 12))
    assert progress.is_context(signed, m(1, D(2025, 2, 11)))
    assert not progress.is_context(signed, m(1, D(2025, 2, 12)))
    assert not progress.is_context(signed, m(1, D(2025, 2, 1), MONTH))  # February overlaps the signature
    assert progress.is_context(signed, m(1, D(2025, 1, 1), MONTH))
    # Plans have no signature: every figure counts.
    assert not progress.is_context(terms(target=100, plan_start_year=2021), m(1, D(1990, 1, 1)))


def test_with_no_signature_date_every_figure_is_context():
    unsigned = terms(target=130, comparator=progress.ABOUT, convention=True, signed_on=None)
    reading = progress.read(unsigned, [m(157, D(2024, 1, 1), YEAR)], D(2026, 1, 1))
    assert reading.context and reading.status == progress.NOT_REACHED and reading.progress == 0.0


def test_an_undated_horizon_reads_only_reached_or_not():
    undated = terms(target=100, convention=True, signed_on=D(2020, 1, 1))
    reading = progress.read(undated, [m(10, D(2030, 1, 1))], D(2030, 1, 1))
    assert (reading.status, reading.expected) == (progress.NOT_REACHED, None)
    assert progress.read(undated, [m(100, D(2030, 1, 1))], D(2030, 1, 1)).status == progress.REACHED


def test_an_unknown_start_has_no_pace_but_a_passed_horizon_is_still_missed():
    startless = terms(target=100, horizon_end=D(2020, 12, 31))  # a plan without a first year
    assert startless.start is None
    before = progress.read(startless, [m(10, D(2019, 1, 1))], D(2019, 1, 1))
    assert (before.status, before.expected) == (progress.NOT_REACHED, None)
    assert progress.read(startless, [m(10, D(2019, 1, 1))], D(2021, 1, 1)).status == progress.MISSED


def test_the_start_is_the_baseline_year_then_the_signature_then_the_plan():
    assert terms(baseline_year=2014, signed_on=D(2016, 5, 1), convention=True).start == D(2014, 1, 1)
    assert terms(signed_on=D(2016, 5, 1), convention=True).start == D(2016, 5, 1)
    assert terms(plan_start_year=2021).start == D(2021, 1, 1)


def test_at_most_without_a_baseline_has_no_share_only_a_verdict():
    ceiling = terms(target=5, comparator=progress.AT_MOST, baseline_year=2020, horizon_end=D(2030, 12, 31))
    reading = progress.read(ceiling, [m(7, D(2022, 1, 1))], D(2022, 1, 1))
    assert (reading.progress, reading.status) == (None, progress.NOT_REACHED)
    assert progress.read(ceiling, [m(4, D(2022, 1, 1))], D(2022, 1, 1)).status == progress.REACHED


def test_reached_stays_reached_when_a_later_figure_falls_back():
    figures = [m(13_400, D(2019, 1, 1), YEAR), m(13_000, D(2020, 1, 1), YEAR)]
    reading = progress.read(JOBS, figures, D(2021, 6, 30))
    assert reading.status == progress.REACHED
    assert reading.measurement.value == Decimal(13_000)  # the progress follows the latest figure
    assert round(reading.progress, 3) == 0.975
    assert reading.reached_by.value == Decimal(13_400)


def test_each_measurement_reports_the_status_it_implied_on_its_own_date():
    figures = [m(4_000, D(2017, 1, 1)), m(5_000, D(2019, 6, 30)), m(13_400, D(2020, 1, 1), YEAR)]
    rows = progress.history(JOBS, figures)
    assert [(row.value, reading.status) for row, reading in rows] == [
        (Decimal(4_000), progress.ON_TRACK),
        (Decimal(5_000), progress.LATE),
        (Decimal(13_400), progress.REACHED),
    ]
    assert [reading.as_of for _row, reading in rows] == [D(2017, 1, 1), D(2019, 6, 30), D(2020, 12, 31)]


@pytest.mark.parametrize(
    "text,expected",
    [("2018-07-02", D(2018, 7, 2)), ("", None), (None, None), (" 2020-12-31 ", D(2020, 12, 31))],
)
def test_an_as_of_parameter_is_a_day(text, expected):
    assert progress.parse_as_of(text) == expected


@pytest.mark.parametrize(
    "text,message",
    [
        ("hier", "n'est pas une date : écrivez-la AAAA-MM-JJ"),
        ("2018-07", "n'est pas une date : écrivez-la AAAA-MM-JJ"),
        ("20180702", "n'est pas une date : écrivez-la AAAA-MM-JJ"),
        ("٢٠١٨-٠٧-٠٢", "n'est pas une date : écrivez-la AAAA-MM-JJ"),
        ("2018-02-30", "n'est pas une date qui existe"),
        ("0001-01-01", "année hors de 1900-2100"),
    ],
)
def test_anything_else_is_refused_with_a_message(text, message):
    with pytest.raises(ValueError, match=message):
        progress.parse_as_of(text)


# --- Properties ---------------------------------------------------------------

values = st.decimals(min_value=-(10**6), max_value=10**6, places=2, allow_nan=False, allow_infinity=False)
dates = st.dates(min_value=D(2010, 1, 1), max_value=D(2035, 12, 31))
precisions = st.sampled_from([DAY, MONTH, YEAR])
comparators = st.sampled_from([progress.AT_LEAST, progress.AT_MOST, progress.ABOUT, progress.EXACTLY, ""])


@st.composite
def measurements(draw):
    precision = draw(precisions)
    on = draw(dates)
    on = on.replace(day=1) if precision == MONTH else on.replace(month=1, day=1) if precision == YEAR else on
    return M(draw(values), on, precision)


@st.composite
def objectives(draw):
    return progress.Terms(
        target=draw(values),
        comparator=draw(comparators),
        baseline=draw(st.none() | values),
        baseline_year=draw(st.none() | st.integers(2010, 2030)),
        horizon_end=draw(st.none() | dates),
        convention=draw(st.booleans()),
        signed_on=draw(st.none() | dates),
        plan_start_year=draw(st.none() | st.integers(2010, 2030)),
    )


@settings(max_examples=200, deadline=None)
@given(baseline=values, target=values, first=values, second=values)
def test_progress_is_monotone_in_the_value_towards_the_target(baseline, target, first, second):
    objective = progress.Terms(target=target, baseline=baseline)
    low, high = sorted((first, second))
    share_low, share_high = progress.share(objective, low, baseline), progress.share(objective, high, baseline)
    if target > baseline:  # increasing: more is further
        assert share_low <= share_high
    elif target < baseline:  # decreasing: less is further
        assert share_low >= share_high


@settings(max_examples=200, deadline=None)
@given(objective=objectives(), series=st.lists(measurements(), max_size=6), as_of=dates)
def test_a_reading_ignores_the_measurements_after_its_date(objective, series, as_of):
    everything = progress.read(objective, series, as_of)
    known = progress.read(objective, [x for x in series if progress.measured_until(x) <= as_of], as_of)
    assert everything == known


@settings(max_examples=200, deadline=None)
@given(objective=objectives(), series=st.lists(measurements(), max_size=6), first=dates, second=dates)
def test_once_reached_an_objective_stays_reached(objective, series, first, second):
    early, late = sorted((first, second))
    if progress.read(objective, series, early).status == progress.REACHED:
        assert progress.read(objective, series, late).status == progress.REACHED


@settings(max_examples=200, deadline=None)
@given(objective=objectives(), series=st.lists(measurements(), max_size=6), as_of=dates)
def test_a_figure_before_the_signature_never_makes_an_objective_reached(objective, series, as_of):
    reading = progress.read(objective, series, as_of)
    if reading.context:
        assert reading.status != progress.REACHED and reading.progress == 0.0
    assert reading.status in progress.STATUSES


# --- The model ----------------------------------------------------------------


def test_the_models_statuses_are_the_rules():
    assert tuple(Objective.Progress.values) == progress.STATUSES


@pytest.mark.django_db
def test_the_objective_reads_its_signature_and_keeps_its_signatures():
    convention = f.ConventionFactory(signed_on=D(2016, 1, 1), signed_on_precision=YEAR)
    objective = f.ObjectiveFactory(convention=convention, target_value=Decimal(13_340), horizon_on=D(2020, 1, 1))
    first = f.MeasurementFactory(
        objective=objective, value=Decimal(8_894), measured_on=D(2018, 7, 2), measured_on_precision=DAY
    )
    f.MeasurementFactory(
        objective=objective, value=Decimal(13_400), measured_on=D(2020, 6, 1), measured_on_precision=DAY
    )
    assert objective.progress_status(today=D(2018, 7, 2)) == Objective.Progress.ON_TRACK
    assert objective.progress_status(today=D(2019, 12, 31)) == Objective.Progress.AT_RISK
    assert objective.progress_status() == Objective.Progress.REACHED
    # A measurement given: read as if it were the latest.
    assert objective.progress_status(first, today=D(2021, 1, 1)) == Objective.Progress.MISSED
    assert round(objective.progress_ratio(as_of=D(2018, 7, 2)), 3) == 0.667
    assert round(objective.progress_ratio(first), 3) == 0.667
    assert [reading.status for _m, reading in objective.progress_history()] == ["on_track", "reached"]


@pytest.mark.django_db
def test_a_plan_objective_starts_with_its_plan_and_reads_the_plan_it_is_given(django_assert_num_queries):
    plan = f.PlanFactory(start_year=2021)
    component = f.PlanComponentFactory(plan=plan)
    on_plan = f.ObjectiveFactory(convention=None, plan=plan, horizon_on=D(2023, 1, 1))
    on_component = f.ObjectiveFactory(convention=None, component=component, horizon_on=D(2023, 1, 1))
    for objective in (on_plan, on_component):
        assert progress.terms_of(objective).start == D(2021, 1, 1)
    fresh = Objective.objects.select_related("component").prefetch_related("measurements")
    objectives = list(fresh.filter(pk__in=[on_plan.pk, on_component.pk]))
    with django_assert_num_queries(0):
        for objective in objectives:
            assert objective.progress_reading(D(2022, 1, 1), plan=plan).start == D(2021, 1, 1)


# --- The API ------------------------------------------------------------------


@pytest.fixture
def jobs(db):
    convention = f.ConventionFactory(slug="imm", signed_on=D(2016, 1, 1), signed_on_precision=YEAR)
    objective = f.ObjectiveFactory(convention=convention, target_value=Decimal(13_340), horizon_on=D(2020, 1, 1))
    measurement = f.MeasurementFactory(
        objective=objective, value=Decimal(8_894), measured_on=D(2018, 7, 2), measured_on_precision=DAY
    )
    return objective, measurement


@pytest.mark.parametrize("address", ["/api/v1/objectives/", "/api/v1/objectives/{pk}/", "/api/v1/conventions/imm/"])
def test_the_api_reads_progress_as_of_a_date(jobs, address):
    objective, measurement = jobs
    response = APIClient().get(address.format(pk=objective.pk), {"as_of": "2018-07-02"})
    assert response.status_code == 200
    data = response.json()
    data = data["results"][0] if "results" in data else data["objectives"][0] if "objectives" in data else data
    assert data["progress_as_of"] == "2018-07-02"
    assert data["progress_status"] == "on_track"
    assert data["progress"] == pytest.approx(0.6667, abs=1e-4)
    assert data["expected_progress"] == 0.5
    assert data["progress_measurement"] == measurement.pk
    assert data["progress_measured_on"] == "2018-07-02"
    assert data["progress_measured_on_precision"] == "day"
    assert data["progress_before_signature"] is False


@pytest.mark.parametrize("address", ["/api/v1/objectives/", "/api/v1/objectives/{pk}/", "/api/v1/conventions/imm/"])
@pytest.mark.parametrize("as_of", ["2018-13-01", "demain", "2018-07", "0001-01-01"])
def test_a_bad_as_of_is_a_400_naming_the_parameter(jobs, address, as_of):
    objective, _measurement = jobs
    response = APIClient().get(address.format(pk=objective.pk), {"as_of": as_of})
    assert response.status_code == 400
    assert list(response.json()) == ["as_of"]
    (message,) = response.json()["as_of"]
    assert as_of in message


def test_without_as_of_the_api_reads_today(jobs):
    data = APIClient().get("/api/v1/objectives/").json()["results"][0]
    assert data["progress_as_of"] == timezone.localdate().isoformat()
    assert data["progress_status"] == "missed"  # 2020 is over, 8 894 of 13 340
    assert data["expected_progress"] == 1.0


def test_a_pre_signature_figure_says_so_in_the_api(db):
    objective = f.ObjectiveFactory(target_value=Decimal(100))  # signed on 12 February 2025
    f.MeasurementFactory(objective=objective, value=Decimal(80), measured_on=D(2024, 1, 1), measured_on_precision=YEAR)
    data = APIClient().get(f"/api/v1/objectives/{objective.pk}/").json()
    assert data["progress_before_signature"] is True and data["progress"] == 0.0


# --- The pages ----------------------------------------------------------------


def text(response):
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_the_convention_page_reads_as_of_a_date_and_links_to_the_method(client, jobs):
    objective, _measurement = jobs
    page = text(client.get(objective.convention.get_absolute_url(), {"as_of": "2018-07-02"}))
    assert "Avancement au 2 juillet 2018" in page
    assert 'status-on_track">En cours' in page
    assert "67\xa0% de la cible" in page
    assert "Au rythme prévu, 50\xa0% du chemin étaient attendus au 2 juillet 2018." in page
    assert 'href="/fr/methode/"' in page
    today = text(client.get(objective.convention.get_absolute_url()))
    assert 'status-missed">Manqué' in today and "Avancement au" not in today


@pytest.mark.parametrize("as_of", ["2018-02-30", "<script>", "x" * 300])
def test_a_bad_date_on_the_page_is_ignored_with_a_notice(client, jobs, as_of):
    objective, _measurement = jobs
    response = client.get(objective.convention.get_absolute_url(), {"as_of": as_of})
    page = text(response)
    assert page.count("Date de lecture ignorée") == 1
    assert "L'avancement est lu à la date du jour." in page
    assert 'status-missed">Manqué' in page
    assert "<script>" not in response.content.decode()  # the date is quoted, escaped


def test_the_history_gives_each_measurement_its_status(client, jobs):
    objective, _measurement = jobs
    f.MeasurementFactory(objective=objective, value=Decimal(13_400), measured_on=D(2020, 6, 1))
    page = text(client.get(objective.convention.get_absolute_url()))
    history = page[page.index("Historique de l'avancement") :]
    assert "En cours" in history and "Atteint" in history
    assert 'status-reached">Atteint' in page


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_the_method_page_explains_the_rule_with_worked_examples(client, db, language):
    page = text(client.get(f"/{language}/methode/"))
    assert page.count("<h1") == 1
    if language == "fr":
        assert "pas plus de 10 points de retard" in page and "entre 10 et 25 points" in page
        assert "à 5 % près de la cible" in page
        assert "Un objectif atteint le reste" in page
        for label in ("En cours", "À risque", "En retard", "Atteint", "Manqué", "Non atteint", "Pas de mesure"):
            assert label in page
        assert "contexte (avant la signature)" in page
