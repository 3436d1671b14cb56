from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .models import Convention, FollowUpAction


class PlainTextAtomFeed(Atom1Feed):
    """Atom with summaries as plain text (`type="text"`): Django writes them as
    `type="html"`, and a feed reader would then run whatever markup a summary
    holds. Titles are already plain text."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class LatestConventionsFeed(Feed):
    feed_type = PlainTextAtomFeed
    title = _("Shiraka — conventions nouvellement publiées")
    subtitle = _("Les dernières conventions de partenariat publiées dans le registre.")
    link = reverse_lazy("conventions:list")

    def items(self):
        return Convention.objects.published().order_by("-published_at", "-pk")[:50]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at


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
