"""Following without an account: the "Suivre" page of a search, an actor or
a plan (its feed, and a form to follow it by e-mail), the confirmation and
the unsubscribing. Writes go through follows.subscriptions.

None of these pages is cached (never_cache): they hold a CSRF token, and
their answers must not depend on what an address already follows."""

import logging

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from actors.models import Actor
from conventions.filters import FiltersRefused, published_matching
from plans.models import Plan

from . import subscriptions
from .forms import SubscribeForm
from .mail import confirmation_message, send
from .models import Subscription
from .targets import normalized_search, search_label, target_label
from .throttling import subscribe_refused

log = logging.getLogger(__name__)


def _send_confirmation(subscription: Subscription) -> None:
    with translation.override(subscription.language):
        target = target_label(subscription)
    try:
        send(confirmation_message(subscription, target=target))
    except OSError:  # smtplib's errors included: the page says the same, the log says why
        log.exception("Confirmation of subscription %s not sent", subscription.pk)


def _follow(request, *, kind: str, label: str, feed_url: str, back_url: str, actor=None, plan=None, query: str = ""):
    form = SubscribeForm(request.POST if request.method == "POST" else None)
    context = {"label": label, "feed_url": feed_url, "back_url": back_url, "form": form, "kind": kind}
    if request.method == "POST":
        if (wait := subscribe_refused(request)) is not None:
            message = gettext("Trop de demandes depuis votre adresse : réessayez dans %(minutes)d minutes.")
            context["refused"] = message % {"minutes": max(1, wait // 60)}
            response = render(request, "follows/follow.html", context, status=429)
            response["Retry-After"] = str(wait)
            return response
        if form.is_valid():
            subscriptions.subscription_ask(
                email=form.cleaned_data["email"],
                language=form.cleaned_data["language"],
                kind=kind,
                actor=actor,
                plan=plan,
                query=query,
                send=_send_confirmation,
            )
            # The same answer whatever the address already follows.
            return render(request, "follows/asked.html", {**context, "email": form.cleaned_data["email"]})
    return render(request, "follows/follow.html", context)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def follow_search(request):
    query = normalized_search(request.GET)
    try:
        published_matching(request.GET)
    except FiltersRefused as refused:
        return render(request, "follows/refused_search.html", {"errors": refused.errors}, status=400)
    list_url = reverse("conventions:list") + (f"?{query}" if query else "")
    feed_url = reverse("conventions:feed") + (f"?{query}" if query else "")
    return _follow(
        request,
        kind=Subscription.Kind.SEARCH,
        label=search_label(query),
        feed_url=feed_url,
        back_url=list_url,
        query=query,
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def follow_actor(request, slug):
    actor = get_object_or_404(Actor.objects.public_each(), slug=slug)
    return _follow(
        request,
        kind=Subscription.Kind.ACTOR,
        label=str(actor),
        feed_url=reverse("actors:feed", args=[actor.slug]),
        back_url=actor.get_absolute_url(),
        actor=actor,
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def follow_plan(request, slug):
    plan = get_object_or_404(Plan, slug=slug)
    return _follow(
        request,
        kind=Subscription.Kind.PLAN,
        label=plan.name,
        feed_url=reverse("plans:feed", args=[plan.slug]),
        back_url=plan.get_absolute_url(),
        plan=plan,
    )


def _bad_token(request, error: subscriptions.BadToken, *, action: str):
    return render(request, "follows/bad_token.html", {"expired": error.expired, "action": action}, status=400)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """GET shows a button, POST confirms: a mail scanner opening every link
    of a message must not confirm in its reader's place."""
    try:
        subscription = subscriptions.read_confirm_token(token)
    except subscriptions.BadToken as error:
        return _bad_token(request, error, action="confirm")
    label = target_label(subscription)
    if request.method == "POST":
        subscriptions.subscription_confirm(subscription=subscription)
        return render(request, "follows/confirmed.html", {"label": label, "subscription": subscription})
    return render(request, "follows/confirm.html", {"label": label, "subscription": subscription})


@csrf_exempt  # RFC 8058: the mail client's one-click POST has no CSRF token; the signed token is the proof
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """GET shows a button; POST (the button, or a mail client's one-click
    "List-Unsubscribe=One-Click") deletes the subscription."""
    try:
        subscription = subscriptions.read_unsubscribe_token(token)
    except subscriptions.BadToken as error:
        if request.method == "POST" and error.gone:
            # Already unsubscribed (the row is gone): one-click must succeed quietly.
            return render(request, "follows/unsubscribed.html", {"label": ""})
        return _bad_token(request, error, action="unsubscribe")
    label = target_label(subscription)
    if request.method == "POST":
        subscriptions.subscription_delete(subscription=subscription)
        return render(request, "follows/unsubscribed.html", {"label": label})
    return render(request, "follows/unsubscribe.html", {"label": label})
