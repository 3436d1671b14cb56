import pytest

from tests import factories as f

pytestmark = pytest.mark.django_db


def test_the_root_redirects_to_french(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/fr/"


@pytest.mark.parametrize("language,direction", [("fr", "ltr"), ("ar", "rtl"), ("en", "ltr")])
def test_the_home_page_answers_in_each_language(client, language, direction):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    assert f'lang="{language}" dir="{direction}"' in response.text


def test_a_published_convention_has_a_page(client):
    convention = f.ConventionFactory(title="Convention CAM AMICA")
    response = client.get(convention.get_absolute_url())
    assert response.status_code == 200
    assert "Convention CAM AMICA" in response.text


def test_a_draft_convention_has_no_page(client):
    draft = f.ConventionFactory(draft=True)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_draft_is_not_listed(client):
    f.ConventionFactory(title="Brouillon secret", draft=True)
    f.ConventionFactory(title="Convention publiée")
    for url in ["/fr/", "/fr/conventions/"]:
        text = client.get(url).text
        assert "Brouillon secret" not in text
        assert "Convention publiée" in text
