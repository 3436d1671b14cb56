"""The register's backup and follows/: watches and subscriptions are not the
register (the backup does not carry them), and restoring a backup in place
of the register keeps those that still point somewhere and forgets the
others, instead of the restore failing on them."""

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.utils import timezone

from actors.models import ReminderContact
from follows.models import Subscription, Watch
from shiraka.register import register_models
from tests import factories as f

pytestmark = pytest.mark.django_db(transaction=True, databases="__all__")


def test_follows_are_not_in_the_backup():
    labels = {model._meta.label for model in register_models()}
    assert not labels & {"follows.Watch", "follows.Subscription", "follows.DigestSent"}
    assert "actors.ReminderContact" in labels  # the actor's contact is the register's (staff only)


def test_a_restore_forgets_the_follows_of_what_it_removed(tmp_path):
    staff = User.objects.create_user("analyste", is_staff=True)
    kept_actor = f.ActorFactory()
    ReminderContact.objects.create(actor=kept_actor, email="suivi@exemple.ma")
    kept_convention = f.ConventionFactory()
    call_command("export_register", tmp_path / "backup", verbosity=0)
    # After the backup: a convention and an actor the restore will remove.
    gone_actor = f.ActorFactory()
    gone_convention = f.ConventionFactory()
    now = timezone.now()
    for actor in (kept_actor, gone_actor):
        Subscription.objects.create(email=f"{actor.pk}@exemple.ma", kind="actor", actor=actor, confirmed_at=now)
    Watch.objects.create(user=staff, convention=kept_convention)
    Watch.objects.create(user=staff, convention=gone_convention)

    call_command("import_register", tmp_path / "backup", replace=True, verbosity=0)

    assert list(Subscription.objects.values_list("actor_id", flat=True)) == [kept_actor.pk]
    assert list(Watch.objects.values_list("convention_id", flat=True)) == [kept_convention.pk]
    assert ReminderContact.objects.get().email == "suivi@exemple.ma"
