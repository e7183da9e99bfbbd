"""Issue 15 in the admin: an editor records an extension on the discussion (every language's closing date
moves); moderators, not Champions, add a question during the window from a screen of their own; the
screens' visible headings are their titles, not "Home"."""

from datetime import UTC, datetime

from django.utils import timezone

from wagtail.users.models import UserProfile

import pytest

from feedback.models import Discussion, DiscussionQuestion
from tests.factories import UserFactory
from tests.feedback.factories import ChampionFactory
from tests.feedback.helpers import edit_form
from tests.helpers import client_for, heading

ADD = "/admin/discussions/questions/add/"

pytestmark = pytest.mark.django_db


def test_an_editor_records_an_extension_on_the_discussion_and_every_language_closes_later(discussion, editor):
    pages = [link.page for link in discussion.discussion_pages.all()]
    data = edit_form(discussion, pages, list(discussion.questions.all())) | {
        "extensions-TOTAL_FORMS": "1",
        "extensions-0-closes_at": "2031-04-16 23:59",
        "extensions-0-decided_on": "2031-03-20",
        "extensions-0-reason": "Champions asked for more time",
        "extensions-0-ORDER": "1",
    }
    response = client_for(editor).post(f"/admin/feedback/discussion/edit/{discussion.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    family = Discussion.objects.filter(translation_key=discussion.translation_key)
    closes = {d.closes_at.astimezone(UTC).date() for d in family}
    assert closes == {datetime(2031, 4, 16).date()}
    assert {d.extensions.count() for d in family} == {1}


def test_a_moderator_adds_a_question_from_the_admin_in_every_language(discussion, moderator):
    client = client_for(moderator)
    queue = client.get("/admin/discussions/moderation/").content.decode()
    assert 'id="add-question-link"' in queue
    assert client.get(ADD).status_code == 200
    before = timezone.now()
    response = client.post(ADD, {"discussion": discussion.pk, "text": "Which partners took part?"})
    assert response.status_code == 302
    added = DiscussionQuestion.objects.filter(text="Which partners took part?")
    assert {q.discussion.locale.language_code for q in added} == {"en", "fr", "es"}
    assert all(q.posted_at >= before for q in added)
    assert len({q.translation_key for q in added}) == 1


def test_a_champion_cannot_add_a_question(discussion):
    client = client_for(ChampionFactory())
    assert client.get(ADD).status_code in (302, 403)
    response = client.post(ADD, {"discussion": discussion.pk, "text": "Mine?"})
    assert response.status_code in (302, 403)
    assert not DiscussionQuestion.objects.filter(text="Mine?").exists()


def test_a_moderator_without_admin_rights_over_discussions_is_refused_nothing_else(discussion, moderator):
    """The Discussions screen stays the editors': moderators may add questions, not edit windows."""
    assert not moderator.has_perm("feedback.change_discussion")
    assert client_for(moderator).get(f"/admin/feedback/discussion/edit/{discussion.pk}/").status_code != 200


def test_an_empty_or_closed_question_is_an_error_on_the_form_not_a_500(discussion, moderator):
    client = client_for(moderator)
    response = client.post(ADD, {"discussion": discussion.pk, "text": "   "})
    assert response.status_code == 200 and not DiscussionQuestion.objects.filter(text="").exists()
    Discussion.objects.filter(translation_key=discussion.translation_key).update(
        closes_at=datetime(2020, 1, 1, tzinfo=UTC), opens_at=datetime(2019, 1, 1, tzinfo=UTC)
    )
    response = client.post(ADD, {"discussion": discussion.pk, "text": "Too late?"})
    assert response.status_code == 200
    assert not DiscussionQuestion.objects.filter(text="Too late?").exists()


@pytest.mark.parametrize(
    ("language", "url", "title"),
    [
        ("en", "/admin/moderation-dashboard/", "Moderation and discussions"),
        ("fr", "/admin/moderation-dashboard/", "Modération et discussions"),
        ("en", "/admin/discussions/triage/", "Feedback triage"),
        ("fr", "/admin/discussions/triage/", "Suivi des commentaires"),
        ("fr", ADD, "Ajouter une question"),
    ],
)
def test_the_screens_heading_is_their_title_in_the_editors_language(discussion, language, url, title):
    editor = UserFactory(role="Editors")
    UserProfile.get_for_user(editor).__class__.objects.filter(user=editor).update(preferred_language=language)
    html = client_for(editor).get(url).content.decode()
    assert heading(html) == title
