"""A synthetic register for load tests (`manage.py seed_synthetic`).

It writes a register of any size that looks like the real one: actors with
acronyms and former names, with a long tail of participation (one ministry is
party to about a third of all conventions, most companies to one or two);
people and their mandates; about twenty plans with their component trees;
conventions of two to six parties with French titles and summaries built
from a varied vocabulary, commitments, objectives with series of
measurements, follow-up actions (some overdue), shared sources, and a
realistic share of drafts.

Why not the service layer. Every edit of a convention goes through
`conventions/services/` (validation, permissions, row locks, history, the
search text, one transaction per write): right for an edit, far too slow for
a load-test fixture of 100 000 conventions and a million child rows, which is
not an edit. This package writes in batches (2000 conventions with their
children by default), one transaction per batch, one multi-row insert per
table and batch, and computes in bulk what the service layer would have:

- the search text: `search.document_for`, the function
  `refresh_search_text()` uses, applied to each convention with its parties,
  their actors' other names, representatives, plans, components and sectors
  in hand, in the order those prefetches return them, so the text is the one
  a later refresh computes (a test checks it); PostgreSQL derives its
  `search_vector` column from it by itself;
- the publication stamps, as `publication.stamp` leaves them: a published or
  archived convention has a `published_at` (the database requires it of
  published ones), a draft or a convention in review has none;
- what publishing requires (`publication.problems`): a published convention
  has at least two parties, a kind, a source, and a date of signature or a
  note explaining its absence;
- partial dates as `core.dates` stores them: a month is its first day, a year
  its 1 January, an unknown precision has no date.

The inserts are not `bulk_create` but one COPY (PostgreSQL) or executemany
(SQLite) per table and batch (see `writer._Table`): bulk_create compiles every value
of every row through the SQL compiler, which made it the slowest part by far
(5 ms a convention with its children). Ids are chosen here, after the
largest in each table (PostgreSQL's sequences are moved past them in the same
transaction), so run it on a database nobody else writes to meanwhile. No
history is written (django-simple-history records `save()`), and no signal
fires: the only listener that matters (`search_index`) rebuilds the search
text, which is written here already.

Determinism: everything comes from one `random.Random(seed)`, consumed in
a fixed order that does not depend on the batch size, and the "today" of the
register is a constant (`REFERENCE_DATE`), so the same number and seed give
the same rows (titles, slugs, parties, dates, amounts). Slugs and source
addresses already in the database are avoided (`Taken`), which only matters
with `--append`.

Where things are: `places.py`, `wording.py`, `names.py` (the vocabulary);
`common.py` (constants, French and date helpers); `rows.py` (unsaved rows,
`Taken`); `register.py` (`SyntheticRegister`, built of `actors.py`,
`plans.py` and `conventions.py`); `writer.py` (the bulk writer);
`seeding.py` (`seed`, what `manage.py seed_synthetic` calls).
"""

from .common import DEFAULT_BATCH_SIZE, FIRST_YEAR, MAIN_MINISTRY_SHARE, REFERENCE_DATE
from .places import CITIES, SECTORS
from .register import SyntheticRegister
from .rows import ActorInfo, Bundle, Maker, Taken, make
from .seeding import seed
from .writer import Writer

__all__ = [
    "CITIES",
    "DEFAULT_BATCH_SIZE",
    "FIRST_YEAR",
    "MAIN_MINISTRY_SHARE",
    "REFERENCE_DATE",
    "SECTORS",
    "ActorInfo",
    "Bundle",
    "Maker",
    "SyntheticRegister",
    "Taken",
    "Writer",
    "make",
    "seed",
]
