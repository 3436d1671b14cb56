"""Who is told what about the register: staff watching a convention, the
follow-up digests sent, and the e-mail subscriptions of readers without an
account (to a search, an actor or a plan).

Not the register: none of these rows is public, none starts a register
version, the register's backup does not carry them (settings.REGISTER_APPS).
Subscriptions are personal data: an address and what it follows, nothing
more, deleted on unsubscribing."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from actors.models import Actor
from conventions.models import Convention
from plans.models import Plan


class Watch(models.Model):
    """A staff user following a convention: its actions due soon and overdue
    come in the user's follow-up digest, drafts included."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("utilisateur"), on_delete=models.CASCADE, related_name="watches"
    )
    convention = models.ForeignKey(
        Convention, verbose_name=_("convention"), on_delete=models.CASCADE, related_name="watches"
    )
    created_at = models.DateTimeField(_("suivie depuis"), auto_now_add=True)

    class Meta:
        verbose_name = _("convention suivie")
        verbose_name_plural = _("conventions suivies")
        ordering = ["convention", "user"]
        constraints = [models.UniqueConstraint(fields=["user", "convention"], name="follows_watch_once_per_user")]

    def __str__(self):
        return f"{self.user} → {self.convention}"


class DigestSent(models.Model):
    """One follow-up digest sent to one address on one day: a second run the
    same day finds it and sends nothing (the row is written in the sending's
    own transaction: a message that failed leaves none)."""

    email = models.EmailField(_("destinataire"))
    sent_on = models.DateField(_("jour du rappel"))
    actions = models.PositiveIntegerField(_("actions rappelées"))
    sent_at = models.DateTimeField(_("envoyé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("rappel envoyé")
        verbose_name_plural = _("rappels envoyés")
        ordering = ["-sent_on", "email"]
        constraints = [models.UniqueConstraint(fields=["email", "sent_on"], name="follows_digestsent_once_a_day")]

    def __str__(self):
        return f"{self.email} — {self.sent_on}"


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)


class Subscription(models.Model):
    """An address following a search of the public list, an actor or a plan
    by e-mail, without an account. Nothing is sent to it but the
    confirmation until its owner confirms (double opt-in)."""

    class Kind(models.TextChoices):
        SEARCH = "search", _("Recherche")
        ACTOR = "actor", _("Acteur")
        PLAN = "plan", _("Plan")

    email = models.EmailField(_("e-mail"), db_index=True)
    language = models.CharField(_("langue"), max_length=2, choices=settings.LANGUAGES, default="fr")
    kind = models.CharField(_("suit"), max_length=6, choices=Kind)
    actor = models.ForeignKey(
        Actor, verbose_name=_("acteur"), on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    query = models.CharField(
        _("recherche"), max_length=1000, blank=True, help_text=_("Les filtres de la liste publique, tels qu'adressés.")
    )
    created_at = models.DateTimeField(_("demandé le"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmé le"), null=True, blank=True)
    last_sent_at = models.DateTimeField(_("dernier envoi"), null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("abonnement par e-mail")
        verbose_name_plural = _("abonnements par e-mail")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="search", actor__isnull=True, plan__isnull=True)
                | Q(kind="actor", actor__isnull=False, plan__isnull=True, query="")
                | Q(kind="plan", plan__isnull=False, actor__isnull=True, query=""),
                name="follows_subscription_one_target",
            ),
            models.UniqueConstraint(
                fields=["email", "actor"], condition=Q(kind="actor"), name="follows_subscription_actor_once"
            ),
            models.UniqueConstraint(
                fields=["email", "plan"], condition=Q(kind="plan"), name="follows_subscription_plan_once"
            ),
            models.UniqueConstraint(
                fields=["email", "query"], condition=Q(kind="search"), name="follows_subscription_search_once"
            ),
        ]

    def __str__(self):
        return f"{self.email} — {self.get_kind_display()}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    def target_filter(self) -> dict:
        """The target as the unique constraints name it."""
        return {"kind": self.kind, "actor": self.actor, "plan": self.plan, "query": self.query}
