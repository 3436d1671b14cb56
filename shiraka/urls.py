"""The addresses of the pages this app serves, one list per namespace
(config/urls.py mounts them under each language)."""

from django.urls import path

from follows.feeds import ActorConventionsFeed, PlanConventionsFeed

from . import actor_pages, home, method, plan_pages, site_search

home_urls = ([path("", home.home, name="home")], "shiraka")
actor_urls = (
    [
        path("", actor_pages.ActorListView.as_view(), name="list"),
        path("<slug:slug>/", actor_pages.ActorDetailView.as_view(), name="detail"),
        path("<slug:slug>/feed/", ActorConventionsFeed(), name="feed"),
    ],
    "actors",
)
people_urls = ([path("<slug:slug>/", actor_pages.PersonDetailView.as_view(), name="detail")], "people")
plan_urls = (
    [
        path("", plan_pages.PlanListView.as_view(), name="list"),
        path("<slug:slug>/", plan_pages.PlanDetailView.as_view(), name="detail"),
        path("<slug:slug>/feed/", PlanConventionsFeed(), name="feed"),
    ],
    "plans",
)
search_urls = [path("", site_search.site_search, name="search")]
# How an objective's progress is read (linked from every objective).
method_urls = [path("", method.method, name="method")]
