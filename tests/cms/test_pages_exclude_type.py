"""``/api/v2/pages/?exclude_type=``: the guidance tree without the examples, whatever their number."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page

import pytest

from examples_library.models import ExamplePage
from tests.examples_library.factories import numbered_examples

TREE = "/api/v2/pages/?locale=en&limit=100&exclude_type=examples_library.ExamplePage"


def listed(client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()


def test_the_tree_leaves_out_every_example_and_keeps_every_other_page(client):
    numbered_examples(3)
    body = listed(client, TREE)
    types = {item["meta"]["type"] for item in body["items"]}
    assert "examples_library.ExamplePage" not in types
    assert {
        "guidance_pages.HomePage",
        "guidance_pages.ObjectivePage",
        "examples_library.ExamplesIndexPage",
    } <= types
    # the same pages as the stock listing minus the examples, counted independently
    expected = (
        Page.objects.live().public().filter(locale__language_code="en", depth__gt=1).not_type(ExamplePage)
    )
    assert body["meta"]["total_count"] == expected.count()
    assert {item["id"] for item in body["items"]} == set(expected.values_list("pk", flat=True))
    everything = listed(client, "/api/v2/pages/?locale=en&limit=1")["meta"]["total_count"]
    examples = ExamplePage.objects.live().public().filter(locale__language_code="en").count()
    assert examples >= 3 and everything == body["meta"]["total_count"] + examples


def test_the_tree_does_not_grow_with_examples_and_keeps_its_query_count(client):
    numbered_examples(1)
    listed(client, TREE)  # the first request fills Wagtail's cached site root paths
    with CaptureQueriesContext(connection) as few:
        before = listed(client, TREE)
    numbered_examples(30, prefix="More")
    with CaptureQueriesContext(connection) as many:
        after = listed(client, TREE)
    assert after["meta"]["total_count"] == before["meta"]["total_count"]
    assert len(many) == len(few)
    with CaptureQueriesContext(connection) as stock:
        listed(client, "/api/v2/pages/?locale=en&limit=100")
    assert len(many) == len(stock), "no more queries than the stock listing"


def test_it_combines_with_type_and_child_of(client):
    body = listed(
        client, "/api/v2/pages/?type=guidance_pages.ObjectivePage&exclude_type=guidance_pages.ObjectivePage"
    )
    assert body["meta"]["total_count"] == 0
    index = ExamplePage.objects.live().first().get_parent()
    numbered_examples(2)
    children = listed(client, f"/api/v2/pages/?child_of={index.pk}&exclude_type=examples_library.ExamplePage")
    assert children["items"] == []
    several = listed(
        client,
        f"{TREE},guidance_pages.ObjectivePage,guidance_pages.StepPage",
    )
    assert {item["meta"]["type"] for item in several["items"]}.isdisjoint(
        {"examples_library.ExamplePage", "guidance_pages.ObjectivePage", "guidance_pages.StepPage"}
    )


@pytest.mark.parametrize(
    "value", ["nothing", "examples_library.NoSuchPage", "wagtailimages.Image", "no_app.Page", "a.b.c"]
)
def test_an_unknown_type_is_a_400_that_says_why(client, value):
    response = client.get(f"/api/v2/pages/?exclude_type={value}")
    assert response.status_code == 400
    message = response.json()["message"]
    assert "exclude_type" in message and "app_label.ModelName" in message


def test_the_message_is_translated(client):
    response = client.get("/api/v2/pages/?locale=fr&exclude_type=nothing")
    assert response.status_code == 400
    assert "app_label.ModelName" in response.json()["message"]
    assert "exclude_type: nothing is not a page type" not in response.json()["message"]


def test_an_empty_value_excludes_nothing(client):
    assert (
        listed(client, "/api/v2/pages/?locale=en&exclude_type=")["meta"]["total_count"]
        == listed(client, "/api/v2/pages/?locale=en")["meta"]["total_count"]
    )
