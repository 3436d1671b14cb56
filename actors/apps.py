from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActorsConfig(AppConfig):
    name = "actors"
    verbose_name = _("Acteurs")

    def ready(self):
        # History after modeltranslation's ready(): see core/history.py.
        from core.history import track_history

        from .models import Actor, ActorName, Mandate, Person, ReminderContact

        for model in (Actor, ActorName, Person, Mandate, ReminderContact):
            track_history(model)
