from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConventionsConfig(AppConfig):
    name = "conventions"
    verbose_name = _("Conventions")

    def ready(self):
        # History after modeltranslation's ready(): see core/history.py.
        from django.db.models.signals import post_migrate

        from core.history import track_history

        from . import models, search_index, sqlite_search

        search_index.connect()
        post_migrate.connect(sqlite_search.after_migrate, sender=self, dispatch_uid="conventions-sqlite-search")

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
