from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from guidance_pages.models import ChapterPage, GuidingPrinciple, ObjectivePage


def test_lists_the_23_objectives_in_order(client):
    response = client.get("/api/v1/objectives/")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 23
    assert [item["number"] for item in body["items"]] == list(range(1, 24))
    first = body["items"][0]
    assert (
        first["title"]
        == "Collect and utilize accurate and disaggregated data as a basis for evidence-based policies"
    )
    assert first["short_label"] == "Data"
    assert first["locale"] == "en" and first["fallback"] is False
    assert first["page"]["slug"] == "objective-1"


def test_list_is_paginated(client):
    body = client.get("/api/v1/objectives/?limit=5&offset=20").json()
    assert body["count"] == 23
    assert [item["number"] for item in body["items"]] == [21, 22, 23]
    assert client.get("/api/v1/objectives/?limit=100000").status_code == 422


def test_french_labels_with_explicit_fallback_for_missing_titles(client):
    items = {item["number"]: item for item in client.get("/api/v1/objectives/?locale=fr").json()["items"]}
    assert items[1]["short_label"] == "Données"
    assert items[1]["title"].startswith("Collecter et utiliser des données")
    assert items[1]["fallback"] is False
    assert items[3]["short_label"] == "Fourniture d'informations"
    assert items[3]["title"].startswith("Fournir dans les meilleurs délais")
    assert items[3]["fallback"] is False
    # Objective 15 has no official Spanish title in the facts: English comes back, flagged.
    spanish = {item["number"]: item for item in client.get("/api/v1/objectives/?locale=es").json()["items"]}
    assert spanish[15]["short_label"] == "Acceso a los servicios básicos"
    assert spanish[15]["title"] == "Provide access to basic services for migrants"
    assert spanish[15]["fallback"] is True


def test_accept_language_is_honoured_when_no_locale_is_given(client):
    body = client.get("/api/v1/objectives/13/", HTTP_ACCEPT_LANGUAGE="es-ES,es;q=0.9,en;q=0.5").json()
    assert body["locale"] == "es"
    assert body["short_label"] == "Alternativas a la detención"
    assert client.get("/api/v1/objectives/13/?locale=en", HTTP_ACCEPT_LANGUAGE="es").json()["locale"] == "en"


def test_detail_has_the_booklet_page(client):
    body = client.get("/api/v1/objectives/20/").json()
    assert body["number"] == 20
    page = ObjectivePage.objects.get(pk=body["page"]["id"])
    assert page.objective.number == 20
    assert body["page"]["summary"] == page.summary


@pytest.mark.parametrize(
    "path", ["/api/v1/objectives/0/", "/api/v1/objectives/24/", "/api/v1/objectives/abc/"]
)
def test_bad_objective_numbers_get_a_clear_4xx(client, path):
    response = client.get(path)
    assert response.status_code == 422
    assert "number" in response.json()["detail"]


def test_unknown_locale_is_a_400_with_a_message(client):
    response = client.get("/api/v1/objectives/?locale=de")
    assert response.status_code == 400
    assert response.json()["detail"] == "Unknown locale 'de': use one of en, fr, es."


def test_unpublished_objective_page_is_not_linked(client):
    page = ObjectivePage.objects.get(locale__language_code="en", objective__number=8)
    page.unpublish()
    assert client.get("/api/v1/objectives/8/").json()["page"] is None


@pytest.mark.parametrize("locale", ["en", "fr"])
def test_list_and_detail_run_a_small_constant_number_of_queries(client, locale):
    counts = []
    for url in (
        f"/api/v1/objectives/?locale={locale}&limit=2",
        f"/api/v1/objectives/?locale={locale}&limit=23",
    ):
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        counts.append(len(queries))
    with CaptureQueriesContext(connection) as detail:
        client.get(f"/api/v1/objectives/3/?locale={locale}")
    # locales, objectives (requested + English), live objective pages (each with its view-restriction check)
    assert counts[0] == counts[1] <= 7
    assert len(detail) <= 11  # the same, plus the objective's examples (count, one page, site root)


def test_referenced_pages_come_in_the_requested_locale(client):
    body = client.get("/api/v1/objectives/1/?locale=fr").json()
    french = ObjectivePage.objects.get(locale__language_code="fr", slug="objective-1")
    assert body["page"]["id"] == french.pk
    assert body["page"]["locale"] == "fr" and body["page"]["fallback"] is False
    spanish = client.get("/api/v1/objectives/?locale=es&limit=1", HTTP_ACCEPT_LANGUAGE="fr").json()["items"][
        0
    ]
    assert spanish["page"]["locale"] == "es" and spanish["page"]["fallback"] is False


def test_english_page_is_flagged_as_fallback_when_the_translation_is_missing(client):
    ObjectivePage.objects.get(locale__language_code="fr", slug="objective-9").unpublish()
    body = client.get("/api/v1/objectives/9/", HTTP_ACCEPT_LANGUAGE="fr").json()
    english = ObjectivePage.objects.get(locale__language_code="en", slug="objective-9")
    assert body["page"]["id"] == english.pk
    assert body["page"]["locale"] == "en" and body["page"]["fallback"] is True
    assert client.get("/api/v1/objectives/9/?locale=en").json()["page"]["fallback"] is False


@pytest.mark.parametrize(
    ("locale", "first", "last"),
    [
        ("en", "People-centred", "Whole-of-society approach"),
        ("fr", "Priorité à la dimension humaine", "Approche mobilisant l'ensemble de la société"),
        ("es", "Centrada en las personas", "Enfoque pansocial"),
    ],
)
def test_the_ten_guiding_principles_in_each_language(client, locale, first, last):
    response = client.get(f"/api/v1/principles/?locale={locale}")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 10
    items = body["items"]
    assert [item["paragraph"] for item in items] == [f"15({letter})" for letter in "abcdefghij"]
    assert items[0]["name"] == first and items[-1]["name"] == last
    assert {item["locale"] for item in items} == {locale}
    assert not any(item["fallback"] for item in items)
    assert items[0]["key"] == "people_centred"


def test_a_principle_without_translation_comes_back_in_english_flagged(client):
    GuidingPrinciple.objects.filter(locale__language_code="es", key="human_rights").delete()
    items = {item["key"]: item for item in client.get("/api/v1/principles/?locale=es").json()["items"]}
    assert len(items) == 10
    assert items["human_rights"]["name"] == "Human rights"
    assert items["human_rights"]["fallback"] is True and items["human_rights"]["locale"] == "en"
    assert items["rule_of_law"]["fallback"] is False


def test_principles_take_accept_language_in_one_query(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        body = client.get("/api/v1/principles/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9").json()
    assert body["items"][5]["name"] == "Droits de l'homme"


def test_the_principles_chapter_says_it_lists_them(client):
    english = ChapterPage.objects.get(locale__language_code="en", slug="guiding-principles")
    principles_chapters = set(english.get_translations(inclusive=True).values_list("pk", flat=True))
    assert len(principles_chapters) == 3
    for chapter in ChapterPage.objects.all():
        detail = client.get(f"/api/v2/pages/{chapter.pk}/").json()
        assert detail["lists_principles"] is (chapter.pk in principles_chapters), chapter.url_path
