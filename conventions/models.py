"""Conventions, who is party to them, what they commit to, which quantified
objectives they set and how far those have come, and where each fact comes from."""

import datetime
import re
import secrets
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from actors.models import Actor, Person
from core import cache as register_cache
from core.dates import (
    DatePrecision,
    clean_partial_dates,
    format_partial,
    partial_date_constraint,
    passed_before,
    period_end,
    precision_field,
)
from core.models import ChoicesDisplay
from core.numbers import localized
from core.slugs import unique_slug
from core.validators import (
    DOCUMENT_EXTENSIONS,
    PAGE_VALIDATORS,
    SMALL_VALIDATORS,
    YEAR_VALIDATORS,
    document_content_type,
    extension_of,
    validate_currency,
    validate_document_file,
)
from plans.models import Plan, PlanComponent, Region, Sector

from . import progress
from . import search as fulltext

MONEY = {"max_digits": 20, "decimal_places": 2}


class Source(ChoicesDisplay, models.Model):
    """Where a fact comes from: a press article, an official page, a release."""

    class Kind(models.TextChoices):
        PRESS = "press", _("Article de presse")
        OFFICIAL_SITE = "official_site", _("Site officiel")
        PRESS_RELEASE = "press_release", _("Communiqué")
        OFFICIAL_GAZETTE = "gazette", _("Bulletin officiel")
        REPORT = "report", _("Rapport ou étude")
        OTHER = "other", _("Autre")

    kind = models.CharField(_("type"), max_length=16, choices=Kind, default=Kind.PRESS)
    title = models.CharField(_("titre"), max_length=400)
    outlet = models.CharField(
        _("média ou éditeur"),
        max_length=200,
        blank=True,
        help_text=_("Par exemple Le Matin, Infomédiaire. Vide si inconnu."),
    )
    author = models.CharField(_("auteur"), max_length=200, blank=True)
    url = models.URLField(_("adresse"), max_length=600, blank=True)
    published_on = models.DateField(_("date de publication"), null=True, blank=True)
    published_on_precision = precision_field(_("précision de la date"))
    language = models.CharField(_("langue"), max_length=5, choices=settings.LANGUAGES, default="fr")
    quote = models.TextField(_("citation"), blank=True, help_text=_("Le passage qui fonde l'enregistrement."))
    text = models.TextField(
        _("texte intégral"), blank=True, help_text=_("Le texte de l'article, pour la recherche et la relecture.")
    )
    conventions = models.ManyToManyField(
        "Convention", verbose_name=_("conventions"), blank=True, related_name="sources"
    )
    plans = models.ManyToManyField(Plan, verbose_name=_("plans"), blank=True, related_name="sources")
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["-published_on", "title"]
        constraints = [
            models.UniqueConstraint(fields=["url"], condition=~Q(url=""), name="conventions_source_unique_url"),
            partial_date_constraint("conventions", "source", "published_on"),
        ]

    def __str__(self):
        parts = [self.outlet or str(_("source sans éditeur")), self.published_date_display]
        return f"{self.title} ({', '.join(parts)})"

    def clean(self):
        clean_partial_dates(self, "published_on")

    @property
    def published_date_display(self) -> str:
        return format_partial(self.published_on, self.published_on_precision)


def reads_every_state(user) -> bool:
    """May `user` read drafts, conventions in review and archived ones? A
    signed-in writer with the view or change permission (as in the admin, the
    change permission implies the view permission)."""
    return bool(
        user is not None
        and user.is_authenticated
        and (user.has_perm("conventions.view_convention") or user.has_perm("conventions.change_convention"))
    )


# What a cited fact (commitment, objective, measurement, action) is fetched
# with, so its page can number its source notes (core/citations.py).
CITED = ("source", "document__convention")


# What a link to a convention reads (ConventionQuerySet.as_links).
LINK_FIELDS = (
    "slug",
    "signed_on",
    "signed_on_precision",
    "title",
    *(f"title_{code}" for code in settings.MODELTRANSLATION_LANGUAGES),
)


def with_citations(queryset):
    """`queryset` (of a cited model) with its source and cited document, and
    of the document's convention only what a citation needs (its slug and
    whether it is published): a convention row is 30 columns, two kilobytes
    with its search text, and each is paid per cited fact; nor the source's
    full text (an article), which no citation shows."""
    needed = {"id", "slug", "publication_state"}
    unused = [field.attname for field in Convention._meta.concrete_fields if field.attname not in needed]
    return queryset.select_related(*CITED).defer("source__text", *(f"document__convention__{name}" for name in unused))


class ConventionQuerySet(models.QuerySet):
    def published(self):
        """The only entry point for anything the public or an anonymous client sees."""
        return self.filter(publication_state=Convention.PublicationState.PUBLISHED)

    def visible_to(self, user):
        """What `user` may read: the published register for everyone; every
        state for a signed-in writer with the view or change permission (the draft it
        just wrote, a convention in review). Anonymous clients never get more
        than published()."""
        return self.all() if reads_every_state(user) else self.published()

    def withdrawn(self):
        """Archived after having been published: the public learns that the
        address once held a convention, and nothing of its content."""
        return self.filter(publication_state=Convention.PublicationState.ARCHIVED, published_at__isnull=False)

    def serving(self, plan):
        """Conventions that serve `plan` (an instance, a pk or an OuterRef),
        directly or through one of its components."""
        direct = Convention.plans.through.objects.filter(convention=models.OuterRef("pk"), plan=plan)
        via = Convention.components.through.objects.filter(convention=models.OuterRef("pk"), plancomponent__plan=plan)
        return self.filter(Q(models.Exists(direct)) | Q(models.Exists(via)))

    def with_detail_data(self):
        """Everything a convention's page and its API resource show, in one
        query per relation whatever the numbers of parties, objectives or
        actions: parties with actor and representative; their commitments;
        objectives; their measurements in date order; actions with their
        responsible (each with its source and cited document); sources, dated
        first; documents; sectors; regions; plans; components with their plan."""
        # Each child's order is given here, within one convention: the
        # models' orderings start with their convention (or party), which
        # joins the convention's row to sort by its date and title.
        return self.prefetch_related(
            models.Prefetch(
                "parties",
                queryset=Party.objects.select_related("actor", "representative")
                .order_by("position", "id")
                .prefetch_related(
                    models.Prefetch(
                        "commitments", queryset=with_citations(Commitment.objects.order_by("position", "id"))
                    )
                ),
            ),
            models.Prefetch(
                "objectives",
                queryset=with_citations(Objective.objects.all()).prefetch_related(
                    models.Prefetch(
                        "measurements",
                        queryset=with_citations(Measurement.objects.order_by("measured_on", "id")),
                    )
                ),
            ),
            models.Prefetch(
                "actions",
                queryset=with_citations(
                    FollowUpAction.objects.select_related("responsible").order_by("position", "due_on", "id")
                ),
            ),
            models.Prefetch(
                "sources",
                queryset=Source.objects.defer("text").order_by(models.F("published_on").desc(nulls_last=True), "title"),
            ),
            models.Prefetch("documents", queryset=Document.objects.order_by("kind", "title")),
            "sectors",
            "regions",
            "plans",
            models.Prefetch("components", queryset=PlanComponent.objects.select_related("plan")),
        )

    def as_links(self):
        """What a link to a convention shows (its title in every language, its
        date), for the conventions a page only names: a whole row carries the
        full text, summaries and search text."""
        return self.only(*LINK_FIELDS)

    def with_list_data(self):
        """What a list row shows (title, kind, date, status, the parties'
        short names as `party_actors`) and nothing more: the full text,
        summary and search columns make a row 2 KB wide, and every loaded
        column is paid per row."""
        queryset = self.only("slug", "kind", "status", "signed_on", "signed_on_precision", *_in_every_language("title"))
        queryset._iterable_class = WithPartyActors
        return queryset

    def search(self, query: str):
        return fulltext.search(self, query)

    def refresh_search_text(self) -> int:
        """Rebuild the search text of these conventions (after a save with its
        inlines, an actor's rename, an import). Eight queries for any number."""
        conventions = list(
            self.prefetch_related(
                "parties__actor__names", "parties__representative", "plans", "components", "sectors", "regions"
            )
        )
        for convention in conventions:
            convention.search_text = fulltext.document_for(convention)
        # bulk_update leaves updated_at alone: reindexing is not an edit. It
        # sends no signal either, and search results change: a new version.
        changed = Convention.objects.bulk_update(conventions, ["search_text"], batch_size=500)
        if changed:
            register_cache.bump()
        return changed


class ListedActor:
    """A party's actor as a list row shows it (by its acronym, or its name in
    the page's language, French when that is missing), read as plain values:
    building a Party and an Actor per party was a fifth of a list page (100
    parties, 11 of 15 ms)."""

    def __init__(self, slug: str, acronym: str, names: dict[str, str]):
        self.slug = slug
        self.acronym = acronym
        for language, name in names.items():
            setattr(self, f"name_{language}", name)

    @property
    def name(self) -> str:
        # modeltranslation's rule for Actor.name: the active language, else French.
        active = getattr(self, f"name_{get_language()}", "")
        return active or getattr(self, f"name_{settings.MODELTRANSLATION_DEFAULT_LANGUAGE}", "")


class WithPartyActors(models.query.ModelIterable):
    """Conventions, each with `party_actors`: its parties' actors in the
    parties' order, read in one query of values for all the rows."""

    def __iter__(self):
        conventions = list(super().__iter__())
        by_pk = {convention.pk: convention for convention in conventions}
        for convention in conventions:
            convention.party_actors = []
        columns = ["convention_id", "actor__slug", "actor__acronym"]
        columns += [f"actor__name_{code}" for code in settings.MODELTRANSLATION_LANGUAGES]
        rows = (
            Party.objects.using(self.queryset.db)
            .filter(convention_id__in=list(by_pk))
            .order_by("convention_id", "position", "id")
            .values_list(*columns)
        )
        for convention_id, slug, acronym, *names in rows:
            by_pk[convention_id].party_actors.append(
                ListedActor(slug, acronym, dict(zip(settings.MODELTRANSLATION_LANGUAGES, names, strict=True)))
            )
        yield from conventions


def _in_every_language(field: str) -> list[str]:
    """A translated field and its columns in every language (the fallback
    reads the French one when the active language's is empty)."""
    return [field, *(f"{field}_{language}" for language in settings.MODELTRANSLATION_LANGUAGES)]


class Convention(ChoicesDisplay, models.Model):
    class Kind(models.TextChoices):
        PARTNERSHIP = "partnership", _("Convention de partenariat")
        FRAMEWORK = "framework", _("Convention-cadre")
        SPECIFIC = "specific", _("Convention spécifique")
        MEMORANDUM = "memorandum", _("Protocole d'accord")
        PROGRAMME_CONTRACT = "programme_contract", _("Contrat-programme")
        PERFORMANCE_CONTRACT = "performance_contract", _("Contrat de performance")
        INVESTMENT_AGREEMENT = "investment", _("Convention d'investissement")
        AGREEMENT = "agreement", _("Accord")
        AMENDMENT = "amendment", _("Avenant")

    class Status(models.TextChoices):
        IN_PREPARATION = "in_preparation", _("En préparation")
        SIGNED = "signed", _("Signée")
        IN_EXECUTION = "in_execution", _("En exécution")
        COMPLETED = "completed", _("Achevée")
        EXPIRED = "expired", _("Expirée")
        TERMINATED = "terminated", _("Résiliée")

    class PublicationState(models.TextChoices):
        DRAFT = "draft", _("Brouillon")
        REVIEW = "review", _("En relecture")
        PUBLISHED = "published", _("Publiée")
        ARCHIVED = "archived", _("Archivée")

    class Scope(models.TextChoices):
        NATIONAL = "national", _("Nationale")
        REGIONAL = "regional", _("Régionale")
        LOCAL = "local", _("Locale")
        INTERNATIONAL = "international", _("Internationale")

    title = models.CharField(
        _("intitulé"), max_length=400, help_text=_("Intitulé officiel, ou descriptif si la source n'en donne pas.")
    )
    slug = models.SlugField(_("identifiant d'adresse"), max_length=140, unique=True)
    reference = models.CharField(
        _("référence"), max_length=100, blank=True, help_text=_("Numéro ou référence officielle, s'il existe.")
    )
    kind = models.CharField(_("type"), max_length=24, choices=Kind, default=Kind.PARTNERSHIP)
    status = models.CharField(_("statut"), max_length=16, choices=Status, default=Status.SIGNED)
    summary = models.TextField(_("résumé"), blank=True, help_text=_("Objet de la convention en quelques phrases."))
    text = models.TextField(_("texte"), blank=True, help_text=_("Texte intégral ou extraits, s'ils sont disponibles."))
    signed_on = models.DateField(
        _("date de signature"),
        null=True,
        blank=True,
        help_text=_("Pour un mois ou une année seulement, saisissez le premier jour et choisissez la précision."),
    )
    signed_on_precision = precision_field(_("précision de la date de signature"))
    signed_on_note = models.CharField(
        _("date telle qu'écrite, ou raison de son absence"),
        max_length=250,
        blank=True,
        help_text=_(
            "Par exemple « hier, mercredi » (article non daté) ou « l'article ne donne pas de date ». "
            "Une convention sans date ne peut être publiée que si cette note explique pourquoi."
        ),
    )
    place = models.CharField(_("lieu de signature"), max_length=150, blank=True)
    event = models.CharField(
        _("événement"), max_length=250, blank=True, help_text=_("Par exemple « 8e Salon de l'Automobile de Tanger ».")
    )
    start_on = models.DateField(_("début d'effet"), null=True, blank=True)
    end_on = models.DateField(_("fin d'effet"), null=True, blank=True)
    amount = models.DecimalField(
        _("montant engagé"), **MONEY, null=True, blank=True, validators=[MinValueValidator(Decimal(0))]
    )
    currency = models.CharField(
        _("devise"), max_length=3, default="MAD", validators=[validate_currency], help_text=_("Code ISO 4217.")
    )
    scope = models.CharField(_("portée"), max_length=16, choices=Scope, default=Scope.NATIONAL)
    sectors = models.ManyToManyField(Sector, verbose_name=_("secteurs"), blank=True, related_name="conventions")
    regions = models.ManyToManyField(
        Region,
        verbose_name=_("régions"),
        blank=True,
        related_name="conventions",
        help_text=_("Laissez vide pour une convention de portée nationale."),
    )
    plans = models.ManyToManyField(Plan, verbose_name=_("plans"), blank=True, related_name="conventions")
    components = models.ManyToManyField(
        PlanComponent, verbose_name=_("composantes de plan"), blank=True, related_name="conventions"
    )
    search_text = models.TextField(_("texte de recherche"), blank=True, editable=False)
    publication_state = models.CharField(
        _("état de publication"), max_length=10, choices=PublicationState, default=PublicationState.DRAFT
    )
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("publiée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = ConventionQuerySet.as_manager()

    class Meta:
        verbose_name = _("convention")
        verbose_name_plural = _("conventions")
        permissions = [("publish_convention", _("Peut publier, archiver et modifier une convention publiée"))]
        ordering = ["-signed_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_on__isnull=True) | Q(start_on__isnull=True) | Q(end_on__gte=models.F("start_on")),
                name="conventions_convention_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0), name="conventions_convention_amount_not_negative"
            ),
            models.CheckConstraint(
                condition=~Q(publication_state="published") | Q(published_at__isnull=False),
                name="conventions_convention_published_has_date",
            ),
            partial_date_constraint("conventions", "convention", "signed_on"),
        ]
        indexes = [
            models.Index(fields=["publication_state", "-signed_on"], name="conventions_pub_signed_idx"),
            models.Index(fields=["updated_at"], name="conventions_updated_idx"),
            # The latest published first: the home page and the feed.
            models.Index(fields=["publication_state", "-published_at", "-id"], name="conventions_pub_latest_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("conventions:detail", kwargs={"slug": self.slug})

    def clean(self):
        clean_partial_dates(self, "signed_on")
        if self.start_on and self.end_on and self.end_on < self.start_on:
            raise ValidationError({"end_on": _("La fin d'effet ne peut précéder le début.")})

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.title_fr or self.title, fallback="convention", max_length=140)
        super().save(*args, **kwargs)

    @property
    def signed_date_display(self) -> str:
        return format_partial(self.signed_on, self.signed_on_precision)

    @property
    def is_published(self) -> bool:
        return self.publication_state == self.PublicationState.PUBLISHED


class ConventionRelation(ChoicesDisplay, models.Model):
    """A convention amends, implements, renews or terminates another."""

    class Kind(models.TextChoices):
        AMENDS = "amends", _("modifie (avenant)")
        IMPLEMENTS = "implements", _("met en œuvre (convention-cadre)")
        RENEWS = "renews", _("renouvelle")
        TERMINATES = "terminates", _("résilie")
        SUPERSEDES = "supersedes", _("remplace")

    from_convention = models.ForeignKey(
        Convention, verbose_name=_("convention"), on_delete=models.CASCADE, related_name="outgoing_relations"
    )
    kind = models.CharField(_("relation"), max_length=12, choices=Kind)
    to_convention = models.ForeignKey(
        Convention, verbose_name=_("convention liée"), on_delete=models.PROTECT, related_name="incoming_relations"
    )

    class Meta:
        verbose_name = _("relation entre conventions")
        verbose_name_plural = _("relations entre conventions")
        ordering = ["from_convention", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["from_convention", "kind", "to_convention"], name="conventions_conventionrelation_unique"
            ),
            models.CheckConstraint(
                condition=~Q(from_convention=models.F("to_convention")), name="conventions_conventionrelation_not_self"
            ),
        ]

    def __str__(self):
        return f"{self.from_convention} {self.get_kind_display()} {self.to_convention}"


class PartyQuerySet(models.QuerySet):
    def public(self):
        """Parties of published conventions (a join: cheap inside a per-actor
        count as well as over the whole register)."""
        return self.filter(convention__publication_state=Convention.PublicationState.PUBLISHED)


class Party(ChoicesDisplay, models.Model):
    class Role(models.TextChoices):
        SIGNATORY = "signatory", _("Signataire")
        FINANCIER = "financier", _("Financeur")
        BENEFICIARY = "beneficiary", _("Bénéficiaire")
        IMPLEMENTING_AGENCY = "implementing_agency", _("Organisme d'exécution")
        PARTNER = "partner", _("Partenaire")
        WITNESS = "witness", _("Témoin ou autorité de tutelle")

    class RepresentativeCapacity(models.TextChoices):
        SIGNED = "signed", _("a signé pour la partie")
        SPOKE = "spoke", _("a pris la parole pour la partie (signature non précisée)")

    convention = models.ForeignKey(
        Convention, verbose_name=_("convention"), on_delete=models.CASCADE, related_name="parties"
    )
    actor = models.ForeignKey(Actor, verbose_name=_("acteur"), on_delete=models.PROTECT, related_name="parties")
    role = models.CharField(_("rôle"), max_length=20, choices=Role, default=Role.SIGNATORY)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0, validators=SMALL_VALIDATORS)
    name_as_written = models.CharField(
        _("nom tel qu'écrit"),
        max_length=300,
        blank=True,
        help_text=_("Le libellé de l'acteur dans le document ou l'article, s'il diffère de son nom actuel."),
    )
    representative = models.ForeignKey(
        Person,
        verbose_name=_("représentant"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="representations",
    )
    representative_title = models.CharField(_("fonction du représentant ce jour-là"), max_length=200, blank=True)
    representative_capacity = models.CharField(
        _("qualité du représentant"),
        max_length=8,
        choices=RepresentativeCapacity,
        # The weaker claim by default: "signed" must come from the source.
        default=RepresentativeCapacity.SPOKE,
        help_text=_("Ne dites « a signé » que si la source le dit."),
    )
    joined_on = models.DateField(
        _("adhésion le"),
        null=True,
        blank=True,
        help_text=_("Seulement si la partie a rejoint la convention après sa signature."),
    )
    withdrew_on = models.DateField(_("retrait le"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = PartyQuerySet.as_manager()

    class Meta:
        verbose_name = _("partie")
        verbose_name_plural = _("parties")
        ordering = ["convention", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["convention", "actor"], name="conventions_party_one_per_actor"),
            models.CheckConstraint(
                condition=Q(withdrew_on__isnull=True)
                | Q(joined_on__isnull=True)
                | Q(withdrew_on__gte=models.F("joined_on")),
                name="conventions_party_withdrawal_after_joining",
            ),
            models.CheckConstraint(
                condition=Q(representative__isnull=False) | Q(representative_title=""),
                name="conventions_party_title_needs_representative",
            ),
        ]

    def __str__(self):
        return f"{self.actor.short_name} — {self.get_role_display()}"

    @property
    def signed_by(self):
        if self.representative_capacity == self.RepresentativeCapacity.SIGNED:
            return self.representative
        return None


def document_upload_to(document, filename: str) -> str:
    """Where a new document is stored: a random name with the uploader's
    extension, cleaned. The name the uploader gave never reaches the storage
    (it could name a draft's content, or carry path tricks); the download
    takes its name from the document's title."""
    extension = re.sub(r"[^a-z0-9]", "", extension_of(filename))[:8] or "bin"
    return f"documents/{timezone.now():%Y/%m}/{secrets.token_hex(16)}.{extension}"


class Document(ChoicesDisplay, models.Model):
    class Kind(models.TextChoices):
        SIGNED_TEXT = "signed_text", _("Texte signé")
        ANNEX = "annex", _("Annexe")
        AMENDMENT = "amendment", _("Avenant")
        PRESS_RELEASE = "press_release", _("Communiqué")
        PRESENTATION = "presentation", _("Présentation")
        REPORT = "report", _("Rapport")
        OTHER = "other", _("Autre")

    convention = models.ForeignKey(
        Convention, verbose_name=_("convention"), on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("type"), max_length=16, choices=Kind, default=Kind.SIGNED_TEXT)
    title = models.CharField(_("titre"), max_length=300)
    file = models.FileField(
        _("fichier"),
        upload_to=document_upload_to,
        validators=[FileExtensionValidator(DOCUMENT_EXTENSIONS), validate_document_file],
    )
    language = models.CharField(_("langue"), max_length=5, choices=settings.LANGUAGES, default="fr")
    page_count = models.PositiveIntegerField(_("nombre de pages"), null=True, blank=True, validators=PAGE_VALIDATORS)
    dated_on = models.DateField(_("date du document"), null=True, blank=True)
    created_at = models.DateTimeField(_("ajouté le"), auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["convention", "kind", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        """The download, through the view that checks publication (never the
        storage's own address: a draft's file must not be public)."""
        return reverse("document-download", args=[self.pk])

    def page_url(self, page: int | None) -> str:
        """The download's address opened at a page (PDF viewers honour #page=N)."""
        url = self.get_absolute_url()
        return f"{url}#page={page}" if page else url

    @property
    def content_type(self) -> str:
        """From the stored name's extension, which the upload's content was checked against."""
        return document_content_type(self.file.name)

    @property
    def download_name(self) -> str:
        """The name the file is saved under by a browser: the title, made safe, and the extension."""
        stem = slugify(self.title_fr or self.title)[:80] or f"document-{self.pk}"
        return f"{stem}.{extension_of(self.file.name) or 'bin'}"


class Cited(ChoicesDisplay, models.Model):
    """Where a commitment, objective, measurement or action comes from: a
    source, or a clause and page of an attached document."""

    source = models.ForeignKey(
        Source, verbose_name=_("source"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    clause = models.CharField(_("article ou clause"), max_length=60, blank=True, help_text=_("Par exemple « art. 4 »."))
    page = models.PositiveIntegerField(_("page"), null=True, blank=True, validators=PAGE_VALIDATORS)

    class Meta:
        abstract = True

    def citation_url(self) -> str:
        if self.document_id:
            return self.document.page_url(self.page)
        if self.source_id:
            return self.source.url
        return ""


class Commitment(Cited):
    party = models.ForeignKey(Party, verbose_name=_("partie"), on_delete=models.CASCADE, related_name="commitments")
    description = models.TextField(
        _("engagement"), help_text=_("Ce à quoi la partie s'engage, en une ou deux phrases.")
    )
    amount = models.DecimalField(
        _("montant"), **MONEY, null=True, blank=True, validators=[MinValueValidator(Decimal(0))]
    )
    currency = models.CharField(
        _("devise"), max_length=3, default="MAD", validators=[validate_currency], help_text=_("Code ISO 4217.")
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=0, validators=SMALL_VALIDATORS)

    class Meta:
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")
        ordering = ["party", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0), name="conventions_commitment_amount_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.party.actor.short_name} : {self.description[:80]}"


class ObjectiveQuerySet(models.QuerySet):
    def public(self):
        """Objectives of published conventions, and of plans and components
        (plans are public policy and have no draft state)."""
        return self.filter(Q(convention__isnull=True) | Q(convention__in=Convention.objects.published()))

    def visible_to(self, user):
        """Objectives of the conventions `user` may read (Convention.objects.visible_to)."""
        return self.filter(Q(convention__isnull=True) | Q(convention__in=Convention.objects.visible_to(user)))


class Objective(Cited):
    """A quantified target with a unit and a horizon, owned by exactly one
    plan, plan component or convention. Progress derives from its measurements."""

    class Comparator(models.TextChoices):
        AT_LEAST = "gte", _("au moins")
        AT_MOST = "lte", _("au plus")
        ABOUT = "about", _("environ")
        EXACTLY = "eq", _("exactement")

    class Progress(models.TextChoices):
        """The statuses of conventions.progress (the rule and its tolerances are there)."""

        NO_DATA = progress.NO_DATA, _("Pas de mesure")
        # "En cours" also names an action's state; Arabic words the two differently.
        ON_TRACK = progress.ON_TRACK, pgettext_lazy("progression d'un objectif", "En cours")
        AT_RISK = progress.AT_RISK, pgettext_lazy("progression d'un objectif", "À risque")
        LATE = progress.LATE, _("En retard")
        REACHED = progress.REACHED, _("Atteint")
        MISSED = progress.MISSED, pgettext_lazy("progression d'un objectif", "Manqué")
        NOT_REACHED = progress.NOT_REACHED, pgettext_lazy("progression d'un objectif", "Non atteint")

    convention = models.ForeignKey(
        Convention,
        verbose_name=_("convention"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="objectives",
    )
    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, null=True, blank=True, related_name="objectives"
    )
    component = models.ForeignKey(
        PlanComponent,
        verbose_name=_("composante de plan"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="objectives",
    )
    indicator = models.CharField(
        _("indicateur"), max_length=300, help_text=_("Ce qui est mesuré, par exemple « créations d'emplois ».")
    )
    # xgettext:no-python-format
    unit = models.CharField(_("unité"), max_length=40, help_text=_("Par exemple MAD, emplois, véhicules, % du PIB."))
    # Blank when the source gives a figure without saying "at least", "at
    # most" or "about": the register does not guess. Progress is computed the
    # same way (from the baseline towards the target) whatever the direction.
    comparator = models.CharField(
        _("sens de la cible"),
        max_length=5,
        choices=Comparator,
        blank=True,
        default="",
        help_text=_("Laissez vide si la source ne dit pas « au moins », « au plus » ou « environ »."),
    )
    baseline_value = models.DecimalField(_("valeur de départ"), **MONEY, null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(
        _("année de départ"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    target_value = models.DecimalField(_("cible"), **MONEY)
    horizon_on = models.DateField(_("échéance"), null=True, blank=True)
    horizon_on_precision = precision_field(_("précision de l'échéance"))
    horizon_label = models.CharField(
        _("échéance telle qu'écrite"),
        max_length=120,
        blank=True,
        help_text=_("Quand l'échéance n'est pas datée : « à court terme », « d'ici la fin de l'année »."),
    )
    note = models.TextField(_("note"), blank=True)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0, validators=SMALL_VALIDATORS)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    objects = ObjectiveQuerySet.as_manager()

    class Meta:
        verbose_name = _("objectif")
        verbose_name_plural = _("objectifs")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(convention__isnull=False) & Q(plan__isnull=True) & Q(component__isnull=True))
                | (Q(convention__isnull=True) & Q(plan__isnull=False) & Q(component__isnull=True))
                | (Q(convention__isnull=True) & Q(plan__isnull=True) & Q(component__isnull=False)),
                name="conventions_objective_exactly_one_owner",
            ),
            models.CheckConstraint(condition=~Q(unit=""), name="conventions_objective_has_unit"),
            partial_date_constraint("conventions", "objective", "horizon_on"),
        ]

    def __str__(self):
        return f"{self.indicator} : {localized(self.target_value, None)} {self.unit}"

    def clean(self):
        clean_partial_dates(self, "horizon_on")
        # An owner being created in the same form (an admin add page) has no id
        # yet but is already set on the instance: count objects, not ids.
        owners = [
            name
            for name in ("convention", "plan", "component")
            if getattr(self, f"{name}_id") is not None or getattr(self, name) is not None
        ]
        if len(owners) != 1:
            raise ValidationError(
                _("Un objectif appartient à une seule convention, un seul plan ou une seule composante.")
            )

    @property
    def owner(self):
        return self.convention or self.plan or self.component

    def get_absolute_url(self):
        """The objectives section of its owner's page."""
        if self.convention_id:
            return self.convention.get_absolute_url() + "#objectifs"
        if self.plan_id:
            return self.plan.get_absolute_url() + "#section-objectifs"
        return self.component.plan.get_absolute_url() + f"#objectifs-{self.component.slug}"

    @property
    def horizon_display(self) -> str:
        if self.horizon_on:
            return format_partial(self.horizon_on, self.horizon_on_precision)
        return self.horizon_label

    def latest_measurement(self):
        """The most recent measurement. Uses prefetched measurements when present
        (ordered by date), so list pages can avoid a query per objective."""
        measurements = list(self.measurements.all())
        return measurements[-1] if measurements else None

    def progress_reading(self, as_of: datetime.date | None = None, *, measurement=None, plan=None):
        """The objective as of `as_of` (today by default), by the rule of
        conventions.progress: the measurement it rests on, progress, the
        share expected by then, the status. Reads prefetched measurements
        (ordered or not) and the owner the caller loaded: no query on the
        pages and the API. `measurement`: read as if it were the latest
        (the measurements after it ignored). `plan`: a plan the caller holds
        (the plan page's), to read its first year without loading it again."""
        measurements = list(self.measurements.all())
        if measurement is not None:
            measurements = progress.upto(measurements, measurement)
        return progress.read(progress.terms_of(self, plan=plan), measurements, as_of or timezone.localdate())

    def progress_history(self, *, plan=None) -> list:
        """Each measurement with the reading it implied on its own date."""
        return progress.history(progress.terms_of(self, plan=plan), self.measurements.all())

    def progress_ratio(self, measurement=None, as_of: datetime.date | None = None) -> float | None:
        """Share of the way from the baseline to the target as of `as_of`
        (today by default), 0..1 and beyond; None without a measurement."""
        return self.progress_reading(as_of, measurement=measurement).progress

    def progress_status(self, measurement=None, today: datetime.date | None = None) -> str:
        """One of Objective.Progress as of `today` (today by default)."""
        return self.Progress(self.progress_reading(today, measurement=measurement).status)

    @property
    def horizon_end(self) -> datetime.date | None:
        """The last day the horizon allows: 31 December for a year."""
        return period_end(self.horizon_on, self.horizon_on_precision)


class Measurement(Cited):
    """A dated value of an objective's indicator, as a source reported it."""

    objective = models.ForeignKey(
        Objective, verbose_name=_("objectif"), on_delete=models.CASCADE, related_name="measurements"
    )
    value = models.DecimalField(_("valeur mesurée"), **MONEY)
    measured_on = models.DateField(_("date de la mesure"))
    measured_on_precision = precision_field(_("précision de la date"))
    note = models.CharField(
        _("note"),
        max_length=300,
        blank=True,
        help_text=_("Ce que la mesure recouvre, par exemple « 357 projets dans 10 secteurs »."),
    )

    class Meta:
        verbose_name = _("mesure")
        verbose_name_plural = _("mesures")
        ordering = ["objective", "measured_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(measured_on_precision=DatePrecision.UNKNOWN), name="conventions_measurement_date_known"
            ),
        ]

    def __str__(self):
        return f"{localized(self.value, None)} {self.objective.unit} ({self.measured_date_display})"

    def clean(self):
        clean_partial_dates(self, "measured_on")
        # Every fact cites its source: a measurement is a figure someone
        # reported, and a reader must be able to check it (as publishing a
        # convention requires a source). The admin, the API, the importer and
        # the demo loader all reach this check through full_clean().
        if self.source_id is None and self.document_id is None:
            raise ValidationError(
                {"source": _("Une mesure cite sa source : choisissez la source, ou un document de la convention.")},
                code="measurement_without_source",
            )

    @property
    def measured_date_display(self) -> str:
        return format_partial(self.measured_on, self.measured_on_precision)


class FollowUpActionQuerySet(models.QuerySet):
    OPEN_STATES = ("planned", "in_progress")

    def public(self):
        return self.filter(convention__in=Convention.objects.published())

    def visible_to(self, user):
        return self.filter(convention__in=Convention.objects.visible_to(user))

    def open(self):
        return self.filter(state__in=self.OPEN_STATES)

    def overdue(self, today: datetime.date | None = None):
        return self.open().filter(passed_before("due_on", today or timezone.localdate()))


class FollowUpAction(Cited):
    class State(models.TextChoices):
        PLANNED = "planned", _("Prévue")
        IN_PROGRESS = "in_progress", pgettext_lazy("état d'une action de suivi", "En cours")
        DONE = "done", _("Réalisée")
        CANCELLED = "cancelled", _("Abandonnée")

    convention = models.ForeignKey(
        Convention, verbose_name=_("convention"), on_delete=models.CASCADE, related_name="actions"
    )
    title = models.CharField(_("action"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    responsible = models.ForeignKey(
        Actor, verbose_name=_("responsable"), on_delete=models.PROTECT, null=True, blank=True, related_name="actions"
    )
    responsible_note = models.CharField(
        _("précision sur le responsable"),
        max_length=200,
        blank=True,
        help_text=_("Par exemple « cabinet mandaté par l'association (non nommé) »."),
    )
    due_on = models.DateField(_("échéance"), null=True, blank=True)
    due_on_precision = precision_field(_("précision de l'échéance"))
    state = models.CharField(_("état"), max_length=12, choices=State, default=State.PLANNED)
    completed_on = models.DateField(_("réalisée le"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0, validators=SMALL_VALIDATORS)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = FollowUpActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("action de suivi")
        verbose_name_plural = _("actions de suivi")
        ordering = ["convention", "position", "due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True) | Q(state="done"),
                name="conventions_followupaction_completed_means_done",
            ),
            partial_date_constraint("conventions", "followupaction", "due_on"),
        ]
        indexes = [models.Index(fields=["state", "due_on"], name="conventions_action_due_idx")]

    def __str__(self):
        return self.title

    def clean(self):
        clean_partial_dates(self, "due_on")
        if self.completed_on and self.state != self.State.DONE:
            raise ValidationError(
                {"completed_on": _("Une date de réalisation n'a de sens que pour une action réalisée.")}
            )

    def get_absolute_url(self):
        return self.convention.get_absolute_url() + "#suivi"

    @property
    def due_date_display(self) -> str:
        return format_partial(self.due_on, self.due_on_precision)

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        due_end = period_end(self.due_on, self.due_on_precision)
        return bool(
            due_end and self.state in FollowUpActionQuerySet.OPEN_STATES and due_end < (today or timezone.localdate())
        )
