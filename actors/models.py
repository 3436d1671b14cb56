"""Organisations that sign conventions, the names they went by, and the people
who act for them (the Popolo person / membership idea)."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core import cache as register_cache
from core.dates import clean_partial_dates, format_period, partial_date_constraint, precision_field
from core.models import ChoicesDisplay
from core.slugs import unique_slug


class WithoutIndex(models.Func):
    """A column SQLite's planner must not reach through an index (`+column`,
    its documented way to disqualify one); the column itself elsewhere."""

    template = "%(expressions)s"

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, template="+%(expressions)s", **extra_context)


class ActorQuerySet(models.QuerySet):
    def public(self):
        """Actors the public may see: party to a published convention,
        responsible for one of its actions, or owner of a plan. An actor known
        only from a draft stays unseen, like the draft itself."""
        # Three uncorrelated sets, each computed once and probed per actor: an
        # OR of joins over parties × actions × plans grew with the register
        # (28 s at 10 000 conventions on SQLite for the ministry's page), and
        # correlated EXISTS let SQLite walk every published convention per
        # actor. The related models are reached through the relations, not
        # imported: actors sits below plans and conventions.
        party = self.model._meta.get_field("parties").related_model
        action = self.model._meta.get_field("actions").related_model
        plan = self.model._meta.get_field("plans").related_model
        # DISTINCT: PostgreSQL hashes a subplan only if it fits in work_mem;
        # 275 000 party rows did not at 100 000 conventions, and it scanned
        # them once per actor (15 s); their 18 000 distinct actors do.
        published = published_conventions(party)
        return self.filter(
            Q(pk__in=party.objects.filter(convention__in=published).values("actor_id").distinct())
            | Q(
                pk__in=action.objects.filter(convention__in=published, responsible__isnull=False)
                .values("responsible_id")
                .distinct()
            )
            | Q(pk__in=plan.objects.filter(owner__isnull=False).values("owner_id"))
        )

    def public_each(self):
        """The same actors as public(), decided row by row (correlated
        EXISTS through the indexes on parties, actions and plans): for a
        selection already narrowed to a few actors (one slug, an actor's
        children), where public()'s sets would be built over the whole
        register first (0.6 s at 100 000 conventions on SQLite). Not for
        the list of every actor: deciding 18 000 actors one by one took
        longer than the sets on PostgreSQL (265 against 152 ms at 100 000).
        """
        party = self.model._meta.get_field("parties").related_model
        action = self.model._meta.get_field("actions").related_model
        plan = self.model._meta.get_field("plans").related_model
        state = published_state(party)
        # SQLite would answer the parties' EXISTS by walking every published
        # convention (the state's index) and probing each for the actor: 58 ms
        # for an actor in one convention at 100 000. Kept off that index, it
        # walks the actor's parties instead: 0.1 ms.
        convention_state = WithoutIndex(models.F("convention__publication_state"), output_field=models.CharField())
        return self.filter(
            models.Exists(
                party.objects.alias(convention_state=convention_state).filter(
                    actor=models.OuterRef("pk"), convention_state=state
                )
            )
            | models.Exists(
                action.objects.filter(responsible=models.OuterRef("pk"), convention__publication_state=state)
            )
            | models.Exists(plan.objects.filter(owner=models.OuterRef("pk")))
        )

    def visible_to(self, user):
        """What `user` may read: the public actors for everyone; every actor
        for a signed-in writer with the view permission (so the slug of an
        actor it just created can be read back and used at once)."""
        return self.all() if may_view_all(user, "actors.view_actor") else self.public()


def public_actor_pks() -> list[int]:
    """Every public actor's pk, in name order: deciding publicness over the
    whole register (18 000 actors at 100 000 conventions: 150 ms on
    PostgreSQL, 500 ms on SQLite) once per register version and language,
    for the actors list and sitemap to page through by key."""
    return register_cache.remember(
        "public-actors",
        "by-name",
        lambda: list(Actor.objects.public().order_by("name", "pk").values_list("pk", flat=True)),
    )


def published_conventions(party_model):
    """The pks of published conventions, reached from the party model (actors
    sits below conventions and does not import it); the same rule as
    Convention.objects.published()."""
    convention = party_model._meta.get_field("convention").related_model
    return convention.objects.published().values("pk")


def published_state(party_model) -> str:
    """Convention.PublicationState.PUBLISHED, reached as published_conventions() is."""
    return party_model._meta.get_field("convention").related_model.PublicationState.PUBLISHED


def may_view_all(user, permission: str) -> bool:
    """A signed-in user with the model's view permission reads every row, not
    only what the public sees."""
    return bool(user is not None and user.is_authenticated and user.has_perm(permission))


class Actor(ChoicesDisplay, models.Model):
    class Kind(models.TextChoices):
        STATE = "state", pgettext_lazy("type d'acteur", "État")
        MINISTRY = "ministry", _("Ministère")
        DEPARTMENT = "department", _("Direction ou service")
        PUBLIC_AGENCY = "public_agency", _("Agence ou établissement public")
        REGIONAL_BODY = "regional_body", _("Collectivité ou organe régional")
        ASSOCIATION = "association", _("Association professionnelle")
        FEDERATION = "federation", _("Fédération professionnelle")
        BANK = "bank", _("Banque ou institution financière")
        COMPANY = "company", _("Entreprise")
        INTERNATIONAL = "international", _("Organisation internationale")
        COLLECTIVE = "collective", _("Collectif non nommé")
        OTHER = "other", _("Autre")

    name = models.CharField(_("nom"), max_length=300, help_text=_("Nom officiel actuel, en entier (sans le sigle)."))
    slug = models.SlugField(_("identifiant d'adresse"), max_length=120, unique=True)
    acronym = models.CharField(
        _("sigle"), max_length=40, blank=True, help_text=_("Sigle usuel, par exemple AMICA ou CAM.")
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind, default=Kind.OTHER)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("organisation de rattachement"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("Par exemple, le ministère dont relève une direction."),
    )
    country = models.CharField(_("pays"), max_length=2, default="MA", help_text=_("Code ISO 3166-1 alpha-2."))
    website = models.URLField(_("site web"), blank=True)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    objects = ActorQuerySet.as_manager()

    class Meta:
        verbose_name = _("acteur")
        verbose_name_plural = _("acteurs")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~Q(parent=models.F("pk")), name="actors_actor_not_own_parent"),
        ]
        indexes = [models.Index(Lower("acronym"), name="actors_actor_acronym_lower")]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self):
        return reverse("actors:detail", kwargs={"slug": self.slug})

    @property
    def short_name(self) -> str:
        return self.acronym or self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.acronym or self.name, fallback="acteur", max_length=120)
        super().save(*args, **kwargs)


class ReminderContact(models.Model):
    """Where the follow-up digest (follows/) reaches an actor: the address of
    whoever answers for its actions, and the language to write in. Staff's
    working data, not the register's public record: a row of its own, so no
    page, API resource, export or open-data file that shows an actor can
    show it by listing the actor's fields."""

    actor = models.OneToOneField(
        Actor, verbose_name=_("acteur"), on_delete=models.CASCADE, related_name="reminder_contact"
    )
    email = models.EmailField(
        _("e-mail pour les rappels"),
        help_text=_(
            "Reçoit le rappel des actions de suivi dont l'acteur est responsable (conventions publiées "
            "seulement). Jamais affiché au public."
        ),
    )
    language = models.CharField(
        _("langue des rappels"),
        max_length=2,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Le français si rien n'est choisi."),
    )
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        verbose_name = _("contact pour les rappels")
        verbose_name_plural = _("contacts pour les rappels")
        ordering = ["actor"]

    def __str__(self):
        return f"{self.actor.short_name} — {self.email}"

    @property
    def language_or_french(self) -> str:
        return self.language or "fr"


class ActorName(ChoicesDisplay, models.Model):
    """Another name the actor went by: a former official name, or a variant
    the press uses (AMICA is expanded two different ways)."""

    class Kind(models.TextChoices):
        FORMER = "former", _("Ancien nom officiel")
        VARIANT = "variant", _("Variante ou développé alternatif")
        INFORMAL = "informal", _("Nom usuel ou abrégé")

    actor = models.ForeignKey(Actor, verbose_name=_("acteur"), on_delete=models.CASCADE, related_name="names")
    name = models.CharField(_("nom"), max_length=300)
    acronym = models.CharField(_("sigle"), max_length=40, blank=True)
    kind = models.CharField(_("type de nom"), max_length=10, choices=Kind, default=Kind.VARIANT)
    valid_from = models.DateField(_("en vigueur depuis"), null=True, blank=True)
    valid_from_precision = precision_field(_("précision du début"))
    valid_until = models.DateField(_("en vigueur jusqu'à"), null=True, blank=True)
    valid_until_precision = precision_field(_("précision de la fin"))
    attested_on = models.DateField(
        _("attesté le"),
        null=True,
        blank=True,
        help_text=_("Date à laquelle une source emploie ce nom, quand les dates de validité sont inconnues."),
    )
    attested_on_precision = precision_field(_("précision de l'attestation"))
    note = models.CharField(_("note"), max_length=300, blank=True, help_text=_("Où ce nom a été relevé."))

    class Meta:
        verbose_name = _("autre nom")
        verbose_name_plural = _("autres noms")
        ordering = ["actor", "valid_from", "name"]
        constraints = [
            models.UniqueConstraint("actor", Lower("name"), name="actors_actorname_unique_per_actor"),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="actors_actorname_end_after_start",
            ),
            partial_date_constraint("actors", "actorname", "valid_from"),
            partial_date_constraint("actors", "actorname", "valid_until"),
            partial_date_constraint("actors", "actorname", "attested_on"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        clean_partial_dates(self, "valid_from", "valid_until", "attested_on")

    @property
    def period_display(self) -> str:
        return format_period(
            self.valid_from,
            self.valid_from_precision,
            self.valid_until,
            self.valid_until_precision,
            self.attested_on,
            self.attested_on_precision,
        )


class PersonQuerySet(models.QuerySet):
    def public(self):
        """People holding a mandate in a public actor, or representing a party
        of a published convention."""
        party = self.model._meta.get_field("representations").related_model
        return self.filter(
            Q(pk__in=Mandate.objects.filter(actor__in=Actor.objects.public()).values("person_id"))
            | Q(
                pk__in=party.objects.filter(
                    convention__in=published_conventions(party), representative__isnull=False
                ).values("representative_id")
            )
        )

    def public_each(self):
        """The same people as public(), decided row by row (correlated EXISTS
        through the indexes on mandates and parties): for a few people (one
        page, a page of search results), where public()'s sets would be built
        over the whole register first."""
        party = self.model._meta.get_field("representations").related_model
        public_actor = Actor.objects.public_each().filter(pk=models.OuterRef("actor_id"))
        return self.filter(
            models.Exists(Mandate.objects.filter(person=models.OuterRef("pk")).filter(models.Exists(public_actor)))
            | models.Exists(
                party.objects.filter(
                    representative=models.OuterRef("pk"), convention__publication_state=published_state(party)
                )
            )
        )

    def visible_to(self, user):
        return self.all() if may_view_all(user, "actors.view_person") else self.public()


class Person(models.Model):
    name = models.CharField(
        _("nom complet"), max_length=200, help_text=_("Prénom puis nom, tel qu'écrit dans les sources.")
    )
    family_name = models.CharField(_("nom de famille"), max_length=100, blank=True, help_text=_("Sert au tri."))
    slug = models.SlugField(_("identifiant d'adresse"), max_length=120, unique=True)
    biography = models.TextField(_("biographie"), blank=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("personne")
        verbose_name_plural = _("personnes")
        ordering = ["family_name", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("people:detail", kwargs={"slug": self.slug})

    def current_mandate(self):
        """The position a person holds now, or else the latest one held: a
        mandate still open first, then by start date. Uses prefetched
        mandates (with their actors) when present."""
        mandates = list(self.mandates.all())
        if not mandates:
            return None
        undated = datetime.date.min
        return max(mandates, key=lambda m: (m.end_on is None, m.start_on or undated, m.end_on or undated, m.pk))

    def label_with_position(self) -> str:
        """The label "Name — title, actor" of the current (or latest) mandate, as staff
        pick a person in the admin's autocompletes: two Mohamed Fikrat are
        told apart by their positions."""
        mandate = self.current_mandate()
        if mandate is None:
            return self.name
        return f"{self.name} — {mandate.title}, {mandate.actor.short_name}"

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name, fallback="personne", max_length=120)
        if not self.family_name and self.name:
            self.family_name = self.name.split()[-1]
        super().save(*args, **kwargs)


class MandateQuerySet(models.QuerySet):
    def public(self):
        """Mandates in a public actor (whose holder is then public too)."""
        return self.filter(actor__in=Actor.objects.public())

    def visible_to(self, user):
        return self.all() if may_view_all(user, "actors.view_mandate") else self.public()


class Mandate(ChoicesDisplay, models.Model):
    """A person's position in an actor, over a period known to some precision."""

    person = models.ForeignKey(Person, verbose_name=_("personne"), on_delete=models.PROTECT, related_name="mandates")
    actor = models.ForeignKey(Actor, verbose_name=_("acteur"), on_delete=models.PROTECT, related_name="mandates")
    title = models.CharField(
        _("fonction"), max_length=200, help_text=_("Par exemple « Président du directoire » ou « Ministre ».")
    )
    start_on = models.DateField(_("début"), null=True, blank=True)
    start_on_precision = precision_field(_("précision du début"))
    end_on = models.DateField(_("fin"), null=True, blank=True)
    end_on_precision = precision_field(_("précision de la fin"))
    attested_on = models.DateField(
        _("attesté le"),
        null=True,
        blank=True,
        help_text=_("Date à laquelle une source montre la personne dans cette fonction."),
    )
    attested_on_precision = precision_field(_("précision de l'attestation"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = MandateQuerySet.as_manager()

    class Meta:
        verbose_name = _("mandat")
        verbose_name_plural = _("mandats")
        ordering = ["person", "-start_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_on__isnull=True) | Q(start_on__isnull=True) | Q(end_on__gte=models.F("start_on")),
                name="actors_mandate_end_after_start",
            ),
            partial_date_constraint("actors", "mandate", "start_on"),
            partial_date_constraint("actors", "mandate", "end_on"),
            partial_date_constraint("actors", "mandate", "attested_on"),
        ]

    def __str__(self):
        return f"{self.person} — {self.title}, {self.actor.short_name}"

    def clean(self):
        clean_partial_dates(self, "start_on", "end_on", "attested_on")

    @property
    def period_display(self) -> str:
        return format_period(
            self.start_on,
            self.start_on_precision,
            self.end_on,
            self.end_on_precision,
            self.attested_on,
            self.attested_on_precision,
        )

    @property
    def is_current(self) -> bool:
        return self.end_on is None
