from django.views.generic import DetailView, ListView

from .models import Actor


class ActorListView(ListView):
    model = Actor
    template_name = "actors/list.html"
    paginate_by = 50


class ActorDetailView(DetailView):
    template_name = "actors/detail.html"

    def get_queryset(self):
        return Actor.objects.prefetch_related("names", "mandates__person")
