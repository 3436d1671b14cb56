"""The promise of the workflow, end to end: an editor imports a spreadsheet
of 500 conventions, sees what will happen, fixes the three bad rows, imports;
a publisher publishes them; anyone on the staff sees who changed what, and
the public sees them."""

import pytest
from django.contrib.auth.models import Group, User
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conventions.models import Convention
from tests.importing.helpers import csv_bytes, row

pytestmark = pytest.mark.django_db

IMPORT = reverse("admin:conventions_convention_import")
CHANGELIST = reverse("admin:conventions_convention_changelist")
BAD = {10: "parties", 200: "signed_on", 450: "objectives"}


def member(name: str, group: str) -> User:
    user = User.objects.create_user(name, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def spreadsheet(*, with_mistakes: bool) -> bytes:
    rows = []
    for n in range(500):
        values = {
            "title": f"Convention régionale n°{n}",
            "signed_on": f"20{n % 25:02d}-{n % 12 + 1:02d}",
            "parties": f"ASSO{n % 30} (signataire); Association numéro {(n + 1) % 30} (financeur)",
            "sectors": "industrie-automobile",
            "plans": "plan-de-relance-industrielle",
            "objectives": f"Créations d'emplois = {n * 10} emplois @ 2030",
            "actions": f"Suivi annuel [ASSO{n % 30}] @ 2026-06",
            "sources": f"Signature n°{n} (Le Matin, 2025-02) <https://lematin.ma/conventions/{n}>",
        }
        if with_mistakes and n in BAD:
            values[BAD[n]] = {
                "parties": "Association numero 3 du Maroc (signataire); ASSO4",  # near match, not created
                "signed_on": "2021-13",
                "objectives": "Créations d'emplois = beaucoup",
            }[BAD[n]]
        rows.append(row(**values))
    return csv_bytes(rows)


def upload(client, data: bytes):
    return client.post(IMPORT, {"what": "conventions", "file": SimpleUploadedFile("conventions-2025.csv", data)})


def test_import_fix_publish_and_see_who_changed_what(client, register):
    editor, publisher = member("amina", "Editor"), member("youssef", "Publisher")

    # 1. The editor's first file: three bad rows, nothing written, each named.
    client.force_login(editor)
    preview = upload(client, spreadsheet(with_mistakes=True))
    assert preview.status_code == 200
    report = preview.context["report"]
    assert report.rejected == 3 and not preview.context.get("token")
    assert [(r.line, r.errors[0].column) for r in report.rows if r.rejected] == [
        (12, "parties"),
        (202, "date de signature"),
        (452, "objectifs"),
    ]
    assert not Convention.objects.exists()

    # 2. Fixed, previewed, confirmed: 500 drafts.
    preview = upload(client, spreadsheet(with_mistakes=False))
    assert (preview.context["report"].created, preview.context["report"].rejected) == (500, 0)
    client.post(IMPORT, {"token": preview.context["token"]})
    assert Convention.objects.filter(publication_state="draft").count() == 500
    assert not Convention.objects.published().exists()

    # 3. The editor may not publish; the publisher publishes them all.
    everything = {"action": "publish", "select_across": "1", "index": "0", "_selected_action": ["1"]}
    client.post(CHANGELIST, everything)
    assert not Convention.objects.published().exists()
    client.force_login(publisher)
    done = client.post(CHANGELIST, everything, follow=True)
    assert Convention.objects.published().count() == 500, [str(m) for m in get_messages(done.wsgi_request)]

    # 4. Who changed what: creation by the editor, publication by the publisher.
    convention = Convention.objects.get(title_fr="Convention régionale n°42")
    history = list(convention.history.order_by("history_date"))
    assert [(record.history_type, record.history_user.username) for record in history] == [
        ("+", "amina"),
        ("~", "youssef"),
    ]
    assert history[1].diff_against(history[0]).changed_fields == ["publication_state", "published_at", "published_by"]
    page = client.get(reverse("admin:conventions_convention_history", args=[convention.pk])).content.decode()
    assert "amina" in page and "youssef" in page

    # 5. The public sees it, with its source.
    public = client.get(convention.get_absolute_url())
    assert public.status_code == 200
    assert "https://lematin.ma/conventions/42" in public.content.decode()
