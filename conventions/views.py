from django.db.models import Prefetch
from django.shortcuts import render
from django.views.generic import DetailView, ListView

from . import network
from .filters import ConventionFilterSet, facet_counts
from .models import Convention, Measurement, Objective, Party


class ConventionListView(ListView):
    template_name = "conventions/list.html"
    paginate_by = 25

    def get_queryset(self):
        self.filterset = ConventionFilterSet(self.request.GET or None, queryset=Convention.objects.published())
        return self.filterset.qs.with_list_data()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            filterset=self.filterset,
            facets=facet_counts(self.filterset.qs),
            querystring=query.urlencode(),
        )
        return context


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


def network_view(request):
    filterset = ConventionFilterSet(request.GET or None, queryset=Convention.objects.published())
    return render(request, "conventions/network.html", {"filterset": filterset, "network": network.build(filterset.qs)})
