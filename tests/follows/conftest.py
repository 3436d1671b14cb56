"""A real SMTP server for the tests of follows/: aiosmtpd on 127.0.0.1 and a
free port, with Django's SMTP backend pointed at it, so each message goes
through a real SMTP conversation and is read back as it was received."""

import email
import email.policy
import html
import socket
from dataclasses import dataclass

import pytest
from aiosmtpd.controller import Controller


@dataclass
class Received:
    sender: str
    recipients: list[str]
    message: email.message.EmailMessage

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    @property
    def text(self) -> str:
        return self.message.get_body(("plain",)).get_content()

    @property
    def html(self) -> str:
        """The HTML part, its entities read back (&#x27; is ')."""
        return html.unescape(self.message.get_body(("html",)).get_content())


class Inbox:
    """What the server accepted; it refuses any recipient whose address
    starts with "refuse" (a mailbox the server does not know)."""

    def __init__(self):
        self.received: list[Received] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("refuse"):
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[Received]:
        return [received for received in self.received if address in received.recipients]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def smtp_mailer(port: int) -> dict:
    options = {"host": "127.0.0.1", "port": port, "use_tls": False, "use_ssl": False, "timeout": 5}
    return {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": options}}


@pytest.fixture
def smtp(settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.MAILERS = smtp_mailer(controller.port)
    settings.DEFAULT_FROM_EMAIL = "Shiraka <rappels@shiraka.test>"
    settings.SITE_URL = "https://shiraka.test"
    try:
        yield inbox
    finally:
        controller.stop()
