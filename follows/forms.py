from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class SubscribeForm(forms.Form):
    email = forms.EmailField(label=_("Votre adresse e-mail"), max_length=254)
    language = forms.ChoiceField(label=_("Langue des messages"), choices=settings.LANGUAGES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = get_language() or "fr"
