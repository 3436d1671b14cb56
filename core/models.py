from django.db import models
from django.utils.translation import gettext_lazy as _


class RegisterVersion(models.Model):
    """One row: the version of everything the public sees.

    Every write to the register changes `token` in the write's own
    transaction (core.cache.bump), so a page cached under a token can never
    outlive the data it was made from. A new random token rather than the
    counter alone: a rolled-back write, or a database restored or flushed,
    may bring the counter back to a value pages were already cached under;
    a token is never reused."""

    number = models.PositiveBigIntegerField(_("numéro"), default=0)
    token = models.CharField(_("jeton"), max_length=32)
    changed_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        verbose_name = _("version du registre")
        verbose_name_plural = _("versions du registre")

    def __str__(self):
        return f"{self.number} ({self.token})"
