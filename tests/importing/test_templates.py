"""The templates shipped in docs/import/ import as they are: the example row
taken from the seeds (the CAM / AMICA convention) becomes a draft."""

import pytest

from actors.models import Actor, ActorName
from conventions import publication
from conventions.models import Convention, Objective, Party
from tests.importing.helpers import DOCS, load_demo, run

pytestmark = pytest.mark.django_db

CAM_AMICA = "convention-cam-amica-accompagnement-financier-automobile"


@pytest.fixture
def register_without_cam_amica():
    load_demo()
    Convention.objects.filter(slug=CAM_AMICA).delete()


@pytest.mark.parametrize("name", ["modele-conventions.csv", "modele-conventions.xlsx"])
def test_the_template_row_imports_as_a_draft_with_its_parties_objective_and_actions(register_without_cam_amica, name):
    actors_before = Actor.objects.count()

    report = run((DOCS / name).read_bytes(), name=name, dry_run=False)

    assert report.ok and report.written, [str(row) for row in report.rows]
    assert (report.created, report.updated, report.rejected) == (1, 0, 0)
    convention = Convention.objects.get(slug=report.rows[0].slug)
    assert convention.publication_state == Convention.PublicationState.DRAFT
    assert convention.kind == Convention.Kind.PARTNERSHIP
    assert convention.status == Convention.Status.SIGNED
    assert convention.signed_on is None
    assert convention.signed_on_note == "L'article ne donne pas de date."
    assert convention.title_ar == "اتفاقية شراكة لمواكبة مقاولات قطاع السيارات ماليا"
    assert convention.title_en.startswith("Partnership agreement for the financial support")
    parties = [(p.actor.slug, p.role, p.name_as_written) for p in convention.parties.select_related("actor")]
    assert parties == [
        # Found by its usual short name (an ActorName), kept as written.
        ("ministere-industrie-commerce", Party.Role.SIGNATORY, "Ministère de l'Industrie"),
        ("credit-agricole-du-maroc", Party.Role.FINANCIER, ""),
        ("amica", Party.Role.PARTNER, ""),
    ]
    assert Actor.objects.count() == actors_before
    assert sorted(convention.sectors.values_list("slug", flat=True)) == ["financement-bancaire", "industrie-automobile"]
    assert list(convention.plans.values_list("slug", flat=True)) == ["plan-de-relance-industrielle"]
    objective = convention.objectives.get()
    assert objective.comparator == Objective.Comparator.ABOUT
    assert objective.target_value == 130_000_000_000
    assert objective.unit == "MAD"
    assert objective.horizon_on is None
    assert objective.horizon_label == "d'ici la fin de l'année"
    actions = list(convention.actions.select_related("responsible"))
    assert [a.responsible.slug if a.responsible else None for a in actions] == ["credit-agricole-du-maroc", None]
    # The seed article already in the register is linked, not created again.
    assert list(convention.sources.values_list("url", "title")) == [
        (
            "",
            "Convention ministère de l'Industrie – Crédit Agricole du Maroc – AMICA pour l'accompagnement financier "
            "du secteur automobile",
        )
    ]
    assert publication.problems(convention) == []
    # The search text is rebuilt: the other expansion of AMICA finds it.
    assert convention in Convention.objects.search("Montage Automobile")


def test_the_template_row_is_refused_when_the_convention_is_already_there():
    load_demo()

    report = run((DOCS / "modele-conventions.csv").read_bytes(), dry_run=False)

    assert not report.written
    assert f"identifiant « {CAM_AMICA} »" in str(report.rows[0])
    assert Convention.objects.count() == 6


def test_the_actors_template_creates_the_actor_with_its_other_name():
    report = run((DOCS / "modele-acteurs.xlsx").read_bytes(), name="modele-acteurs.xlsx", dry_run=False, what="actors")

    assert report.written, [str(row) for row in report.rows]
    fimme = Actor.objects.get(acronym="FIMME")
    assert fimme.kind == Actor.Kind.FEDERATION
    assert list(ActorName.objects.filter(actor=fimme).values_list("name", flat=True)) == [
        "Fédération des industries mécaniques, métallurgiques et électriques"
    ]


def test_the_actors_template_on_the_demo_register_finds_the_actor_and_adds_nothing():
    load_demo()
    counts = Actor.objects.count(), ActorName.objects.count()

    report = run((DOCS / "modele-acteurs.csv").read_bytes(), dry_run=False, what="actors")

    assert report.written
    assert report.rows[0].action == "update" and report.rows[0].slug == "fimme"
    assert (Actor.objects.count(), ActorName.objects.count()) == counts
