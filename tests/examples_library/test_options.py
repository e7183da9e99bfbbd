"""The submission form's choices: public, in the reader's language, constant queries, cached; and the
``moderate`` command the frontend's end-to-end tests use to approve a submission."""

from io import StringIO

from django.core.cache import cache
from django.core.management import CommandError, call_command

import pytest

from cms.accounts import roles
from examples_library.models import Submission, SubmissionStatus
from tests.examples_library.helpers import payload, submit
from tests.factories import UserFactory
from tests.helpers import client_for
from workflows.models import ObjectiveReviewer

URL = "/api/v1/submissions/options/"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_options_are_public_and_complete(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        response = client.get(URL, {"locale": "en"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=300"
    assert "Accept-Language" in response["Vary"]
    body = response.json()
    assert body["language"] == "en"
    assert [o["number"] for o in body["objectives"]] == list(range(1, 24))
    assert all(o["short_label"] for o in body["objectives"])
    assert {"people_centred"} <= {p["key"] for p in body["principles"]}
    ghana = next(c for c in body["countries"] if c["iso2"] == "GH")
    assert ghana["name"] == "Ghana" and ghana["region"] and ghana["subregion"]
    assert {r["key"] for r in body["regions"]} >= {ghana["region"]}
    assert all(r["parent"] is None for r in body["regions"])
    assert {s["key"] for s in body["subregions"]} >= {ghana["subregion"]}
    assert all(s["parent"] for s in body["subregions"])
    assert {"government", "civil_society"} <= {a["key"] for a in body["actor_types"]}


@pytest.mark.parametrize("code", ["fr", "es"])
def test_options_in_the_reader_language(client, code):
    english = client.get(URL, {"locale": "en"}).json()
    other = client.get(URL, {"locale": code}).json()
    assert other["language"] == code
    assert len(other["countries"]) == len(english["countries"])
    assert [p["key"] for p in other["principles"]] == [p["key"] for p in english["principles"]]
    # Names are translated: at least the principles and actor types differ from English.
    assert [p["name"] for p in other["principles"]] != [p["name"] for p in english["principles"]]
    assert {a["name"] for a in other["actor_types"]} != {a["name"] for a in english["actor_types"]}
    by_accept = client.get(URL, HTTP_ACCEPT_LANGUAGE=code).json()
    assert by_accept["language"] == code


def test_options_query_count_does_not_grow_and_is_cached(client, django_assert_num_queries):
    client.get(URL, {"locale": "fr"})
    with django_assert_num_queries(0):
        assert client.get(URL, {"locale": "fr"}).status_code == 200


def test_unknown_locale_is_a_readable_400(client):
    response = client.get(URL, {"locale": "xx"})
    assert response.status_code == 400
    assert "xx" in response.json()["detail"]


def test_moderate_command_screens_and_approves(db):
    contributor = UserFactory(role=roles.STAKEHOLDERS)
    created = submit(client_for(contributor), payload(primary_objective=1, secondary_objectives=[])).json()
    moderator = UserFactory(role=roles.MODERATORS, username="e2e-moderator")
    reviewer = UserFactory(role=roles.THEMATIC_REVIEWERS, username="e2e-reviewer")
    ObjectiveReviewer.objects.create(user=reviewer, objective_number=1)
    out = StringIO()
    call_command("moderate", "latest", "approve", "--user", moderator.username, stdout=out)
    assert out.getvalue().strip() == f"{created['id']} thematic_review"
    with pytest.raises(CommandError):
        # Screening is done: the moderator may not take the reviewer's step.
        call_command("moderate", str(created["id"]), "approve", "--user", contributor.username)
    call_command("moderate", str(created["id"]), "approve", "--user", reviewer.username, stdout=StringIO())
    submission = Submission.objects.get(pk=created["id"])
    assert submission.status == SubmissionStatus.PUBLISHED
    assert submission.page.live


def test_moderate_command_refuses_unknown_things(db):
    with pytest.raises(CommandError):
        call_command("moderate", "999999", "approve", "--user", "nobody")


@pytest.mark.parametrize("code", ["fr", "es"])
def test_every_kind_of_option_is_accepted_by_the_submission_endpoint(client, code):
    """The keys the form offers are the keys the service resolves in the example's locale."""
    options = client.get(URL, {"locale": code}).json()
    contributor = UserFactory(role=roles.STAKEHOLDERS)
    data = payload(
        language=code,
        primary_objective=options["objectives"][0]["number"],
        secondary_objectives=[options["objectives"][-1]["number"]],
        principles=[options["principles"][-1]["key"]],
        country=options["countries"][-1]["iso2"],
        region=options["regions"][0]["key"],
        subregion=options["subregions"][0]["key"],
        actor_types=[options["actor_types"][-1]["key"]],
    )
    response = submit(client_for(contributor), data)
    assert response.status_code == 201, response.content[:300]
    assert response.json()["data"]["country"] == options["countries"][-1]["iso2"]
