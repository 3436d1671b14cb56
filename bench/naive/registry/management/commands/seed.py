"""`manage.py seed --conventions N --seed S`: N conventions with three actors
each, written with bulk_create (seconds for 100 000)."""

import datetime
import random

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from registry.models import Actor, Convention

WORDS = (
    "partenariat industrie automobile aéronautique textile export emploi formation investissement énergie "
    "innovation région zone accompagnement financement intégration locale écosystème compétences logistique "
    "qualité recherche développement durable numérique agroalimentaire chimie pharmacie électronique"
).split()
BATCH = 2000


class Command(BaseCommand):
    help = "Fill an empty database with N synthetic conventions, three actors each."

    def add_arguments(self, parser):
        parser.add_argument("--conventions", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, conventions, seed, **options):
        if Convention.objects.exists():
            raise CommandError("The database already holds conventions.")
        rng = random.Random(seed)
        actor_count = max(30, conventions // 10)
        actors = Actor.objects.bulk_create(Actor(name=f"Acteur {i} {rng.choice(WORDS)}") for i in range(actor_count))
        actor_ids = [actor.pk for actor in actors]
        Through = Convention.actors.through
        start = datetime.date(2000, 1, 1)
        for offset in range(0, conventions, BATCH):
            size = min(BATCH, conventions - offset)
            with transaction.atomic():
                batch = Convention.objects.bulk_create(
                    Convention(
                        title=f"Convention {' '.join(rng.choices(WORDS, k=5))} n° {offset + i}",
                        summary=" ".join(rng.choices(WORDS, k=60)),
                        signed_on=start + datetime.timedelta(days=rng.randrange(9000)),
                    )
                    for i in range(size)
                )
                Through.objects.bulk_create(
                    Through(convention_id=convention.pk, actor_id=actor_id)
                    for convention in batch
                    for actor_id in rng.sample(actor_ids, 3)
                )
        self.stdout.write(f"{conventions} conventions, {actor_count} actors.")
