import pytest

from tests.factories import ActorFactory, PlanFactory, SectorFactory


@pytest.fixture
def register():
    """Thirty associations (ASSO0 … ASSO29), the automotive sector and the
    industrial recovery plan: what generated files of many rows refer to."""
    for n in range(30):
        ActorFactory(name=f"Association numéro {n}", acronym=f"ASSO{n}")
    SectorFactory(slug="industrie-automobile")
    PlanFactory(slug="plan-de-relance-industrielle")
