"""The one write path for e-mail subscriptions (follows.Subscription): ask,
confirm, unsubscribe. The pages (follows/views.py) and the updates command
call these functions; nothing else writes a subscription.

- Asking never tells whether the address already follows the target, nor
  whether it reached its cap (settings.FOLLOW_MAX_PER_ADDRESS): the page says
  the same thing every time, and only the owner of the address learns more,
  by e-mail. A new request for a target not yet confirmed sends the
  confirmation again; one already confirmed sends nothing.
- Confirming takes a signed token that expires (settings.FOLLOW_CONFIRM_DAYS);
  unsubscribing takes a signed token that does not (a link in an old message
  must still work). Each names the subscription and the moment it was asked
  for, so a token outlives neither the row nor a new request in its place.
- Unsubscribing deletes the row: nothing is kept about the address.
"""

import datetime

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import Subscription

CONFIRM_SALT = "follows.subscription.confirm"
UNSUBSCRIBE_SALT = "follows.subscription.unsubscribe"


class BadToken(Exception):
    """A token that was tampered with, has expired (`expired`), or was
    signed here but names a subscription that is no more (`gone`)."""

    def __init__(self, *, expired: bool = False, gone: bool = False):
        self.expired = expired
        self.gone = gone
        super().__init__("expired" if expired else "gone" if gone else "invalid")


def _stamp(subscription: Subscription) -> int:
    return int(subscription.created_at.timestamp() * 1_000_000)


def confirm_token(subscription: Subscription) -> str:
    return signing.dumps([subscription.pk, _stamp(subscription)], salt=CONFIRM_SALT, compress=True)


def unsubscribe_token(subscription: Subscription) -> str:
    return signing.dumps([subscription.pk, _stamp(subscription)], salt=UNSUBSCRIBE_SALT, compress=True)


def _read(token: str, *, salt: str, max_age: datetime.timedelta | None) -> Subscription:
    try:
        pk, stamp = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired:
        raise BadToken(expired=True) from None
    except (signing.BadSignature, TypeError, ValueError):
        raise BadToken() from None
    subscription = Subscription.objects.filter(pk=pk).first() if isinstance(pk, int) else None
    if subscription is None or _stamp(subscription) != stamp:
        raise BadToken(gone=True)
    return subscription


def read_confirm_token(token: str) -> Subscription:
    return _read(token, salt=CONFIRM_SALT, max_age=datetime.timedelta(days=settings.FOLLOW_CONFIRM_DAYS))


def read_unsubscribe_token(token: str) -> Subscription:
    return _read(token, salt=UNSUBSCRIBE_SALT, max_age=None)


def subscription_ask(*, email: str, language: str, kind: str, actor=None, plan=None, query: str = "", send) -> None:
    """Record a request to follow a target and send its confirmation
    (`send(subscription)`), unless the address already follows it or holds
    its cap of subscriptions. Says nothing about which: see the module."""
    email = email.strip().lower()
    target = {"kind": kind, "actor": actor, "plan": plan, "query": query if kind == Subscription.Kind.SEARCH else ""}
    with transaction.atomic():
        existing = Subscription.objects.select_for_update().filter(email=email, **target).first()
        if existing is not None and existing.is_confirmed:
            return
        if existing is None:
            if Subscription.objects.filter(email=email).count() >= settings.FOLLOW_MAX_PER_ADDRESS:
                return
            try:
                with transaction.atomic():
                    existing = Subscription.objects.create(email=email, language=language, **target)
            except IntegrityError:  # the same request, at the same moment
                return
        else:
            # Asked again before confirming: a new token, the old one dies with the old stamp.
            existing.language = language
            existing.created_at = timezone.now()
            existing.save(update_fields=["language", "created_at"])
    send(existing)


def subscription_confirm(*, subscription: Subscription) -> Subscription:
    """Confirmed from now on: updates count from this moment."""
    if subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
    return subscription


def subscription_delete(*, subscription: Subscription) -> None:
    Subscription.objects.filter(pk=subscription.pk).delete()


def subscription_sent(*, subscription: Subscription, at: datetime.datetime) -> None:
    """The updates up to `at` were sent: the next message starts there."""
    Subscription.objects.filter(pk=subscription.pk).update(last_sent_at=at)
    subscription.last_sent_at = at


def forget_unconfirmed(now: datetime.datetime | None = None) -> int:
    """Requests never confirmed, whose link has expired: nothing to keep."""
    now = now or timezone.now()
    expired = now - datetime.timedelta(days=settings.FOLLOW_CONFIRM_DAYS)
    deleted, _ = Subscription.objects.filter(confirmed_at__isnull=True, created_at__lt=expired).delete()
    return deleted
