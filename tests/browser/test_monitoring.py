"""What a progress report is read from (issue 11), as drawn in each
language: the home's count of the national plans' objectives by status, and
the notice on a target whose horizon has passed without a measurement.

Screenshots: `monitoring-home-<language>.png`, `monitoring-pai-<language>.png`.
"""

import pytest
from playwright.sync_api import expect

from .helpers import BROWSER, screenshot

pytestmark = BROWSER

LANGUAGES = ("fr", "ar", "en")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_home_shows_the_plans_objectives_by_status_with_their_counts(page, site, language):
    page.goto(site(f"/{language}/"))
    rollup = page.locator("ul.rollup").last
    expect(rollup).to_be_visible()
    screenshot(page, f"monitoring-home-{language}")
    items = rollup.locator("li")
    assert items.count() >= 1
    for index in range(items.count()):
        item = items.nth(index)
        badge = item.locator(".badge")
        expect(badge).to_be_visible()
        box = badge.bounding_box()
        assert box and box["width"] > 4 and box["height"] > 4, f"badge {index} is not drawn: {box}"
        label = badge.inner_text().strip()
        count = item.inner_text().replace(badge.inner_text(), "").strip()
        assert label, f"badge {index} has no label"
        assert count and any(ch.isdigit() for ch in count), f"item {index} shows no count: {item.inner_text()!r}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_target_past_its_horizon_says_so_on_the_plan_page(page, site, language):
    page.goto(site(f"/{language}/plans/plan-acceleration-industrielle/"))
    notices = page.locator("p.progress-past-horizon")
    expect(notices.first).to_be_visible()
    screenshot(page, f"monitoring-pai-{language}")
    texts = [notices.nth(i).inner_text() for i in range(notices.count())]
    assert any("2020" in text for text in texts), texts
    box = notices.first.bounding_box()
    assert box and box["width"] > 40 and box["height"] > 8
