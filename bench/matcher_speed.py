"""The actor matcher's speed on 10 000 actors, against the difflib way it
replaced (docs/matching.md). No database: the names are made in memory.

    .venv/bin/python bench/matcher_speed.py [--actors 10000] [--queries 300] [--repeat 5]

Prints one JSON object: best-of-`repeat` milliseconds per look-up for the
new matcher (actors.matching) and for the old one (conventions/importing.py
before #14: difflib.SequenceMatcher over every name, copied below), both on
the same names and texts, how often they agree, and the same for the
duplicate-actor check of the data-quality page.
"""

import argparse
import difflib
import json
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rapidfuzz.distance import Indel  # noqa: E402

from actors import matching  # noqa: E402
from actors.matching import ActorMatcher, Entry  # noqa: E402
from core.text import normalize  # noqa: E402

KINDS = ["Association", "Fédération", "Agence", "Société", "Office", "Groupe", "Fonds", "Caisse", "Chambre", "Institut"]
QUALIFIERS = ["marocaine", "nationale", "régionale", "générale", "industrielle", "royale", "africaine", ""]
LINKS = ["de la", "du", "des", "pour la", "pour le", "de l'"]
DOMAINS = [
    "Construction Automobile",
    "Industrie Textile",
    "Industrie Pharmaceutique",
    "Promotion des Exportations",
    "Énergie Solaire",
    "Développement Agricole",
    "Électronique",
    "Aéronautique",
    "Cuir",
    "Plasturgie",
    "Logistique",
    "Phosphates",
    "Pêche Maritime",
    "Tourisme",
    "Investissement",
    "Formation Professionnelle",
    "Économie Numérique",
    "Bâtiment",
    "Chimie",
    "Métallurgie",
    "Agroalimentaire",
    "Offshoring",
    "Artisanat",
]
PLACES = [
    "",
    "du Maroc",
    "de Casablanca-Settat",
    "de Tanger-Tétouan-Al Hoceïma",
    "de l'Oriental",
    "du Souss-Massa",
    "de Fès-Meknès",
    "de Marrakech-Safi",
    "de Rabat-Salé-Kénitra",
    "du Nord",
    "du Sud",
    "de Dakhla",
]
OTHERS = [
    "Banque Populaire",
    "Wafa Assurance",
    "Royal Air Maroc",
    "Université Mohammed V",
    "Lydec",
    "Marsa Maroc",
    "Société Nationale des Autoroutes",
    "Maroc Telecom",
    "Holmarcom",
    "Akwa Group",
    "Ynna Holding",
]


def actors(count: int, rng: random.Random) -> list[tuple[int, str, str, list[str]]]:
    """(pk, name, acronym, other names): a register's worth of actors,
    many alike (the same few words recombined), a third with another name."""
    made, seen = [], set()
    while len(made) < count:
        name = " ".join(
            part
            for part in (
                rng.choice(KINDS),
                rng.choice(QUALIFIERS),
                rng.choice(LINKS),
                rng.choice(DOMAINS),
                rng.choice(PLACES),
                str(rng.randint(1, 99)) if rng.random() < 0.5 else "",
            )
            if part
        ).replace("' ", "'")
        if name in seen:
            continue
        seen.add(name)
        acronym = "".join(word[0] for word in normalize(name).split() if len(word) > 3).upper()[:6]
        other = []
        if rng.random() < 0.33:
            other.append(name.replace(rng.choice(KINDS), rng.choice(KINDS), 1) + " (ancien nom)")
        made.append((len(made) + 1, name, acronym if rng.random() < 0.7 else "", other))
    return made


def typo(text: str, rng: random.Random) -> str:
    position = rng.randrange(len(text))
    edit = rng.choice(["drop", "swap", "replace"])
    if edit == "drop":
        return text[:position] + text[position + 1 :]
    if edit == "swap" and position < len(text) - 1:
        return text[:position] + text[position + 1] + text[position] + text[position + 2 :]
    return text[:position] + rng.choice("aeiourstln") + text[position + 1 :]


def queries(register, count: int, rng: random.Random) -> list[str]:
    """What people type: exact names and acronyms, typos, another wording
    of a name (shared words), names the register lacks."""
    made = []
    for index in range(count):
        _pk, name, acronym, _other = rng.choice(register)
        kind = index % 5
        if kind == 0:
            made.append(name.upper())
        elif kind == 1:
            made.append(typo(typo(name, rng), rng))
        elif kind == 2:
            words = name.split()
            made.append(" ".join(words[:1] + ["et"] + words[1:]) if len(words) > 3 else typo(name, rng))
        elif kind == 3:
            made.append(acronym or typo(name, rng))
        else:
            made.append(f"{rng.choice(OTHERS)} {rng.randint(1, 9)}")
    return made


# --- the old matcher, as conventions/importing.py had it (difflib) ----------------------

NEAR_RATIO, NEAR_RATIO_ACRONYM, NEAR_TOKENS = 0.85, 0.8, 0.6
STOPWORDS = frozenset("a au aux d de des du en et l la le les of pour sur the and".split())


def _tokens(key):
    return frozenset(token for token in key.split() if token not in STOPWORDS and len(token) > 1)


class OldIndex:
    def __init__(self, register):
        self.keys = defaultdict(dict)
        self.fuzzy = []
        for pk, name, acronym, other in register:
            self._add(name, pk, "name")
            self._add(acronym, pk, "acronym")
            for text in other:
                self._add(text, pk, "alias")

    def _add(self, text, actor_id, via):
        key = normalize(text or "")
        if key:
            self.keys[key].setdefault(actor_id, via)
            self.fuzzy.append((key, _tokens(key), actor_id, via == "acronym"))

    def near(self, text, limit=3):
        key = normalize(text)
        tokens = _tokens(key)
        single_word = " " not in key
        scores = {}
        matcher = difflib.SequenceMatcher(None, "", key)
        for other, other_tokens, actor_id, is_acronym in self.fuzzy:
            if is_acronym and not single_word:
                continue
            threshold = NEAR_RATIO_ACRONYM if is_acronym else NEAR_RATIO
            score = 0.0
            matcher.set_seq1(other)
            if matcher.real_quick_ratio() >= threshold and matcher.quick_ratio() >= threshold:
                ratio = matcher.ratio()
                if ratio >= threshold:
                    score = ratio
            shared = tokens & other_tokens
            if len(shared) >= 3:
                overlap = len(shared) / len(tokens | other_tokens)
                if overlap >= NEAR_TOKENS:
                    score = max(score, overlap)
            if score:
                scores[actor_id] = max(score, scores.get(actor_id, 0))
        return sorted(scores, key=lambda actor_id: -scores[actor_id])[:limit]


def old_duplicates(register):
    """conventions/quality.py before #14: pairwise difflib within blocks."""
    names = defaultdict(set)
    for pk, name, acronym, other in register:
        for text in (name, acronym, *other):
            if text:
                names[pk].add(normalize(text))
    blocks = defaultdict(set)
    for pk, variants in names.items():
        for variant in variants:
            words = variant.split()
            blocks[" ".join(words[:2]) if len(words) > 1 else variant].add(pk)
    pairs = set()
    for members in blocks.values():
        members = sorted(members)
        for index, first in enumerate(members):
            for second in members[index + 1 :]:
                if any(
                    a == b or (len(a) > 6 and difflib.SequenceMatcher(None, a, b).ratio() >= 0.85)
                    for a in names[first]
                    for b in names[second]
                ):
                    pairs.add((first, second))
    return sorted(pairs)


def rapidfuzz_alone(entries, texts, near, pairs) -> dict:
    """What would change if rapidfuzz's Indel ratio decided alone, without
    difflib's confirmation: its ratio is never lower, so it proposes more."""
    saved = matching.similarity
    matching.similarity = Indel.normalized_similarity
    try:
        matcher = ActorMatcher(entries)
        alone = [[candidate.key for candidate in matcher.near(text)] for text in texts]
        alone_pairs = matcher.duplicates()
    finally:
        matching.similarity = saved
    return {
        "texts_answered_differently": sum(1 for a, b in zip(alone, near, strict=True) if a != b),
        "texts": len(texts),
        "duplicate_pairs": len(alone_pairs),
        "more_pairs_than_difflib": len(set(alone_pairs) - set(pairs)),
    }


# --- timing ------------------------------------------------------------------------------


def best_of(repeat: int, work) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - start)
    return best, result


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--old-queries", type=int, default=60, help="the old way is slow: fewer texts for it")
    parser.add_argument(
        "--old-duplicates-actors",
        type=int,
        default=2_000,
        help="the old duplicate check grows with the square of a block: compared on the first N actors (0: skip)",
    )
    options = parser.parse_args(argv)
    rng = random.Random(14)
    register = actors(options.actors, rng)
    texts = queries(register, options.queries, rng)
    entries = [
        Entry(pk, names=(name,), former=tuple(other), acronyms=(acronym,)) for pk, name, acronym, other in register
    ]

    build, matcher = best_of(options.repeat, lambda: ActorMatcher(entries))
    lookup, _ = best_of(options.repeat, lambda: [matcher.lookup(text, 3) for text in texts])
    near, new_near = best_of(options.repeat, lambda: [[c.key for c in matcher.near(text)] for text in texts])
    old_build, old = best_of(options.repeat, lambda: OldIndex(register))
    old_texts = texts[: options.old_queries]
    old_near_time, old_near = best_of(max(1, options.repeat // 2), lambda: [old.near(text) for text in old_texts])
    agree = sum(1 for a, b in zip(old_near, new_near, strict=False) if a == b)

    result = {
        "actors": len(register),
        "names": sum(1 + bool(acronym) + len(other) for _pk, _name, acronym, other in register),
        "texts": len(texts),
        "repeat": options.repeat,
        "new": {
            "build_ms": round(build * 1000, 1),
            "lookup_ms": round(lookup * 1000 / len(texts), 3),
            "near_ms": round(near * 1000 / len(texts), 3),
        },
        "old_difflib": {
            "build_ms": round(old_build * 1000, 1),
            "near_ms": round(old_near_time * 1000 / len(old_texts), 3),
            "texts": len(old_texts),
        },
        "near_same_answer": f"{agree}/{len(old_texts)}",
        "found": sum(1 for keys in new_near if keys),
    }
    new_dup_time, new_pairs = best_of(options.repeat, lambda: matcher.duplicates())
    result["duplicates"] = {"new_ms": round(new_dup_time * 1000, 1), "pairs": len(new_pairs)}
    if options.old_duplicates_actors:
        some = register[: options.old_duplicates_actors]
        few = ActorMatcher(entries[: options.old_duplicates_actors])
        few_time, few_pairs = best_of(options.repeat, lambda: few.duplicates())
        old_dup_time, old_pairs = best_of(1, lambda: old_duplicates(some))
        result["duplicates_compared"] = {
            "actors": len(some),
            "new_ms": round(few_time * 1000, 1),
            "old_difflib_ms": round(old_dup_time * 1000, 1),
            "pairs": len(few_pairs),
            "same_pairs": few_pairs == old_pairs,
        }
    result["rapidfuzz_alone"] = rapidfuzz_alone(entries, texts, new_near, new_pairs)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
