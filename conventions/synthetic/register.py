"""`SyntheticRegister`: the rows of a synthetic register, unsaved, from one
seeded random generator (actors.py, plans.py and conventions.py hold its
parts)."""

import random

from plans.models import Region, Sector

from .actors import ActorRows
from .common import _cumulate
from .conventions import ConventionRows
from .places import CITIES, SECTORS
from .plans import PlanRows
from .rows import Taken, make


class SyntheticRegister(ActorRows, PlanRows, ConventionRows):
    """Builds the rows, unsaved, from one seeded random generator.

    The reference rows (sectors, actors, people, plans) are built when the
    object is made; `conventions()` then yields one `Bundle` at a time, so
    100 000 conventions never sit in memory at once. `regions` are the
    Region rows (shipped by a migration); `sectors` the existing Sector rows
    by slug, reused rather than duplicated.
    """

    def __init__(
        self,
        conventions: int,
        seed: int,
        *,
        regions: list[Region],
        sectors: dict[str, Sector] | None = None,
        taken: Taken | None = None,
    ):
        self.count = conventions
        self.rng = random.Random(seed)
        self.taken = taken or Taken()
        self.regions = {region.code: region for region in regions}
        self.cities = [(city, self.regions.get(code)) for city, _ar, _en, code, _weight in CITIES]
        self.city_cum = _cumulate([weight for *_, weight in CITIES])
        self.city_info = {city[0]: city for city in CITIES}
        self._build_sectors(sectors or {})
        self._build_actors(max(50, conventions // 5))
        self._build_people(max(10, conventions // 10))
        self._build_plans()

    # Reference rows --------------------------------------------------------------------------------

    def _build_sectors(self, existing: dict[str, Sector]) -> None:
        self.new_sectors: list[Sector] = []
        self.sectors: list[Sector] = []
        self.sector_vocabulary: dict[str, tuple] = {}
        by_slug = {}
        for slug, fr, ar, en, parent, of, ecosystems, products, trades in SECTORS:
            sector = existing.get(slug)
            if sector is None:
                sector = make(Sector, slug=slug, name_fr=fr, name_ar=ar, name_en=en, parent=by_slug.get(parent))
                self.new_sectors.append(sector)
            by_slug[slug] = sector
            self.sectors.append(sector)
            self.sector_vocabulary[slug] = (of, ecosystems, products, trades, en, ar)
        self.sectors_by_slug = by_slug
        # Industry sectors are signed about more often than fisheries.
        self.sector_cum = _cumulate([3, 10, 5, 5, 4, 6, 6, 3, 3, 3, 2, 3, 4, 2, 3, 2, 3, 2])
