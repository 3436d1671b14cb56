"""What the browser tests share besides fixtures: the pages they visit, the
screen sizes, and small measurements taken in the page."""

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO_ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}

# Every browser test talks to the live server, so it needs a transactional
# database; the serialized rollback puts back, before each test, the rows the
# migrations create (the twelve regions…) that the flush after the previous
# test removed, and that load_demo needs.
BROWSER = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True, databases="__all__")]

# The demo register, as conventions/demo/data.py names it.
CAM_AMICA = "convention-cam-amica-accompagnement-financier-automobile"
CAM_AMICA_TITLE = "Convention de partenariat pour l'accompagnement financier des entreprises du secteur automobile"
AMICA = "amica"
AMICA_NAME = "Association Marocaine pour l'Industrie et la Construction de l'Automobile"
RELANCE = "plan-de-relance-industrielle"
RELANCE_NAME = "Plan de relance industrielle"

PAGES = {
    "home": "/fr/",
    "list": "/fr/conventions/",
    "detail": f"/fr/conventions/{CAM_AMICA}/",
    "actor": f"/fr/actors/{AMICA}/",
    "plan": f"/fr/plans/{RELANCE}/",
}


def screenshot(page, name: str) -> Path:
    """A full-page screenshot kept as a CI artefact."""
    path = SCREENSHOTS / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
    return path


def horizontal_overflow(page) -> int:
    """How many CSS pixels the document is wider than the viewport (0: none)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
