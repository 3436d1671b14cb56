"""Text in another language than the page's is isolated, and a French
fallback says so (issue 12): in the template output, before any browser.

The browser test (tests/browser/test_bidi.py) checks the demo register's
pages as drawn; these check each kind of French-only text, one at a time.
"""

import pytest
from django.utils import translation

from core.templatetags.shiraka import actor_name, as_written, in_french
from tests import factories as f

pytestmark = pytest.mark.django_db

IN_FRENCH = '<small class="fallback-note">(in French)</small>'


@pytest.fixture
def convention():
    """A convention whose title is translated, with a party's data known in
    French only: the name the source used, the representative's function, a note."""
    convention = f.ConventionFactory(title="Convention de partenariat", title_en="Partnership agreement")
    actor = f.ActorFactory(name="Association marocaine", name_en="Moroccan association", acronym="AMA")
    f.PartyFactory(
        convention=convention,
        actor=actor,
        name_as_written="l'association des industriels",
        representative=f.PersonFactory(name="Hakim Abdelmoumen"),
        representative_title="président de l'association",
    )
    return convention


def page(client, language, obj):
    with translation.override(language):
        url = obj.get_absolute_url()
    return client.get(url).content.decode()


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_representative_s_function_in_french_is_isolated_and_marked(client, convention, language):
    html = page(client, language, convention)
    assert '<bdi lang="fr" class="fallback">président de l&#x27;association</bdi>' in html
    assert "<bdi>Hakim Abdelmoumen</bdi>" in html


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_name_a_source_used_is_isolated_as_french(client, convention, language):
    assert '<bdi lang="fr">l&#x27;association des industriels</bdi>' in page(client, language, convention)


def test_french_pages_show_french_data_as_it_is(client, convention):
    html = page(client, "fr", convention)
    assert "président de l&#x27;association" in html
    assert "fallback" not in html.split("<main", 1)[1]


def test_an_actor_s_untranslated_name_and_its_people_are_isolated_on_its_page(client):
    actor = f.ActorFactory(name="Fédération des industries", acronym="FIMME")
    person = f.PersonFactory(name="Tarek Itri")
    f.MandateFactory(person=person, actor=actor, title="président", note="d'après l'article de février 2019")
    f.PartyFactory(actor=actor, representative=person, representative_title="président de la FIMME")
    f.ActorNameFactory(actor=actor, name="Fédération des IMME", note="relevé dans Infomédiaire")

    html = page(client, "en", actor)
    assert (
        f'<h1><bdi lang="fr" class="fallback">Fédération des industries</bdi> {IN_FRENCH} (<bdi>FIMME</bdi>)</h1>'
        in html
    )
    assert "<bdi>Tarek Itri</bdi>" in html
    assert '<bdi lang="fr" class="fallback">d&#x27;après l&#x27;article de février 2019</bdi>' in html
    assert '<bdi lang="fr">Fédération des IMME</bdi>' in html
    assert '<bdi lang="fr" class="fallback">relevé dans Infomédiaire</bdi>' in html


def test_a_plan_s_sources_are_isolated_in_their_own_language(client):
    plan = f.PlanFactory(name="Plan d'accélération", name_en="Acceleration Plan", short_name="PAI")
    plan.sources.add(f.SourceFactory(title="Le plan en chiffres", outlet="Le Matin", language="fr"))
    plan.sources.add(f.SourceFactory(title="الخطة بالأرقام", outlet="هسبريس", language="ar"))

    english = page(client, "en", plan)
    assert '<bdi lang="fr">Le plan en chiffres</bdi>' in english
    assert '<bdi lang="fr">Le Matin</bdi>' in english
    assert '<bdi lang="ar">الخطة بالأرقام</bdi>' in english
    # An acronym is isolated, not marked: « (PAI (in French)) » would say nothing useful.
    assert "(<bdi>PAI</bdi>)" in english
    # On a French page only the Arabic title is foreign.
    french = page(client, "fr", plan)
    assert '<bdi lang="ar">الخطة بالأرقام</bdi>' in french
    assert '<bdi lang="fr">' not in french


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_the_filters_isolate_only_what_is_foreign_to_the_page(language):
    with translation.override(language):
        name, french, arabic, note = (
            as_written("Ryad Mezzour"),
            as_written("Tanger", "fr"),
            as_written("طنجة", "ar"),
            in_french("S'est exprimé."),
        )
    if language == "fr":
        assert (name, french, note) == ("Ryad Mezzour", "Tanger", "S'est exprimé.")
    else:
        assert name == "<bdi>Ryad Mezzour</bdi>"
        assert french == '<bdi lang="fr">Tanger</bdi>'
        assert note.startswith(
            '<bdi lang="fr" class="fallback">S&#x27;est exprimé.</bdi> <small class="fallback-note">'
        )
    assert arabic == ("طنجة" if language == "ar" else '<bdi lang="ar">طنجة</bdi>')
    assert as_written("") == in_french("") == actor_name(None) == ""


@pytest.mark.parametrize("language", ["ar", "en"])
def test_an_unnamed_responsible_reads_as_one_sentence(client, language):
    # Not « Responsable : (non précisé (« la convention prévoit »)) », which an
    # Arabic page turned into « ((« la convention prévoit ») non précisé) ».
    convention = f.ConventionFactory()
    f.FollowUpActionFactory(
        convention=convention, responsible=None, responsible_note="non précisé (« la convention prévoit »)"
    )
    html = page(client, language, convention)
    assert '<bdi lang="fr">non précisé (« la convention prévoit »)</bdi>' in html
    assert "(non précisé" not in html
