"""The "Suivre" pages (config/urls.py mounts them under each language at
suivre/); the actor's and plan's feeds sit under their pages (shiraka/urls.py)."""

from django.urls import path

from . import views

app_name = "follows"
urlpatterns = [
    path("recherche/", views.follow_search, name="search"),
    path("acteur/<slug:slug>/", views.follow_actor, name="actor"),
    path("plan/<slug:slug>/", views.follow_plan, name="plan"),
    path("confirmer/<str:token>/", views.confirm, name="confirm"),
    path("desabonner/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
