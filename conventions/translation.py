from modeltranslation.translator import TranslationOptions, register

from .models import Commitment, Convention, Document, FollowUpAction, Objective


@register(Convention)
class ConventionTranslation(TranslationOptions):
    fields = ("title", "summary")


@register(Commitment)
class CommitmentTranslation(TranslationOptions):
    fields = ("description",)


@register(Objective)
class ObjectiveTranslation(TranslationOptions):
    fields = ("indicator", "horizon_label", "note")


@register(FollowUpAction)
class FollowUpActionTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Document)
class DocumentTranslation(TranslationOptions):
    fields = ("title",)
