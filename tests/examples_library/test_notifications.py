"""Who gets which mail about a submission, in which language, with which links (issue 11, points 18-20)."""

import json

from django.contrib.auth.models import Group
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext

from wagtail.models import Task, Workflow, WorkflowTask

import pytest

from cms.accounts import roles
from cms.background.mail import set_mail_language
from cms.headless.frontend import frontend_path
from examples_library.models import ExamplePage, Submission, SubmissionStatus
from tests.examples_library.helpers import admin_action, payload, submit
from tests.factories import UserFactory
from tests.helpers import client_for
from workflows.models import ObjectiveReviewer, ThematicReviewTask

pytestmark = pytest.mark.django_db
FRONTEND = "https://gcm.example.org"

# Wagtail's workflow mails all end with a link to the admin's notification preferences.
WAGTAIL_MARK = "/admin/account/"


@pytest.fixture(autouse=True)
def frontend(settings):
    settings.FRONTEND_URL = FRONTEND


def to(user) -> list:
    return [message for message in mail.outbox if user.email in message.to]


def submitted(contributor, **overrides) -> ExamplePage:
    response = submit(client_for(contributor), payload(**overrides))
    assert response.status_code == 201, response.content
    return ExamplePage.objects.get(pk=response.json()["page_id"])


def test_contributors_get_only_the_platforms_notices(stakeholder, moderator):
    mail.outbox.clear()
    page = submitted(stakeholder)
    # Moderators hear of it from Wagtail's task mail (staff keep Wagtail's) and from ours.
    assert any(WAGTAIL_MARK in message.body for message in to(moderator))

    admin_action(moderator, page, "request_changes", "Please add the year the desks closed.")
    mine = to(stakeholder)
    assert len(mine) == 2, [message.subject for message in mine]  # received, then changes requested
    for message in mine:
        assert WAGTAIL_MARK not in message.body and "/admin/" not in message.body
        assert "rejected" not in message.subject.lower()
    assert "Please add the year the desks closed." in mine[-1].body

    # Published: the contributor gets our notice only, not Wagtail's "has been approved".
    client_for(stakeholder).post(
        f"/api/v1/submissions/{Submission.objects.get(page=page).pk}/revise/",
        {"payload": json.dumps(payload())},
    )
    admin_action(moderator, page, "approve")
    admin_action(UserFactory(role="admin"), page, "approve")
    page.refresh_from_db()
    assert page.live
    published = to(stakeholder)[-1]
    assert WAGTAIL_MARK not in published.body and "approved" not in published.subject.lower()
    assert str(SubmissionStatus.PUBLISHED.label) in published.subject


def test_staff_who_ask_for_approval_keep_wagtails_mails(booklet, django_capture_on_commit_callbacks):
    editor = UserFactory(role=roles.EDITORS)
    colleague = UserFactory(role=roles.EDITORS)
    page = booklet
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        state = Workflow.objects.get(name="Guidance revision").start(page, editor)
    assert any(WAGTAIL_MARK in message.body for message in to(colleague))  # the task's group is told
    with django_capture_on_commit_callbacks(execute=True):
        state.current_task_state.approve(user=colleague)
    approved = [message for message in to(editor) if WAGTAIL_MARK in message.body]
    assert approved and "approved" in approved[-1].subject


@pytest.mark.parametrize(("contributor_language", "moderator_language"), [("fr", "es"), ("es", "en")])
def test_each_recipient_gets_mail_in_their_own_language(
    stakeholder, moderator, contributor_language, moderator_language
):
    set_mail_language(stakeholder, contributor_language)
    set_mail_language(moderator, moderator_language)
    mail.outbox.clear()
    # English content, submitted from a page in a third language: neither decides anyone's mail.
    response = client_for(stakeholder).post(
        "/api/v1/submissions/",
        {"payload": json.dumps(payload(language="en"))},
        HTTP_ACCEPT_LANGUAGE="fr" if contributor_language != "fr" else "es",
    )
    assert response.status_code == 201, response.content

    def label(language: str) -> str:
        with translation.override(language):
            return str(SubmissionStatus.SCREENING.label)

    ours = to(stakeholder)
    assert len(ours) == 1 and label(contributor_language) in ours[0].subject
    assert f"{FRONTEND}/{contributor_language}/account/submissions/" in ours[0].body

    for_moderator = to(moderator)
    platform = [message for message in for_moderator if WAGTAIL_MARK not in message.body]
    wagtail = [message for message in for_moderator if WAGTAIL_MARK in message.body]
    assert platform and label(moderator_language) in platform[0].subject
    assert wagtail, "Wagtail's task mail reaches the moderator"
    with translation.override(moderator_language):
        preferences = gettext("Edit your notification preferences here:")
    assert preferences in wagtail[0].body


def test_published_mail_links_the_example_on_the_frontend_in_the_recipients_language(stakeholder, moderator):
    set_mail_language(stakeholder, "fr")
    page = submitted(stakeholder, language="en")
    admin_action(moderator, page, "approve")
    mail.outbox.clear()
    assert admin_action(UserFactory(role="admin"), page, "approve").status_code == 200
    page.refresh_from_db()
    assert page.live
    body = to(stakeholder)[-1].body
    below_language = frontend_path(page).removeprefix("/en/")
    assert f"{FRONTEND}/fr/{below_language}" in body  # the site shows the English example under /fr/
    assert "http://localhost/" not in body and "/en/" not in body


def test_moderators_hear_when_a_submission_they_screen_is_withdrawn(stakeholder, moderator):
    page = submitted(stakeholder)
    mail.outbox.clear()
    submission = Submission.objects.get(page=page)
    assert client_for(stakeholder).post(f"/api/v1/submissions/{submission.pk}/withdraw/").status_code == 200
    withdrawn = str(SubmissionStatus.WITHDRAWN.label)
    assert any(withdrawn in message.subject for message in to(moderator))


def test_reviewers_hear_when_a_submission_they_review_is_withdrawn(stakeholder, moderator, reviewer):
    ObjectiveReviewer.objects.create(user=reviewer, objective_number=3)
    page = submitted(stakeholder)
    admin_action(moderator, page, "approve")
    mail.outbox.clear()
    submission = Submission.objects.get(page=page)
    assert client_for(stakeholder).post(f"/api/v1/submissions/{submission.pk}/withdraw/").status_code == 200
    withdrawn = str(SubmissionStatus.WITHDRAWN.label)
    assert any(withdrawn in message.subject for message in to(reviewer))
    assert not any(withdrawn in message.subject for message in to(moderator))


def test_reviewer_mail_goes_to_the_review_task_the_page_is_in(stakeholder, moderator):
    """A second review task (another fallback group) now stands in the workflow; the first still exists."""
    first = Task.objects.filter(content_type__model="thematicreviewtask").order_by("pk").first().specific
    assert first.fallback_group is not None
    old_reviewer = UserFactory(role=roles.THEMATIC_REVIEWERS)
    specialists = Group.objects.create(name="Specialists")
    specialist = UserFactory(role=None)
    specialist.groups.add(specialists)
    second = ThematicReviewTask.objects.create(name="Specialist review", fallback_group=specialists)
    workflow = Workflow.objects.get(name="Example moderation")
    WorkflowTask.objects.filter(workflow=workflow, task=first).update(task=second)

    page = submitted(stakeholder, primary_objective=4)  # nobody is assigned objective 4: fallback group
    mail.outbox.clear()
    admin_action(moderator, page, "approve")
    review = str(SubmissionStatus.THEMATIC_REVIEW.label)
    assert any(review in message.subject for message in to(specialist))
    assert not any(review in message.subject for message in to(old_reviewer))
