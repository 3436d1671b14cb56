"""The FilterSet every register filter derives from: django-filter's, made
once per class where django-filter makes it again on every request."""

import copy

import django_filters
from django.http import QueryDict


class FilterSet(django_filters.FilterSet):
    """django-filter's FilterSet, cheaper per request.

    django-filter deep-copies every declared filter on each request (their
    querysets, lazy labels and choices), then builds a new form class from
    new form fields: 1.7 ms of the 16 ms of the convention list at 1 000
    conventions, and the API's convention detail paid it too. What a filter
    holds for one request is its parent (this FilterSet), its model and, for
    a filter by method, the method bound to it: shallow copies carry those and share what no request changes. The form
    class is built once per FilterSet class; Django's form still copies its
    fields for each form, so a form may change its own fields (as
    ConventionFilterSet does for writers).
    """

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        if queryset is None:
            queryset = self._meta.model._default_manager.all()
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset = queryset
        self.request = request
        self.form_prefix = prefix
        self.filters = {name: copy.copy(filter_) for name, filter_ in self.base_filters.items()}
        for filter_ in self.filters.values():
            filter_.model = queryset.model
            filter_.parent = self
            if filter_.method is not None:
                filter_.method = filter_.method  # binds the copy's FilterMethod to the copy, not the declared filter

    def get_form_class(self):
        form_class = type(self).__dict__.get("_form_class")
        if form_class is None:
            form_class = super().get_form_class()
            type(self)._form_class = form_class
        return form_class
