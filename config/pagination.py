"""Pagination for pages and API: the total is counted once per register
version and selection, not on every page."""

from django.core import paginator
from django.core.exceptions import EmptyResultSet
from django.utils.functional import cached_property
from rest_framework import pagination

from core import cache as register_cache


def selection_key(queryset) -> str | None:
    """The SQL of a queryset, parameters included: what its count depends on,
    whoever asks (a writer's selection of drafts is another SQL)."""
    try:
        return str(queryset.order_by().query)
    except EmptyResultSet:
        return None


class Paginator(paginator.Paginator):
    @cached_property
    def count(self):
        key = selection_key(self.object_list) if hasattr(self.object_list, "query") else None
        if key is None:
            return super().count
        return register_cache.remember("count", key, lambda: paginator.Paginator.count.func(self))


class PageNumberPagination(pagination.PageNumberPagination):
    django_paginator_class = Paginator
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
