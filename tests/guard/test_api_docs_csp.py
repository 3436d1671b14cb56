"""/api/docs/ works under the site's own Content-Security-Policy: Swagger
UI's start-up script is a file of this site, not inline code the policy
blocks (an inline script would have to carry the header's nonce)."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


class Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts, self.styles, self.stylesheets = [], [], []
        self._in_script = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self._in_script = {**attrs, "body": ""}
            self.scripts.append(self._in_script)
        elif tag == "style":
            self.styles.append(attrs)
        elif tag == "link" and attrs.get("rel") == "stylesheet":
            self.stylesheets.append(attrs["href"])

    def handle_data(self, data):
        if self._in_script is not None:
            self._in_script["body"] += data

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None


def directive(policy: str, name: str) -> list[str]:
    for part in policy.split(";"):
        words = part.split()
        if words and words[0] == name:
            return words[1:]
    return []


def test_the_docs_run_no_script_the_policy_blocks(client):
    response = client.get(reverse("api-docs"))

    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    script_src = directive(policy, "script-src")
    assert "'unsafe-inline'" not in script_src
    nonces = {source[len("'nonce-") : -1] for source in script_src if source.startswith("'nonce-")}
    page = Elements()
    page.feed(response.content.decode())
    assert page.scripts, "Swagger UI is loaded by scripts"
    for script in page.scripts:
        if script.get("src"):
            assert script["src"].startswith("/") and not script["src"].startswith("//"), script["src"]
            assert not script["body"].strip()
        else:
            # Inline code runs only with the nonce the header names.
            assert script.get("nonce") in nonces, script["body"][:80]
    # style-src 'self' has no nonce: no inline style either, only this site's stylesheets.
    assert "'unsafe-inline'" not in directive(policy, "style-src")
    assert not page.styles
    assert all(href.startswith("/") and not href.startswith("//") for href in page.stylesheets)


def test_the_start_up_script_is_served_as_javascript(client):
    page = Elements()
    page.feed(client.get(reverse("api-docs")).content.decode())
    own = [script["src"] for script in page.scripts if script.get("src", "").startswith(reverse("api-docs"))]
    assert own, "the start-up script is a file of this site"

    response = client.get(own[0])

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in response.content.decode()
    assert re.search(r"/api/schema/", response.content.decode())
