from django.views.generic import DetailView, ListView

from .models import Convention


class ConventionListView(ListView):
    model = Convention
    paginate_by = 25

    def get_queryset(self):
        return Convention.objects.prefetch_related("actors")


class ConventionDetailView(DetailView):
    model = Convention

    def get_queryset(self):
        return Convention.objects.prefetch_related("actors")
