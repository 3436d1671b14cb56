from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConventionsConfig(AppConfig):
    name = "conventions"
    verbose_name = _("Conventions")

    def ready(self):
        # History after modeltranslation's ready(): see core/history.py.
        from core.history import track_history

        from . import models, search_index

        search_index.connect()

        # search_text is rebuilt from the other columns (bulk_update, no signal):
        # deriving it again is not an edit.
        track_history(models.Convention, excluded=("search_text",))
        for model in (
            models.ConventionRelation,
            models.Party,
            models.Commitment,
            models.Objective,
            models.Measurement,
            models.FollowUpAction,
            models.Source,
            models.Document,
        ):
            track_history(model)
