"""The admin's moderation screens as moderators and reviewers use them (issue 11, points 21 and 22): the
buttons of the page editor, where each action lands, and rejecting at thematic review."""

import json
import re

from django.core import mail

import pytest

from examples_library.models import ExamplePage, Submission, SubmissionStatus
from tests.examples_library.adminform import edit_form_data
from tests.examples_library.helpers import admin_action, payload, submit
from tests.helpers import client_for
from workflows.models import ObjectiveReviewer
from workflows.moderation import current_state, pending_task_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_review(stakeholder, moderator, reviewer) -> ExamplePage:
    """A submission on objective 3, passed by screening, waiting for the reviewer of objective 3."""
    ObjectiveReviewer.objects.create(user=reviewer, objective_number=3)
    response = submit(client_for(stakeholder), payload(sources=[]))
    assert response.status_code == 201, response.content
    page = ExamplePage.objects.get(pk=response.json()["page_id"])
    assert admin_action(moderator, page, "approve").status_code == 200
    assert Submission.objects.get(page=page).status == SubmissionStatus.THEMATIC_REVIEW
    return page


def button_labels(html: str) -> list[str]:
    found = re.findall(
        r'<button class="button" data-workflow-action-name="[^"]+"[^>]*>(.*?)</button>', html, re.S
    )
    return [" ".join(re.sub(r"<[^>]+>", " ", label).split()) for label in found]


def test_the_last_tasks_buttons_say_publish_once(in_review, reviewer):
    html = client_for(reviewer).get(f"/admin/pages/{in_review.pk}/edit/").content.decode()
    labels = button_labels(html)
    assert "Approve and Publish" in labels, labels
    assert "Approve with comment and Publish" in labels, labels
    assert all(label.lower().count("publish") <= 1 for label in labels), labels


def test_a_reviewer_who_approves_in_the_editor_lands_on_their_dashboard(in_review, reviewer):
    client = client_for(reviewer)
    data = edit_form_data(client.get(f"/admin/pages/{in_review.pk}/edit/").content.decode())
    data.update({"action-workflow-action": "true", "workflow-action-name": "approve"})
    response = client.post(f"/admin/pages/{in_review.pk}/edit/", data, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == "/admin/"
    in_review.refresh_from_db()
    assert in_review.live
    assert "Sorry, you do not have permission" not in response.content.decode()


def test_a_reviewer_who_acts_from_the_action_view_lands_on_their_dashboard(in_review, reviewer):
    task_state = pending_task_state(in_review)
    response = client_for(reviewer).post(
        f"/admin/pages/workflow/action/{in_review.pk}/approve/{task_state.pk}/", {"comment": ""}, follow=True
    )
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == "/admin/"


def test_a_reviewer_rejects_with_a_reason_and_the_contributor_is_told_why(in_review, reviewer, stakeholder):
    submission = Submission.objects.get(page=in_review)
    client = client_for(reviewer)
    html = client.get(f"/admin/pages/{in_review.pk}/edit/").content.decode()
    assert "Reject" in button_labels(html)

    # No reason, no rejection: the form asks for one and nothing changes.
    task_state = pending_task_state(in_review)
    url = f"/admin/pages/workflow/action/{in_review.pk}/reject/{task_state.pk}/"
    refused = client.post(url, {"comment": " "}, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert json.loads(refused.content)["step"] == "action"  # the modal shown again, with its error
    assert Submission.objects.get(pk=submission.pk).status == SubmissionStatus.THEMATIC_REVIEW

    mail.outbox.clear()
    reason = "Not an example of objective 3: it describes a research project."
    response = client.post(url, {"comment": reason}, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert json.loads(response.content)["step"] == "success"
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.REJECTED
    assert current_state(in_review) is None  # moderation is over: nothing left to approve
    in_review.refresh_from_db()
    assert not in_review.live
    told = [message for message in mail.outbox if stakeholder.email in message.to]
    assert len(told) == 1 and reason in told[0].body
    assert str(SubmissionStatus.REJECTED.label) in told[0].subject
    mine = client_for(stakeholder).get(f"/api/v1/submissions/{submission.pk}/").json()
    assert mine["status"] == "rejected" and mine["history"][-1]["message"] == reason
