"""National plans and their components, and the reference lists (sectors,
regions) that conventions are classified by."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from actors.models import Actor
from core.models import ChoicesDisplay
from core.slugs import unique_slug
from core.validators import SMALL_VALIDATORS, YEAR_VALIDATORS


class Sector(models.Model):
    name = models.CharField(_("nom"), max_length=150)
    slug = models.SlugField(_("identifiant d'adresse"), max_length=80, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("secteur parent"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    description = models.TextField(_("description"), blank=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        verbose_name = _("secteur")
        verbose_name_plural = _("secteurs")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        # A sector's page is the list of its conventions.
        return reverse("conventions:list") + f"?sector={self.slug}"


class Region(models.Model):
    """One of the 12 regions of the 2015 territorial division (shipped as data)."""

    name = models.CharField(_("nom"), max_length=150)
    slug = models.SlugField(_("identifiant d'adresse"), max_length=80, unique=True)
    code = models.CharField(_("code ISO 3166-2"), max_length=6, unique=True, help_text=_("Par exemple MA-02."))
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        verbose_name = _("région")
        verbose_name_plural = _("régions")
        ordering = ["code"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("conventions:list") + f"?region={self.slug}"


class Plan(ChoicesDisplay, models.Model):
    class Kind(models.TextChoices):
        STRATEGY = "strategy", _("Stratégie")
        PLAN = "plan", _("Plan")
        PROGRAMME = "programme", _("Programme")
        NATIONAL_PROJECT = "national_project", _("Projet national")
        REGIONAL_STRATEGY = "regional_strategy", _("Stratégie régionale")

    name = models.CharField(_("nom"), max_length=250)
    slug = models.SlugField(_("identifiant d'adresse"), max_length=120, unique=True)
    short_name = models.CharField(_("nom court"), max_length=60, blank=True, help_text=_("Par exemple PAI."))
    kind = models.CharField(_("type"), max_length=20, choices=Kind, default=Kind.PLAN)
    start_year = models.PositiveSmallIntegerField(
        _("année de début"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    end_year = models.PositiveSmallIntegerField(_("année de fin"), null=True, blank=True, validators=YEAR_VALIDATORS)
    owner = models.ForeignKey(
        Actor,
        verbose_name=_("porteur"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plans",
        help_text=_("L'acteur qui porte le plan, le plus souvent un ministère."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("plan englobant"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="subplans",
    )
    predecessor = models.OneToOneField(
        "self",
        verbose_name=_("plan précédent"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="successor",
        help_text=_("Le plan auquel celui-ci succède, par exemple Émergence pour le PAI."),
    )
    sectors = models.ManyToManyField(Sector, verbose_name=_("secteurs"), blank=True, related_name="plans")
    summary = models.TextField(_("résumé"), blank=True)
    website = models.URLField(_("site web"), blank=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-start_year", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__isnull=True)
                | Q(start_year__isnull=True)
                | Q(end_year__gte=models.F("start_year")),
                name="plans_plan_end_after_start",
            ),
            models.CheckConstraint(condition=~Q(predecessor=models.F("pk")), name="plans_plan_not_own_predecessor"),
            models.CheckConstraint(condition=~Q(parent=models.F("pk")), name="plans_plan_not_own_parent"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("plans:detail", kwargs={"slug": self.slug})

    @property
    def period_display(self) -> str:
        if self.start_year and self.end_year:
            return f"{self.start_year}-{self.end_year}"
        return str(self.start_year or self.end_year or "")

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name_fr or self.name, fallback="plan", max_length=120)
        super().save(*args, **kwargs)


class PlanComponent(ChoicesDisplay, models.Model):
    """A part of a plan: a block of measures, a measure, a fund, a regional
    pole or a site. Components nest (a pole holds its sites)."""

    class Kind(models.TextChoices):
        BLOCK = "block", _("Bloc de mesures")
        MEASURE = "measure", _("Mesure")
        FUND = "fund", _("Fonds")
        PROGRAMME = "programme", _("Programme ou dispositif")
        ECOSYSTEM = "ecosystem", _("Écosystème")
        REGIONAL_POLE = "regional_pole", _("Pôle ou déclinaison régionale")
        SITE = "site", _("Site ou zone d'accueil")
        OTHER = "other", _("Autre")

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="components")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("composante parente"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind, default=Kind.MEASURE)
    name = models.CharField(_("nom"), max_length=250)
    slug = models.SlugField(_("identifiant d'adresse"), max_length=120)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0, validators=SMALL_VALIDATORS)
    description = models.TextField(_("description"), blank=True)
    region = models.ForeignKey(
        Region, verbose_name=_("région"), on_delete=models.PROTECT, null=True, blank=True, related_name="components"
    )
    location = models.CharField(_("lieu"), max_length=150, blank=True, help_text=_("Ville ou province, pour un site."))
    amount = models.DecimalField(_("enveloppe"), max_digits=18, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("devise"), max_length=3, default="MAD")

    class Meta:
        verbose_name = _("composante de plan")
        verbose_name_plural = _("composantes de plan")
        ordering = ["plan", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "slug"], name="plans_plancomponent_unique_slug_per_plan"),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0), name="plans_plancomponent_amount_not_negative"
            ),
            models.CheckConstraint(condition=~Q(parent=models.F("pk")), name="plans_plancomponent_not_own_parent"),
        ]

    def __str__(self):
        # The plan's short name disambiguates "Bloc 1" of two plans in selects;
        # querysets that list components select_related("plan").
        return f"{self.name} ({self.plan.short_name or self.plan.name})"

    def get_absolute_url(self):
        return f"{self.plan.get_absolute_url()}#{self.slug}"

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(
                self, self.name_fr or self.name, fallback="composante", max_length=120, plan_id=self.plan_id
            )
        super().save(*args, **kwargs)
