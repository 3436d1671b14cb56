"""Following by e-mail without an account: double opt-in, one-click
unsubscribe, signed tokens that expire, throttling, nothing revealed, and
the updates e-mail (send_follow_updates) over a real SMTP conversation."""

import datetime
import re
from io import StringIO

import pytest
from django.core import signing
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from conventions.models import Convention
from follows import subscriptions
from follows.models import Subscription
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def actor():
    actor = f.ActorFactory(name="Association marocaine de l'automobile", acronym="AMICA", slug="amica")
    f.PartyFactory(convention=f.ConventionFactory(title="Convention déjà connue"), actor=actor)
    return actor


def ask(client, url, email="lectrice@exemple.ma", language="fr", **extra):
    return client.post(url, {"email": email, "language": language}, **extra)


def link(received, name: str) -> str:
    """The path of the first `name` link (confirmer, desabonner) in a message."""
    return re.search(rf"https://shiraka\.test(/\w+/suivre/{name}/[^/\s\"]+/)", received.text).group(1)


def confirmed_subscription(actor, email="lectrice@exemple.ma", language="fr", **moment):
    subscription = Subscription.objects.create(email=email, language=language, kind="actor", actor=actor)
    confirmed_at = moment.get("confirmed_at", timezone.now())
    Subscription.objects.filter(pk=subscription.pk).update(confirmed_at=confirmed_at)
    subscription.refresh_from_db()
    return subscription


def updates(*args) -> str:
    out = StringIO()
    call_command("send_follow_updates", *args, stdout=out, stderr=out)
    return out.getvalue()


# --- Asking and confirming ------------------------------------------------------------


def test_the_follow_page_offers_the_feed_and_the_form(client, actor):
    response = client.get("/fr/suivre/acteur/amica/")
    assert response.status_code == 200
    assert b'href="/fr/actors/amica/feed/"' in response.content
    assert b'name="email"' in response.content
    assert "no-store" in response["Cache-Control"]  # it holds a CSRF token


def test_asking_sends_a_confirmation_and_nothing_else_until_confirmed(client, smtp, actor):
    response = ask(client, "/fr/suivre/acteur/amica/")

    assert response.status_code == 200
    assert "Vérifiez votre messagerie" in response.content.decode()
    [received] = smtp.to("lectrice@exemple.ma")
    assert "AMICA" in received.subject and "confirm" in received.subject
    assert "/fr/suivre/confirmer/" in received.text and "/fr/suivre/confirmer/" in received.html
    subscription = Subscription.objects.get()
    assert not subscription.is_confirmed
    # Unconfirmed: the updates command sends it nothing.
    f.PartyFactory(convention=f.ConventionFactory(title="Nouvelle convention"), actor=actor)
    updates()
    assert len(smtp.to("lectrice@exemple.ma")) == 1


def test_the_confirmation_link_asks_before_it_confirms(client, smtp, actor):
    ask(client, "/fr/suivre/acteur/amica/")
    path = link(smtp.to("lectrice@exemple.ma")[0], "confirmer")

    shown = client.get(path)  # a mail scanner opening the link confirms nothing
    assert shown.status_code == 200 and not Subscription.objects.get().is_confirmed

    done = client.post(path)
    assert done.status_code == 200 and "Abonnement confirmé" in done.content.decode()
    assert Subscription.objects.get().is_confirmed


def test_an_expired_confirmation_link_says_so(client, actor, settings):
    subscription = Subscription.objects.create(email="a@exemple.ma", kind="actor", actor=actor)
    token = subscriptions.confirm_token(subscription)
    settings.FOLLOW_CONFIRM_DAYS = 0  # every token is past its age

    response = client.post(f"/fr/suivre/confirmer/{token}/")

    assert response.status_code == 400
    assert "Lien expiré" in response.content.decode()
    assert not Subscription.objects.get().is_confirmed


@pytest.mark.parametrize("tamper", ["flip", "other salt", "garbage", "unsubscribe token"])
def test_a_tampered_confirmation_link_is_refused_clearly(client, actor, tamper):
    subscription = Subscription.objects.create(email="a@exemple.ma", kind="actor", actor=actor)
    token = {
        "flip": subscriptions.confirm_token(subscription)[:-2] + "xx",
        "other salt": signing.dumps([subscription.pk, 1], salt="elsewhere"),
        "garbage": "n'importe-quoi",
        "unsubscribe token": subscriptions.unsubscribe_token(subscription),
    }[tamper]

    for method in (client.get, client.post):
        response = method(f"/fr/suivre/confirmer/{token}/")
        assert response.status_code == 400
        assert "Lien invalide" in response.content.decode()
    assert not Subscription.objects.get().is_confirmed


def test_a_second_request_replaces_the_first_link(client, smtp, actor):
    ask(client, "/fr/suivre/acteur/amica/")
    ask(client, "/fr/suivre/acteur/amica/")
    first, second = (link(received, "confirmer") for received in smtp.to("lectrice@exemple.ma"))

    assert client.post(first).status_code == 400
    assert client.post(second).status_code == 200
    assert Subscription.objects.get().is_confirmed


def test_the_answer_never_reveals_what_an_address_follows(client, smtp, actor, settings):
    confirmed_subscription(actor, email="deja@exemple.ma")
    settings.FOLLOW_MAX_PER_ADDRESS = 1
    plan = f.PlanFactory(slug="pai")
    new = ask(client, "/fr/suivre/acteur/amica/", email="neuve@exemple.ma")
    already = ask(client, "/fr/suivre/acteur/amica/", email="deja@exemple.ma")
    capped = ask(client, "/fr/suivre/plan/pai/", email="deja@exemple.ma")

    def page(response):
        return response.content.decode().replace("neuve@", "X@").replace("deja@", "X@").replace(plan.name, "T")

    assert new.status_code == already.status_code == capped.status_code == 200
    assert page(new) == page(already)
    assert "Vérifiez votre messagerie" in page(capped)
    # Only the new address was written to; the cap held.
    assert smtp.to("deja@exemple.ma") == []
    assert Subscription.objects.filter(email="deja@exemple.ma").count() == 1


def test_the_form_is_throttled_per_client_address(client, smtp, actor, settings):
    settings.FOLLOW_SUBSCRIBE_RATE = "2/hour"
    for n in range(2):
        assert ask(client, "/fr/suivre/acteur/amica/", email=f"l{n}@exemple.ma").status_code == 200

    refused = ask(client, "/fr/suivre/acteur/amica/", email="l3@exemple.ma")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert "Trop de demandes" in refused.content.decode()
    assert smtp.to("l3@exemple.ma") == []
    # Another address is another client.
    other = ask(Client(REMOTE_ADDR="10.0.0.9"), "/fr/suivre/acteur/amica/", email="l4@exemple.ma")
    assert other.status_code == 200


def test_an_invalid_address_is_a_form_error(client, actor):
    response = ask(client, "/fr/suivre/acteur/amica/", email="pas une adresse")
    assert response.status_code == 200 and 'name="email"' in response.content.decode()
    assert not Subscription.objects.exists()


def test_an_actor_known_only_from_drafts_cannot_be_followed(client):
    hidden = f.ActorFactory(slug="cache")
    f.PartyFactory(convention=f.ConventionFactory(draft=True), actor=hidden)
    assert client.get("/fr/suivre/acteur/cache/").status_code == 404
    assert ask(client, "/fr/suivre/acteur/cache/").status_code == 404


def test_a_search_is_followed_as_the_list_reads_it(client, smtp):
    sector = f.SectorFactory(name="Automobile", slug="automobile")
    response = ask(client, "/fr/suivre/recherche/?q=usine&sector=automobile&page=3&sort=title")

    assert response.status_code == 200
    subscription = Subscription.objects.get()
    assert subscription.kind == "search" and subscription.query == "q=usine&sector=automobile"
    assert "Secteur : automobile" in smtp.to("lectrice@exemple.ma")[0].text
    assert sector.slug in subscription.query


@pytest.mark.parametrize("query", ["sector=nulle-part", "year=abc", "status=n-importe", "actor=" + "x" * 400])
def test_a_search_the_list_refuses_cannot_be_followed(client, query):
    response = client.get(f"/fr/suivre/recherche/?{query}")
    assert response.status_code == 400
    assert "Recherche refusée" in response.content.decode()
    assert ask(client, f"/fr/suivre/recherche/?{query}").status_code == 400
    assert not Subscription.objects.exists()


# --- Unsubscribing ----------------------------------------------------------------------


def test_unsubscribing_shows_a_page_then_deletes_on_post(client, actor):
    subscription = confirmed_subscription(actor)
    path = f"/fr/suivre/desabonner/{subscriptions.unsubscribe_token(subscription)}/"

    assert client.get(path).status_code == 200
    assert Subscription.objects.exists()
    response = client.post(path)
    assert response.status_code == 200 and "Désabonnement effectué" in response.content.decode()
    assert not Subscription.objects.exists()


def test_one_click_unsubscribe_needs_no_csrf_token(actor):
    """RFC 8058: the mail client POSTs List-Unsubscribe=One-Click, with no cookie and no token."""
    subscription = confirmed_subscription(actor)
    client = Client(enforce_csrf_checks=True)
    path = f"/fr/suivre/desabonner/{subscriptions.unsubscribe_token(subscription)}/"

    response = client.post(path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")

    assert response.status_code == 200
    assert not Subscription.objects.exists()
    assert (
        client.post(path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded").status_code
        == 200
    )


def test_a_tampered_unsubscribe_link_is_refused_clearly(client, actor):
    subscription = confirmed_subscription(actor)
    token = subscriptions.unsubscribe_token(subscription)
    for bad in (token[:-3] + "abc", subscriptions.confirm_token(subscription), "x"):
        for method in (client.get, client.post):
            response = method(f"/fr/suivre/desabonner/{bad}/")
            assert response.status_code == 400 and "Lien invalide" in response.content.decode()
    assert Subscription.objects.exists()


# --- The updates --------------------------------------------------------------------------


def test_the_updates_bring_what_is_new_since_confirming_in_both_parts(client, smtp, actor):
    subscription = confirmed_subscription(actor)
    new = f.ConventionFactory(title_fr="Convention de l'usine de Kénitra", slug="kenitra")
    f.PartyFactory(convention=new, actor=actor)
    draft = f.ConventionFactory(draft=True, title_fr="Brouillon secret")
    f.PartyFactory(convention=draft, actor=actor)

    output = updates()

    [received] = smtp.to("lectrice@exemple.ma")
    assert received.subject == (
        "Shiraka — 1 convention nouvelle ou modifiée : Association marocaine de l'automobile (AMICA)"
    )
    for part in (received.text, received.html):
        assert "Convention de l'usine de Kénitra" in part
        assert "https://shiraka.test/fr/conventions/kenitra/" in part
        assert "Brouillon secret" not in part
        assert "Convention déjà connue" not in part  # published before the confirmation
        assert "/fr/suivre/desabonner/" in part
    unsubscribe = received.message["List-Unsubscribe"]
    assert re.fullmatch(r"<https://shiraka\.test/fr/suivre/desabonner/[^>]+/>", unsubscribe)
    assert received.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "envoyé : lectrice@exemple.ma [fr]" in output and "1 message(s) envoyé(s)" in output
    subscription.refresh_from_db()
    assert subscription.last_sent_at is not None
    # The message's own link unsubscribes in one click.
    path = unsubscribe[len("<https://shiraka.test") : -1]
    assert (
        Client(enforce_csrf_checks=True)
        .post(path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
        .status_code
        == 200
    )
    assert not Subscription.objects.exists()


def test_the_updates_speak_the_subscriber_s_language(smtp, actor):
    confirmed_subscription(actor, language="ar")
    new = f.ConventionFactory(title_fr="Convention de Kénitra", title_ar="اتفاقية القنيطرة", slug="kenitra")
    f.PartyFactory(convention=new, actor=actor)

    updates()

    [received] = smtp.to("lectrice@exemple.ma")
    for part in (received.text, received.html):
        assert "اتفاقية القنيطرة" in part
        assert "https://shiraka.test/ar/conventions/kenitra/" in part
        assert "/ar/suivre/desabonner/" in part
    assert '<html lang="ar" dir="rtl">' in received.html


def test_a_second_run_sends_nothing_until_something_changes(smtp, actor):
    confirmed_subscription(actor)
    convention = f.ConventionFactory(title="Première")
    f.PartyFactory(convention=convention, actor=actor)

    updates()
    output = updates()
    assert len(smtp.received) == 1
    assert "0 message(s) envoyé(s), 1 abonnement(s) sans nouveauté" in output

    Convention.objects.filter(pk=convention.pk).update(
        summary_fr="Un résumé de plus.", updated_at=timezone.now() + datetime.timedelta(seconds=1)
    )
    updates_at_a_later_time = updates
    with pytest.MonkeyPatch.context() as patch:
        later = timezone.now() + datetime.timedelta(minutes=1)
        patch.setattr(timezone, "now", lambda: later)
        updates_at_a_later_time()
    assert len(smtp.received) == 2
    assert "[modifiée] Première" in smtp.received[1].text


def test_a_dry_run_sends_and_records_nothing(smtp, actor):
    subscription = confirmed_subscription(actor)
    f.PartyFactory(convention=f.ConventionFactory(), actor=actor)

    output = updates("--dry-run")

    assert smtp.received == [] and "serait envoyé : lectrice@exemple.ma" in output
    subscription.refresh_from_db()
    assert subscription.last_sent_at is None


def test_a_refused_message_is_reported_and_sent_again_next_time(smtp, actor):
    subscription = confirmed_subscription(actor, email="refuse@exemple.ma")
    f.PartyFactory(convention=f.ConventionFactory(), actor=actor)

    with pytest.raises(CommandError, match="1 message\\(s\\) non envoyé\\(s\\)"):
        updates()

    subscription.refresh_from_db()
    assert subscription.last_sent_at is None


def test_the_updates_of_a_search_and_a_plan_are_published_conventions_only(smtp):
    plan = f.PlanFactory(name="Plan d'accélération industrielle", slug="pai")
    sector = f.SectorFactory(slug="textile")
    shown = f.ConventionFactory(title="Convention textile publiée")
    hidden = f.ConventionFactory(draft=True, title="Convention textile en brouillon")
    for convention in (shown, hidden):
        convention.plans.add(plan)
        convention.sectors.add(sector)
    earlier = timezone.now() - datetime.timedelta(days=1)
    for kind, target in (("plan", {"plan": plan}), ("search", {"query": "sector=textile"})):
        Subscription.objects.create(email=f"{kind}@exemple.ma", kind=kind, confirmed_at=earlier, **target)

    updates()

    for address in ("plan@exemple.ma", "search@exemple.ma"):
        [received] = smtp.to(address)
        assert "Convention textile publiée" in received.text
        assert "brouillon" not in received.text and "brouillon" not in received.html


def test_unconfirmed_requests_are_forgotten_once_their_link_expired(actor, settings):
    old = Subscription.objects.create(email="vieux@exemple.ma", kind="actor", actor=actor)
    Subscription.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=8))
    Subscription.objects.create(email="recent@exemple.ma", kind="actor", actor=actor)

    updates()

    assert list(Subscription.objects.values_list("email", flat=True)) == ["recent@exemple.ma"]
