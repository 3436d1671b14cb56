from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Commun")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import cache, statistics

        cache.connect()
        # What is cached was computed by the code of its time: a deployment
        # (which runs `migrate`) starts a new version, so no value computed by
        # the previous release's code is read by the new one.
        post_migrate.connect(cache.after_migrate, sender=self, dispatch_uid="register-version-migrate")
        post_migrate.connect(statistics.after_migrate, sender=self, dispatch_uid="planner-statistics-migrate")
