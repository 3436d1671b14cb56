"""`manage.py load_demo`: the facts of the five seed articles, loaded once,
validated, and unchanged by a second run."""

import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from actors.models import Actor, ActorName, Mandate
from conventions import publication
from conventions.demo.loader import COUNTED
from conventions.models import Convention, FollowUpAction, Objective, Party, Source
from core.dates import DatePrecision
from plans.models import Plan, PlanComponent, Region, Sector

pytestmark = pytest.mark.django_db

D = datetime.date
MINISTRY = "ministere-industrie-commerce"
CAM_AMICA = "convention-cam-amica-accompagnement-financier-automobile"
TANGER_EMPLOYMENT = "convention-emploi-competences-industrie-automobile"
TANGER_INTEGRATION = "convention-integration-locale-industrie-automobile"
IMM = "contrats-de-performance-ecosystemes-imm"
AMCA = "partenariat-amca-ministere-production-locale-made-in-morocco"
EMERGENCE = "contrat-programme-emergence"
DEMO_CONVENTIONS = [CAM_AMICA, TANGER_EMPLOYMENT, TANGER_INTEGRATION, IMM, AMCA, EMERGENCE]


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def demo():
    return load_demo()


def convention(slug) -> Convention:
    return Convention.objects.get(slug=slug)


def parties(slug) -> list[Party]:
    return list(convention(slug).parties.select_related("actor", "representative").order_by("position"))


def source(seed: str) -> Source:
    return Source.objects.get(text=_texts()[seed])


def _texts() -> dict[str, str]:
    from conventions.demo.loader import ARTICLES

    return {f"seed-00{n}": (ARTICLES / f"seed-00{n}.txt").read_text(encoding="utf-8") for n in range(5)}


# --- the command itself ---------------------------------------------------------


def snapshot():
    through = [Source.conventions.through, Source.plans.through, Convention.sectors.through, Plan.sectors.through]
    through += [Convention.plans.through, Convention.components.through]
    return {
        "rows": {model.__name__: sorted(model.objects.values_list("pk", flat=True)) for model in COUNTED + through},
        "conventions": dict(Convention.objects.values_list("slug", "pk")),
        "published_at": dict(Convention.objects.values_list("slug", "published_at")),
    }


def test_running_twice_gives_the_same_rows_and_keys():
    output = load_demo()
    first = snapshot()
    assert load_demo() == output
    assert snapshot() == first
    assert len(first["conventions"]) == 6
    assert "conventions : 6" in output


def test_a_rerun_repairs_edits_to_the_demo_conventions(demo):
    cam_amica = convention(CAM_AMICA)
    cam_amica.parties.get(actor__slug="amica").delete()
    extra = FollowUpAction.objects.create(convention=cam_amica, title_fr="Ajout manuel", position=99)
    cam_amica.objectives.update(target_value=1)
    load_demo()
    assert cam_amica.parties.count() == 3
    assert not FollowUpAction.objects.filter(pk=extra.pk).exists()
    assert cam_amica.actions.count() == 4
    assert cam_amica.objectives.get().target_value == Decimal(130_000_000_000)


def test_load_restores_the_shipped_region_a_flushed_database_lost():
    # A live-server or transactional test flushes the rows migrations ship.
    Region.objects.all().delete()
    load_demo()
    pole = PlanComponent.objects.get(slug="pole-medest")
    assert (pole.region.code, pole.region.name_fr, pole.region.name_ar) == ("MA-02", "L'Oriental", "جهة الشرق")
    assert Region.objects.count() == 12


def test_every_loaded_object_passes_full_clean(demo):
    for model in COUNTED:
        for obj in model.objects.all():
            obj.full_clean()


def test_all_demo_conventions_are_published(demo):
    published = Convention.objects.published()
    assert sorted(published.values_list("slug", flat=True)) == sorted(DEMO_CONVENTIONS)
    assert all(c.published_at for c in published)


# --- seed 000: ministry, CAM and AMICA ------------------------------------------


def test_cam_amica_convention_has_three_parties_who_spoke_and_no_signer(demo):
    cam_amica = convention(CAM_AMICA)
    assert cam_amica.kind == Convention.Kind.PARTNERSHIP
    assert cam_amica.status == Convention.Status.SIGNED
    assert cam_amica.signed_on is None and cam_amica.signed_on_precision == DatePrecision.UNKNOWN
    rows = parties(CAM_AMICA)
    assert [(p.actor.slug, p.role) for p in rows] == [
        (MINISTRY, Party.Role.SIGNATORY),
        ("credit-agricole-du-maroc", Party.Role.FINANCIER),
        ("amica", Party.Role.PARTNER),
    ]
    assert [p.representative.name for p in rows] == ["Ryad Mezzour", "Mohamed Fikrat", "Hakim Abdelmoumen"]
    assert {p.representative_capacity for p in rows} == {Party.RepresentativeCapacity.SPOKE}
    assert [p.signed_by for p in rows] == [None, None, None]
    assert rows[1].name_as_written == "groupe Crédit Agricole du Maroc"
    assert rows[1].representative_title == "président du directoire du CAM"
    assert list(cam_amica.plans.values_list("slug", flat=True)) == ["plan-de-relance-industrielle"]
    assert not cam_amica.regions.exists()
    assert set(cam_amica.sectors.values_list("slug", flat=True)) == {"industrie-automobile", "financement-bancaire"}


def test_cam_amica_commitments_and_actions_cite_the_article(demo):
    cam_amica = convention(CAM_AMICA)
    cam = cam_amica.parties.get(actor__slug="credit-agricole-du-maroc")
    assert "dispositif financier adapté" in cam.commitments.get().description
    assert not cam_amica.parties.get(actor__slug=MINISTRY).commitments.exists()
    assert cam_amica.actions.count() == 4
    decarbonation = cam_amica.actions.get(title_fr__contains="décarbonation")
    assert decarbonation.responsible is None and decarbonation.responsible_note
    for row in [*cam.commitments.all(), *cam_amica.actions.all()]:
        assert row.source == source("seed-000")


def test_export_objective_of_about_130_bn_mad_has_no_date_and_the_2024_measurement(demo):
    objective = convention(CAM_AMICA).objectives.get()
    assert objective.target_value == Decimal(130_000_000_000)
    assert objective.unit == "MAD"
    assert objective.comparator == Objective.Comparator.ABOUT
    assert objective.horizon_on is None and objective.horizon_on_precision == DatePrecision.UNKNOWN
    assert objective.horizon_label == "d'ici la fin de l'année"
    assert objective.source == source("seed-000")
    measurement = objective.measurements.get()
    assert measurement.value == Decimal(157_000_000_000)
    assert (measurement.measured_on, measurement.measured_on_precision) == (D(2024, 1, 1), DatePrecision.YEAR)
    assert measurement.source == source("seed-001")


def test_every_demo_objective_read_by_the_rule(demo):
    # Issue #11: the demo against conventions.progress, on 1 December 2026.
    # Only two objectives carry a figure: the plan's 62 % (no horizon given,
    # so no pace) and CAM/AMICA's 2024 export record (context, see below).
    # The others have none: « no data », even past their 2020 horizon.
    statuses = {
        (o.owner.slug, o.indicator): o.progress_status(today=D(2026, 12, 1))
        for o in Objective.objects.select_related("convention", "plan", "component__plan")
    }
    assert statuses == {
        ("plan-acceleration-industrielle", "Créations d'emplois"): "no_data",
        ("plan-acceleration-industrielle", "Part de l'industrie dans le PIB"): "no_data",
        ("plan-de-relance-industrielle", "Capacité de production automobile installée"): "no_data",
        ("plan-de-relance-industrielle", "Substitution aux importations par la production locale"): "not_reached",
        (CAM_AMICA, "Chiffre d'affaires à l'export du secteur automobile"): "not_reached",
        (IMM, "Créations d'emplois"): "no_data",
        (IMM, "Valeur ajoutée additionnelle"): "no_data",
        (IMM, "Amélioration de la balance commerciale"): "no_data",
        (IMM, "Chiffre d'affaires"): "no_data",
    }


def test_the_2024_export_record_is_context_not_an_achievement(demo):
    # Issue #11: this objective read « Atteint, 121 % » from the 2024 record,
    # which seed 001 gives as the sector's past, not as what the CAM/AMICA
    # convention achieved. The convention has no known date, so no figure can
    # be shown to follow its signature: the record is the starting point, and
    # with an undated horizon (« d'ici la fin de l'année ») there is no pace.
    objective = convention(CAM_AMICA).objectives.get()
    reading = objective.progress_reading()
    assert reading.context and reading.baseline == Decimal(157_000_000_000)
    assert reading.progress == 0.0
    assert reading.status == Objective.Progress.NOT_REACHED
    assert reading.expected is None


def test_ministry_is_one_actor_with_its_former_names(demo):
    ministry = Actor.objects.get(slug=MINISTRY)
    assert ministry.name == "Ministère de l'Industrie et du Commerce"
    assert ministry.name_ar == "وزارة الصناعة والتجارة"
    former = {n.name: (n.attested_on, n.attested_on_precision) for n in ministry.names.filter(kind="former")}
    assert former == {
        "Ministère de l'Industrie, du Commerce et de l'économie numérique": (D(2019, 2, 1), DatePrecision.MONTH),
        "Ministère de l'Industrie, du Commerce, de l'Économie Verte et Numérique": (D(2021, 2, 1), DatePrecision.MONTH),
    }
    assert ministry.names.filter(kind=ActorName.Kind.VARIANT, name__icontains="des investissements").exists()
    assert Actor.objects.filter(names__name__iexact="ministère de l'industrie").get() == ministry
    direction = Actor.objects.get(slug="direction-commerce-interieur")
    assert direction.parent == ministry and direction.kind == Actor.Kind.DEPARTMENT
    # Every convention naming the ministry, under any label, points to the same row.
    assert Party.objects.filter(actor=ministry).count() == 5


def test_demo_conventions_are_searchable_by_an_alias_of_a_party(demo):
    # "Montage" is only in AMICA's variant name and in the Tanger parties' labels.
    found = set(Convention.objects.published().search("Montage").values_list("slug", flat=True))
    assert found == {CAM_AMICA, TANGER_EMPLOYMENT, TANGER_INTEGRATION}


def test_amica_and_cam_are_found_by_their_aliases(demo):
    variant = "Association Marocaine de l'Industrie et du Montage Automobile"
    assert Actor.objects.get(names__name__iexact=variant).acronym == "AMICA"
    assert ActorName.objects.get(name=variant).kind == ActorName.Kind.VARIANT
    assert Actor.objects.get(names__name__iexact="groupe crédit agricole du maroc").acronym == "CAM"


def test_people_hold_mandates_without_invented_dates(demo):
    mandates = {m.person.name: m for m in Mandate.objects.select_related("person", "actor")}
    assert set(mandates) == {"Ryad Mezzour", "Mohamed Fikrat", "Hakim Abdelmoumen", "Tarek Itri", "Hicham Akdessra"}
    assert mandates["Ryad Mezzour"].actor.slug == MINISTRY
    assert mandates["Mohamed Fikrat"].title == "Président du directoire"
    assert mandates["Hicham Akdessra"].actor.slug == MINISTRY
    assert all(m.start_on is None and m.end_on is None for m in mandates.values())
    assert mandates["Tarek Itri"].attested_on == D(2019, 2, 1)
    assert mandates["Tarek Itri"].attested_on_precision == DatePrecision.MONTH
    assert mandates["Ryad Mezzour"].attested_on is None  # seed 000 is undated


# --- seed 001: two conventions at Tanger ------------------------------------------


def test_tanger_conventions_have_four_and_two_parties_sharing_ministry_and_amica(demo):
    employment = {p.actor.slug for p in parties(TANGER_EMPLOYMENT)}
    integration = {p.actor.slug for p in parties(TANGER_INTEGRATION)}
    assert employment == {MINISTRY, "ministere-inclusion-economique", "anapec", "amica"}
    assert integration == {MINISTRY, "amica"}
    assert employment & integration == {MINISTRY, "amica"}
    for slug in (TANGER_EMPLOYMENT, TANGER_INTEGRATION):
        c = convention(slug)
        assert (c.signed_on, c.signed_on_precision) == (D(2025, 1, 1), DatePrecision.YEAR)
        assert c.place == "Tanger"
        assert c.event == "8e Salon de l'Automobile de Tanger"
        assert all(p.representative is None for p in parties(slug))
    amica = convention(TANGER_INTEGRATION).parties.get(actor__slug="amica")
    assert amica.name_as_written == "Association Marocaine de l'Industrie et du Montage Automobile"


def test_amica_consulting_firm_is_done_and_its_tasks_belong_to_an_unnamed_firm(demo):
    actions = list(convention(TANGER_INTEGRATION).actions.order_by("position"))
    mandate = actions[0]
    assert mandate.responsible.slug == "amica"
    assert mandate.state == FollowUpAction.State.DONE and mandate.completed_on is None
    for task in actions[1:]:
        assert task.responsible is None
        assert task.responsible_note == "cabinet mandaté par l'association (non nommé)"
        assert task.state == FollowUpAction.State.PLANNED


# --- seed 002: IMM ecosystems -------------------------------------------------------


def test_imm_performance_contracts_signed_2016_with_their_objectives(demo):
    imm = convention(IMM)
    assert imm.kind == Convention.Kind.PERFORMANCE_CONTRACT
    assert (imm.signed_on, imm.signed_on_precision) == (D(2016, 1, 1), DatePrecision.YEAR)
    jobs = imm.objectives.get(unit="emplois")
    assert jobs.target_value == Decimal(13_340)
    assert (jobs.horizon_on, jobs.horizon_on_precision) == (D(2020, 1, 1), DatePrecision.YEAR)
    amounts = sorted(imm.objectives.filter(unit="MAD").values_list("target_value", flat=True))
    assert amounts == [Decimal(1_700_000_000), Decimal(2_300_000_000), Decimal(11_000_000_000)]
    assert {o.source for o in imm.objectives.all()} == {source("seed-002")}


def test_imm_speakers_at_the_2019_launch_are_not_signatories(demo):
    rows = parties(IMM)
    assert [p.representative.name for p in rows] == ["Hicham Akdessra", "Tarek Itri"]
    for party in rows:
        assert party.representative_capacity == Party.RepresentativeCapacity.SPOKE
        assert party.signed_by is None
        assert "2019" in party.note and "2016" in party.note


# --- seed 003: AMCA partnership and the Plan de relance ---------------------------------


def test_amca_partnership_is_in_preparation_without_date(demo):
    amca = convention(AMCA)
    assert amca.status == Convention.Status.IN_PREPARATION
    assert amca.signed_on is None and amca.signed_on_precision == DatePrecision.UNKNOWN
    assert set(amca.plans.values_list("slug", flat=True)) == {"plan-de-relance-industrielle", "made-in-morocco"}
    assert list(amca.components.values_list("slug", flat=True)) == ["substitution-aux-importations"]
    ministry = amca.parties.get(actor__slug=MINISTRY)
    assert ministry.name_as_written == "ministère de l'Industrie, du Commerce, de l'Économie Verte et Numérique"
    assert "normalisation" in ministry.commitments.get().description
    assert amca.actions.get(responsible__slug="amca").state == FollowUpAction.State.PLANNED


def test_import_substitution_target_is_62_percent_measured(demo):
    objective = Objective.objects.get(plan__slug="plan-de-relance-industrielle", unit="MAD")
    assert objective.target_value == Decimal(34_000_000_000)
    measurement = objective.measurements.get()
    assert measurement.value == Decimal(21_000_000_000)
    assert (measurement.measured_on, measurement.measured_on_precision) == (D(2021, 2, 1), DatePrecision.MONTH)
    assert "357 projets dans 10 secteurs" in measurement.note
    assert measurement.source == source("seed-003")
    assert round(objective.progress_ratio(), 2) == 0.62
    # A plan's objective has no signature: the figure counts. Its horizon is
    # not given (« Échéance non précisée »): no pace, not reached yet.
    assert objective.progress_status() == Objective.Progress.NOT_REACHED


def test_plan_de_relance_vehicle_capacity_is_short_term(demo):
    objective = Objective.objects.get(plan__slug="plan-de-relance-industrielle", unit="véhicules")
    assert objective.target_value == Decimal(1_000_000)
    assert objective.horizon_label == "à court terme" and objective.horizon_on is None


# --- seed 004: plans, MedEst and Émergence's contrat-programme ---------------------------


def test_plans_succeed_each_other(demo):
    plans = {p.slug: p for p in Plan.objects.all()}
    assert plans["plan-acceleration-industrielle"].predecessor == plans["emergence"]
    assert plans["plan-de-relance-industrielle"].predecessor == plans["plan-acceleration-industrielle"]
    assert plans["generation-green"].predecessor == plans["plan-maroc-vert"]
    assert (plans["emergence"].start_year, plans["emergence"].end_year) == (2009, 2015)
    assert (plans["plan-acceleration-industrielle"].start_year, plans["plan-acceleration-industrielle"].end_year) == (
        2014,
        2020,
    )
    assert plans["plan-maroc-vert"].start_year is None and plans["generation-green"].end_year is None
    assert plans["made-in-morocco"].kind == Plan.Kind.NATIONAL_PROJECT
    assert plans["plan-acceleration-industrielle"].sectors.filter(slug="textile-cuir").exists()


def test_pai_objectives_and_blocks(demo):
    pai = Plan.objects.get(slug="plan-acceleration-industrielle")
    jobs = pai.objectives.get(unit="emplois")
    assert jobs.target_value == Decimal(500_000) and jobs.horizon_on == D(2020, 1, 1)
    gdp = pai.objectives.get(unit="% du PIB")
    assert (gdp.baseline_value, gdp.target_value) == (Decimal(14), Decimal(23))
    assert pai.components.filter(kind=PlanComponent.Kind.BLOCK).count() == 3
    fund = pai.components.get(slug="fonds-de-developpement-industriel")
    assert fund.parent.slug == "bloc-2-competitivite-pme"
    assert fund.amount == Decimal(20_000_000_000)


def test_medest_pole_holds_three_sites_in_the_oriental(demo):
    pole = PlanComponent.objects.get(plan__slug="plan-acceleration-industrielle", slug="pole-medest")
    assert pole.region.code == "MA-02"
    sites = pole.children.order_by("position")
    assert [s.name for s in sites] == ["Technopole d'Oujda", "Agropole de Berkane", "Parc Industriel de Selouane"]
    assert {s.region.code for s in sites} == {"MA-02"}
    assert {s.kind for s in sites} == {PlanComponent.Kind.SITE}


def test_emergence_contrat_programme_between_state_and_operators(demo):
    emergence = convention(EMERGENCE)
    assert emergence.kind == Convention.Kind.PROGRAMME_CONTRACT
    assert emergence.signed_on is None
    assert [(p.actor.name, p.actor.kind) for p in parties(EMERGENCE)] == [
        ("État marocain", Actor.Kind.STATE),
        ("Opérateurs économiques", Actor.Kind.COLLECTIVE),
    ]
    assert list(emergence.plans.values_list("slug", flat=True)) == ["emergence"]


# --- sources ---------------------------------------------------------------------------


def test_every_article_is_a_source_with_its_date_precision(demo):
    expected = {
        "seed-000": ("", None, DatePrecision.UNKNOWN),
        "seed-001": ("", None, DatePrecision.UNKNOWN),
        "seed-002": ("Infomédiaire", D(2019, 2, 1), DatePrecision.MONTH),
        "seed-003": ("Le Matin", D(2021, 2, 1), DatePrecision.MONTH),
        "seed-004": ("Centre Régional d'Investissement de l'Oriental", None, DatePrecision.UNKNOWN),
    }
    assert Source.objects.count() == 5
    for seed, (outlet, published_on, precision) in expected.items():
        row = source(seed)
        assert (row.outlet, row.published_on, row.published_on_precision) == (outlet, published_on, precision)
        assert row.quote and row.quote in row.text
        assert row.conventions.exists()


def test_sources_are_linked_to_the_plans_they_name(demo):
    assert set(source("seed-004").plans.values_list("slug", flat=True)) == {
        "emergence",
        "plan-acceleration-industrielle",
    }
    assert "made-in-morocco" in source("seed-003").plans.values_list("slug", flat=True)
    assert set(source("seed-001").conventions.values_list("slug", flat=True)) == {
        TANGER_EMPLOYMENT,
        TANGER_INTEGRATION,
    }


def test_translations_are_filled_where_known_and_french_is_everywhere(demo):
    assert Actor.objects.get(slug="anapec").name_ar == "الوكالة الوطنية لإنعاش التشغيل والكفاءات"
    assert Plan.objects.get(slug="plan-acceleration-industrielle").name_en == "Industrial Acceleration Plan"
    assert not Actor.objects.filter(name_fr__isnull=True).exists()
    assert not Convention.objects.filter(title_fr__isnull=True).exists()
    assert not Sector.objects.filter(name_fr__isnull=True).exists()
    assert all(c.title_en for c in Convention.objects.all())


def test_the_seed_actors_are_named_in_three_languages_except_amca(demo):
    cam, amica, amca = (Actor.objects.get(slug=slug) for slug in ("credit-agricole-du-maroc", "amica", "amca"))
    assert (cam.name_ar, cam.name_en) == ("القرض الفلاحي للمغرب", "Crédit Agricole du Maroc")
    assert amica.name_en == "Moroccan Association for the Automotive Industry and Construction"
    # No official Arabic or English name is known for AMCA: none is made up.
    assert (amca.name_ar, amca.name_en) == (None, None)


@pytest.mark.django_db
def test_every_demo_convention_is_complete_enough_to_be_published():
    call_command("load_demo", stdout=StringIO())
    for convention in Convention.objects.all():
        assert publication.problems(convention) == [], convention.slug
