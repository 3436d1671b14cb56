"""Who gets which follow-up actions in the daily digest (send_followup_digest).

Two kinds of recipient, merged by address (one message per address and day):

- an actor's reminder contact (actors.ReminderContact): the open actions the
  actor answers for, in published conventions only — a draft is nobody's
  business outside the ministry;
- a staff user watching a convention (follows.Watch): every open action of
  that convention, drafts included, with a link to its admin page.

An action is in a digest when it is open (planned or in progress) and either
overdue (its whole due period has passed: FollowUpAction.objects.overdue) or
due soon (its due period ends within `days_ahead` days). "Due in 2026" is
due on 31 December 2026: it is reminded in December, not all year.

Queries: the contacts' actions; the watches; the watched conventions'
actions: 3, whatever the number of recipients."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from conventions.models import Convention, FollowUpAction
from core.dates import DatePrecision, period_end

from .models import Watch

DEFAULT_LANGUAGE = "fr"


@dataclass
class ConventionActions:
    """One convention's actions in a digest, the overdue first."""

    convention: Convention
    actions: list[FollowUpAction] = field(default_factory=list)

    @property
    def first_due(self) -> datetime.date:
        return min(action.due_on for action in self.actions)


@dataclass
class Digest:
    """What one address is told on one day."""

    email: str
    language: str = DEFAULT_LANGUAGE
    staff: bool = False  # drafts and admin links: only for the staff's own addresses
    by_convention: dict[int, ConventionActions] = field(default_factory=dict)

    def add(self, action: FollowUpAction) -> None:
        group = self.by_convention.setdefault(action.convention_id, ConventionActions(action.convention))
        if all(known.pk != action.pk for known in group.actions):
            group.actions.append(action)

    @property
    def groups(self) -> list[ConventionActions]:
        for group in self.by_convention.values():
            group.actions.sort(key=lambda action: (not action.overdue, action.due_on, action.pk))
        return sorted(self.by_convention.values(), key=lambda group: (group.first_due, group.convention.pk))

    @property
    def overdue_count(self) -> int:
        return sum(action.overdue for group in self.by_convention.values() for action in group.actions)

    @property
    def count(self) -> int:
        return sum(len(group.actions) for group in self.by_convention.values())


def reminded(actions, today: datetime.date, days_ahead: int) -> list[FollowUpAction]:
    """The open actions of `actions` overdue on `today` or due within
    `days_ahead` days, each marked `overdue` (True or False)."""
    horizon = today + datetime.timedelta(days=days_ahead)
    # A period that starts after the horizon cannot end before it: the
    # database narrows, Python decides on the period's end.
    candidates = (
        actions.open()
        .filter(due_on__isnull=False, due_on__lte=horizon)
        .exclude(due_on_precision=DatePrecision.UNKNOWN)
        .select_related("convention", "responsible")
    )
    chosen = []
    for action in candidates:
        action.overdue = action.is_overdue(today)
        if action.overdue or period_end(action.due_on, action.due_on_precision) <= horizon:
            chosen.append(action)
    return chosen


def digests(today: datetime.date, days_ahead: int) -> list[Digest]:
    """Every address with something to be told on `today`, in address order;
    an address with nothing due is not in the list."""
    by_email: dict[str, Digest] = {}

    def digest_for(email: str) -> Digest:
        email = email.strip().lower()
        return by_email.setdefault(email, Digest(email=email))

    contacts = FollowUpAction.objects.public().filter(responsible__reminder_contact__isnull=False)
    for action in reminded(contacts.select_related("responsible__reminder_contact"), today, days_ahead):
        contact = action.responsible.reminder_contact
        digest = digest_for(contact.email)
        if contact.language:
            digest.language = contact.language
        digest.add(action)

    watchers = defaultdict(set)
    watches = Watch.objects.filter(user__is_active=True, user__is_staff=True).exclude(user__email="")
    for convention_id, email in watches.values_list("convention_id", "user__email"):
        watchers[convention_id].add(email)
    if watchers:
        watched = FollowUpAction.objects.filter(convention__in=list(watchers))
        for action in reminded(watched, today, days_ahead):
            for email in watchers[action.convention_id]:
                digest = digest_for(email)
                digest.staff = True
                digest.add(action)
    return [by_email[email] for email in sorted(by_email)]
