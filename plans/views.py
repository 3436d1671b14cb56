from django.views.generic import DetailView, ListView

from .models import Plan


class PlanListView(ListView):
    model = Plan
    template_name = "plans/list.html"


class PlanDetailView(DetailView):
    template_name = "plans/detail.html"

    def get_queryset(self):
        return Plan.objects.select_related("predecessor", "owner").prefetch_related("components")
