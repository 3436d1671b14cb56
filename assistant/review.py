"""Step 2 of the article assistant: the proposals as forms, what the staff
kept of them, and the drafts to save.

Between the two steps the article and the proposals travel in a signed
token bound to the user (django.core.signing): the browser cannot change
the article saved as the source, nor the evidence shown. What the staff
edit comes back as form fields and is checked again here and by the
services; a token that is forged, expired or another user's is refused
with a message (`Expired`)."""

from django import forms
from django.core import signing
from django.utils.translation import gettext

from core.text import normalize

from . import proposals as proposing
from .drafts import ActionDraft, Article, ConventionDraft, NewActor, NewPerson, PartyDraft
from .evidence import highlight
from .forms import ActionForm, AmountForm, ObjectiveForm, PartyForm, PlanForm, ProposalForm, RepresentativeForm

SALT = "assistant.review"
MAX_AGE = 12 * 3600  # a morning's reading; then the article is pasted again


class Expired(ValueError):
    """A review token that cannot be used: the message is for the staff."""


def seal(*, user, article: dict, found: list[dict]) -> str:
    return signing.dumps({"u": user.pk, "a": article, "p": found}, salt=SALT, compress=True)


def unseal(token: str, user) -> tuple[dict, list[dict]]:
    try:
        data = signing.loads(token or "", salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature as error:  # SignatureExpired is one
        raise Expired(gettext("Cette relecture a expiré ou a été altérée : collez l'article à nouveau.")) from error
    if not isinstance(data, dict) or data.get("u") != user.pk:
        raise Expired(gettext("Cette relecture a expiré ou a été altérée : collez l'article à nouveau."))
    return data["a"], data["p"]


class Rows(forms.BaseFormSet):
    """A list of rows whose forms each take their own keyword arguments."""

    row_kwargs: list[dict] = []
    extra_kwargs: dict = {}

    def get_form_kwargs(self, index):
        if index is not None and index < len(self.row_kwargs):
            return self.row_kwargs[index]
        return self.extra_kwargs


def _rows(form, data, prefix, initial, *, extra=1, row_kwargs=(), extra_kwargs=None):
    formset_class = forms.formset_factory(form, formset=Rows, extra=extra, max_num=100, absolute_max=120)
    formset = formset_class(data, prefix=prefix, initial=initial)
    formset.row_kwargs = list(row_kwargs)
    formset.extra_kwargs = extra_kwargs or {}
    return formset


class ProposalReview:
    """One proposed convention: its form, its lists, and the evidence of each."""

    def __init__(self, index: int, proposal: dict, text: str, data=None):
        self.index, self.proposal, self.text = index, proposal, text
        values = proposing.initial(proposal)
        prefix = f"c{index}"
        self.form = ProposalForm(data, prefix=prefix, initial=values["proposal"])
        self.parties = _rows(
            PartyForm,
            data,
            f"{prefix}-parties",
            values["parties"],
            row_kwargs=[{"candidates": [tuple(c) for c in p["candidates"]]} for p in proposal["parties"]],
        )
        count = len(self.parties.forms)
        labels = [p["name"] for p in proposal["parties"]]
        choices = [(i, labels[i] if i < len(labels) else gettext("ligne %(n)d") % {"n": i + 1}) for i in range(count)]
        people = [
            {"parties": choices, "candidates": _person_candidates(person)} for person in proposal["representatives"]
        ]
        self.representatives = _rows(
            RepresentativeForm,
            data,
            f"{prefix}-people",
            values["representatives"],
            row_kwargs=people,
            extra_kwargs={"parties": choices},
        )
        self.amounts = _rows(AmountForm, data, f"{prefix}-amounts", values["amounts"], extra=0)
        self.objectives = _rows(ObjectiveForm, data, f"{prefix}-objectives", values["objectives"])
        self.actions = _rows(
            ActionForm, data, f"{prefix}-actions", values["actions"], extra_kwargs={"parties": choices}
        )
        self.plans = _rows(PlanForm, data, f"{prefix}-plans", values["plans"], extra=0)

    # --- display -----------------------------------------------------------------

    def evidence(self, item: dict | None, needle: str | None = None):
        if not item:
            return ""
        return highlight(self.text, item.get("evidence"), item.get("span"), needle)

    def _with_evidence(self, formset, key, needle=None):
        items = self.proposal[key]
        rows = []
        for index, form in enumerate(formset.forms):
            item = items[index] if index < len(items) else None
            rows.append((form, item, self.evidence(item, needle(item) if needle and item else None)))
        return rows

    def party_rows(self):
        return self._with_evidence(self.parties, "parties")

    def representative_rows(self):
        return self._with_evidence(self.representatives, "representatives")

    def amount_rows(self):
        return self._with_evidence(self.amounts, "amounts")

    def objective_rows(self):
        return self._with_evidence(self.objectives, "objectives")

    def action_rows(self):
        return self._with_evidence(self.actions, "actions")

    def plan_rows(self):
        return self._with_evidence(self.plans, "plans", needle=lambda item: item.get("name"))

    def context_rows(self):
        return [(item, self.evidence(item)) for item in self.proposal["context_figures"]]

    def signing_evidence(self):
        return highlight(self.text, self.proposal.get("signing"))

    def date_evidence(self):
        date = self.proposal["date"]
        return highlight(self.text, date.get("evidence"), needle=date.get("as_written"))

    def place_evidence(self):
        return highlight(self.text, self.proposal.get("signing"), needle=self.proposal.get("place"))

    def event_evidence(self):
        return highlight(self.text, self.proposal.get("signing"), needle=self.proposal.get("event"))

    @property
    def formsets(self):
        return [self.parties, self.representatives, self.amounts, self.objectives, self.actions, self.plans]

    # --- checking ----------------------------------------------------------------

    @property
    def kept(self) -> bool:
        return bool(self.form.is_valid() and self.form.cleaned_data.get("keep"))

    def is_valid(self) -> bool:
        if self.form.is_valid() and not self.form.cleaned_data.get("keep"):
            return True  # dropped: what its rows say does not matter
        rows_valid = all([formset.is_valid() for formset in self.formsets])
        # The rules across rows run even when a row is wrong: every error at once.
        return self._check_rows() and rows_valid and self.form.is_valid()

    @staticmethod
    def _kept(formset):
        # An extra row left empty is not validated: its cleaned_data is empty.
        return [
            (index, form) for index, form in enumerate(formset.forms) if getattr(form, "cleaned_data", {}).get("keep")
        ]

    def _check_rows(self) -> bool:
        valid = True
        parties = dict(self._kept(self.parties))
        seen = {}
        for index, form in parties.items():
            data = form.cleaned_data
            key = data["existing"].pk if data.get("existing") else normalize(data.get("new_name") or "")
            if key in seen:
                form.add_error(
                    None,
                    gettext("Cet acteur est déjà partie de cette convention (ligne %(n)d).") % {"n": seen[key] + 1},
                )
                valid = False
            seen.setdefault(key, index)
        represented = {}
        for _index, form in self._kept(self.representatives):
            party = form.cleaned_data.get("party")
            if party not in parties:
                form.add_error("party", gettext("Choisissez une partie gardée."))
                valid = False
            elif party in represented:
                form.add_error("party", gettext("Cette partie a déjà un représentant : une partie n'en a qu'un."))
                valid = False
            represented[party] = form
        for _index, form in self._kept(self.actions):
            responsible = form.cleaned_data.get("responsible")
            if responsible is not None and responsible not in parties:
                form.add_error("responsible", gettext("Choisissez une partie gardée, ou aucune."))
                valid = False
        amounts = self._kept(self.amounts)
        if len(amounts) > 1:
            for _index, form in amounts:
                form.add_error("keep", gettext("Une convention n'a qu'un montant engagé : n'en gardez qu'un."))
            valid = False
        return valid

    def draft(self) -> ConventionDraft:
        """What the staff kept, for assistant.drafts (after is_valid())."""
        fields = self.form.convention_fields()
        amounts = self._kept(self.amounts)
        if amounts:
            fields["amount"] = amounts[0][1].cleaned_data["value"]
            fields["currency"] = amounts[0][1].cleaned_data["currency"]
        positions, parties = {}, []
        for index, form in self._kept(self.parties):
            data = form.cleaned_data
            actor = data["existing"] or NewActor(
                data["new_name"].strip(), data["new_acronym"].strip(), data["new_kind"]
            )
            positions[index] = len(parties)
            parties.append(PartyDraft(actor=actor, role=data["role"], name_as_written=data["name_as_written"]))
        for _index, form in self._kept(self.representatives):
            data = form.cleaned_data
            party = parties[positions[data["party"]]]
            party.representative = data["existing"] or NewPerson(data["new_name"].strip())
            party.representative_title = data["title"]
            party.representative_capacity = data["capacity"]
        plans = {form.cleaned_data["plan"].pk: form.cleaned_data["plan"] for _index, form in self._kept(self.plans)}
        return ConventionDraft(
            fields=fields,
            parties=parties,
            objectives=[form.objective_fields() for _index, form in self._kept(self.objectives)],
            actions=[
                ActionDraft(form.cleaned_data["title"], positions.get(form.cleaned_data["responsible"]))
                for _index, form in self._kept(self.actions)
            ],
            plans=list(plans.values()),
        )


def _person_candidates(person: dict) -> list[tuple[str, str]]:
    match = person.get("match") or {}
    if not match.get("person"):
        return []
    return [(match["person"], f"{person['person']} ({match['person']})")]


class Review:
    """Every proposal of one article, bound to what the staff sent back (or not yet)."""

    def __init__(self, article: dict, found: list[dict], data=None):
        self.article_data = article
        self.proposals = [ProposalReview(i, p, article["text"], data) for i, p in enumerate(found)]
        self.errors: list[str] = []

    def is_valid(self) -> bool:
        valid = all([proposal.is_valid() for proposal in self.proposals])
        if valid and not any(proposal.kept for proposal in self.proposals):
            self.errors.append(gettext("Gardez au moins une convention, ou abandonnez cette relecture."))
            return False
        return valid

    def drafts(self) -> list[ConventionDraft]:
        return [proposal.draft() for proposal in self.proposals if proposal.kept]

    def kept_titles(self) -> list[str]:
        return [proposal.form.cleaned_data["title"] for proposal in self.proposals if proposal.kept]

    def article(self) -> Article:
        data = self.article_data
        return Article(
            text=data["text"],
            url=data.get("url", ""),
            outlet=data.get("outlet", ""),
            published=data.get("published", ""),
            language=data.get("language", "fr"),
        )
