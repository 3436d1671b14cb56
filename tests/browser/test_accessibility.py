"""axe-core on the public pages: no violation of impact "serious" or "critical".

axe-core comes inside the axe-playwright-python package, so this works
offline. Every page's full result (all impacts) is kept as an artefact under
`test-artifacts/axe/`, for the moderate and minor findings too.
"""

import json

import pytest
from axe_playwright_python.sync_playwright import Axe

from .helpers import ARTIFACTS, BROWSER, PAGES

pytestmark = BROWSER

BLOCKING = {"serious", "critical"}

axe = Axe()


def describe(violations) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['html'][:160]}")
    return "\n".join(lines)


@pytest.mark.parametrize("name", PAGES)
def test_the_page_has_no_serious_or_critical_accessibility_violation(page, site, name):
    page.goto(site(PAGES[name]))
    violations = axe.run(page).response["violations"]

    (ARTIFACTS / "axe").mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "axe" / f"{name}.json").write_text(json.dumps(violations, indent=2, ensure_ascii=False))
    blocking = [violation for violation in violations if violation["impact"] in BLOCKING]
    assert not blocking, f"axe-core on {PAGES[name]}:\n{describe(blocking)}"
