"""The partner network is drawn, in every language and on every screen.

A decimal comma in an SVG attribute (`cx="291,3"`) makes the browser drop the
shape without an error: only what the browser laid out proves the chart is
there. Each visit leaves `network-<language>-<desktop|phone>.png` in
`test-artifacts/screenshots/`.
"""

import pytest

from .helpers import BROWSER, DESKTOP, screenshot

pytestmark = BROWSER

# The phone: 390 CSS pixels wide.
PHONE_390 = {"width": 390, "height": 844}
SCREENS = {"desktop": DESKTOP, "phone": PHONE_390}


def visible_boxes(page, selector: str) -> list[dict]:
    """The bounding box of each element matching `selector` that is drawn
    (display not none)."""
    boxes = []
    for element in page.locator(selector).all():
        if element.is_visible():
            box = element.bounding_box()
            if box is not None:
                boxes.append({**box, "text": element.text_content() or ""})
    return boxes


def inside(box: dict, frame: dict, slack: float = 1.0) -> bool:
    return (
        box["x"] >= frame["x"] - slack
        and box["y"] >= frame["y"] - slack
        and box["x"] + box["width"] <= frame["x"] + frame["width"] + slack
        and box["y"] + box["height"] <= frame["y"] + frame["height"] + slack
    )


def overlap(a: dict, b: dict) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_the_network_draws_its_circles_and_lines(page, site, language, screen):
    page.set_viewport_size(SCREENS[screen])
    page.goto(site(f"/{language}/network/"))
    screenshot(page, f"network-{language}-{screen}")

    svg = page.locator("svg.network-graph").bounding_box()
    assert svg and svg["width"] > 300 and svg["height"] > 150

    circles = visible_boxes(page, "svg.network-graph circle")
    assert len(circles) >= 5, f"{len(circles)} circles drawn"
    for circle in circles:
        assert circle["width"] > 2 and circle["height"] > 2, circle
        assert inside(circle, svg), (circle, svg)
    centres = {(round(c["x"] + c["width"] / 2), round(c["y"] + c["height"] / 2)) for c in circles}
    assert len(centres) == len(circles), "circles drawn on top of one another (all at 0,0?)"

    lines = visible_boxes(page, "svg.network-graph line")
    assert lines, "no link drawn"
    for line in lines:
        # A horizontal or vertical line has one side of zero: not a point, though.
        assert line["width"] + line["height"] > 1, line
        assert inside(line, svg), (line, svg)
    assert page.locator("svg.network-graph line").evaluate_all(
        "lines => lines.every(l => { const w = parseFloat(getComputedStyle(l).strokeWidth); return w >= 1 && w <= 8; })"
    ), "a link is thinner than 1 px or thicker than 8 px"


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_the_network_labels_do_not_overlap_on_a_phone(page, site, language):
    page.set_viewport_size(PHONE_390)
    page.goto(site(f"/{language}/network/"))

    svg = page.locator("svg.network-graph").bounding_box()
    labels = visible_boxes(page, "svg.network-graph text")
    assert len(labels) >= 3, "the biggest actors are named on the picture itself"
    for label in labels:
        assert label["height"] >= 10, f"{label['text']!r} is too small to read ({label['height']:.1f}px)"
        assert inside(label, svg, slack=2), (label, svg)
    for index, label in enumerate(labels):
        for other in labels[index + 1 :]:
            assert not overlap(label, other), f"{label['text']!r} overlaps {other['text']!r}"


def test_a_small_actor_s_hidden_label_shows_on_focus(page, site):
    page.set_viewport_size(PHONE_390)
    page.goto(site("/fr/network/"))
    # The demo register's eleven actors do not all fit their labels on a phone.
    hidden = page.locator("svg.network-graph a:has(text.label-narrow.label-hidden)")
    assert hidden.count(), "no label was left out: the check below would prove nothing"
    link = hidden.first
    assert not link.locator("text.label-narrow").is_visible()
    link.focus()
    assert link.locator("text.label-narrow").is_visible()
