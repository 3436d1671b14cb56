from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from .models import Convention, Measurement, Objective, Party


class ConventionListView(ListView):
    template_name = "conventions/list.html"
    paginate_by = 25

    def get_queryset(self):
        return Convention.objects.published().with_list_data()


class ConventionDetailView(DetailView):
    template_name = "conventions/detail.html"

    def get_queryset(self):
        return Convention.objects.published().prefetch_related(
            Prefetch(
                "parties",
                queryset=Party.objects.select_related("actor", "representative").prefetch_related("commitments"),
            ),
            Prefetch(
                "objectives",
                queryset=Objective.objects.prefetch_related(
                    Prefetch("measurements", queryset=Measurement.objects.order_by("measured_on", "id"))
                ),
            ),
            "actions__responsible",
            "sources",
            "documents",
            "sectors",
            "regions",
            "plans",
        )
