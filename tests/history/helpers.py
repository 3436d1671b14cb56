"""Driving the admin's change and restore forms the way a browser would."""

from django.contrib.auth.models import Group, User
from django.db.models import Model
from django.urls import reverse

from tests.admin.forms import each_formset, inline_management_data


def member_of(client, group: str) -> User:
    user = User.objects.create_user(f"{group.lower()}-user", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return user


def form_values(response) -> dict:
    """What the browser would post back from the page's main form, unchanged."""
    return bound_values(response.context["adminform"].form)


def bound_values(form) -> dict:
    data = {}
    for bound in form:
        value = bound.value()
        if value is False:
            continue
        if isinstance(value, Model):
            value = value.pk
        if isinstance(value, list | tuple):
            data[bound.html_name] = [str(getattr(item, "pk", item)) for item in value]
        elif value is not None:
            data[bound.html_name] = str(value)
    return data


def admin_url(obj, view: str, *args) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[obj.pk, *args])


def open_change_form(client, obj):
    response = client.get(admin_url(obj, "change"))
    assert response.status_code == 200
    return response


def inline_values(response) -> dict:
    """The inline rows of the page, posted back unchanged."""
    data = inline_management_data(response)
    for formset in each_formset(response):
        for form in formset.initial_forms:
            data.update(bound_values(form))
    return data


def post_change_form(client, obj, response, **changes):
    """Post the change form as it was loaded in `response`, with `changes`."""
    data = {**form_values(response), **inline_values(response), **changes}
    return client.post(admin_url(obj, "change"), data)


def restore_url(obj, record) -> str:
    return admin_url(obj, "simple_history", record.history_id)
