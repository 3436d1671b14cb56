"""Change history of the register (django-simple-history): who changed what, when.

Models are registered from each app's AppConfig.ready(), not with
`history = HistoricalRecords()` in models.py. simple-history builds the
historical model when the model class is prepared, and modeltranslation adds
the title_fr / title_ar / title_en columns later, when its own ready()
imports the translation.py modules: a history declared in models.py would
silently miss every translation. Django calls ready() in INSTALLED_APPS order
and modeltranslation comes first, so by the time an app registers its
history, its models carry their translated columns; track_history() checks it.
"""

import simple_history
from django.core.exceptions import ImproperlyConfigured
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator


def translated_fields(model) -> dict[str, list[str]]:
    """{"title": ["title_fr", "title_ar", "title_en"], …} for a translated model."""
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return {}
    return {name: sorted(field.name for field in fields) for name, fields in options.all_fields.items()}


def track_history(model, *, excluded: tuple[str, ...] = ()) -> None:
    """Record every save and delete of `model` in a historical table.

    The original column of a translated field (`title`) is left out: it only
    mirrors one of title_fr / title_ar / title_en, which the history keeps, and
    would show every change twice. `excluded` names derived columns (a search
    text) whose rewrite is not an edit."""
    translated = translated_fields(model)
    for name, columns in translated.items():
        missing = [column for column in columns if not any(f.name == column for f in model._meta.fields)]
        if not columns or missing:
            raise ImproperlyConfigured(
                f"{model._meta.label}.{name}: translated columns missing when registering its history; "
                "modeltranslation must come first in INSTALLED_APPS."
            )
    simple_history.register(
        model,
        excluded_fields=[*translated, *excluded],
        verbose_name=format_lazy(_("historique : {}"), model._meta.verbose_name),
        verbose_name_plural=format_lazy(_("historique : {}"), model._meta.verbose_name_plural),
    )


def record_bulk(objs, *, user=None, reason: str = "", update: bool = False) -> None:
    """History rows for objects written in bulk (bulk_create, bulk_update, or
    save_without_historical_record in a loop): one INSERT for the lot, where
    saving one by one would add one INSERT per object."""
    objs = list(objs)
    if objs:
        type(objs[0]).history.bulk_history_create(
            objs, update=update, default_user=user, default_change_reason=str(reason)[:100]
        )
