"""A spreadsheet import leaves one history row per object written, with its user."""

import pytest

from conventions.models import Convention, Party
from tests.factories import ActorFactory
from tests.importing.helpers import csv_bytes, errors, row, run

pytestmark = pytest.mark.django_db


def test_imported_conventions_and_parties_have_their_history(admin_user):
    ActorFactory(acronym="CAM")
    ActorFactory(acronym="AMICA")
    data = csv_bytes(
        [
            row(
                title="Convention importée",
                kind="Convention de partenariat",
                status="Signée",
                signed_on="2022-06",
                parties="CAM (financeur); AMICA (bénéficiaire)",
            )
        ]
    )

    report = run(data, dry_run=False, user=admin_user)

    assert report.written, errors(report)
    convention = Convention.objects.get()
    record = convention.history.get()
    assert (record.history_type, record.history_user, record.title_fr) == ("+", admin_user, "Convention importée")
    assert record.history_change_reason == "Importée depuis un tableur."
    assert Party.history.filter(convention_id=convention.pk).count() == 2
