"""Every public page: one h1, headings that never skip a level, a title, a
description, and the landmarks of the base layout."""

import re
from html.parser import HTMLParser

import pytest

from tests import factories as f
from tests.public.helpers import full_convention

pytestmark = pytest.mark.django_db


class Headings(HTMLParser):
    def __init__(self):
        super().__init__()
        self.levels = []

    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r"h[1-6]", tag):
            self.levels.append(int(tag[1]))


@pytest.fixture
def pages():
    convention = full_convention()
    actor = convention.parties.first().actor
    f.ActorNameFactory(actor=actor)
    f.MandateFactory(actor=actor)
    plan = convention.plans.get()
    f.ObjectiveFactory(convention=None, plan=plan)
    f.ObjectiveFactory(convention=None, component=plan.components.get())
    return [
        "/fr/",
        convention.get_absolute_url(),
        "/fr/actors/",
        actor.get_absolute_url(),
        "/fr/plans/",
        plan.get_absolute_url(),
    ]


def test_headings_are_in_order_with_a_single_h1(client, pages):
    for url in pages:
        parser = Headings()
        parser.feed(client.get(url).text)
        levels = parser.levels
        assert levels.count(1) == 1 and levels[0] == 1, url
        for previous, current in zip(levels, levels[1:], strict=False):
            assert current <= previous + 1, (url, levels)


def test_every_page_has_its_title_description_and_landmarks(client, pages):
    for url in pages:
        text = client.get(url).text
        title = re.search(r"<title>(.*?) — Shiraka</title>", text, re.S).group(1).strip()
        assert title and title != "Shiraka", url
        assert re.search(r'<meta name="description" content="[^"]{20,}">', text), url
        for landmark in ("<header", "<nav", '<main id="main"', "<footer"):
            assert landmark in text, (url, landmark)
