"""The messages follows/ sends: each one plain text and HTML (two templates
under templates/follows/email/), in its recipient's language, with absolute
links made from settings.SITE_URL (a command has no request to read the
host from). Sent through Django's e-mail backend: SMTP in production, the
console in development."""

import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext

from .digest import Digest


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def connect():
    """A session with the default mailer (settings.MAILERS), for a run's messages."""
    return mailers.default


def send(message: EmailMultiAlternatives, connection=None) -> None:
    """Send through `connection` (or a new session); raises on failure:
    smtplib.SMTPException or OSError."""
    (connection or connect()).send_messages([message])


def close_quietly(connection) -> None:
    """End a session that may already be broken (the next message opens a new one)."""
    try:
        connection.close()
    except (smtplib.SMTPException, OSError):
        pass


def compose(*, to: str, language: str, subject, template: str, context: dict, headers=None):
    """One message in `language`: `subject` is a callable, called in that
    language (so are the templates)."""
    with translation.override(language):
        context = {**context, "site_url": settings.SITE_URL, "language": language}
        message = EmailMultiAlternatives(
            subject=subject(),
            body=render_to_string(f"follows/email/{template}.txt", context),
            to=[to],
            headers=headers or {},
        )
        message.attach_alternative(render_to_string(f"follows/email/{template}.html", context), "text/html")
    return message


def digest_message(digest: Digest, *, today, days_ahead: int) -> EmailMultiAlternatives:
    """The follow-up digest of one address: its actions by convention, each
    convention linked to its public page when published and, for staff, to
    its admin page."""
    with translation.override(digest.language):
        groups = [
            {
                "convention": group.convention,
                "public_url": absolute(group.convention.get_absolute_url()) if group.convention.is_published else "",
                "admin_url": (
                    absolute(reverse("admin:conventions_convention_change", args=[group.convention.pk]))
                    if digest.staff
                    else ""
                ),
                "actions": group.actions,
            }
            for group in digest.groups
        ]

    def subject():
        return ngettext(
            "Shiraka — %(count)s action de suivi à échéance ou en retard",
            "Shiraka — %(count)s actions de suivi à échéance ou en retard",
            digest.count,
        ) % {"count": digest.count}

    return compose(
        to=digest.email,
        language=digest.language,
        subject=subject,
        template="digest",
        context={
            "digest": digest,
            "groups": groups,
            "today": today,
            "days_ahead": days_ahead,
            "overdue_count": digest.overdue_count,
        },
    )


def unsubscribe_headers(url: str) -> dict:
    """RFC 8058 one-click unsubscribe: a mail client POSTs
    "List-Unsubscribe=One-Click" to `url` (follows.views.unsubscribe answers
    without a CSRF token: the signed token is the proof)."""
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def subject_with_target(text: str, target: str) -> str:
    return gettext("Shiraka — %(what)s : %(target)s") % {"what": text, "target": target}


def _subscription_links(subscription) -> dict:
    from .subscriptions import unsubscribe_token

    with translation.override(subscription.language):
        return {"unsubscribe_url": absolute(reverse("follows:unsubscribe", args=[unsubscribe_token(subscription)]))}


def confirmation_message(subscription, *, target: str) -> EmailMultiAlternatives:
    """The double opt-in: a link to confirm, valid FOLLOW_CONFIRM_DAYS days.
    Nothing else is ever sent to an unconfirmed subscription."""
    from .subscriptions import confirm_token

    with translation.override(subscription.language):
        confirm_url = absolute(reverse("follows:confirm", args=[confirm_token(subscription)]))
    return compose(
        to=subscription.email,
        language=subscription.language,
        subject=lambda: subject_with_target(gettext("confirmez votre abonnement"), target),
        template="confirm",
        context={"target": target, "confirm_url": confirm_url, "days": settings.FOLLOW_CONFIRM_DAYS},
    )


def updates_message(updates, *, target: str, more_url: str) -> EmailMultiAlternatives:
    """What is new or changed for a confirmed subscription, with the
    one-click unsubscribe link in the message and its headers (RFC 8058)."""
    subscription = updates.subscription
    links = _subscription_links(subscription)
    with translation.override(subscription.language):
        entries = [
            {"convention": convention, "url": absolute(convention.get_absolute_url())}
            for convention in [*updates.new, *updates.changed]
        ]
    new_pks = {convention.pk for convention in updates.new}
    for entry in entries:
        entry["new"] = entry["convention"].pk in new_pks

    def subject():
        what = ngettext(
            "%(count)s convention nouvelle ou modifiée", "%(count)s conventions nouvelles ou modifiées", updates.total
        ) % {"count": updates.total}
        return subject_with_target(what, target)

    return compose(
        to=subscription.email,
        language=subscription.language,
        subject=subject,
        template="updates",
        context={
            "target": target,
            "entries": entries,
            "total": updates.total,
            "more": updates.total - len(entries),
            "more_url": more_url,
            **links,
        },
        headers=unsubscribe_headers(links["unsubscribe_url"]),
    )
