"""Reference taxonomies, published examples in the domain API, and the library's admin screens."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Locale

import pytest

from cms.demo import DEMO_PASSWORD
from examples_library.models import ActorType, Country, ExamplePage, ExamplesIndexPage, Region
from examples_library.reference_data import load_reference_data
from examples_library.rich_text import display_html, sanitize
from tests.examples_library.factories import numbered_examples
from tests.search.helpers import committed


def test_countries_come_with_m49_regions_in_three_languages(db):
    assert Country.objects.filter(locale__language_code="en").count() >= 190
    germany = {
        c.locale.language_code: c
        for c in Country.objects.filter(iso2="DE").select_related("locale", "region")
    }
    assert germany["en"].name == "Germany" and germany["en"].iso3 == "DEU"
    assert germany["fr"].name == "Allemagne"
    assert germany["es"].name == "Alemania"
    assert germany["en"].region.name == "Europe" and germany["fr"].region.name == "Europe"
    assert germany["en"].subregion.key == "western-europe"
    assert len({c.translation_key for c in germany.values()}) == 1
    mexico = Country.objects.get(locale__language_code="es", iso2="MX")
    assert mexico.region.name == "Américas"
    assert Region.objects.filter(locale__language_code="en", parent__isnull=True).count() == 5


def test_reference_data_is_idempotent(db):
    counts = (Country.objects.count(), Region.objects.count(), ActorType.objects.count())
    load_reference_data()
    assert (Country.objects.count(), Region.objects.count(), ActorType.objects.count()) == counts


def test_published_example_detail(client):
    page = ExamplePage.objects.live().get(slug="demo-remittance-cost-comparison")
    body = client.get(f"/api/v1/examples/{page.pk}/").json()
    assert body["primary_objective"] == 20
    assert body["secondary_objectives"] == [19]
    assert body["country"] == {"iso2": "MA", "name": "Morocco"}
    assert body["region"]["key"] == "africa"
    assert body["kind"] == "practice"
    assert body["submission_language"] == "en"
    assert body["languages"] == ["en"] and body["translations"] == []
    assert "contact_email" not in body


def test_an_example_says_which_languages_it_exists_in(client):
    page = ExamplePage.objects.live().get(slug="demo-remittance-cost-comparison")
    french_index = ExamplesIndexPage.objects.get(locale__language_code="fr")
    french = page.copy_for_translation(Locale.objects.get(language_code="fr"))
    assert french.get_parent().pk == french_index.pk
    french.save_revision().publish()
    body = client.get(f"/api/v1/examples/{page.pk}/").json()
    assert body["languages"] == ["en", "fr"]
    assert body["translations"] == [
        {"locale": "fr", "id": french.pk, "path": f"/fr/{french.url_path.split('/', 2)[2]}"}
    ]
    v2 = client.get(f"/api/v2/pages/{french.pk}/").json()
    assert v2["submission_language"] == "en"
    assert [t["locale"] for t in v2["translations"]] == ["en"]


def test_unknown_example_is_a_404_with_a_message(client):
    response = client.get("/api/v1/examples/999999/")
    assert response.status_code == 404
    assert response.json()["detail"] == "No published example has this id."


def test_objective_lists_its_examples_newest_first_paginated(client):
    with committed():  # the objective's examples are the read model's, synced after commit
        numbered_examples(12)
    first = client.get("/api/v1/objectives/9/?examples_page_size=5").json()["examples"]
    assert first["count"] == 12
    assert [item["title"] for item in first["items"]] == [
        f"Smuggling response {i}" for i in (11, 10, 9, 8, 7)
    ]
    third = client.get("/api/v1/objectives/9/?examples_page_size=5&examples_page=3").json()["examples"]
    assert [item["title"] for item in third["items"]] == ["Smuggling response 1", "Smuggling response 0"]
    assert client.get("/api/v1/objectives/9/?examples_page_size=500").status_code == 422


def test_objective_detail_queries_do_not_grow_with_examples(client):
    with committed():
        numbered_examples(1)
    with CaptureQueriesContext(connection) as few:
        client.get("/api/v1/objectives/9/?examples_page_size=50")
    with committed():
        numbered_examples(20, prefix="More")
    with CaptureQueriesContext(connection) as many:
        client.get("/api/v1/objectives/9/?examples_page_size=50")
    assert len(few) == len(many)


def test_rich_text_is_sanitized_again_on_the_way_out(db):
    stored = '<p>Hi<script>alert(1)</script><a href="javascript:x()">y</a><img src=x onerror=alert(1)></p>'
    html = display_html(stored)
    assert "<script" not in html and "javascript:" not in html and "onerror" not in html
    assert sanitize("<h3>Title</h3><p><b>b</b></p>") == "<h3>Title</h3><p><b>b</b></p>"


@pytest.mark.parametrize(
    "path",
    [
        "/admin/examples_library/country/",
        "/admin/examples_library/region/",
        "/admin/examples_library/actortype/",
        "/admin/workflows/objectivereviewer/",
        "/admin/workflows/list/",
        "/admin/workflows/tasks/index/",
    ],
)
def test_library_admin_screens_open(client, path):
    assert client.login(username="admin", password=DEMO_PASSWORD)
    assert client.get(path).status_code == 200


def test_moderator_sees_the_example_editor_with_the_private_contact(client):
    page = ExamplePage.objects.live().first()
    page.contact_email = "someone@example.org"
    page.save_revision()
    assert client.login(username="moderator", password=DEMO_PASSWORD)
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    assert b"someone@example.org" in response.content
