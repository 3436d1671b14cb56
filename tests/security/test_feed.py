"""The Atom feed sends summaries as plain text: markup in a summary is shown
as written by feed readers, never run."""

import xml.etree.ElementTree as ET

import pytest

from tests import factories as f

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_a_summary_is_plain_text_and_its_markup_stays_text(client):
    summary = 'Accord <img src=x onerror="alert(1)"> & <script>alert(2)</script>'
    f.ConventionFactory(summary=summary)

    response = client.get("/fr/conventions/feed/")

    assert response.status_code == 200
    [entry] = ET.fromstring(response.content).findall(f"{ATOM}entry")
    element = entry.find(f"{ATOM}summary")
    assert element.get("type") == "text"
    assert element.text == summary
    assert b'type="html"' not in response.content
    assert b"<script>" not in response.content
