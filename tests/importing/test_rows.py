"""What a row does: actors matched or proposed (never a second actor by
accident), drafts created, conventions updated by identifiant, partial dates,
objectives and actions read, and all or nothing."""

import datetime

import pytest

from actors.models import Actor
from conventions.models import Convention, FollowUpAction, Objective, Party
from core.dates import DatePrecision
from tests.factories import ActorFactory, ActorNameFactory, ConventionFactory, PartyFactory, SectorFactory
from tests.importing.helpers import csv_bytes, errors, row, run

pytestmark = pytest.mark.django_db

AMICA_NAME = "Association Marocaine pour l'Industrie et la Construction de l'Automobile"
OTHER_EXPANSION = "Association Marocaine de l'Industrie et du Montage Automobile"


@pytest.fixture
def amica():
    return ActorFactory(name=AMICA_NAME, acronym="AMICA", slug="amica")


@pytest.fixture
def cam():
    return ActorFactory(name="Crédit Agricole du Maroc", acronym="CAM", slug="cam", kind=Actor.Kind.BANK)


def test_parties_are_found_by_acronym_name_and_other_name_whatever_the_accents_and_case(amica, cam):
    ActorNameFactory(actor=cam, name="Groupe Crédit Agricole du Maroc")
    ministry = ActorFactory(name="Ministère de l'Industrie et du Commerce", acronym="")

    report = run(
        csv_bytes(
            [
                row(
                    title="Convention A",
                    parties="amica (signataire); GROUPE CREDIT AGRICOLE DU MAROC (financeur); "
                    "ministere de l'industrie et du commerce",
                )
            ]
        ),
        dry_run=False,
    )

    assert report.written, errors(report)
    convention = Convention.objects.get(title_fr="Convention A")
    parties = {p.actor: (p.role, p.name_as_written) for p in convention.parties.all()}
    assert parties == {
        amica: (Party.Role.SIGNATORY, ""),
        cam: (Party.Role.FINANCIER, "GROUPE CREDIT AGRICOLE DU MAROC"),
        ministry: (Party.Role.SIGNATORY, ""),
    }


def test_the_other_expansion_of_amica_is_proposed_never_created(amica, cam):
    actors = Actor.objects.count()

    report = run(
        csv_bytes([row(title="Convention B", parties=f"{OTHER_EXPANSION} (signataire); CAM (financeur)")]),
        dry_run=False,
    )

    assert not report.written
    assert Actor.objects.count() == actors and Convention.objects.count() == 0
    (message,) = errors(report)
    assert message.startswith("colonne « parties » : « Association Marocaine de l'Industrie et du Montage Automobile »")
    assert f"probablement {AMICA_NAME} (AMICA)" in message


def test_a_near_match_is_proposed_even_when_the_row_allows_creating_actors(amica, cam):
    report = run(
        csv_bytes([row(title="Convention C", parties="Credit Agricol du Maroc; AMICA", create_actors="oui")]),
        dry_run=False,
    )

    assert not report.written
    assert "probablement Crédit Agricole du Maroc (CAM)" in errors(report)[0]
    assert not Actor.objects.filter(name_fr="Credit Agricol du Maroc").exists()


def test_an_unknown_actor_is_refused_unless_the_row_asks_for_its_creation(amica):
    refused = run(csv_bytes([row(title="Convention D", parties="AMICA; Société Nouvelle de Câblage (SNC)")]))
    assert "acteur inconnu du registre" in errors(refused)[0]

    rows = [
        row(title="Convention D", parties="AMICA; Société Nouvelle de Câblage (SNC)", create_actors="oui"),
        row(title="Convention E", parties="SNC (financeur); AMICA", create_actors="non"),
    ]
    report = run(csv_bytes(rows), dry_run=False)

    assert report.written, errors(report)
    created = Actor.objects.get(acronym="SNC")
    assert created.name == "Société Nouvelle de Câblage" and created.kind == Actor.Kind.OTHER
    assert report.created_actors == ["Société Nouvelle de Câblage (SNC)"]
    # The second row finds the actor the first one creates: one actor, two parties.
    assert Party.objects.filter(actor=created).count() == 2


def test_an_acronym_shared_by_two_actors_asks_for_the_full_name(amica):
    ActorFactory(name="Autre association", acronym="AMICA")

    report = run(csv_bytes([row(title="Convention F", parties="AMICA")]))

    assert "désigne plusieurs acteurs" in errors(report)[0]


def test_a_new_convention_is_a_draft_with_its_dates_at_the_precision_written(amica, cam):
    SectorFactory(slug="industrie-automobile", name="Industrie automobile")
    rows = [
        row(
            title="Année", parties="AMICA; CAM", signed_on="2016", kind="Contrat de performance", status="EN EXECUTION"
        ),
        row(title="Mois", parties="AMICA; CAM", signed_on="2019-02", kind="framework", sectors="Industrie Automobile"),
        row(title="Jour", parties="AMICA; CAM", signed_on="12/02/2025", start_on="2025-03-01", amount="1 700 000,50"),
    ]

    report = run(csv_bytes(rows), dry_run=False)

    assert report.written, errors(report)
    dates = {c.title: (c.signed_on, c.signed_on_precision) for c in Convention.objects.all()}
    assert dates == {
        "Année": (datetime.date(2016, 1, 1), DatePrecision.YEAR),
        "Mois": (datetime.date(2019, 2, 1), DatePrecision.MONTH),
        "Jour": (datetime.date(2025, 2, 12), DatePrecision.DAY),
    }
    assert set(Convention.objects.values_list("publication_state", flat=True)) == {"draft"}
    year = Convention.objects.get(title_fr="Année")
    assert (year.kind, year.status) == (Convention.Kind.PERFORMANCE_CONTRACT, Convention.Status.IN_EXECUTION)
    assert str(Convention.objects.get(title_fr="Jour").amount) == "1700000.50"
    assert list(Convention.objects.get(title_fr="Mois").sectors.values_list("slug", flat=True)) == [
        "industrie-automobile"
    ]


def test_objectives_and_actions_are_read_from_their_short_forms(amica):
    amca = ActorFactory(name="Association Marocaine de la Communauté Achats", acronym="AMCA")
    report = run(
        csv_bytes(
            [
                row(
                    title="Convention G",
                    parties="AMICA; AMCA",
                    objectives="Créations d'emplois = 13340 emplois @ 2020; Part du PIB = au plus 23 % @ 2020-12-31",
                    actions="Enquête auprès des adhérents [AMCA] @ 2021-06; Réunion de lancement",
                )
            ]
        ),
        dry_run=False,
    )

    assert report.written, errors(report)
    jobs, share = Objective.objects.order_by("position")
    # "13340 emplois" with no "au moins": the direction is unknown, left blank.
    assert (jobs.indicator, jobs.comparator, jobs.target_value, jobs.unit) == (
        "Créations d'emplois",
        "",
        13340,
        "emplois",
    )
    assert (jobs.horizon_on, jobs.horizon_on_precision) == (datetime.date(2020, 1, 1), DatePrecision.YEAR)
    assert (share.comparator, share.unit, share.horizon_on_precision) == ("lte", "%", DatePrecision.DAY)
    survey, meeting = FollowUpAction.objects.order_by("position")
    assert (survey.title, survey.responsible, survey.due_on, survey.due_on_precision) == (
        "Enquête auprès des adhérents",
        amca,
        datetime.date(2021, 6, 1),
        DatePrecision.MONTH,
    )
    assert (meeting.responsible, meeting.due_on) == (None, None)


def test_a_row_with_an_identifiant_updates_that_convention_and_leaves_empty_cells_alone(amica, cam):
    convention = ConventionFactory(draft=True, title="Ancien intitulé", place="Tanger", slug="ma-convention")
    PartyFactory(convention=convention, actor=amica, role=Party.Role.SIGNATORY)

    report = run(
        csv_bytes([row(slug="ma-convention", status="Achevée", parties="AMICA (partenaire); CAM (financeur)")]),
        dry_run=False,
    )

    assert report.written and report.updated == 1, errors(report)
    convention.refresh_from_db()
    assert (convention.title, convention.place, convention.status) == ("Ancien intitulé", "Tanger", "completed")
    assert {(p.actor, p.role) for p in convention.parties.all()} == {
        (amica, Party.Role.PARTNER),
        (cam, Party.Role.FINANCIER),
    }
    assert Convention.objects.count() == 1


def test_a_published_convention_is_updated_by_a_publisher_only(amica, django_user_model):
    from django.contrib.auth.models import Permission

    ConventionFactory(slug="publiee", title="Publiée")
    editor = django_user_model.objects.create_user("editrice")
    editor.user_permissions.add(*Permission.objects.filter(codename__in=["add_convention", "change_convention"]))

    report = run(csv_bytes([row(slug="publiee", parties="AMICA", place="Rabat")]), dry_run=False, user=editor)

    assert not report.written
    assert "seul un publieur peut la modifier" in errors(report)[0]


def test_an_unknown_identifiant_is_refused_rather_than_created(amica):
    report = run(csv_bytes([row(slug="nexiste-pas", title="X", parties="AMICA")]))

    assert errors(report) == [
        "colonne « identifiant » : aucune convention n'a l'identifiant « nexiste-pas ». Laissez la colonne vide pour "
        "en créer une."
    ]


def test_one_bad_row_among_many_writes_nothing_and_names_its_line_and_column(amica, cam):
    rows = [row(title=f"Convention {n}", parties="AMICA; CAM", signed_on="2020") for n in range(20)]
    rows[13] = row(title="Convention fautive", parties="AMICA; CAM", signed_on="2020-13")

    report = run(csv_bytes(rows), dry_run=False)

    assert not report.written and report.rejected == 1
    assert Convention.objects.count() == 0
    (bad,) = [r for r in report.rows if r.rejected]
    # Line 1 is the header: the 14th data row is line 15.
    assert bad.line == 15
    assert [str(note) for note in bad.errors] == [
        "colonne « date de signature » : « 2020-13 » n'est pas une date qui existe."
    ]


def test_the_same_convention_twice_in_a_file_is_refused(amica):
    rows = [row(title="Même", parties="AMICA", signed_on="2020"), row(title="même ", parties="AMICA", signed_on="2020")]

    report = run(csv_bytes(rows))

    assert errors(report) == ["colonne « intitulé » : même intitulé et même date que la ligne 2."]


def test_a_formula_in_a_cell_is_kept_as_text_and_reported(amica, cam):
    report = run(
        csv_bytes([row(title='=HYPERLINK("http://evil.example","clic")', parties="AMICA; CAM")]), dry_run=False
    )

    assert report.written
    assert [str(note) for note in report.rows[0].warnings][0] == (
        "colonne « intitulé » : la cellule commence par « = » : elle est lue comme du texte, jamais calculée."
    )
    assert Convention.objects.get().title == '=HYPERLINK("http://evil.example","clic")'


def test_a_dry_run_writes_nothing(amica, cam):
    report = run(csv_bytes([row(title="Essai", parties="AMICA; CAM; Nouvel Acteur", create_actors="oui")]))

    assert report.ok and not report.written and report.created == 1
    assert Convention.objects.count() == 0
    assert not Actor.objects.filter(name_fr="Nouvel Acteur").exists()
