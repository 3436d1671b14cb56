from modeltranslation.translator import TranslationOptions, register

from .models import Actor, Mandate


@register(Actor)
class ActorTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Mandate)
class MandateTranslation(TranslationOptions):
    fields = ("title",)
