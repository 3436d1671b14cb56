from functools import cache

from django.db import models
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _


@cache
def choice_labels(field) -> dict:
    """A field's choices as {value: label}, built once per field; the labels
    stay lazy, so each display is still in the active language."""
    return {value: label for value, label in field.flatchoices}


class ChoicesDisplay(models.Model):
    """get_FOO_display() by one dictionary lookup. Django's builds a hashable
    copy of every choice on each call, hashing each lazy label (a gettext per
    choice): about 50 µs a display, 2.5 ms of a list page of 25 rows."""

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        try:
            label = choice_labels(field).get(value, value)
        except TypeError:  # an unhashable value (a list in a JSON field's choices)
            return super()._get_FIELD_display(field)
        return force_str(label, strings_only=True)


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
