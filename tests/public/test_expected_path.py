"""An objective's chart shows, on each measurement's column, where the value
was expected to stand on that date if the pace towards the target had held
(issue 11): drawn as numbers SVG can read in every language, said in the
chart's description and its data table, absent where no pace can be set."""

import datetime
import re
from decimal import Decimal

import pytest

from tests import factories as f

pytestmark = pytest.mark.django_db

EXPECTED = re.compile(r'<rect class="chart-expected" x="([^"]+)" y="([^"]+)" width="([^"]+)"')


@pytest.fixture
def objective():
    convention = f.ConventionFactory(signed_on=datetime.date(2020, 1, 1), signed_on_precision="day")
    objective = f.ObjectiveFactory(
        convention=convention,
        unit="emplois",
        baseline_value=None,
        target_value=Decimal(1100),
        horizon_on=datetime.date(2030, 12, 31),
        horizon_on_precision="day",
    )
    for day, value in ((datetime.date(2022, 1, 1), 150), (datetime.date(2024, 1, 1), 500)):
        f.MeasurementFactory(objective=objective, measured_on=day, measured_on_precision="day", value=Decimal(value))
    return objective


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_each_column_carries_the_value_expected_on_its_date(client, objective, language):
    text = client.get(objective.convention.get_absolute_url().replace("/fr/", f"/{language}/", 1)).text
    ticks = EXPECTED.findall(text)
    assert len(ticks) == 2
    heights = [float(y) for _x, y, _width in ticks]  # plain SVG numbers, whatever the language
    assert heights[0] > heights[1]  # the later date expects more: drawn higher
    assert all(float(x) >= 0 and float(width) > 0 for x, _y, width in ticks)


def test_the_description_and_the_table_give_the_expected_values(client, objective):
    text = client.get(objective.convention.get_absolute_url()).text
    # 2 of 11 years into the path: 200 jobs expected; 4 of 11: 400.
    assert "attendu au 1 janvier 2022 : 200 emplois" in text
    assert '<th scope="col">Attendu à cette date</th>' in text
    assert "Trait épais sur chaque colonne" in text


def test_no_expected_value_without_a_dated_horizon(client, objective):
    objective.horizon_on, objective.horizon_on_precision = None, "unknown"
    objective.horizon_label = "à moyen terme"
    objective.save()
    text = client.get(objective.convention.get_absolute_url()).text
    assert not EXPECTED.findall(text)
    assert "Attendu à cette date" not in text
