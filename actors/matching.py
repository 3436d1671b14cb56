"""Finding an actor by what someone typed: a name, an acronym, another name
the actor went by, or something close to one of them.

One matcher for every caller: the spreadsheet import (a party's name, and
its proposals « probablement … » when the name is not exact), the
data-quality page (actors probably recorded twice), and the look-ups to
come (the API's, an article assistant's). It works over entries — a key (an
actor's pk, or any id the caller chooses) and the names it goes by — and so
needs no database; `load()` builds one from the register in two queries.

Texts are compared as core.text.normalize writes them: without case,
accents, Arabic diacritics or punctuation. In order:

1. **exact**: the text is one of the actor's names, in any language
   (`EXACT`), its acronym or the acronym of another name (`ACRONYM`), or one
   of its other names — former official names, variants (`FORMER`). Score 1;
   several actors may share a text (an acronym): all are returned.
2. **« Nom (SIGLE) »**: the name alone, else the acronym alone, when it
   names exactly one actor.
3. **fuzzy** (`FUZZY`): a similarity of at least 0.85 against a name (0.8
   against an acronym, for a one-word text), or at least three shared words
   making 60 % of both names' words (« …de l'Industrie et du Montage
   Automobile » against « …pour l'Industrie et la Construction de
   l'Automobile »). Score: the best of these.

The similarity is difflib's ratio, as it has always been here, so the
proposals an import makes and the pairs the quality page shows are the
ones they were; but it is computed only for the few names rapidfuzz lets
through. rapidfuzz's Indel ratio (twice the longest common subsequence over
both lengths) is never below difflib's (whose matching blocks are one
common subsequence), so a name rapidfuzz puts under the threshold cannot
reach it with difflib: the scan of every name is rapidfuzz's, in C, and
difflib only confirms. docs/matching.md has the speed, and what the
rapidfuzz ratio alone would change.
"""

import difflib
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import Indel

from core.text import normalize, trailing_parenthesis

EXACT, ACRONYM, FORMER, FUZZY = "exact", "acronym", "former", "fuzzy"

NEAR_RATIO = 0.85  # against a name or another name
NEAR_RATIO_ACRONYM = 0.8  # against an acronym, for a one-word text
NEAR_TOKENS = 0.6  # shared words over both names' words…
NEAR_SHARED = 3  # …of which at least this many
SIMILAR = 0.85  # two actors' names alike enough to be one actor (duplicates)
SIMILAR_LENGTH = 7  # shorter names (acronyms) are duplicates only when equal
STOPWORDS = frozenset("a au aux d de des du en et l la le les of pour sur the and".split())
# What rapidfuzz is asked for, below the threshold: its cutoff is applied
# to a distance, and a score exactly at it can be lost to rounding
# (0.85 -> 0.15000000000000002); difflib then applies the threshold itself.
_MARGIN = 0.01

Key = Hashable


@dataclass(frozen=True)
class Candidate:
    """An actor a text may name: its key, how sure (1 for an exact match),
    how it matched, and the name that matched, as written."""

    key: Key
    score: float
    how: str
    name: str


@dataclass(frozen=True)
class Entry:
    key: Key
    names: tuple[str, ...] = ()  # the actor's name in each language
    former: tuple[str, ...] = ()  # other names: former official names, variants
    acronyms: tuple[str, ...] = ()  # its acronym, and other names' acronyms


def similarity(a: str, b: str) -> float:
    """How alike two normalized texts are, from 0 to 1: difflib's ratio
    (matching characters, twice, over both lengths). Not quite symmetric:
    `a` is the known name, `b` the text looked for."""
    return difflib.SequenceMatcher(None, a, b).ratio()


def words(key: str) -> frozenset[str]:
    """The words of a normalized name that tell names apart."""
    return frozenset(token for token in key.split() if token not in STOPWORDS and len(token) > 1)


class _Texts:
    """Distinct normalized texts of one kind, each with the (position, key,
    name as written) that go by it; position is the order of addition."""

    def __init__(self):
        self.texts: list[str] = []
        self.refs: list[list[tuple[int, Key, str]]] = []
        self.slot: dict[str, int] = {}

    def add(self, text: str, position: int, key: Key, written: str) -> int | None:
        """The new slot of `text`, or None when the text was already known."""
        slot = self.slot.get(text)
        if slot is not None:
            self.refs[slot].append((position, key, written))
            return None
        self.slot[text] = len(self.texts)
        self.texts.append(text)
        self.refs.append([(position, key, written)])
        return self.slot[text]


class ActorMatcher:
    """Entries added one by one (or all at once), looked up by any text."""

    def __init__(self, entries: Iterable[Entry] = ()):
        self._exact: dict[str, dict[Key, tuple[str, str]]] = defaultdict(dict)  # text -> {key: (how, written)}
        self._names = _Texts()
        self._acronyms = _Texts()
        self._words: list[frozenset[str]] = []  # per name slot
        self._by_word: dict[str, list[int]] = defaultdict(list)  # word -> name slots
        self._variants: dict[Key, dict[str, None]] = defaultdict(dict)  # key -> every text, in order
        self._position = 0
        for entry in entries:
            self.add(entry.key, names=entry.names, former=entry.former, acronyms=entry.acronyms)

    def __len__(self) -> int:
        return len(self._variants)

    def add(self, key: Key, *, names: Iterable[str] = (), former: Iterable[str] = (), acronyms: Iterable[str] = ()):
        """Names, other names and acronyms `key` goes by; a key added twice
        keeps every name (an actor, then each of its other names)."""
        for how, texts in ((EXACT, names), (FORMER, former), (ACRONYM, acronyms)):
            for written in texts:
                self._add(key, written, how)

    def add_actor(self, key: Key, actor) -> None:
        """An Actor (or any object with name_fr, name_ar, name_en, acronym)."""
        self.add(key, names=(actor.name_fr, actor.name_ar, actor.name_en), acronyms=(actor.acronym,))

    def _add(self, key: Key, written: str | None, how: str) -> None:
        text = normalize(written or "")
        if not text:
            return
        self._exact[text].setdefault(key, (how, written))
        self._variants[key].setdefault(text)
        self._position += 1
        if how == ACRONYM:
            self._acronyms.add(text, self._position, key, written)
            return
        slot = self._names.add(text, self._position, key, written)
        if slot is not None:
            self._words.append(words(text))
            for word in self._words[slot]:
                self._by_word[word].append(slot)

    # --- look-ups ------------------------------------------------------------------

    def exact(self, text: str) -> list[Candidate]:
        """Every actor `text` names exactly (more than one: it is ambiguous)."""
        found = self._exact.get(normalize(text), {})
        return [Candidate(key, 1.0, how, written) for key, (how, written) in found.items()]

    def near(self, text: str, limit: int = 3) -> list[Candidate]:
        """The actors whose names are close to `text`, best first (exact
        matches included: a caller asks `exact` first)."""
        wanted = normalize(text)
        if not wanted:
            return []
        hits: dict[Key, list] = {}  # key -> [score, first position, name]

        def hit(refs, score: float) -> None:
            for position, key, written in refs:
                best = hits.setdefault(key, [score, position, written])
                if score > best[0]:
                    best[0], best[2] = score, written
                best[1] = min(best[1], position)

        fuzzy = [(self._names, NEAR_RATIO)]
        if " " not in wanted:
            fuzzy.append((self._acronyms, NEAR_RATIO_ACRONYM))
        for texts, threshold in fuzzy:
            for known, _upper_bound, slot in process.extract(
                wanted, texts.texts, scorer=Indel.normalized_similarity, score_cutoff=threshold - _MARGIN, limit=None
            ):
                score = similarity(known, wanted)
                if score >= threshold:
                    hit(texts.refs[slot], score)
        wanted_words = words(wanted)
        if len(wanted_words) >= NEAR_SHARED:
            shared = Counter(slot for word in wanted_words for slot in self._by_word.get(word, ()))
            for slot, count in shared.items():
                if count >= NEAR_SHARED:
                    overlap = count / len(wanted_words | self._words[slot])
                    if overlap >= NEAR_TOKENS:
                        hit(self._names.refs[slot], overlap)
        best = sorted(hits.items(), key=lambda item: (-item[1][0], item[1][1]))[:limit]
        return [Candidate(key, score, FUZZY, written) for key, (score, _position, written) in best]

    def lookup(self, text: str, limit: int = 5) -> list[Candidate]:
        """The best candidates for what someone typed (a name or an acronym):
        every actor it names exactly; else the one « Nom (SIGLE) » names by
        its name or its acronym; else up to `limit` close ones, best first."""
        found = self.exact(text)
        if found:
            return found
        parts = trailing_parenthesis(text)
        for part in parts or ():
            found = self.exact(part)
            if len(found) == 1:
                return found
        return self.near(text, limit)

    def duplicates(self, threshold: float = SIMILAR, min_length: int = SIMILAR_LENGTH) -> list[tuple[Key, Key]]:
        """Pairs of keys (smaller first) that probably are one actor: a name,
        acronym or other name of one equals one of the other's, or the
        first's, at least `min_length` long (not an acronym), is alike
        (`threshold`) to one of the second's. Names are compared only within
        blocks sharing their first two words (a one-word name: the word), so
        the cost stays near linear in the number of actors."""
        blocks: dict[str, set[Key]] = defaultdict(set)
        sharing: dict[str, set[Key]] = defaultdict(set)  # text -> the keys going by it
        for key, variants in self._variants.items():
            for variant in variants:
                first_words = variant.split()
                blocks[" ".join(first_words[:2]) if len(first_words) > 1 else variant].add(key)
                sharing[variant].add(key)
        pairs = set()
        for keys in sharing.values():  # the same text: in the same block, whatever its length
            ordered = sorted(keys)
            pairs.update((a, b) for index, a in enumerate(ordered) for b in ordered[index + 1 :])
        for members in blocks.values():
            if len(members) > 1:
                pairs.update(self._alike_in(sorted(members), threshold, min_length))
        return sorted(pairs)

    def _alike_in(self, members: list[Key], threshold: float, min_length: int):
        """The pairs of a block (keys in order) whose first has a name alike
        one of the second's: one rapidfuzz scan per name over the names of
        the keys after its own, difflib on what passes."""
        texts, owners, after = [], [], {}  # after: where the names of the keys after this one start
        for key in members:
            for variant in self._variants[key]:
                texts.append(variant)
                owners.append(key)
            after[key] = len(texts)
        for known, first in zip(texts, owners, strict=True):
            start = after[first]
            if len(known) < min_length or start == len(texts):
                continue
            for other, _upper_bound, slot in process.extract(
                known, texts[start:], scorer=Indel.normalized_similarity, score_cutoff=threshold - _MARGIN, limit=None
            ):
                if similarity(known, other) >= threshold:
                    yield first, owners[start + slot]


def load(actors=None) -> ActorMatcher:
    """A matcher over `actors` (every actor by default) and their other
    names, keyed by pk: two queries."""
    from .models import Actor, ActorName  # here: the matcher itself needs no Django set up

    actors = Actor.objects.all() if actors is None else actors
    matcher = ActorMatcher()
    for actor in actors.only("pk", "name_fr", "name_ar", "name_en", "acronym").order_by("pk"):
        matcher.add_actor(actor.pk, actor)
    names = ActorName.objects.filter(actor__in=actors.values("pk")).order_by("pk")
    for key, name, acronym in names.values_list("actor_id", "name", "acronym"):
        matcher.add(key, former=(name,), acronyms=(acronym,))
    return matcher


__all__ = [
    "ACRONYM",
    "EXACT",
    "FORMER",
    "FUZZY",
    "ActorMatcher",
    "Candidate",
    "Entry",
    "load",
    "similarity",
    "words",
]
