"""Hostile files, spreadsheet bombs and a database outage, counted.

- Every hostile upload (an executable, a page, a script or a mismatched
  archive named as an accepted type) is offered to the API's document upload:
  none may be stored.
- Every spreadsheet bomb is offered to the import reader: each must be
  refused within 5 s of CPU and 100 MB of memory.
- While the database refuses connections, a bounded load over every kind of
  address (pages in three languages, API reads and a write, the health check)
  must answer 503, never 500; and 200 again once it is back."""

import io
import itertools
import time
import tracemalloc
from unittest import mock

import pytest
from django.contrib.auth.models import Group, User
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from conventions.models import Document
from core import spreadsheets
from tests import factories as f
from tests.reliability.test_database_outage import REFUSED
from tests.reliability.test_spreadsheet_bombs import BOMBS, PEAK_BYTES, SECONDS
from tests.security.test_document_uploads import DOCX, ELF, HTML, ODT, PNG, XLSX

pytestmark = pytest.mark.django_db

HOSTILE = {
    "executable.pdf": ELF,
    "page.pdf": HTML,
    "script.png": b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
    "executable.png": ELF,
    "page.jpg": HTML,
    "word-as-sheet.xlsx": DOCX,
    "sheet-as-word.docx": XLSX,
    "text-as-sheet.ods": ODT,
    "image-as-pdf.pdf": PNG,
    "empty.pdf": b"",
    "truncated.pdf": b"%PDF-1.7\n1 0 obj<<>>endobj\n",
    "not-a-zip.docx": b"PK\x03\x04" + b"\x00" * 64,
}


def test_no_hostile_file_is_stored(probe):
    stored = probe("hostile files: uploads", "a hostile file accepted by the document upload")
    user = User.objects.create_user("publisher", is_staff=True)
    user.groups.add(Group.objects.get(name="Publisher"))
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    convention = f.ConventionFactory(draft=True)
    for name, data in HOSTILE.items():
        upload = io.BytesIO(data)
        upload.name = name
        response = api.post(
            "/api/v1/documents/",
            {"convention": convention.slug, "title": name, "kind": "signed_text", "file": upload},
            format="multipart",
        )
        stored.check(response.status_code == 400 and not Document.objects.exists(), f"{name} → {response.status_code}")
    assert stored.failures == []


def refused_cpu_seconds(data: bytes) -> float | None:
    """The CPU time the reader took to refuse `data`, or None if it read it."""
    started = time.process_time()
    try:
        spreadsheets.read_table(file=io.BytesIO(data), name="conventions.xlsx")
    except spreadsheets.SpreadsheetError:
        return time.process_time() - started
    return None


def test_every_bomb_is_refused_within_its_bounds(probe):
    bounded = probe("hostile files: spreadsheet bombs", f"a bomb not refused within {SECONDS} s of CPU and 100 MB")
    for name, build in BOMBS.items():
        data = build()
        elapsed = refused_cpu_seconds(data)
        tracemalloc.start()  # a second time, traced: tracemalloc slows Python several times over
        try:
            refused_cpu_seconds(data)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        ok = elapsed is not None and elapsed < SECONDS and peak < PEAK_BYTES
        bounded.check(ok, f"{name}: {elapsed} s, {peak // 2**20} MB")
    assert bounded.failures == []


def test_a_database_outage_answers_503_never_500(probe):
    answered = probe("outage: 503 not 500", "answers other than 503 while the database refuses connections")
    convention = f.ConventionFactory(complete=True, slug="publiee")
    addresses = [
        *(f"/{language}/{page}" for language in ("fr", "ar", "en") for page in ("", "conventions/", "actors/")),
        f"/fr/conventions/{convention.slug}/",
        "/api/v1/conventions/",
        f"/api/v1/conventions/{convention.slug}/",
        "/api/v1/actors/",
        "/fr/conventions/export.csv",
        "/sitemap.xml",
        "/healthz",
    ]
    client = Client(raise_request_exception=False)
    with mock.patch.object(BaseDatabaseWrapper, "ensure_connection", side_effect=REFUSED):
        for address in itertools.islice(itertools.cycle(addresses), 100):
            response = client.get(address)
            # The health check tells the balancer, which needs no Retry-After.
            waits = response.has_header("Retry-After") or address == "/healthz"
            answered.check(response.status_code == 503 and waits, f"{address} → {response.status_code}")
        response = client.post("/api/v1/conventions/", {}, HTTP_AUTHORIZATION="Token " + "0" * 40)
        answered.check(response.status_code == 503, f"POST /api/v1/conventions/ → {response.status_code}")
    recovered = [client.get(address).status_code for address in addresses[:4]]
    assert recovered == [200] * 4
    assert answered.failures == []
