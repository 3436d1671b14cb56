"""The CAM/AMICA convention page answers the first questions in the first
screen (issue 12), in French, Arabic and English, on a desktop and a phone:
the summary block starts above the fold, a progress bar is drawn to its share,
and every numbered note leads to an entry of the sources list.

Screenshots: `convention-summary-<language>-<screen>.png` (the whole page) and
`…-first-screen.png` (what the reader sees before scrolling).
"""

import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests import factories as f

from .helpers import BROWSER, CAM_AMICA, DESKTOP, SCREENSHOTS, screenshot

pytestmark = BROWSER

SCREENS = {"desktop": DESKTOP, "phone": {"width": 390, "height": 844}}
DIRECTIONS = {"fr": "ltr", "ar": "rtl", "en": "ltr"}


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("language", DIRECTIONS)
def test_the_summary_block_shows_in_the_first_screen_with_real_bars(page, site, language, screen):
    viewport = SCREENS[screen]
    page.set_viewport_size(viewport)
    page.goto(site(f"/{language}/conventions/{CAM_AMICA}/"))
    expect(page.locator("html")).to_have_attribute("dir", DIRECTIONS[language])
    name = f"convention-summary-{language}-{screen}"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-first-screen.png"))
    screenshot(page, name)

    glance = page.locator("section.glance")
    expect(glance).to_be_visible()
    box = glance.bounding_box()
    assert box is not None and box["y"] < viewport["height"], f"the summary starts at {box} below the first screen"

    bars = page.locator("section.glance svg.glance-bar")
    expect(bars).to_have_count(1)
    track = page.locator("section.glance rect.glance-bar-track").bounding_box()
    fill = page.locator("section.glance rect.glance-bar-fill").bounding_box()
    assert track["width"] > 0 and track["height"] > 0
    # Its only figure (2024) is the sector's context, the convention undated:
    # no progress (conventions/progress.py); the track is drawn, the fill empty.
    assert fill is None or fill["width"] < 1
    expect(bars.first).to_have_attribute("role", "img")
    assert bars.first.get_attribute("aria-label").startswith("0")

    # Every "[n]" leads somewhere, and the list holds each source once.
    targets = page.evaluate(
        """() => [...document.querySelectorAll('a[href^="#source-"]')]
                 .map(a => !!document.getElementById(a.getAttribute('href').slice(1)))"""
    )
    assert targets and all(targets)
    expect(page.locator("ol.notes > li")).to_have_count(2)


def test_a_note_scrolls_to_its_source(page, site):
    page.goto(site(f"/fr/conventions/{CAM_AMICA}/"))
    page.locator("#suivi a[href='#source-1']").first.click()
    expect(page).to_have_url(f"{site(f'/fr/conventions/{CAM_AMICA}/')}#source-1")
    source = page.locator("#source-1")
    expect(source).to_be_in_viewport()
    expect(source).to_contain_text("Crédit Agricole du Maroc")


@pytest.mark.parametrize("language", DIRECTIONS)
def test_a_bar_is_drawn_to_its_share_in_every_language(page, site, language):
    """Two thirds of a target measured after the signature: the fill is drawn
    two thirds of the track's width, a decimal comma or not."""
    objective = f.ObjectiveFactory(unit="emplois", target_value=Decimal(3))
    f.MeasurementFactory(objective=objective, value=Decimal(2), measured_on=datetime.date(2025, 6, 1))
    page.goto(site(objective.convention.get_absolute_url().replace("/fr/", f"/{language}/", 1)))
    track = page.locator("section.glance rect.glance-bar-track").bounding_box()
    fill = page.locator("section.glance rect.glance-bar-fill").bounding_box()
    assert track["width"] > 0 and abs(fill["width"] / track["width"] - 0.67) < 0.02


@pytest.mark.parametrize("language", DIRECTIONS)
def test_the_expected_value_is_drawn_on_each_measured_column(page, site, language):
    """Two measurements after the signature, a dated horizon: each column of
    the objective's chart carries a visible tick where the value was
    expected, the later one higher, in every language (no decimal comma)."""
    convention = f.ConventionFactory(signed_on=datetime.date(2020, 1, 1), signed_on_precision="day")
    objective = f.ObjectiveFactory(
        convention=convention,
        unit="emplois",
        target_value=Decimal(1100),
        horizon_on=datetime.date(2030, 12, 31),
        horizon_on_precision="day",
    )
    for day, value in ((datetime.date(2022, 1, 1), 150), (datetime.date(2024, 1, 1), 500)):
        f.MeasurementFactory(objective=objective, measured_on=day, measured_on_precision="day", value=Decimal(value))
    page.goto(site(convention.get_absolute_url().replace("/fr/", f"/{language}/", 1)))
    ticks = page.locator("rect.chart-expected")
    expect(ticks).to_have_count(2)
    boxes = [ticks.nth(index).bounding_box() for index in range(2)]
    assert all(box is not None and box["width"] > 10 and box["height"] > 1 for box in boxes)
    assert boxes[1]["y"] < boxes[0]["y"]  # the later date expects more: drawn higher
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("figure.chart").first.screenshot(path=str(SCREENSHOTS / f"objective-expected-path-{language}.png"))
