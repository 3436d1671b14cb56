from modeltranslation.translator import TranslationOptions, register

from .models import Plan, PlanComponent, Region, Sector


@register(Sector)
class SectorTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Region)
class RegionTranslation(TranslationOptions):
    fields = ("name",)


@register(Plan)
class PlanTranslation(TranslationOptions):
    fields = ("name", "short_name", "summary")


@register(PlanComponent)
class PlanComponentTranslation(TranslationOptions):
    fields = ("name", "description")
