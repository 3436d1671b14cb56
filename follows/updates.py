"""What is new or changed for a confirmed subscription since its last
message (send_follow_updates): the published conventions it follows that
were published, or changed, after that moment — read through
Convention.objects.published() only, so a draft never reaches a message.

Newest first, at most UPDATES_SHOWN per message, with the number of the
rest and a link to see them all."""

import datetime
from dataclasses import dataclass

from django.db.models import Q

from .models import Subscription
from .targets import conventions_of

UPDATES_SHOWN = 50


@dataclass
class Updates:
    subscription: Subscription
    new: list
    changed: list
    total: int

    @property
    def count(self) -> int:
        return self.total


def since(subscription: Subscription) -> datetime.datetime:
    """Where the next message starts: the last one, else the confirmation."""
    return subscription.last_sent_at or subscription.confirmed_at


def updates_for(subscription: Subscription, *, until: datetime.datetime) -> Updates:
    """Queries: the count, then the conventions shown: 2 (none shown, 1)."""
    start = since(subscription)
    window = Q(published_at__gt=start, published_at__lte=until) | Q(updated_at__gt=start, updated_at__lte=until)
    touched = conventions_of(subscription).filter(window)
    total = touched.count()
    new, changed = [], []
    if total:
        # Their full texts and search texts are not in a message.
        shown = touched.order_by("-updated_at", "-pk").defer("text", "search_text")[:UPDATES_SHOWN]
        for convention in shown:
            (new if convention.published_at and convention.published_at > start else changed).append(convention)
    return Updates(subscription=subscription, new=new, changed=changed, total=total)
