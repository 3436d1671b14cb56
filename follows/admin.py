"""Reminders and follows in the admin:

- the convention's page lists the staff watching it, with a "Suivre / Ne
  plus suivre" button for the user, and the changelist has both as bulk
  actions (ConventionAdmin, extended here: conventions/ knows nothing of
  follows/);
- the follow-up digests sent, read-only;
- e-mail subscriptions, personal data: superusers only, read-only, with a
  delete (an owner asking to be forgotten)."""

import contextvars

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from conventions.admin import ConventionAdmin
from conventions.models import Convention

from .models import DigestSent, Subscription, Watch
from .targets import target_label
from .watching import may_watch, watch_set

admin.site.unregister(Convention)

# Who is looking at the convention's page, for its watchers' field (a
# ModelAdmin instance serves every thread: not an attribute of it).
_viewer = contextvars.ContextVar("follows_admin_viewer", default=None)


@admin.register(Convention)
class WatchedConventionAdmin(ConventionAdmin):
    readonly_fields = (*ConventionAdmin.readonly_fields, "watchers")
    fieldsets = (*ConventionAdmin.fieldsets, (_("Suivi par l'équipe"), {"fields": ("watchers",)}))
    actions = [*ConventionAdmin.actions, "watch", "unwatch"]

    def get_urls(self):
        toggle = self.admin_site.admin_view(self.toggle_watch)
        return [path("<int:pk>/suivre/", toggle, name="conventions_convention_watch"), *super().get_urls()]

    @admin.display(description=_("suivie par"))
    def watchers(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        users = list(Watch.objects.filter(convention=obj).select_related("user").order_by("user__username"))
        names = format_html_join(", ", "{}", ((watch.user.get_full_name() or watch.user.username,) for watch in users))
        watching = any(watch.user_id == _viewer.get() for watch in users)
        button = format_html(
            '<button type="submit" class="button" formaction="{}" formmethod="post" name="watch" value="{}">'
            "{}</button>",
            reverse("admin:conventions_convention_watch", args=[obj.pk]),
            "0" if watching else "1",
            gettext("Ne plus suivre") if watching else gettext("Suivre"),
        )
        return format_html("{} {}", names or gettext("personne"), button)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        token = _viewer.set(request.user.pk)
        try:
            response = super().changeform_view(request, object_id, form_url, extra_context)
            # Rendered here, while the viewer is known: a TemplateResponse renders later.
            return response.render() if hasattr(response, "render") and not response.is_rendered else response
        finally:
            _viewer.reset(token)

    def toggle_watch(self, request, pk):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        convention = get_object_or_404(Convention, pk=pk)
        if not self.has_view_or_change_permission(request, convention) or not may_watch(request.user):
            raise PermissionDenied
        watching = request.POST.get("watch") == "1"
        watch_set(user=request.user, conventions=[convention], watching=watching)
        self.message_user(
            request,
            gettext("Vous suivez cette convention : ses actions à échéance viendront dans votre rappel.")
            if watching
            else gettext("Vous ne suivez plus cette convention."),
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:conventions_convention_change", args=[pk]))

    @admin.action(permissions=["view"], description=_("Suivre ces conventions (rappel des actions)"))
    def watch(self, request, queryset):
        if not may_watch(request.user):
            raise PermissionDenied
        changed = watch_set(user=request.user, conventions=queryset, watching=True)
        self.message_user(
            request,
            ngettext("Vous suivez %(count)s convention de plus.", "Vous suivez %(count)s conventions de plus.", changed)
            % {"count": changed},
        )

    @admin.action(permissions=["view"], description=_("Ne plus suivre ces conventions"))
    def unwatch(self, request, queryset):
        if not may_watch(request.user):
            raise PermissionDenied
        changed = watch_set(user=request.user, conventions=queryset, watching=False)
        self.message_user(
            request,
            ngettext("Vous ne suivez plus %(count)s convention.", "Vous ne suivez plus %(count)s conventions.", changed)
            % {"count": changed},
        )


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(DigestSent)
class DigestSentAdmin(ReadOnlyAdmin):
    list_display = ("sent_on", "email", "actions", "sent_at")
    list_filter = ("sent_on",)
    search_fields = ("email",)
    date_hierarchy = "sent_on"


@admin.register(Subscription)
class SubscriptionAdmin(ReadOnlyAdmin):
    """Personal data: seen and deleted by superusers only, never changed."""

    list_display = ("email", "kind", "target", "language", "confirmed_at", "last_sent_at", "created_at")
    list_filter = ("kind", "language", ("confirmed_at", admin.EmptyFieldListFilter))
    search_fields = ("email",)
    list_select_related = ("actor", "plan")
    fields = ("email", "kind", "target", "language", "created_at", "confirmed_at", "last_sent_at")
    readonly_fields = fields

    @admin.display(description=_("suit"))
    def target(self, obj):
        return target_label(obj, public=False)

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser
