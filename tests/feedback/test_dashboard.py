"""The editors' dashboard "Moderation and discussions" in the admin: who may open it, what it shows (charts
as inline SVG with their title, description and table), in English and French, its summary on the admin
home, and a number of queries that does not grow with the submissions and comments."""

import re
from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import TaskState, WorkflowState
from wagtail.users.models import UserProfile

import pytest

from cms.accounts import roles
from feedback.models import DiscussionComment
from tests.examples_library.factories import ExamplePageFactory
from tests.factories import UserFactory
from tests.feedback.factories import ChampionFactory
from tests.feedback.helpers import post_comment
from tests.helpers import client_for
from workflows import moderation
from workflows.actions import REQUEST_CHANGES

URL = "/admin/moderation-dashboard/"


@pytest.fixture(autouse=True)
def quiet_pipeline(db):
    WorkflowState.objects.all().delete()
    DiscussionComment.objects.all().delete()


def submissions(n: int, admin, sent_back: int = 0, batch: str = "a") -> None:
    for index in range(n):
        page = ExamplePageFactory(title=f"Pending example {batch}{index}", publish=False)
        page.save_revision(user=admin)
        state = moderation.start(page, admin)
        TaskState.objects.filter(workflow_state=state).update(
            started_at=timezone.now() - timedelta(days=index + 1)
        )
        if index < sent_back:
            reason = f"Please add the outcomes of example {batch}{index}."
            moderation.moderate(page, admin, REQUEST_CHANGES, reason)


def comments(n: int, discussion, page) -> None:
    for index in range(n):
        post_comment(ChampionFactory(country=["MX", "PH", "GH"][index % 3]), discussion, page)


def test_anonymous_visitors_go_to_the_login_page(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_champion_has_no_admin_and_is_sent_to_the_login_page(db):
    """Champions have no admin access at all: Wagtail answers every admin URL with its login page and a
    message (as for the discussion screens); the dashboard's own check answers 403 to admin users."""
    response = client_for(ChampionFactory()).get(URL)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_thematic_reviewer_gets_403(db):
    response = client_for(UserFactory(role=roles.THEMATIC_REVIEWERS)).get(URL)
    assert response.status_code == 403


@pytest.mark.parametrize("role", [roles.MODERATORS, roles.EDITORS, "admin"])
def test_moderators_editors_and_administrators_see_it(role, discussion, six_steps):
    admin = UserFactory(role="admin")
    submissions(3, admin, sent_back=1)
    comments(2, discussion, six_steps)

    response = client_for(UserFactory(role=role)).get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    charts = re.findall(r'<svg role="img" aria-labelledby="([\w-]+) ([\w-]+)"', html)
    assert len(charts) == 3  # time to decision, throughput, participation by country
    for title, desc in charts:
        assert re.search(rf'<title id="{title}">[^<]+</title>', html)
        assert re.search(rf'<desc id="{desc}">[^<]+</desc>', html)
    for table in (
        "waiting",
        "decision-times",
        "throughput",
        "sent-back",
        "participation-country",
        "participation-question",
        "triage-backlog",
    ):
        assert f'id="{table}"' in html
    assert "Please add the outcomes of example a0." in html
    assert "Mexico" in html
    screening = re.search(
        r"<td><a href=\"[^\"]*task=\d+[^\"]*\">Screening</a></td>\s*<td[^>]*>(\d+)</td>", html
    )
    assert screening and screening.group(1) == "2"  # three submitted, one sent back


def test_the_dashboard_speaks_the_editors_language(discussion, six_steps):
    admin = UserFactory(role="admin")
    submissions(2, admin, sent_back=1)
    editor = UserFactory(role=roles.EDITORS)
    UserProfile.objects.update_or_create(user=editor, defaults={"preferred_language": "fr"})

    html = client_for(editor).get(URL).content.decode()

    assert "Modération et discussions" in html
    assert "Propositions en attente à chaque étape" in html
    assert "<td>Modifications demandées</td>" in html
    # dates through Django's French formats: "2 décembre 2026" rather than "Dec. 2, 2026"
    month = timezone.localdate().strftime("%m")
    french_months = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ]
    assert french_months[int(month) - 1] in html


def test_the_menu_and_the_home_panel_are_for_those_who_may_see_it(db):
    moderator = client_for(UserFactory(role=roles.MODERATORS)).get("/admin/").content.decode()
    reviewer = client_for(UserFactory(role=roles.THEMATIC_REVIEWERS)).get("/admin/").content.decode()

    assert 'id="moderation-dashboard-panel"' in moderator and URL in moderator
    assert 'id="moderation-dashboard-panel"' not in reviewer and URL not in reviewer


def test_the_query_count_does_not_grow_with_submissions_and_comments(discussion, six_steps):
    admin = UserFactory(role="admin")
    client = client_for(UserFactory(role=roles.EDITORS))
    submissions(2, admin, sent_back=1)
    comments(2, discussion, six_steps)
    client.get(URL)  # warm caches (content types, site)
    with CaptureQueriesContext(connection) as few:
        assert client.get(URL).status_code == 200

    submissions(8, admin, sent_back=5, batch="b")
    comments(9, discussion, six_steps)
    with CaptureQueriesContext(connection) as many:
        assert client.get(URL).status_code == 200

    assert len(many) == len(few)
