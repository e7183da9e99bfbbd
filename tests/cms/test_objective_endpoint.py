"""``GET /api/v1/objectives/{number}/`` costs the same whatever the size of the library (issue 18: 45 ms at
10,000 examples, 112 ms at 30,000): its examples and their count come from the search read model, as the
library's own listing of that objective does, and no query reads the examples' pages."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from examples_library.examples import summary_out
from tests.search.helpers import add_example

pytestmark = pytest.mark.django_db

URL = "/api/v1/objectives/21/"


def answer(client, **params) -> tuple[list[str], dict]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL, params)
    assert response.status_code == 200, response.content[:300]
    return [query["sql"] for query in captured], response.json()


def test_the_same_queries_with_5_and_50_examples(client):
    for i in range(5):
        add_example(f"Constant cost {i}", 21)
    client.get(URL)  # the worker's facet index and Django's content types, once per process
    few, five = answer(client)
    for i in range(5, 50):
        add_example(f"Constant cost {i}", 21 if i % 2 else 4, secondary=(21,))
    client.get(URL)  # the facet index catches up with the change log
    many, fifty = answer(client)
    assert five["examples"]["count"] == 5 and fifty["examples"]["count"] == 50
    assert len(many) == len(few)
    assert not [sql for sql in many if "examples_library_examplepage" in sql]


def test_the_objective_lists_what_the_library_lists_for_it(client):
    for i in range(12):
        add_example(f"Listed {i}", 21 if i % 3 else 2, secondary=() if i % 3 else (21,))
    add_example("Another objective", 5)
    _queries, body = answer(client, examples_page_size=5, examples_page=2)
    library = client.get("/api/v1/examples/", {"objective": 21, "sort": "newest", "page_size": 5, "page": 2})
    listed = library.json()
    assert body["examples"]["count"] == listed["count"] == 12
    assert [item["id"] for item in body["examples"]["items"]] == [item["id"] for item in listed["items"]]
    assert body["examples"]["page"] == 2 and body["examples"]["page_size"] == 5


def test_each_item_is_what_the_pages_own_summary_was(client):
    """The items come from the read model now; each is still the example's summary as the page gave it."""
    page = add_example("Shaped example", 21, country="GH")
    page.refresh_from_db()
    item = answer(client)[1]["examples"]["items"][0]
    assert item == json.loads(json.dumps(summary_out(page), cls=DjangoJSONEncoder))
    assert item["country"] == {"iso2": "GH", "name": page.country.name}
