"""The plan and component admin pages, with the objectives of conventions/
inline: a plans/ face that needs conventions/ (its objectives, its one write
path), so it is registered here rather than plans/ importing upward."""

from django.contrib import admin

from conventions.admin import ComponentObjectiveInline, PlanObjectiveInline, ServiceWritesMixin
from plans.admin import PlanAdmin, PlanComponentAdmin
from plans.models import Plan, PlanComponent


@admin.register(Plan)
class PlanWithObjectivesAdmin(ServiceWritesMixin, PlanAdmin):
    inlines = [*PlanAdmin.inlines, PlanObjectiveInline]


@admin.register(PlanComponent)
class PlanComponentWithObjectivesAdmin(ServiceWritesMixin, PlanComponentAdmin):
    inlines = [*PlanComponentAdmin.inlines, ComponentObjectiveInline]
