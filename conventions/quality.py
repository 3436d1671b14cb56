"""The data-quality report: records that lack what the public needs, each
with a link to fix it. Every check is one query (duplicates: one query and a
comparison within blocks of similar names)."""

import datetime
from dataclasses import dataclass, field

from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from actors.matching import ActorMatcher
from actors.models import Actor

from .models import Convention, Document, FollowUpAction, Measurement, Objective, reads_every_state

STALE_AFTER = datetime.timedelta(days=90)


@dataclass
class Check:
    title: str
    explanation: str
    rows: list = field(default_factory=list)  # (label, admin url, detail)


def _url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def conventions_without_source():
    documents = Document.objects.filter(convention=OuterRef("pk"))
    sources = Convention.sources.through.objects.filter(convention=OuterRef("pk"))
    rows = Convention.objects.filter(~Exists(documents), ~Exists(sources)).order_by("title")
    return [(c.title, _url(c), c.get_publication_state_display()) for c in rows]


def conventions_with_fewer_than_two_parties():
    rows = Convention.objects.annotate(count=Count("parties")).filter(count__lt=2).order_by("title")
    return [
        (c.title, _url(c), ngettext("%(count)d partie", "%(count)d parties", c.count) % {"count": c.count})
        for c in rows
    ]


def objectives_without_horizon():
    rows = (
        Objective.objects.filter(horizon_on__isnull=True, horizon_label="")
        .select_related("convention", "plan", "component__plan")
        .order_by("pk")
    )
    return [(o.indicator, _url(o), str(o.owner)) for o in rows]


def measurements_without_source():
    """Every fact cites its source: a measurement is refused without one
    (Measurement.clean), but rows written before that rule, or restored from
    an older backup, may lack it."""
    rows = (
        Measurement.objects.filter(source__isnull=True, document__isnull=True)
        .select_related("objective__convention", "objective__plan", "objective__component__plan")
        .order_by("objective_id", "measured_on", "pk")
    )
    return [(str(m), _url(m), f"{m.objective.indicator} — {m.objective.owner}") for m in rows]


def stale_overdue_actions(today=None):
    now = timezone.now()
    rows = (
        FollowUpAction.objects.overdue(today or timezone.localdate())
        .filter(updated_at__lt=now - STALE_AFTER)
        .select_related("convention")
        .order_by("due_on")
    )
    return [(a.title, _url(a), f"{a.convention.title} — {a.due_date_display}") for a in rows]


def actors_without_acronym_or_kind():
    rows = Actor.objects.filter(Q(acronym="") | Q(kind=Actor.Kind.OTHER)).order_by("name")
    return [(a.name, _url(a), a.get_kind_display()) for a in rows]


def likely_duplicate_actors():
    """Pairs of actors whose names, acronyms or former names look alike, as
    the actor matcher sees them (actors.matching.ActorMatcher.duplicates):
    compared within blocks of names sharing their first two words, so the
    cost stays near linear in the number of actors."""
    matcher = ActorMatcher()
    actors = {}
    for actor in Actor.objects.prefetch_related("names"):
        actors[actor.pk] = actor
        matcher.add(
            actor.pk,
            names=[actor.name],
            former=[n.name for n in actor.names.all()],
            acronyms=[actor.acronym, *(n.acronym for n in actor.names.all())],
        )
    return [
        (f"{actors[a]} / {actors[b]}", _url(actors[a]), _("voir aussi %(other)s") % {"other": actors[b]})
        for a, b in matcher.duplicates()
    ]


def report():
    return [
        Check(
            _("Conventions sans source ni document"),
            _("Chaque fait doit citer sa source."),
            conventions_without_source(),
        ),
        Check(
            _("Conventions de moins de deux parties"),
            _("Une convention lie au moins deux parties."),
            conventions_with_fewer_than_two_parties(),
        ),
        Check(
            _("Mesures sans source"),
            _("Chaque fait doit citer sa source : indiquez l'article ou le document qui rapporte cette valeur."),
            measurements_without_source(),
        ),
        Check(
            _("Objectifs sans échéance"),
            _("Ni date ni échéance écrite : la progression ne peut être jugée."),
            objectives_without_horizon(),
        ),
        Check(
            _("Actions en retard sans mise à jour depuis 90 jours"),
            _("Échéance passée, toujours ouvertes, et personne ne les a revues."),
            stale_overdue_actions(),
        ),
        Check(
            _("Acteurs sans sigle ou sans type"),
            _("Le sigle et le type servent à la recherche et aux filtres."),
            actors_without_acronym_or_kind(),
        ),
        Check(
            _("Acteurs probablement en double"),
            _("Noms, sigles ou anciens noms très proches : fusionnez-les ou ajoutez un autre nom."),
            likely_duplicate_actors(),
        ),
    ]


@staff_member_required
def quality_view(request):
    # The report names drafts and actors known only from drafts: for staff who
    # may read every state (Viewer, Editor, Publisher), not any staff account.
    if not reads_every_state(request.user):
        raise PermissionDenied
    context = {**admin.site.each_context(request), "title": _("Qualité des données"), "checks": report()}
    return render(request, "admin/quality.html", context)
