"""What the register already knows: actors (through actors.matching, the one
matcher), people and their mandates, plans. Read-only; loaded once per call
in a handful of queries. With no database (an unmigrated file, a test of the
rules alone) the register is empty and every party is « new »."""

from dataclasses import dataclass, field

from django.db import DatabaseError

from actors import matching
from core.text import normalize

HOW = {matching.EXACT: "exact", matching.ACRONYM: "acronym", matching.FORMER: "former name", matching.FUZZY: "fuzzy"}


@dataclass
class Register:
    actors: matching.ActorMatcher = field(default_factory=matching.ActorMatcher)
    slugs: dict = field(default_factory=dict)  # actor pk -> slug
    people: dict = field(default_factory=dict)  # normalized name -> (slug, [(actor slug, title)])
    plans: list = field(default_factory=list)  # (slug, name, short name)

    def match_actor(self, name: str, acronym: str | None) -> dict:
        """How a party matches the register: {"actor", "confidence", "how"}."""
        best = None
        for text in filter(None, (f"{name} ({acronym})" if acronym and acronym != name else None, name, acronym)):
            candidates = self.actors.lookup(text, limit=1)
            if candidates and (best is None or candidates[0].score > best.score):
                best = candidates[0]
            if best is not None and best.score >= 1:
                break
        if best is None or best.key not in self.slugs:
            return {"actor": None, "confidence": 0.0, "how": "new"}
        return {"actor": self.slugs[best.key], "confidence": round(best.score, 2), "how": HOW.get(best.how, best.how),
                "matched_name": best.name}  # fmt: skip

    def match_person(self, name: str, organization_slug: str | None = None) -> dict:
        found = self.people.get(normalize(name))
        if found is None:
            return {"person": None, "confidence": 0.0, "how": "new"}
        slug, mandates = found
        mandate = next((title for actor, title in mandates if actor == organization_slug), None)
        return {"person": slug, "confidence": 1.0, "how": "exact", "mandate": mandate}

    def match_plans(self, norm_text: str) -> list[tuple[str, str]]:
        """The register's plans named in a normalized text: (slug, name)."""
        found = []
        for slug, name, short in self.plans:
            for text in (name, short):
                key = normalize(text)
                if key and (len(key) > 3 or text.isupper()) and f" {key} " in f" {norm_text} ":
                    found.append((slug, name))
                    break
        return found


def load() -> Register:
    """The register as the assistant compares with it (five queries)."""
    from actors.models import Actor, Mandate, Person
    from plans.models import Plan

    try:
        register = Register(actors=matching.load())
        register.slugs = dict(Actor.objects.values_list("pk", "slug"))
        mandates: dict = {}
        for person_id, actor, title in Mandate.objects.values_list("person_id", "actor__slug", "title"):
            mandates.setdefault(person_id, []).append((actor, title))
        for pk, slug, name in Person.objects.values_list("pk", "slug", "name"):
            register.people[normalize(name)] = (slug, mandates.get(pk, []))
        register.plans = list(Plan.objects.values_list("slug", "name", "short_name"))
    except DatabaseError:
        return Register()
    return register
