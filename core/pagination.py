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


class RowsByKey:
    """A selection paged as a list of pks (kept per register version by the
    caller) whose page reads its rows by key: `rows(pks)` gives them in any
    order, the pks give the page's. For a selection whose membership is
    expensive to decide and which has no filters (every public actor)."""

    def __init__(self, pks: list, rows):
        self.pks = pks
        self.rows = rows

    def __len__(self):
        return len(self.pks)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        pks = self.pks[index]
        found = {row.pk: row for row in self.rows(pks)} if pks else {}
        return [found[pk] for pk in pks if pk in found]


class Paginator(paginator.Paginator):
    # From this offset on, a page first reads its rows' ids alone, in the
    # list's order (an index-only scan over the list-order indexes), then
    # those rows: the database no longer reads, and on PostgreSQL sorts, every
    # row it skips (page 3 000 of 100 000: 435 → 100 ms on PostgreSQL).
    DEFERRED_FROM = 1000
    # Deep pages read their ids from runs of this many rows kept per register
    # version and selection (and order): the first deep page of a run scans
    # the list's index up to it, the other pages of the run read 25 rows by
    # key (the last page of 100 000: the scan of 85 000 index entries, once).
    IDS_KEPT = 5000

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        if bottom < self.DEFERRED_FROM or not hasattr(self.object_list, "values_list"):
            return super().page(number)
        top = min(bottom + self.per_page, self.count)
        if top + self.orphans >= self.count:
            top = self.count
        ids = self._ids(bottom, top)
        # Unordered: the ids give the order, and an ORDER BY would let SQLite walk
        # the list index instead of looking 25 rows up by key.
        # Model instances, or values_list rows whose first value is the key.
        rows = {getattr(row, "pk", None) or row[0]: row for row in self.object_list.filter(pk__in=ids).order_by()}
        return self._get_page([rows[pk] for pk in ids if pk in rows], number, self)

    def _ids(self, bottom: int, top: int) -> list:
        """The pks of rows bottom to top of the selection, in its order."""
        ordered = self.object_list.values_list("pk", flat=True)
        try:
            key = str(ordered.query)  # with its order, unlike selection_key
        except EmptyResultSet:
            return []
        ids, size = [], self.IDS_KEPT
        for run in range(bottom // size, (top - 1) // size + 1):
            kept = register_cache.remember(
                "page-ids", (key, run), lambda run=run: list(ordered[run * size : (run + 1) * size])
            )
            ids += kept[max(bottom - run * size, 0) : top - run * size]
        return ids

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
