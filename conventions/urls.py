from django.urls import path

from . import exports, views
from .feeds import LatestConventionsFeed, OverdueActionsFeed

app_name = "conventions"
urlpatterns = [
    path("", views.ConventionListView.as_view(), name="list"),
    # Before the detail route, so these names are never read as slugs.
    path("feed/", LatestConventionsFeed(), name="feed"),
    path("actions-en-retard/feed/", OverdueActionsFeed(), name="overdue-feed"),
    path("export.csv", exports.export_csv, name="export-csv"),
    path("export.json", exports.export_json, name="export-json"),
    path("export.xlsx", exports.export_xlsx, name="export-xlsx"),
    path("<slug:slug>/", views.ConventionDetailView.as_view(), name="detail"),
]
