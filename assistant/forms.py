"""The article assistant's admin forms: the article (step 1) and, for each
proposed convention, its fields and its lists (step 2), every field
editable and kept only when its box stays ticked.

Nothing here is trusted from the browser: an actor or a person is named by
a slug looked up again (a stale or forged one is a field error), a party by
its position among the proposal's party rows, dates and numbers are parsed
again. Rules that span several rows (one actor per convention, a
representative's party kept) are the review's (assistant/review.py)."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from actors.models import Actor, Person
from assistant.extraction import MAX_CHARS
from assistant.extraction.language import LANGUAGES
from conventions.models import Convention, Party
from core.dates import DatePrecision, parse_partial
from core.validators import validate_currency
from plans.models import Plan

LANGUAGE_CHOICES = [("", _("Détecter")), ("fr", _("Français")), ("ar", _("Arabe")), ("en", _("Anglais"))]
_PUBLISHED = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def partial_date(value: str) -> str:
    """A partial date as typed (AAAA, AAAA-MM or AAAA-MM-JJ), checked; empty stays empty."""
    value = (value or "").strip()
    if not value:
        return ""
    if not _PUBLISHED.match(value):
        raise ValidationError(gettext("Écrivez la date AAAA, AAAA-MM ou AAAA-MM-JJ."), code="partial_date")
    try:
        parse_partial(value)
    except ValueError as error:
        raise ValidationError(str(error), code="partial_date") from error
    return value


class ArticleForm(forms.Form):
    """Step 1: the article and where it was published."""

    text = forms.CharField(
        label=_("Texte de l'article"),
        widget=forms.Textarea(attrs={"rows": 18, "cols": 100}),
        max_length=MAX_CHARS,
        strip=False,
        help_text=_("Collez l'article entier, titre compris. Rien n'est enregistré avant votre confirmation."),
    )
    url = forms.URLField(label=_("Adresse de l'article"), required=False, max_length=600, assume_scheme="https")
    outlet = forms.CharField(label=_("Média"), required=False, max_length=200)
    published = forms.CharField(
        label=_("Date de publication"),
        required=False,
        max_length=10,
        help_text=_("AAAA-MM-JJ, AAAA-MM ou AAAA ; les dates relatives (« hier ») se lisent par rapport à elle."),
    )
    language = forms.ChoiceField(label=_("Langue"), choices=LANGUAGE_CHOICES, required=False)

    def clean_published(self):
        return partial_date(self.cleaned_data["published"])

    def clean_language(self):
        language = self.cleaned_data["language"]
        return language if language in LANGUAGES else ""


class Kept(forms.Form):
    """A row of a list: kept only when its box stays ticked."""

    keep = forms.BooleanField(label=_("garder"), required=False, initial=True)

    @property
    def kept(self) -> bool:
        return bool(getattr(self, "cleaned_data", {}).get("keep"))


def _required_if_kept(form, *names) -> None:
    for name in names:
        if form.cleaned_data.get(name) in (None, ""):
            form.add_error(name, gettext("Ce champ est obligatoire pour une ligne gardée."))


class ProposalForm(forms.Form):
    """A proposed convention's own fields, each with its box."""

    keep = forms.BooleanField(label=_("Créer cette convention"), required=False, initial=True)
    keep_title = forms.BooleanField(label=_("garder l'intitulé"), required=False, initial=True)
    title = forms.CharField(label=_("Intitulé"), max_length=400, required=False)
    keep_kind = forms.BooleanField(label=_("garder le type"), required=False, initial=True)
    kind = forms.ChoiceField(label=_("Type"), choices=Convention.Kind.choices, initial=Convention.Kind.PARTNERSHIP)
    status = forms.ChoiceField(label=_("Statut"), choices=Convention.Status.choices, initial=Convention.Status.SIGNED)
    keep_date = forms.BooleanField(label=_("garder la date"), required=False, initial=True)
    signed_on = forms.CharField(label=_("Date de signature"), required=False, max_length=10)
    signed_on_precision = forms.ChoiceField(label=_("Précision"), choices=DatePrecision.choices, required=False)
    signed_on_note = forms.CharField(label=_("Date telle qu'écrite"), required=False, max_length=250)
    keep_place = forms.BooleanField(label=_("garder le lieu"), required=False, initial=True)
    place = forms.CharField(label=_("Lieu"), required=False, max_length=150)
    keep_event = forms.BooleanField(label=_("garder l'événement"), required=False, initial=True)
    event = forms.CharField(label=_("Événement"), required=False, max_length=250)

    def clean_signed_on(self):
        return partial_date(self.cleaned_data["signed_on"])

    def clean(self):
        data = super().clean()
        if not data.get("keep"):
            return data
        if not data.get("keep_title") or not (data.get("title") or "").strip():
            self.add_error("title", gettext("Une convention a besoin d'un intitulé : gardez-le et corrigez-le."))
        if data.get("keep_date") and data.get("signed_on"):
            # The precision is what the date, as written, says (2019-02: month).
            data["signed_on_precision"] = parse_partial(data["signed_on"])[1]
        return data

    def convention_fields(self) -> dict:
        data = self.cleaned_data
        dated = data["keep_date"] and data.get("signed_on")
        signed_on, precision = parse_partial(data["signed_on"]) if dated else (None, DatePrecision.UNKNOWN)
        return {
            "title_fr": data["title"].strip(),
            "kind": data["kind"] if data["keep_kind"] else Convention.Kind.PARTNERSHIP,
            "status": data["status"],
            "signed_on": signed_on,
            "signed_on_precision": precision,
            "signed_on_note": data["signed_on_note"] if data["keep_date"] else "",
            "place": data["place"] if data["keep_place"] else "",
            "event": data["event"] if data["keep_event"] else "",
        }


class PartyForm(Kept):
    """A party: an actor of the register (by slug), or one to create."""

    actor = forms.CharField(label=_("Acteur du registre"), required=False, max_length=120, widget=forms.Select)
    other_actor = forms.CharField(
        label=_("ou identifiant d'un autre acteur"), required=False, max_length=120, help_text=_("Son slug.")
    )
    new_name = forms.CharField(label=_("Nom à créer"), required=False, max_length=300)
    new_acronym = forms.CharField(label=_("Sigle"), required=False, max_length=40)
    new_kind = forms.ChoiceField(label=_("Type d'acteur"), choices=Actor.Kind.choices, initial=Actor.Kind.OTHER)
    role = forms.ChoiceField(label=_("Rôle"), choices=Party.Role.choices, initial=Party.Role.SIGNATORY)
    name_as_written = forms.CharField(label=_("Nom tel qu'écrit"), required=False, max_length=300)

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        create = self.initial.get("new_name") or gettext("nouvel acteur")
        acronym = self.initial.get("new_acronym")
        label = gettext("créer : %(name)s") % {"name": f"{create} ({acronym})" if acronym else create}
        self.fields["actor"].widget.choices = [("", label), *candidates]

    def clean(self):
        data = super().clean()
        if not data.get("keep"):
            return data
        slug = (data.get("other_actor") or data.get("actor") or "").strip()
        if slug:
            actor = Actor.objects.filter(slug=slug).first()
            if actor is None:
                field = "other_actor" if data.get("other_actor") else "actor"
                self.add_error(
                    field, gettext("Aucun acteur du registre n'a l'identifiant « %(slug)s ».") % {"slug": slug}
                )
            data["existing"] = actor
        else:
            data["existing"] = None
            _required_if_kept(self, "new_name")
        return data


class RepresentativeForm(Kept):
    """Who signed or spoke for a party: a person of the register or one to create."""

    person = forms.CharField(label=_("Personne du registre"), required=False, max_length=120, widget=forms.Select)
    new_name = forms.CharField(label=_("Nom"), required=False, max_length=200)
    title = forms.CharField(label=_("Fonction ce jour-là"), required=False, max_length=200)
    party = forms.TypedChoiceField(label=_("Pour la partie"), coerce=int, required=False, empty_value=None)
    capacity = forms.ChoiceField(
        label=_("Qualité"), choices=Party.RepresentativeCapacity.choices, initial=Party.RepresentativeCapacity.SPOKE
    )

    def __init__(self, *args, parties=(), candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = [("", "—"), *parties]
        name = self.initial.get("new_name") or gettext("nouvelle personne")
        self.fields["person"].widget.choices = [("", gettext("créer : %(name)s") % {"name": name}), *candidates]

    def clean(self):
        data = super().clean()
        if not data.get("keep"):
            return data
        slug = (data.get("person") or "").strip()
        data["existing"] = Person.objects.filter(slug=slug).first() if slug else None
        if slug and data["existing"] is None:
            self.add_error(
                "person", gettext("Aucune personne du registre n'a l'identifiant « %(slug)s ».") % {"slug": slug}
            )
        if not slug:
            _required_if_kept(self, "new_name")
        _required_if_kept(self, "party")
        return data


class AmountForm(Kept):
    value = forms.DecimalField(label=_("Montant"), required=False, max_digits=20, decimal_places=2, min_value=0)
    currency = forms.CharField(label=_("Devise"), required=False, max_length=3, initial="MAD")

    def clean_currency(self):
        currency = (self.cleaned_data["currency"] or "MAD").upper()
        validate_currency(currency)
        return currency

    def clean(self):
        data = super().clean()
        if data.get("keep"):
            _required_if_kept(self, "value")
        return data


class ObjectiveForm(Kept):
    indicator = forms.CharField(label=_("Indicateur"), required=False, max_length=300)
    target_value = forms.DecimalField(label=_("Cible"), required=False, max_digits=20, decimal_places=2)
    unit = forms.CharField(label=_("Unité"), required=False, max_length=40)
    # A date (AAAA, AAAA-MM, AAAA-MM-JJ) or, as articles often give it, words
    # (« d'ici la fin de l'année »): an undated horizon, kept as written.
    deadline = forms.CharField(
        label=_("Échéance"),
        required=False,
        max_length=100,
        help_text=_("AAAA, AAAA-MM, AAAA-MM-JJ, ou en mots (« fin de l'année »)."),
    )

    def clean_deadline(self):
        value = self.cleaned_data["deadline"].strip()
        return partial_date(value) if value[:1].isdigit() else value

    def clean(self):
        data = super().clean()
        if data.get("keep"):
            _required_if_kept(self, "indicator", "target_value", "unit")
        return data

    def objective_fields(self) -> dict:
        data = self.cleaned_data
        dated = data["deadline"][:1].isdigit()
        horizon_on, precision = parse_partial(data["deadline"] if dated else "")
        return {
            "indicator_fr": data["indicator"],
            "target_value": data["target_value"],
            "unit": data["unit"],
            "horizon_on": horizon_on,
            "horizon_on_precision": precision,
            "horizon_label_fr": "" if dated else data["deadline"],
        }


class ActionForm(Kept):
    title = forms.CharField(label=_("Action"), required=False, max_length=300, widget=forms.Textarea(attrs={"rows": 2}))
    responsible = forms.TypedChoiceField(label=_("Responsable"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, parties=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].choices = [("", "—"), *parties]

    def clean(self):
        data = super().clean()
        if data.get("keep"):
            _required_if_kept(self, "title")
        return data


class PlanForm(Kept):
    plan = forms.ModelChoiceField(
        label=_("Plan du registre"), queryset=Plan.objects.all(), to_field_name="slug", required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("keep"):
            _required_if_kept(self, "plan")
        return data
