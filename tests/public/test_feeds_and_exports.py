"""Feed, sitemap, robots.txt and downloads: published conventions only."""

import csv
import io
import json
import re

import pytest
from django.utils import translation

from actors.models import Actor
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def published_and_draft():
    published = f.ConventionFactory(title="Convention publiée", slug="publiee")
    f.PartyFactory(convention=published, actor=f.ActorFactory(slug="cam", acronym="CAM"))
    draft = f.ConventionFactory(title="Brouillon confidentiel", slug="brouillon", draft=True)
    f.PartyFactory(convention=draft, actor=f.ActorFactory(slug="secret-sa", acronym="SECRET"))
    return published, draft


def body(response):
    return b"".join(response.streaming_content).decode() if response.streaming else response.text


def test_the_feed_is_atom_and_lists_only_published_conventions(client, published_and_draft):
    response = client.get("/fr/conventions/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "Convention publiée" in response.text
    assert "Brouillon confidentiel" not in response.text


def sitemap_text(client) -> str:
    """Every page of every section the index lists."""
    index = client.get("/sitemap.xml").text
    pages = re.findall(r"<loc>http://testserver(/sitemap-[^<]+)</loc>", index)
    assert pages
    return "".join(client.get(page.replace("&amp;", "&")).text for page in pages)


def test_the_sitemap_lists_published_pages_in_every_language(client, published_and_draft):
    text = sitemap_text(client)
    for language in ("fr", "ar", "en"):
        assert f"/{language}/conventions/publiee/" in text
    assert "/brouillon/" not in text
    assert "/actors/cam/" in text
    assert "secret-sa" not in text


def test_every_sitemap_address_and_alternate_is_the_page_s_own_address(client, published_and_draft):
    plan = f.PlanFactory(slug="pai")
    published, _draft = published_and_draft
    published.plans.add(plan)
    mandate = f.MandateFactory(actor=Actor.objects.get(slug="cam"))
    text = sitemap_text(client)
    listed = set(re.findall(r'(?:<loc>|href=")http://testserver(/[^<"]+)', text))
    expected = set()
    for language in ("fr", "ar", "en"):
        with translation.override(language):
            for page in (published, Actor.objects.get(slug="cam"), plan, mandate.person):
                expected.add(page.get_absolute_url())
    # Conventions also name an x-default: the French address without its prefix.
    expected.add(published.get_absolute_url().removeprefix("/fr"))
    assert {address for address in listed if not address.startswith("/sitemap")} == expected


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_the_admin(client):
    text = client.get("/robots.txt").text
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_an_actor_known_only_from_a_draft_is_not_public(published_and_draft):
    assert set(Actor.objects.public().values_list("slug", flat=True)) == {"cam"}


def test_the_csv_download_holds_the_current_selection(client, published_and_draft):
    f.ConventionFactory(title="Autre convention")
    response = client.get("/fr/conventions/export.csv", {"actor": "cam"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(body(response).lstrip("\ufeff"))))
    assert [row["title"] for row in rows] == ["Convention publiée"]
    assert rows[0]["parties"] == "CAM (signatory)"


def test_the_json_download_never_holds_a_draft(client, published_and_draft):
    data = json.loads(body(client.get("/fr/conventions/export.json")))
    assert [row["slug"] for row in data] == ["publiee"]
    assert data[0]["parties"][0]["actor"] == "cam"


def test_a_title_that_looks_like_a_formula_is_neutralised_in_csv(client):
    f.ConventionFactory(title='=HYPERLINK("http://evil")')
    rows = list(csv.reader(io.StringIO(body(client.get("/fr/conventions/export.csv")).lstrip("\ufeff"))))
    assert rows[1][1].startswith("'=")


@pytest.mark.parametrize("count", [3, 60])
def test_the_download_runs_a_constant_number_of_queries(client, django_assert_num_queries, count):
    for _ in range(count):
        f.PartyFactory()
    # conventions, then parties + actors, sectors, regions, plans prefetched per chunk of 500.
    with django_assert_num_queries(6):
        body(client.get("/fr/conventions/export.json"))


def test_every_page_links_the_open_data_downloads(client):
    text = client.get("/fr/").text
    for address in ("/api/v1/conventions/export.csv", "/api/v1/datapackage.json", "/api/v1/popolo.json", "/api/docs/"):
        assert f'href="{address}"' in text


def test_the_xlsx_download_holds_the_selection_as_text(client, published_and_draft):
    from openpyxl import load_workbook

    f.ConventionFactory(title='=HYPERLINK("http://evil")', slug="piege")
    response = client.get("/fr/conventions/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    titles = {row[1] for row in rows[1:]}
    assert titles == {"Convention publiée", '\'=HYPERLINK("http://evil")'}
    assert "Brouillon confidentiel" not in titles


def test_the_sitemap_comes_in_pages_each_reading_only_its_own_rows(client, monkeypatch, django_assert_num_queries):
    from shiraka.sitemaps import RegisterSitemap

    monkeypatch.setattr(RegisterSitemap, "limit", 4)
    conventions = [f.ConventionFactory(slug=f"c{n}") for n in range(3)]
    index = client.get("/sitemap.xml").text
    assert "/sitemap-conventions.xml?p=3" in index  # 3 conventions x 3 languages, 4 addresses a page
    assert "/sitemap-conventions.xml?p=4" not in index
    seen = []
    for page in (1, 2, 3):
        # The register's version, the page's ids, then its conventions (the
        # count was kept for this version when the index was read).
        with django_assert_num_queries(3):
            text = client.get("/sitemap-conventions.xml", {"p": page}).text
        seen += re.findall(r"<loc>http://testserver/(\w\w)/conventions/(c\d)/</loc>", text)
    assert sorted(seen) == sorted((language, c.slug) for c in conventions for language in ("fr", "ar", "en"))
    assert client.get("/sitemap-conventions.xml", {"p": 4}).status_code == 404
