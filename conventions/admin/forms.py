"""The admin's forms and formsets for conventions and their children: a row
moved into a published convention refused as a form error, documents' files,
a source's conventions, nested rows, a published convention's parties, and
the plan components a convention may serve."""

from django import forms
from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import ValidationError
from django.forms.formsets import INITIAL_FORM_COUNT, TOTAL_FORM_COUNT
from django.utils.translation import gettext_lazy as _
from nested_admin.formsets import NestedInlineFormSet

from conventions import publication, services
from conventions.models import Convention, Document, Source
from core.admin import OptimisticLockForm

State = Convention.PublicationState

PROTECTED = _("Une convention publiée ou archivée n'est modifiée que par un publieur.")


class ChildForm(forms.ModelForm):
    """The form of a convention's child on its own page. A row moved into a
    published convention (its convention, party or objective changed in the
    autocomplete) is refused here, as a form error that keeps the input, when
    the writer may not change that convention. ChildAdminMixin.get_form sets
    `written_by` on the form class it builds for the request."""

    written_by = None

    def _post_clean(self):
        super()._post_clean()  # the instance now holds the posted values
        if self.written_by is not None and not services.may_change_child(self.written_by, self.instance):
            self.add_error(None, PROTECTED)


# --- Forms ------------------------------------------------------------------


class _StoredDocument:
    """A stored file as the file widget shows it: its name, linked to the
    download view (the storage's own address is not served)."""

    def __init__(self, file):
        self.name, self.url = file.name, file.instance.get_absolute_url()

    def __str__(self):
        return self.name


class DocumentFileWidget(AdminFileWidget):
    def format_value(self, value):
        value = super().format_value(value)
        instance = getattr(value, "instance", None)
        return _StoredDocument(value) if instance is not None and instance.pk else value


class DocumentForm(ChildForm):
    """The file's size and content are checked by the model field's validators
    (core/validators.py), in the form's full_clean(), as for the API."""

    class Meta:
        model = Document
        fields = ()  # the ModelAdmin or inline using the form passes its own list
        widgets = {"file": DocumentFileWidget}


class SourceForm(ChildForm):
    """A source's conventions are edited on its page: linking it to, or
    unlinking it from, a published convention is changing that convention."""

    class Meta:
        model = Source
        fields = ()  # the ModelAdmin passes its own list

    def clean(self):
        cleaned_data = super().clean()
        chosen = cleaned_data.get("conventions")
        if self.written_by is None or chosen is None:
            return cleaned_data
        before = set(self.instance.conventions.all()) if self.instance.pk else set()
        if any(not publication.may_change(self.written_by, c) for c in before ^ set(chosen)):
            self.add_error("conventions", PROTECTED)
        return cleaned_data


class NestedRowsFormSet(NestedInlineFormSet):
    """The rows nested under one parent row. A post that leaves them out
    altogether (no management form: a script, a test client, an older page)
    changes none of them, instead of failing the whole page as tampered: the
    browser always sends them."""

    def __init__(self, data=None, files=None, *args, prefix=None, **kwargs):
        if data is not None and prefix and f"{prefix}-{TOTAL_FORM_COUNT}" not in data:
            data = data.copy()
            data.update({f"{prefix}-{TOTAL_FORM_COUNT}": "0", f"{prefix}-{INITIAL_FORM_COUNT}": "0"})
        super().__init__(data, files, *args, prefix=prefix, **kwargs)


class PartyFormSet(NestedInlineFormSet):
    """A published convention keeps its two parties: removing one is refused
    here, with the input kept, rather than after the save (services.finish)."""

    def clean(self):
        super().clean()
        if self.instance is None or self.instance.publication_state != State.PUBLISHED:
            return
        kept = [
            form
            for form in self.forms
            if (form.instance.pk is not None or form.has_changed()) and not self._should_delete_form(form)
        ]
        if len(kept) < 2:
            raise ValidationError(
                _(
                    "Une convention publiée garde au moins deux parties : ajoutez-en une autre avant "
                    "d'en retirer, ou repassez-la en brouillon."
                ),
                code="too_few_parties",
            )


class ComponentsByPlanSelect(forms.SelectMultiple):
    """The components select: each option says its plan (data-plan), so
    static/shiraka_admin/components_by_plan.js shows only the components of the
    plans chosen in the same form."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["data-plan"] = str(instance.plan_id)
        return option


class ConventionForm(OptimisticLockForm):
    """A convention serves plan components of the plans it serves: the
    service layer's rule (services.components_outside_plans), said beside the
    field before anything is saved."""

    def clean(self):
        cleaned_data = super().clean()
        plans, components = cleaned_data.get("plans"), cleaned_data.get("components")
        if plans is None or not components:
            return cleaned_data
        stray = services.components_outside_plans(plans, components)
        if stray:
            self.add_error(
                "components",
                ValidationError(services.components_outside_plans_message(stray), code="component_outside_plans"),
            )
        return cleaned_data
