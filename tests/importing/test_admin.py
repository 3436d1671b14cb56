"""The admin: "Importer des conventions" (upload, preview, confirm) for
those who may add conventions, and CSV / XLSX exports of a selection with
formula-like cells neutralised."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from actors.models import Actor
from conventions.models import Convention
from tests.factories import ActorFactory, ActorNameFactory, ConventionFactory, PartyFactory
from tests.importing.helpers import csv_bytes, row, xlsx

pytestmark = pytest.mark.django_db

IMPORT = reverse("admin:conventions_convention_import")
CHANGELIST = reverse("admin:conventions_convention_changelist")


@pytest.fixture
def actors():
    ActorFactory(name="Crédit Agricole du Maroc", acronym="CAM")
    ActorFactory(name="Association Marocaine pour l'Industrie et la Construction de l'Automobile", acronym="AMICA")


def staff(django_user_model, *codenames):
    user = django_user_model.objects.create_user("agent", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


def upload(client, data: bytes, name="conventions.csv", what="conventions"):
    return client.post(IMPORT, {"what": what, "file": SimpleUploadedFile(name, data)})


def test_the_import_page_is_forbidden_without_the_add_permission(client, django_user_model):
    client.force_login(staff(django_user_model, "view_convention", "change_convention"))

    assert client.get(IMPORT).status_code == 403
    assert upload(client, csv_bytes([row(title="x", parties="y")])).status_code == 403
    assert client.post(IMPORT, {"token": "forged"}).status_code == 403


def test_the_changelist_links_to_the_import_page_for_those_who_may_add(client, django_user_model):
    client.force_login(staff(django_user_model, "view_convention"))
    assert IMPORT not in client.get(CHANGELIST).content.decode()

    client.force_login(staff_with_add := django_user_model.objects.create_user("b", is_staff=True))
    staff_with_add.user_permissions.add(*Permission.objects.filter(codename__in=["view_convention", "add_convention"]))
    assert IMPORT in client.get(CHANGELIST).content.decode()


def test_upload_previews_then_confirm_imports(client, django_user_model, actors):
    user = staff(django_user_model, "view_convention", "add_convention")
    client.force_login(user)
    data = xlsx([row(title="Convention importée", parties="AMICA (signataire); CAM (financeur)", signed_on="2024-05")])

    preview = upload(client, data, name="conventions.xlsx")

    assert preview.status_code == 200
    assert not Convention.objects.exists()
    page = preview.content.decode()
    assert "Convention importée" in page and "création" in page and "Confirmer" in page
    token = preview.context["token"]

    done = client.post(IMPORT, {"token": token}, follow=True)

    assert done.redirect_chain[-1][0] == CHANGELIST
    convention = Convention.objects.get()
    assert convention.publication_state == "draft"
    assert [str(m) for m in get_messages(done.wsgi_request)] == [
        "Import de « conventions.xlsx » terminé : 1 créée(s) (en brouillon), 0 mise(s) à jour."
    ]
    # The token is spent: the waiting file is gone.
    again = client.post(IMPORT, {"token": token}, follow=True)
    assert Convention.objects.count() == 1
    assert "expiré" in str(list(get_messages(again.wsgi_request))[-1])


def test_a_rejected_row_shows_why_and_offers_no_confirmation(client, django_user_model, actors):
    client.force_login(staff(django_user_model, "view_convention", "add_convention"))
    data = csv_bytes(
        [
            row(title="Bonne", parties="CAM; AMICA"),
            row(title="Mauvaise", parties="Association Marocaine de l'Industrie et du Montage Automobile"),
        ]
    )

    response = upload(client, data)

    page = response.content.decode()
    assert "token" not in response.context or not response.context["token"]
    assert "rejetée" in page and "probablement" in page
    assert "Rien n’a été écrit" in page


def test_a_bad_file_gets_its_message_not_a_500(client, django_user_model):
    client.force_login(staff(django_user_model, "view_convention", "add_convention"))

    response = upload(client, b"not a zip", name="conventions.xlsx")

    assert response.status_code == 200
    assert "n&#x27;est pas un classeur Excel" in response.content.decode()


def test_a_file_over_the_limit_is_refused_by_the_form(client, django_user_model, settings):
    settings.IMPORT_MAX_UPLOAD_MB = 1
    client.force_login(staff(django_user_model, "view_convention", "add_convention"))

    response = upload(client, b"a" * (2 * 1024 * 1024))

    assert response.status_code == 200
    assert "au-delà de la limite de 1 Mo" in response.content.decode()


def test_the_token_is_bound_to_the_user_who_uploaded(client, django_user_model, actors):
    client.force_login(staff(django_user_model, "view_convention", "add_convention"))
    token = upload(client, csv_bytes([row(title="x", parties="CAM; AMICA")])).context["token"]
    other = django_user_model.objects.create_user("autre", is_staff=True)
    other.user_permissions.add(*Permission.objects.filter(codename__in=["view_convention", "add_convention"]))
    client.force_login(other)

    assert client.post(IMPORT, {"token": token}).status_code == 403
    assert not Convention.objects.exists()


# --- exports ---------------------------------------------------------------------

FORMULA = '=HYPERLINK("http://evil.example","clic")'


def export(client, url, action, objects):
    return client.post(url, {"action": action, "_selected_action": [o.pk for o in objects], "index": 0})


def test_conventions_export_as_csv_in_the_import_format_with_formulas_neutralised(admin_client):
    convention = ConventionFactory(title=FORMULA, place="+212 Tanger")
    PartyFactory(convention=convention, actor=ActorFactory(acronym="AMICA"))

    response = export(admin_client, CHANGELIST, "export_csv", [convention])

    text = b"".join(response.streaming_content).decode("utf-8-sig")
    header, line = list(csv.reader(io.StringIO(text)))
    assert header[:2] == ["identifiant", "intitulé"]
    values = dict(zip(header, line, strict=True))
    assert values["intitulé"] == "'" + FORMULA
    assert values["lieu"] == "'+212 Tanger"
    assert values["parties"] == "AMICA (signataire)"


def test_conventions_export_as_xlsx_with_every_cell_a_string(admin_client):
    convention = ConventionFactory(title=FORMULA, amount=1500)

    response = export(admin_client, CHANGELIST, "export_xlsx", [convention])

    sheet = load_workbook(io.BytesIO(response.content)).active
    header, values = [[cell for cell in r] for r in sheet.iter_rows(min_row=1, max_row=2)]
    cells = {h.value: c for h, c in zip(header, values, strict=True)}
    assert cells["intitulé"].value == "'" + FORMULA
    assert cells["intitulé"].data_type == "s"
    assert (cells["montant"].value, cells["montant"].data_type) == ("1500", "s")


def test_an_exported_file_imported_back_updates_rather_than_duplicates(admin_client):
    amica = ActorFactory(acronym="AMICA")
    convention = ConventionFactory(draft=True, title="Aller-retour", summary="Résumé")
    PartyFactory(convention=convention, actor=amica)
    response = export(admin_client, CHANGELIST, "export_xlsx", [convention])
    # Edited in a spreadsheet: a new place.
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    header = [cell.value for cell in sheet[1]]
    sheet.cell(row=2, column=header.index("lieu") + 1, value="Kénitra")
    buffer = io.BytesIO()
    workbook.save(buffer)

    preview = upload(admin_client, buffer.getvalue(), name="export.xlsx")
    admin_client.post(IMPORT, {"token": preview.context["token"]})

    assert Convention.objects.count() == 1
    convention.refresh_from_db()
    assert (convention.place, convention.summary, convention.parties.count()) == ("Kénitra", "Résumé", 1)


def test_actors_export_as_csv_and_xlsx_with_formulas_neutralised(admin_client):
    actor = ActorFactory(name="@SUM(1)", acronym="-X", kind=Actor.Kind.BANK)
    ActorNameFactory(actor=actor, name="Banque Test")
    url = reverse("admin:actors_actor_changelist")

    response = export(admin_client, url, "export_csv", [actor])
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text)))[1] == [
        actor.slug,
        "'@SUM(1)",
        "'-X",
        "Banque ou institution financière",
        "Banque Test",
        "",
    ]

    response = export(admin_client, url, "export_xlsx", [actor])
    sheet = load_workbook(io.BytesIO(response.content)).active
    name = sheet.cell(row=2, column=2)
    assert (name.value, name.data_type) == ("'@SUM(1)", "s")
