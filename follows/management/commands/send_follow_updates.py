"""`send_follow_updates [--dry-run]`: send each confirmed e-mail subscription
what is new or changed since its last message (follows/updates.py):
published conventions only, in the subscriber's language, plain text and
HTML, with a one-click unsubscribe.

Idempotent: a message moves the subscription's `last_sent_at` to the moment
the run began, and a subscription with nothing new gets no message, so a
second run sends nothing until the register changes. Requests never
confirmed whose link expired are forgotten. Exits non-zero when a message
could not be sent (its subscription keeps its last moment: the next run
sends the same news)."""

import smtplib

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from conventions.filters import FiltersRefused
from follows import subscriptions
from follows.mail import absolute, close_quietly, connect, send, updates_message
from follows.models import Subscription
from follows.targets import target_label
from follows.updates import updates_for


def more_url(subscription) -> str:
    """Where every convention of the subscription can be read: the list,
    filtered as the subscription is."""
    if subscription.kind == Subscription.Kind.ACTOR:
        return absolute(f"{reverse('conventions:list')}?actor={subscription.actor.slug}")
    if subscription.kind == Subscription.Kind.PLAN:
        return absolute(f"{reverse('conventions:list')}?plan={subscription.plan.slug}")
    query = subscription.query
    return absolute(reverse("conventions:list") + (f"?{query}" if query else ""))


class Command(BaseCommand):
    help = (
        "Envoie à chaque abonnement confirmé (recherche, acteur, plan) les conventions publiées "
        "nouvelles ou modifiées depuis son dernier message."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Dit ce qui serait envoyé, sans rien envoyer.")

    def handle(self, *args, dry_run, **options):
        now = timezone.now()
        if not dry_run:
            forgotten = subscriptions.forget_unconfirmed(now)
            if forgotten:
                self.stdout.write(f"{forgotten} demande(s) jamais confirmée(s) oubliée(s).")
        connection = None if dry_run else connect()
        sent, quiet, failed = 0, 0, []
        confirmed = Subscription.objects.confirmed().select_related("actor", "plan").order_by("pk")
        for subscription in confirmed:
            with translation.override(subscription.language):
                target = target_label(subscription)
                try:
                    updates = updates_for(subscription, until=now)
                except FiltersRefused as refused:
                    self.stderr.write(f"recherche refusée, rien envoyé : {subscription.email} — {refused}")
                    continue
                what = f"{subscription.email} [{subscription.language}] — {target} : {updates.total} convention(s)"
                if not updates.total:
                    quiet += 1
                    continue
                if dry_run:
                    sent += 1
                    self.stdout.write(f"serait envoyé : {what}")
                    continue
                message = updates_message(updates, target=target, more_url=more_url(subscription))
            try:
                with transaction.atomic():
                    subscriptions.subscription_sent(subscription=subscription, at=now)
                    send(message, connection)
            except (smtplib.SMTPException, OSError) as error:
                failed.append(subscription.email)
                self.stderr.write(f"ÉCHEC, rien n'est noté comme envoyé : {what} — {error!r}")
                close_quietly(connection)
                continue
            sent += 1
            self.stdout.write(f"envoyé : {what}")
        if connection is not None:
            close_quietly(connection)
        verb = "à envoyer (essai : rien n'est envoyé ni noté)" if dry_run else "envoyé(s)"
        self.stdout.write(f"{sent} message(s) {verb}, {quiet} abonnement(s) sans nouveauté, {len(failed)} échec(s).")
        if failed:
            raise CommandError(f"{len(failed)} message(s) non envoyé(s) : {', '.join(failed)}.")
