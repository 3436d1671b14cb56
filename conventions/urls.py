from django.urls import path

from . import views

app_name = "conventions"
urlpatterns = [
    path("", views.ConventionListView.as_view(), name="list"),
    path("<slug:slug>/", views.ConventionDetailView.as_view(), name="detail"),
]
