"""Saving what the staff kept of the assistant's proposals: the missing
actors and people, one draft convention per kept proposal with its parties,
representatives, objectives, actions and plans, and the article as their
source — in one transaction, through the one write path
(`actors.services`, `conventions.services`). A refusal anywhere writes
nothing.

The review (assistant/review.py) has already checked each field; the
services check the register's rules again (validation, permissions,
history with the user). This module knows no form: the API or a command
could save the same drafts."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext

from actors import services as actor_services
from actors.models import Actor, Person
from conventions import services
from conventions.models import Source
from core.dates import parse_partial
from core.text import normalize

# The change reason of every row written here (history), with the article's address.
REASON = "Assistant d'article"


@dataclass(frozen=True)
class NewActor:
    """An actor the register does not have yet, as the staff confirmed it."""

    name: str
    acronym: str = ""
    kind: str = Actor.Kind.OTHER

    @property
    def key(self) -> tuple[str, str]:
        # Two proposals naming the same new organisation create it once.
        return normalize(self.name), normalize(self.acronym)


@dataclass(frozen=True)
class NewPerson:
    name: str

    @property
    def key(self) -> str:
        return normalize(self.name)


@dataclass
class PartyDraft:
    actor: Actor | NewActor
    role: str
    name_as_written: str = ""
    representative: Person | NewPerson | None = None
    representative_title: str = ""
    representative_capacity: str = ""


@dataclass
class ActionDraft:
    title: str
    responsible: int | None = None  # the index of a party of the same draft


@dataclass
class ConventionDraft:
    fields: dict  # the convention's own fields, as conventions.services take them
    parties: list[PartyDraft] = field(default_factory=list)
    objectives: list[dict] = field(default_factory=list)  # Objective fields
    actions: list[ActionDraft] = field(default_factory=list)
    plans: list = field(default_factory=list)  # Plan instances


@dataclass
class Article:
    text: str
    url: str = ""
    outlet: str = ""
    published: str = ""  # YYYY, YYYY-MM or YYYY-MM-DD, or empty
    language: str = "fr"
    title: str = ""


@dataclass
class Saved:
    conventions: list = field(default_factory=list)
    actors: list = field(default_factory=list)
    people: list = field(default_factory=list)
    source: Source | None = None
    source_created: bool = False


def article_title(text: str) -> str:
    """A source's title when none is given: the article's first line of a
    few words (a pasted article starts with its headline), shortened."""
    for line in text.splitlines():
        line = " ".join(line.split())
        if len(line.split()) >= 3 and not line.lower().startswith("date "):
            return line if len(line) <= 200 else line[:199].rstrip() + "…"
    return gettext("Article de presse")


def _reason(article: Article) -> str:
    return f"{REASON} : {article.url or article.outlet or article.title}"[:100]


@transaction.atomic
def save_drafts(*, user, article: Article, drafts: list[ConventionDraft]) -> Saved:
    """Create, for `user`, the new actors and people the drafts name, the
    draft conventions and the article's source (or link the source already
    registered at the article's address). Raises core.writes.Refused with
    errors keyed by draft (`{"0": {"parties": {"1": …}}}`) or under
    `actors`, `people`, `source`; PermissionDenied when the user may not
    create one of them."""
    reason = _reason(article)
    saved = Saved()
    actors = _create_actors(drafts, user=user, reason=reason, saved=saved)
    people = _create_people(drafts, user=user, reason=reason, saved=saved)
    for index, draft in enumerate(drafts):
        try:
            convention = services.convention_create(
                user=user,
                fields=draft.fields,
                relations={"plans": draft.plans},
                children=_children(draft, actors, people),
                reason=reason,
            )
        except services.Refused as refused:
            raise services.Refused({str(index): refused.errors}) from refused
        saved.conventions.append(convention)
    saved.source, saved.source_created = _source(article, saved.conventions, user=user, reason=reason)
    return saved


def _resolve(value, created: dict):
    return created[value.key] if isinstance(value, NewActor | NewPerson) else value


def _create_actors(drafts, *, user, reason, saved) -> dict:
    created: dict = {}
    for draft in drafts:
        for party in draft.parties:
            actor = party.actor
            if isinstance(actor, NewActor) and actor.key not in created:
                try:
                    created[actor.key] = actor_services.actor_create(
                        user=user,
                        fields={"name_fr": actor.name, "acronym": actor.acronym, "kind": actor.kind},
                        reason=reason,
                    )
                except services.Refused as refused:
                    raise services.Refused({"actors": {actor.name: refused.errors}}) from refused
                saved.actors.append(created[actor.key])
    return created


def _create_people(drafts, *, user, reason, saved) -> dict:
    created: dict = {}
    for draft in drafts:
        for party in draft.parties:
            person = party.representative
            if isinstance(person, NewPerson) and person.key not in created:
                try:
                    created[person.key] = actor_services.person_create(
                        user=user, fields={"name": person.name}, reason=reason
                    )
                except services.Refused as refused:
                    raise services.Refused({"people": {person.name: refused.errors}}) from refused
                saved.people.append(created[person.key])
    return created


def _children(draft: ConventionDraft, actors: dict, people: dict) -> dict:
    parties = []
    for position, party in enumerate(draft.parties):
        item = {
            "actor": _resolve(party.actor, actors),
            "role": party.role,
            "position": position,
            "name_as_written": party.name_as_written,
        }
        if party.representative is not None:
            item["representative"] = _resolve(party.representative, people)
            item["representative_title"] = party.representative_title
            item["representative_capacity"] = party.representative_capacity
        parties.append(item)
    actions = [
        {
            "title_fr": action.title,
            "responsible": parties[action.responsible]["actor"] if action.responsible is not None else None,
        }
        for action in draft.actions
    ]
    return {"parties": parties, "objectives": [dict(o) for o in draft.objectives], "actions": actions}


def _source(article: Article, conventions: list, *, user, reason) -> tuple[Source, bool]:
    """The article as the conventions' source: a new press source, or the
    one already registered at its address, linked to them as well."""
    existing = Source.objects.filter(url=article.url).first() if article.url else None
    if existing is not None:
        linked = [*existing.conventions.all(), *conventions]
        source = services.source_save(source=existing, user=user, fields={}, conventions=linked, reason=reason)
        return source, False
    published_on, precision = parse_partial(article.published)
    fields = {
        "kind": Source.Kind.PRESS,
        "title": article.title or article_title(article.text),
        "url": article.url,
        "outlet": article.outlet,
        "published_on": published_on,
        "published_on_precision": precision,
        "language": article.language,
        "text": article.text,
    }
    try:
        source = services.source_save(source=None, user=user, fields=fields, conventions=conventions, reason=reason)
    except services.Refused as refused:
        raise services.Refused({"source": refused.errors}) from refused
    return source, True
