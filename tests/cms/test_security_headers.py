"""Every response of the backend carries a Content-Security-Policy and a Permissions-Policy, redirects
included, and the policy lets the Wagtail admin and the API docs load what they load."""

import re

import pytest

from cms.demo import DEMO_PASSWORD
from guidance_pages.models import ObjectivePage

pytestmark = pytest.mark.django_db


def _directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {name: values for name, *values in (part.split() for part in policy.split(";") if part.strip())}


@pytest.mark.parametrize("path", ["/admin/", "/api/v1/objectives/", "/api/v2/pages/?locale=en"])
def test_csp_and_permissions_policy_on_pages_json_and_redirects(client, path):
    response = client.get(path)  # /admin/ anonymously is a redirect to the login
    assert response.status_code in (200, 302)
    directives = _directives(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert "'self'" in directives["frame-ancestors"]
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def _scripts_and_styles(html: str) -> tuple[list[str], list[str], list[str]]:
    sources = re.findall(r"<script[^>]*\bsrc=\"([^\"]+)\"", html)
    stylesheets = re.findall(r"<link[^>]*rel=\"stylesheet\"[^>]*href=\"([^\"]+)\"", html)
    stylesheets += re.findall(r"<link[^>]*href=\"([^\"]+)\"[^>]*rel=\"stylesheet\"", html)
    inline = [
        body
        for attributes, body in re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", html, re.S)
        if "json" not in attributes and body.strip()
    ]
    return sources, stylesheets, inline


def test_the_admin_and_api_docs_load_only_what_the_policy_allows(client):
    assert client.login(username="admin", password=DEMO_PASSWORD)
    page = ObjectivePage.objects.get(locale__language_code="en", objective__number=1)
    for path in ["/admin/", f"/admin/pages/{page.pk}/edit/", "/api/v1/docs"]:
        response = client.get(path)
        assert response.status_code == 200, path
        directives = _directives(response)
        sources, stylesheets, inline = _scripts_and_styles(response.content.decode())
        assert sources, path
        # 'self' only: every script and stylesheet must come from this server (no CDN).
        for url in [*sources, *stylesheets]:
            assert url.startswith("/") and not url.startswith("//"), (path, url)
        if inline:  # the page editor's date choosers are initialised by inline scripts
            assert "'unsafe-inline'" in directives["script-src"], path
