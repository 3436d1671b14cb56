from django.contrib.syndication.views import Feed
from django.http import HttpResponseBadRequest
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .filters import FiltersRefused, describe_filters, published_matching
from .models import FollowUpAction

# What a feed of conventions holds at most: a reader polls it often.
FEED_SIZE = 50


class PlainTextAtomFeed(Atom1Feed):
    """Atom with summaries as plain text (`type="text"`): Django writes them as
    `type="html"`, and a feed reader would then run whatever markup a summary
    holds. Titles are already plain text."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class ConventionsFeed(Feed):
    """A feed of published conventions, the latest published first: the
    register's, a search's, an actor's or a plan's (follows/feeds.py). One
    query for the entries, on top of what names the selection."""

    feed_type = PlainTextAtomFeed

    def selection(self, obj):
        """The published conventions of this feed, unordered."""
        raise NotImplementedError

    def items(self, obj):
        return self.selection(obj).defer("text", "search_text").order_by("-published_at", "-pk")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at


class LatestConventionsFeed(ConventionsFeed):
    """The register's latest conventions, or those of any search of the
    public list: its own query string (`/fr/conventions/feed/?q=…&sector=…`),
    read by the list's FilterSet. A filter it refuses is a 400 that says why."""

    subtitle = _("Les dernières conventions de partenariat publiées dans le registre.")

    def __call__(self, request, *args, **kwargs):
        try:
            # Read once, here: get_object() takes it from the request.
            request.feed_selection = published_matching(request.GET)
        except FiltersRefused as refused:
            message = gettext("Recherche refusée : %(errors)s") % {"errors": refused}
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        return {"selection": request.feed_selection, "params": request.GET}

    def selection(self, obj):
        return obj["selection"]

    def title(self, obj):
        described = describe_filters(obj["params"])
        if described:
            return gettext("Shiraka — conventions : %(search)s") % {"search": described}
        return gettext("Shiraka — conventions nouvellement publiées")

    def link(self, obj):
        query = obj["params"].urlencode()
        return reverse("conventions:list") + (f"?{query}" if query else "")


class OverdueActionsFeed(Feed):
    """The follow-up actions of published conventions past their due date and
    not done, as of today, the longest overdue first: what a journalist or a
    ministry analyst follows to see which commitments are slipping."""

    feed_type = PlainTextAtomFeed
    title = _("Shiraka — actions de suivi en retard")
    subtitle = _(
        "Les actions de suivi des conventions publiées dont l'échéance est passée et qui ne sont pas réalisées."
    )
    link = reverse_lazy("conventions:list")

    def items(self):
        overdue = FollowUpAction.objects.public().overdue(timezone.localdate())
        return overdue.select_related("convention", "responsible").order_by("due_on", "pk")[:100]

    def item_title(self, item):
        return f"{item.title} — {item.convention.title}"

    def item_description(self, item):
        due = date_format(item.due_on, "DATE_FORMAT")
        who = item.responsible.short_name if item.responsible else ""
        lines = [_("Échéance : %(date)s") % {"date": due}]
        if who:
            lines.append(_("Responsable : %(actor)s") % {"actor": who})
        if item.description:
            lines.append(item.description)
        return "\n".join(str(line) for line in lines)

    def item_link(self, item):
        return item.convention.get_absolute_url() + "#suivi"

    def item_guid(self, item):
        return f"{item.convention.get_absolute_url()}#action-{item.pk}"

    def item_updateddate(self, item):
        return item.updated_at
