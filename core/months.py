"""Month names as Moroccan institutions write them in Arabic.

Django's Arabic catalogue uses the Middle-Eastern forms (مايو، يوليو،
أغسطس…); Moroccan ministries and the press write ماي، يوليوز، غشت، شتنبر،
نونبر، دجنبر. Our catalogue (LOCALE_PATHS) takes precedence over Django's; the
names are marked here so that makemessages keeps them in it.
"""

from django.utils.translation import gettext_noop

MONTHS = [
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
]
