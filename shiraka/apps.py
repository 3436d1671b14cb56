from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShirakaConfig(AppConfig):
    """The site as a whole: the pages that read an app above their own (an
    actor's page lists its conventions), the home page, the site search, the
    sitemaps, the register's backup and the benchmark. It sits above every
    other app and nothing imports it but config (ARCHITECTURE.md)."""

    name = "shiraka"
    verbose_name = _("Site")
