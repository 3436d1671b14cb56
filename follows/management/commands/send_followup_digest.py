"""`send_followup_digest [--date YYYY-MM-DD] [--days-ahead 14] [--dry-run]`:
e-mail each actor's reminder contact and each staff user watching a
convention the follow-up actions due soon and overdue (follows/digest.py).

Once a day per address: each message is recorded (follows.DigestSent) in
the same transaction as its sending, so a second run the same day sends
nothing, and a message the mail server refused is not recorded — the next
run tries again. Exits non-zero when a message could not be sent."""

import datetime
import smtplib

from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError, transaction
from django.utils import timezone

from follows.digest import digests
from follows.mail import close_quietly, connect, digest_message, send
from follows.models import DigestSent


def iso_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"Date attendue au format AAAA-MM-JJ, reçu « {value} ».") from None


class Command(BaseCommand):
    help = (
        "Envoie à chaque contact d'acteur et à chaque membre de l'équipe qui suit une convention "
        "les actions de suivi à échéance et en retard (une fois par jour et par adresse)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", type=iso_date, help="Le jour du rappel (AAAA-MM-JJ) ; aujourd'hui par défaut.")
        parser.add_argument(
            "--days-ahead", type=int, default=14, help="Actions à échéance dans ce nombre de jours (14 par défaut)."
        )
        parser.add_argument("--dry-run", action="store_true", help="Dit ce qui serait envoyé, sans rien envoyer.")

    def handle(self, *args, date, days_ahead, dry_run, **options):
        if days_ahead < 0:
            raise CommandError("--days-ahead ne peut être négatif.")
        today = date or timezone.localdate()
        found = digests(today, days_ahead)
        already = set(DigestSent.objects.filter(sent_on=today).values_list("email", flat=True))
        sent, skipped, failed = 0, 0, []
        connection = None if dry_run else connect()
        for digest in found:
            what = (
                f"{digest.email} [{digest.language}] : {digest.count} action(s), dont {digest.overdue_count} en retard"
            )
            if digest.email in already:
                skipped += 1
                self.stdout.write(f"déjà envoyé le {today} : {what}")
                continue
            if dry_run:
                sent += 1
                self.stdout.write(f"serait envoyé : {what}")
                continue
            try:
                self.send(digest, today=today, days_ahead=days_ahead, connection=connection)
            except IntegrityError:  # another run sent it meanwhile
                skipped += 1
                self.stdout.write(f"déjà envoyé le {today} : {what}")
                continue
            except (smtplib.SMTPException, OSError) as error:
                failed.append(digest.email)
                self.stderr.write(f"ÉCHEC, rien n'est noté comme envoyé : {what} — {error!r}")
                close_quietly(connection)  # the next message opens a new session
                continue
            sent += 1
            self.stdout.write(f"envoyé : {what}")
        if connection is not None:
            close_quietly(connection)
        verb = "à envoyer (essai : rien n'est envoyé ni noté)" if dry_run else "envoyé(s)"
        self.stdout.write(
            f"{today} : {len(found)} destinataire(s) avec des actions ; {sent} {verb}, "
            f"{skipped} déjà servi(s), {len(failed)} échec(s)."
        )
        if failed:
            raise CommandError(f"{len(failed)} rappel(s) non envoyé(s) : {', '.join(failed)}.")

    @staticmethod
    def send(digest, *, today, days_ahead, connection) -> None:
        # The record first: its unique (address, day) claims the message, and
        # a failed sending rolls it back.
        with transaction.atomic():
            DigestSent.objects.create(email=digest.email, sent_on=today, actions=digest.count)
            send(digest_message(digest, today=today, days_ahead=days_ahead), connection)
