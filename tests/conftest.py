import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _french_by_default():
    """The product speaks French unless a test asks otherwise."""
    with translation.override("fr"):
        yield
