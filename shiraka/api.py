"""API faces that read an app above their own: where a plan stands is
counted over the conventions that serve it (conventions.rollups)."""

from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from conventions.models import Objective
from conventions.rollups import plan_rollup
from core import cache as register_cache
from plans.models import Plan


class CountSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()


class YearSerializer(serializers.Serializer):
    year = serializers.IntegerField(allow_null=True, help_text="Year of signature; null: not dated")
    count = serializers.IntegerField()


class ComponentCountSerializer(serializers.Serializer):
    component = serializers.CharField(help_text="Component slug")
    count = serializers.IntegerField()


class UnitTotalSerializer(serializers.Serializer):
    unit = serializers.CharField()
    total = serializers.DecimalField(max_digits=20, decimal_places=2)
    objectives = serializers.IntegerField(help_text="Convention objectives summed")
    plan_target = serializers.DecimalField(max_digits=20, decimal_places=2, allow_null=True)
    share = serializers.FloatField(allow_null=True, help_text="total ÷ plan_target")


class ActionsSerializer(serializers.Serializer):
    done = serializers.IntegerField()
    open = serializers.IntegerField()
    overdue = serializers.IntegerField()


class PlanRollupSerializer(serializers.Serializer):
    plan = serializers.CharField()
    as_of = serializers.DateField()
    conventions = serializers.IntegerField(help_text="Published conventions serving the plan, each counted once")
    by_status = CountSerializer(many=True)
    by_year = YearSerializer(many=True)
    by_component = ComponentCountSerializer(many=True)
    actions = ActionsSerializer()
    objectives_in_plan_units = UnitTotalSerializer(many=True)
    convention_objectives_by_status = CountSerializer(
        many=True,
        help_text="Its conventions' objectives by progress status as of the day (the « méthode » page's rule)",
    )


class PlanRollupView(APIView):
    """Where a plan stands today: its published conventions (directly or
    through a component) by status, by year and per component, their
    follow-up actions done, open and overdue, and their objectives summed
    beside the plan's targets, unit by unit, and their objectives by
    progress status. Kept per register version and
    day, as the plan's page shows it."""

    permission_classes = [AllowAny]

    @extend_schema(responses=PlanRollupSerializer, operation_id="plans_rollup_retrieve")
    def get(self, request, slug):
        plan = get_object_or_404(Plan, slug=slug)
        today = timezone.localdate()
        rollup = register_cache.remember("plan-rollup", (plan.pk, today), lambda: plan_rollup(plan, today))
        slugs = dict(plan.components.values_list("pk", "slug"))
        data = {
            "plan": plan.slug,
            "as_of": today,
            "conventions": rollup.conventions,
            "by_status": [{"code": code, "label": label, "count": n} for code, label, n in rollup.by_status],
            "by_year": [{"year": year, "count": n} for year, n in rollup.by_year]
            + ([{"year": None, "count": rollup.undated}] if rollup.undated else []),
            "by_component": [
                {"component": slugs[pk], "count": n} for pk, n in sorted(rollup.by_component.items()) if pk in slugs
            ],
            "actions": {"done": rollup.actions_done, "open": rollup.actions_open, "overdue": rollup.actions_overdue},
            "objectives_in_plan_units": [
                {
                    "unit": u.unit,
                    "total": u.total,
                    "objectives": u.objectives,
                    "plan_target": u.target,
                    "share": u.share,
                }
                for u in rollup.units
            ],
            "convention_objectives_by_status": [
                {"code": code, "label": label, "count": rollup.objectives_by_status[code]}
                for code, label in Objective.Progress.choices
                if rollup.objectives_by_status.get(code)
            ],
        }
        return Response(PlanRollupSerializer(data).data)
