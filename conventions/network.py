"""Who partners with whom: actors as nodes, shared conventions as links.

The layout is computed server-side (a deterministic force-directed layout,
Fruchterman-Reingold) and drawn as SVG, so the page needs no JavaScript and
the picture is the same for every reader. Node size grows with the number of
conventions, so hubs stand out; the table beside it is the text alternative.

Labels are placed here too, twice: once for a wide screen and once, larger
and shorter, for a phone, where the 800-unit picture is drawn about 360 px
wide. Each set keeps a label only where it collides with no label already
kept, biggest nodes first; the others are named by the circle's <title>
(hover, focus) and in the tables.
"""

import hashlib
import math
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations

from actors.models import Actor
from core import cache as register_cache

from .models import Party

WIDTH, HEIGHT, MARGIN = 800, 560, 60
MAX_NODES = 50
# A link's width in CSS pixels (drawn with a non-scaling stroke), from one
# shared convention to the most shared: bounded whatever the register's size.
LINK_MIN_WIDTH, LINK_MAX_WIDTH = 1.0, 8.0
# Labels' font sizes in viewBox units: about 17 px on a desktop (the picture
# is drawn ~1 100 px wide) and about 12 px on a 390 px phone (~360 px wide).
LABEL_WIDE = {"font": 13, "chars": 18}
LABEL_NARROW = {"font": 28, "chars": 12}


@dataclass
class Node:
    actor: Actor
    conventions: int
    x: float = 0.0
    y: float = 0.0
    radius: float = 0.0
    partners: int = 0
    # {"wide": Label, "narrow": Label}, for the language the network was built in.
    labels: dict = field(default_factory=dict)


@dataclass
class Label:
    text: str
    x: float
    y: float
    shown: bool


@dataclass
class Network:
    nodes: list[Node] = field(default_factory=list)
    links: list[tuple[Node, Node, int]] = field(default_factory=list)
    hidden_actors: int = 0
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def strongest_links(self):
        return sorted(self.links, key=lambda link: (-link[2], link[0].actor.name, link[1].actor.name))

    @property
    def drawn_links(self):
        """(a, b, weight, stroke width in px): the width grows with the square
        root of the shared conventions, between LINK_MIN_WIDTH and LINK_MAX_WIDTH."""
        heaviest = max((weight for _a, _b, weight in self.links), default=1)
        drawn = []
        for a, b, weight in self.links:
            share = math.sqrt((weight - 1) / (heaviest - 1)) if heaviest > 1 else 0.0
            drawn.append((a, b, weight, round(LINK_MIN_WIDTH + (LINK_MAX_WIDTH - LINK_MIN_WIDTH) * share, 1)))
        return drawn

    @property
    def hubs(self):
        return sorted(self.nodes, key=lambda node: (-node.partners, -node.conventions, node.actor.name))


def build(conventions) -> Network:
    """The network of the parties of `conventions` (a queryset): two queries."""
    rows = Party.objects.filter(convention__in=conventions.order_by().values("pk")).values_list(
        "convention_id", "actor_id"
    )
    by_convention: dict[int, set[int]] = {}
    for convention_id, actor_id in rows:
        by_convention.setdefault(convention_id, set()).add(actor_id)
    conventions_per_actor = Counter(actor for actors in by_convention.values() for actor in actors)
    pairs = Counter(pair for actors in by_convention.values() for pair in combinations(sorted(actors), 2))

    kept = {actor for actor, _ in conventions_per_actor.most_common(MAX_NODES)}
    actors = Actor.objects.in_bulk(kept)
    nodes = {pk: Node(actor=actors[pk], conventions=conventions_per_actor[pk]) for pk in kept}
    links = [(nodes[a], nodes[b], weight) for (a, b), weight in pairs.items() if a in kept and b in kept]
    for a, b, _weight in links:
        a.partners += 1
        b.partners += 1
    network = Network(nodes=sorted(nodes.values(), key=lambda n: n.actor.pk), links=links)
    network.hidden_actors = len(conventions_per_actor) - len(kept)
    _place(network)
    _place_labels(network)
    return network


def _place(network: Network) -> None:
    """Lay out the graph, or reuse the layout of the same graph: the layout is
    deterministic and costs ~0.2 s at 50 actors, too much for every request."""
    shape = repr(
        (
            [(n.actor.pk, n.conventions) for n in network.nodes],
            sorted((a.actor.pk, b.actor.pk, w) for a, b, w in network.links),
        )
    )
    key = "network-layout:" + hashlib.sha256(shape.encode()).hexdigest()
    cached = register_cache.shared().get(key)
    if cached is not None and len(cached) == len(network.nodes):
        for node, (x, y, radius) in zip(network.nodes, cached, strict=True):
            node.x, node.y, node.radius = x, y, radius
        return
    _layout(network)
    register_cache.shared().set(key, [(n.x, n.y, n.radius) for n in network.nodes], timeout=24 * 3600)


def _layout(network: Network, iterations: int = 120) -> None:
    nodes = network.nodes
    if not nodes:
        return
    count = len(nodes)
    # Start on a circle, in a fixed order, so the result is deterministic.
    for index, node in enumerate(nodes):
        angle = 2 * math.pi * index / count
        node.x, node.y = math.cos(angle), math.sin(angle)
    if count > 1:
        k = math.sqrt(4.0 / count)
        temperature = 0.1
        for _ in range(iterations):
            shift = {id(n): [0.0, 0.0] for n in nodes}
            for a, b in combinations(nodes, 2):
                dx, dy = a.x - b.x, a.y - b.y
                distance = max(math.hypot(dx, dy), 1e-3)
                force = k * k / distance
                shift[id(a)][0] += dx / distance * force
                shift[id(a)][1] += dy / distance * force
                shift[id(b)][0] -= dx / distance * force
                shift[id(b)][1] -= dy / distance * force
            for a, b, weight in network.links:
                dx, dy = a.x - b.x, a.y - b.y
                distance = max(math.hypot(dx, dy), 1e-3)
                force = distance * distance / k * (1 + math.log(weight))
                shift[id(a)][0] -= dx / distance * force
                shift[id(a)][1] -= dy / distance * force
                shift[id(b)][0] += dx / distance * force
                shift[id(b)][1] += dy / distance * force
            for node in nodes:
                dx, dy = shift[id(node)]
                length = max(math.hypot(dx, dy), 1e-9)
                node.x += dx / length * min(length, temperature)
                node.y += dy / length * min(length, temperature)
                # A weak pull to the centre keeps unconnected actors in the frame.
                node.x *= 0.99
                node.y *= 0.99
            temperature *= 0.98
    xs, ys = [n.x for n in nodes], [n.y for n in nodes]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    biggest = max(n.conventions for n in nodes)
    for node in nodes:
        node.x = MARGIN + (node.x - min(xs)) / span_x * (WIDTH - 2 * MARGIN) if count > 1 else WIDTH / 2
        node.y = MARGIN + (node.y - min(ys)) / span_y * (HEIGHT - 2 * MARGIN) if count > 1 else HEIGHT / 2
        node.radius = 6 + 18 * math.sqrt(node.conventions / biggest)


def _text_width(text: str, font: float) -> float:
    """A generous estimate of a label's drawn width, in viewBox units: capitals
    and digits are wider than the average letter."""
    ems = sum(0.72 if char.isupper() or char.isdigit() else 0.6 for char in text)
    return ems * font + 4


def _shorten(text: str, chars: int) -> str:
    return text if len(text) <= chars else text[: chars - 1].rstrip() + "…"


def _place_labels(network: Network) -> None:
    """Each node's label under its circle, for a wide screen and for a phone,
    in the active language (the network is cached per language). A label is
    shown only if its box, estimated generously (Arabic glyphs stand taller
    than Latin ones), meets no box kept before it; bigger nodes choose first."""
    for size, style in (("wide", LABEL_WIDE), ("narrow", LABEL_NARROW)):
        font = style["font"]
        kept: list[tuple[float, float, float, float]] = []
        for node in sorted(network.nodes, key=lambda n: (-n.conventions, -n.partners, n.actor.pk)):
            text = _shorten(node.actor.short_name, style["chars"])
            half = _text_width(text, font) / 2
            # Kept inside the picture, so a label by the edge is not cut.
            x = min(max(node.x, half), network.width - half)
            # Under the circle, or above it when there is no room under it.
            for y in (node.y + node.radius + font, node.y - node.radius - 0.7 * font):
                box = (x - half, y - 1.2 * font, x + half, y + 0.6 * font)
                inside = box[1] >= 0 and box[3] <= network.height
                if inside and not any(_overlap(box, other) for other in kept):
                    kept.append(box)
                    label = Label(text=text, x=round(x, 1), y=round(y, 1), shown=True)
                    break
            else:
                y = node.y + node.radius + font
                label = Label(text=text, x=round(x, 1), y=round(y, 1), shown=False)
            node.labels[size] = label


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
