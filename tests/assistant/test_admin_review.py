"""« Nouvelle convention depuis un article »: paste, review, save drafts
through the services; nothing saved before the confirmation, nothing saved
on a refusal. Articles written for these tests, not the seeds."""

import pytest
from django.contrib.auth.models import Permission, User

from actors.models import Actor, Person
from assistant import drafts
from conventions.models import Convention, Objective, Party, Source
from core.writes import Refused
from tests import factories as f

from .posting import form_data

pytestmark = pytest.mark.django_db
URL = "/admin/conventions/convention/depuis-un-article/"

ARTICLE = """Agroalimentaire : l'AMDIE et la FENAGRI s'allient pour l'export
Une convention de partenariat a été signée hier, mardi, à Meknès, entre l'Agence Marocaine de Développement des \
Investissements et des Exportations (AMDIE) et la Fédération Nationale de l'Agroalimentaire (FENAGRI), en marge du \
Salon International de l'Agriculture.
La convention a été paraphée par le directeur général de l'AMDIE, Ali Seddiki, et le président de la FENAGRI, \
Mohamed Hafid.
Elle vise la création de 12 000 emplois d'ici 2027 et l'accompagnement de 300 entreprises exportatrices.
Le secteur a enregistré 45 milliards de dirhams d'exportations en 2023.
L'AMDIE s'engage à organiser des missions de prospection en Afrique de l'Ouest.
"""

TWO = """Deux conventions ont été signées lundi 3 juin 2024 à Rabat.
La première convention a été signée entre l'Office National des Pêches (ONP) et la Fédération des Industries de \
la Mer (FIM) pour moderniser les halles au poisson.
Une seconde convention a également été signée entre l'Agence Nationale des Ports (ANP) et la Caisse de Dépôt et de \
Gestion (CDG) pour financer les quais de pêche.
"""

ARTICLE_URL = "https://example.org/amdie-fenagri"


@pytest.fixture
def staff(client):
    user = User.objects.create_user("redactrice", password="x", is_staff=True)
    for codename in ("add_convention", "change_convention", "view_convention", "add_actor", "add_person", "add_source"):
        user.user_permissions.add(Permission.objects.get(codename=codename))
    client.force_login(user)
    client.user = user
    return client


def read(client, text=ARTICLE, **fields):
    data = {"text": text, "url": ARTICLE_URL, "outlet": "Le Quotidien", "published": "2024-04-24", "language": ""}
    return client.post(URL, {**data, **fields})


def review_data(response) -> dict:
    assert response.status_code == 200, response.content[:500]
    return form_data(response.text, "review-form")


def test_the_changelist_links_the_page(staff):
    assert f'href="{URL}"' in staff.get("/admin/conventions/convention/").text


def test_the_page_asks_for_a_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_page_needs_the_permission_to_add_conventions(client):
    user = User.objects.create_user("lectrice", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_convention"))
    client.force_login(user)
    assert client.get(URL).status_code == 403
    assert read(client).status_code == 403
    assert Convention.objects.count() == 0


def test_the_review_shows_each_proposal_beside_its_sentence_and_saves_nothing(staff):
    response = read(staff)
    page = response.text
    assert "Convention de partenariat entre AMDIE et FENAGRI" in page
    assert "<mark>Fédération Nationale de l&#x27;Agroalimentaire (FENAGRI)</mark>" in page
    assert "<mark>12 000 emplois d&#x27;ici</mark>" in page
    assert "Figures de contexte" in page and "45 milliards de dirhams" in page
    assert (Convention.objects.count(), Actor.objects.count(), Source.objects.count()) == (0, 0, 0)


def test_the_article_is_escaped_in_the_review(staff):
    text = ARTICLE.replace("en marge du", 'en marge <img src=x onerror="alert(1)"> du')
    page = read(staff, text=text).text
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page
    assert "<img src=x" not in page


def test_an_unreadable_article_is_a_message_not_an_error(staff):
    response = read(staff, text="   ")
    assert response.status_code == 200 and "Le texte de l&#x27;article est vide." in response.text
    response = read(staff, text="Le temps sera ensoleillé demain sur tout le pays.")
    assert response.status_code == 200 and "aucune signature de convention" in response.text
    response = read(staff, published="2024-13")
    assert response.status_code == 200 and "AAAA" in response.text


def test_saving_creates_a_draft_with_its_parties_objectives_and_source(staff):
    fenagri = f.ActorFactory(name="Fédération de l'agroalimentaire", acronym="FENAGRI", slug="fenagri")
    data = review_data(read(staff))
    assert data["c0-parties-1-actor"] == "fenagri"  # matched by its acronym
    response = staff.post(URL, data)
    convention = Convention.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/conventions/convention/{convention.pk}/change/"
    assert convention.publication_state == Convention.PublicationState.DRAFT
    assert (convention.signed_on.isoformat(), convention.place) == ("2024-04-23", "Meknès")
    parties = list(convention.parties.select_related("actor", "representative"))
    assert [p.actor.acronym for p in parties] == ["AMDIE", "FENAGRI"]
    assert parties[1].actor == fenagri and Actor.objects.count() == 2
    amdie = parties[0].actor
    assert (amdie.name, amdie.kind) == (
        "Agence Marocaine de Développement des Investissements et des Exportations",
        Actor.Kind.PUBLIC_AGENCY,
    )
    assert parties[0].representative.name == "Ali Seddiki"
    assert parties[0].representative_title == "directeur général de l'AMDIE"
    assert sorted(o.target_value for o in convention.objectives.all()) == [300, 12000]
    assert convention.actions.get().responsible == amdie
    source = convention.sources.get()
    assert (source.url, source.outlet, source.kind, source.language) == (ARTICLE_URL, "Le Quotidien", "press", "fr")
    assert source.published_on.isoformat() == "2024-04-24" and source.text == ARTICLE
    assert convention.history.get().history_user == staff.user
    assert amdie.history.get().history_user == staff.user
    assert Person.objects.get(name="Mohamed Hafid").history.get().history_user == staff.user
    followed = staff.get(response["Location"])
    assert "conventions en brouillon" in followed.text


def test_a_dropped_party_or_objective_is_left_out(staff):
    data = review_data(read(staff))
    data.pop("c0-parties-1-keep")  # FENAGRI
    data.pop("c0-people-1-keep")  # its president
    data.pop("c0-objectives-1-keep")  # the 300 firms
    assert staff.post(URL, data).status_code == 302
    convention = Convention.objects.get()
    assert [p.actor.acronym for p in convention.parties.all()] == ["AMDIE"]
    assert [o.target_value for o in convention.objectives.all()] == [12000]
    assert not Actor.objects.filter(acronym="FENAGRI").exists()
    assert not Person.objects.filter(name="Mohamed Hafid").exists()


def test_an_edited_field_is_saved_as_edited(staff):
    data = review_data(read(staff))
    data["c0-title"] = "Convention AMDIE – FENAGRI pour l'export agroalimentaire"
    data["c0-parties-0-new_kind"] = Actor.Kind.STATE
    data["c0-objectives-0-target_value"] = "15000"
    staff.post(URL, data)
    convention = Convention.objects.get()
    assert convention.title == "Convention AMDIE – FENAGRI pour l'export agroalimentaire"
    assert Actor.objects.get(acronym="AMDIE").kind == Actor.Kind.STATE
    assert convention.objectives.filter(target_value=15000).exists()


def test_a_failure_in_the_middle_saves_nothing(staff, monkeypatch):
    def refuse(**kwargs):
        raise Refused({"url": ["Adresse refusée."]})

    monkeypatch.setattr(drafts.services, "source_save", refuse)
    response = staff.post(URL, review_data(read(staff)))
    assert response.status_code == 200
    assert "Rien n’a été enregistré" in response.text and "Adresse refusée." in response.text
    assert "<mark>" in response.text  # the review again, with its evidence
    counts = [model.objects.count() for model in (Convention, Party, Objective, Actor, Person, Source)]
    assert counts == [0, 0, 0, 0, 0, 0]


def test_a_validation_error_redisplays_the_review_and_saves_nothing(staff):
    data = review_data(read(staff))
    data["c0-people-1-party"] = "0"  # two representatives for the AMDIE
    data["c0-objectives-0-deadline"] = "20244"  # a date mistyped (words would be an undated horizon)
    response = staff.post(URL, data)
    assert response.status_code == 200
    assert "une partie n&#x27;en a qu&#x27;un" in response.text
    assert "Écrivez la date AAAA, AAAA-MM ou AAAA-MM-JJ." in response.text
    assert Convention.objects.count() == Actor.objects.count() == 0


def test_a_stale_actor_or_a_forged_review_is_a_clear_error(staff):
    data = review_data(read(staff))
    data["c0-parties-0-actor"] = "acteur-disparu"
    response = staff.post(URL, data)
    assert response.status_code == 200 and "Aucun acteur du registre n&#x27;a l&#x27;identifiant" in response.text
    data = review_data(read(staff))
    data["review"] = data["review"][:-3] + "xyz"
    response = staff.post(URL, data, follow=True)
    assert response.status_code == 200 and "a expiré ou a été altérée" in response.text
    data = review_data(read(staff))
    del data["c0-parties-TOTAL_FORMS"]
    assert staff.post(URL, data).status_code == 200
    assert Convention.objects.count() == 0


def test_another_users_review_is_refused(staff, client):
    data = review_data(read(staff))
    other = User.objects.create_superuser("autre", password="x")
    client.force_login(other)
    response = client.post(URL, data, follow=True)
    assert "a expiré ou a été altérée" in response.text and Convention.objects.count() == 0


def test_an_article_with_two_conventions_gives_two_drafts(staff):
    data = review_data(read(staff, text=TWO, url="https://example.org/peche"))
    assert "c1-title" in data
    response = staff.post(URL, data)
    assert response.status_code == 302
    conventions = Convention.objects.order_by("pk")
    assert [sorted(p.actor.acronym for p in c.parties.all()) for c in conventions] == [["FIM", "ONP"], ["ANP", "CDG"]]
    source = Source.objects.get()
    assert set(source.conventions.all()) == set(conventions)
    assert {c.publication_state for c in conventions} == {"draft"}


def test_a_dropped_convention_is_not_created(staff):
    data = review_data(read(staff, text=TWO, url="https://example.org/peche"))
    data.pop("c1-keep")
    staff.post(URL, data)
    assert [c.parties.count() for c in Convention.objects.all()] == [2]
    assert not Actor.objects.filter(acronym="CDG").exists()


def test_an_article_already_registered_adds_the_drafts_to_its_source(staff):
    staff.user.user_permissions.add(Permission.objects.get(codename="change_source"))
    known = f.SourceFactory(url=ARTICLE_URL)
    staff.post(URL, review_data(read(staff)))
    assert Source.objects.get() == known
    assert known.conventions.get() == Convention.objects.get()


def test_the_empty_row_adds_a_party_the_assistant_missed(staff):
    data = review_data(read(staff))
    assert "c0-parties-2-new_name" in data
    data["c0-parties-2-new_name"] = "Crédit Agricole du Maroc"
    data["c0-parties-2-new_acronym"] = "CAM"
    data["c0-parties-2-new_kind"] = Actor.Kind.BANK
    data["c0-parties-2-role"] = Party.Role.FINANCIER
    assert staff.post(URL, data).status_code == 302
    parties = Convention.objects.get().parties.select_related("actor")
    assert [(p.actor.acronym, p.role) for p in parties][-1] == ("CAM", "financier")
    assert Actor.objects.get(acronym="CAM").kind == Actor.Kind.BANK


def test_the_same_actor_twice_is_refused(staff):
    f.ActorFactory(acronym="FENAGRI", slug="fenagri")
    data = review_data(read(staff))
    data["c0-parties-0-other_actor"] = "fenagri"
    response = staff.post(URL, data)
    assert "déjà partie de cette convention" in response.text and Convention.objects.count() == 0


def test_a_deadline_in_words_is_saved_as_the_objective_s_undated_horizon(staff):
    text = ARTICLE.replace("d'ici 2027", "d'ici la fin de l'année")
    data = review_data(read(staff, text=text))
    deadlines = {key: value for key, value in data.items() if key.endswith("-deadline") and value}
    assert "fin de l'année" in " ".join(deadlines.values())
    assert staff.post(URL, data).status_code == 302
    jobs = Objective.objects.get(target_value=12000)
    assert (jobs.horizon_on, "fin de l'année" in jobs.horizon_label_fr) == (None, True)
