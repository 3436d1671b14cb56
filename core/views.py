from django.shortcuts import render

from conventions.models import Convention


def home(request):
    latest = Convention.objects.published().order_by("-published_at")[:10]
    return render(request, "core/home.html", {"latest": latest})
