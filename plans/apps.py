from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Plans et référentiels")

    def ready(self):
        # History after modeltranslation's ready(): see core/history.py.
        from core.history import track_history

        from .models import Plan, PlanComponent

        for model in (Plan, PlanComponent):
            track_history(model)
