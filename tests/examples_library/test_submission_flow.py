"""The contributor's path end to end, through the real HTTP endpoints (allauth headless, the submission API,
the admin's workflow actions) and the real workflow engine."""

import json

from django.core import mail
from django.utils import translation
from django.utils.translation import gettext

from wagtail.models import PageLogEntry, Workflow, WorkflowPage

import pytest

from cms.accounts import roles
from cms.background.mail import set_mail_language
from examples_library.models import ExamplePage, ExamplesIndexPage, Submission, SubmissionStatus
from examples_library.setup import put_under_moderation
from tests.examples_library.helpers import admin_action, payload, pdf, submit, verification_key
from tests.factories import UserFactory
from tests.helpers import client_for
from workflows.models import ObjectiveReviewer
from workflows.moderation import current_state


def sign_up(email: str):
    client = client_for()
    response = client.post(
        "/_allauth/browser/v1/auth/signup",
        json.dumps({"email": email, "password": "a-Long-pass-phrase-42"}),
        content_type="application/json",
    )
    assert response.status_code == 401, response.content  # signed up, e-mail verification pending
    assert any(
        flow["id"] == "verify_email" and flow.get("is_pending") for flow in response.json()["data"]["flows"]
    )
    # Not verified yet: submitting is refused with a reason.
    early = submit(client)
    assert early.status_code in (401, 403)
    key = verification_key(email)
    verified = client.post(
        "/_allauth/browser/v1/auth/email/verify", json.dumps({"key": key}), content_type="application/json"
    )
    assert verified.status_code == 200, verified.content
    assert verified.json()["meta"]["is_authenticated"] is True
    return client


def test_sign_up_verify_submit_revise_review_publish(db):
    reviewer = UserFactory(role=roles.THEMATIC_REVIEWERS)
    ObjectiveReviewer.objects.create(user=reviewer, objective_number=3)
    moderator = UserFactory(role=roles.MODERATORS)
    contributor = sign_up("new.champion@example.org")
    assert Submission.objects.count() == 0

    # Submit with an attachment.
    response = submit(contributor, files=[pdf("Évaluation finale.pdf")])
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "screening"
    assert body["can_withdraw"] is True and body["can_revise"] is False
    page = ExamplePage.objects.get(pk=body["page_id"])
    assert not page.live
    assert page.owner.email == "new.champion@example.org"
    assert page.owner.groups.filter(name=roles.STAKEHOLDERS).exists()
    assert body["data"]["attachments"] == ["Evaluation_finale.pdf"] or body["data"]["attachments"][
        0
    ].endswith(".pdf")

    # Screening requests changes; the contributor sees the message and gets an e-mail.
    mail.outbox.clear()
    assert (
        admin_action(moderator, page, "request_changes", "Please add the year the desks closed.").status_code
        == 200
    )
    mine = contributor.get(f"/api/v1/submissions/{body['id']}/").json()
    assert mine["status"] == "changes_requested"
    assert mine["can_revise"] is True
    assert mine["history"][-1]["message"] == "Please add the year the desks closed."
    assert any("new.champion@example.org" in m.to and "Changes requested" in m.subject for m in mail.outbox)
    listing = contributor.get("/api/v1/submissions/").json()
    assert listing["count"] == 1
    assert listing["items"][0]["latest_message"] == "Please add the year the desks closed."

    # The contributor revises, which resubmits to screening.
    revised = submit(contributor, payload(end_year=2023), url=f"/api/v1/submissions/{body['id']}/revise/")
    assert revised.status_code == 200, revised.content
    assert revised.json()["status"] == "screening"
    assert revised.json()["data"]["end_year"] == 2023

    # Screening passes it on; the reviewer of objective 3 approves, which publishes it.
    assert admin_action(moderator, page, "approve").status_code == 200
    assert Submission.objects.get(pk=body["id"]).status == SubmissionStatus.THEMATIC_REVIEW
    other_reviewer = UserFactory(role=roles.THEMATIC_REVIEWERS)
    assert admin_action(other_reviewer, page, "approve").status_code == 403  # not a reviewer of objective 3
    assert admin_action(reviewer, page, "approve").status_code == 200
    page.refresh_from_db()
    assert page.live
    final = contributor.get(f"/api/v1/submissions/{body['id']}/").json()
    assert final["status"] == "published"
    assert final["example_id"] == page.pk

    # Published: readable by anyone, listed under its primary and secondary objectives, in API v2 too.
    public = client_for()
    example = public.get(f"/api/v1/examples/{page.pk}/").json()
    assert example["title"] == "Multilingual migrant information desks"
    assert example["end_year"] == 2023
    assert example["country"] == {"iso2": "GH", "name": "Ghana"}
    assert example["attachments"][0]["extension"] == "pdf"
    assert public.get(example["attachments"][0]["url"]).status_code == 200  # moved to the public collection
    for number in (3, 15):
        items = public.get(f"/api/v1/objectives/{number}/").json()["examples"]["items"]
        assert items[0]["id"] == page.pk, number
    v2 = public.get(f"/api/v2/pages/{page.pk}/").json()
    assert v2["primary_objective"]["number"] == 3
    assert "contact_email" not in v2 and "ama@example.org" not in json.dumps(v2)

    # Everything is in Wagtail's audit log.
    actions = set(PageLogEntry.objects.filter(page=page).values_list("action", flat=True))
    assert {
        "wagtail.workflow.start",
        "wagtail.workflow.reject",
        "wagtail.workflow.approve",
        "wagtail.publish",
    } <= actions


def test_screening_can_reject_with_a_reason(db, stakeholder, moderator):
    client = client_for(stakeholder)
    body = submit(client).json()
    page = ExamplePage.objects.get(pk=body["page_id"])
    # A rejection without a reason is refused by the form.
    admin_action(moderator, page, "reject", "")
    assert Submission.objects.get(pk=body["id"]).status == SubmissionStatus.SCREENING
    assert admin_action(moderator, page, "reject", "Out of scope: not about migration.").status_code == 200
    result = client.get(f"/api/v1/submissions/{body['id']}/").json()
    assert result["status"] == "rejected"
    assert result["history"][-1]["message"] == "Out of scope: not about migration."
    assert result["can_revise"] is False and result["can_withdraw"] is False
    page.refresh_from_db()
    assert not page.live
    assert client_for().get(f"/api/v1/examples/{page.pk}/").status_code == 404
    revise = submit(client, payload(), url=f"/api/v1/submissions/{body['id']}/revise/")
    assert revise.status_code == 409


def test_contributor_can_withdraw(db, stakeholder, moderator):
    client = client_for(stakeholder)
    body = submit(client).json()
    response = client.post(f"/api/v1/submissions/{body['id']}/withdraw/")
    assert response.status_code == 200
    assert response.json()["status"] == "withdrawn"
    page = ExamplePage.objects.get(pk=body["page_id"])
    assert current_state(page) is None  # moderation stopped: nothing left to approve
    assert not page.live
    assert client.post(f"/api/v1/submissions/{body['id']}/withdraw/").status_code == 409


@pytest.mark.parametrize("language", ["fr", "es"])
def test_notifications_are_in_the_submitters_mail_language(db, stakeholder, language):
    set_mail_language(stakeholder, language)
    mail.outbox.clear()
    response = submit(client_for(stakeholder), payload(language="en"))  # the content's language is not theirs
    assert response.status_code == 201
    to_submitter = [m for m in mail.outbox if stakeholder.email in m.to]
    assert to_submitter, "the submitter gets a confirmation"
    with translation.override(language):
        label = str(SubmissionStatus.SCREENING.label)
        greeting = gettext("Message from the reviewers:")
    assert label != "Submitted, awaiting screening"  # the catalog really has it
    assert label in to_submitter[0].subject
    assert "Your submission" not in to_submitter[0].body and greeting not in to_submitter[0].body


def test_account_login_logout_and_password_reset(db, stakeholder):
    client = client_for()
    login = client.post(
        "/_allauth/browser/v1/auth/login",
        json.dumps({"email": stakeholder.email, "password": "pw-Secret-123"}),
        content_type="application/json",
    )
    assert login.status_code == 200, login.content
    assert client.get("/api/v1/submissions/").status_code == 200
    assert client.delete("/_allauth/browser/v1/auth/session").status_code == 401  # logged out
    assert client.get("/api/v1/submissions/").status_code == 401
    wrong = client.post(
        "/_allauth/browser/v1/auth/login",
        json.dumps({"email": stakeholder.email, "password": "nope"}),
        content_type="application/json",
    )
    assert wrong.status_code == 400
    mail.outbox.clear()
    reset = client.post(
        "/_allauth/browser/v1/auth/password/request",
        json.dumps({"email": stakeholder.email}),
        content_type="application/json",
    )
    assert reset.status_code == 200
    assert any(stakeholder.email in m.to and "/account/password/reset/" in m.body for m in mail.outbox)


def test_signing_up_again_with_a_known_address_is_not_an_error(db, stakeholder):
    response = client_for().post(
        "/_allauth/browser/v1/auth/signup",
        json.dumps({"email": stakeholder.email, "password": "another-Long-pass-42"}),
        content_type="application/json",
    )
    assert response.status_code < 500, response.content[:300]


def test_renaming_the_moderation_workflow_does_not_break_submissions(db, stakeholder, moderator):
    """The workflow is the one assigned to the examples index, not one found by its name."""
    index = ExamplesIndexPage.objects.get(locale__language_code="en")
    workflow = index.get_workflow()
    workflow.name = "Screening then thematic review"
    workflow.save()
    client = client_for(stakeholder)
    response = submit(client)
    assert response.status_code == 201, response.content
    page = ExamplePage.objects.get(pk=response.json()["page_id"])
    assert current_state(page).workflow == workflow
    # Revising restarts the same (renamed) workflow.
    assert admin_action(moderator, page, "request_changes", "Please add the outcome.").status_code == 200
    revised = submit(client, payload(), url=f"/api/v1/submissions/{response.json()['id']}/revise/")
    assert revised.status_code == 200, revised.content
    assert current_state(page).workflow == workflow
    assert not Workflow.objects.filter(name="Example moderation").exists()


def test_an_index_without_a_moderation_workflow_refuses_submissions_with_a_reason(db, stakeholder):
    """Without its own assignment the index inherits the root's guidance workflow: examples must not
    slip into the editors' approval, and the contributor is told why, not answered with a 500."""
    WorkflowPage.objects.filter(page__in=ExamplesIndexPage.objects.all()).delete()
    pages = ExamplePage.objects.count()
    response = submit(client_for(stakeholder))
    assert response.status_code == 503, response.content
    assert "cannot take submissions right now" in response.json()["detail"]
    assert Submission.objects.count() == 0 and ExamplePage.objects.count() == pages


def test_setting_up_moderation_again_keeps_the_workflow_an_administrator_renamed(db):
    index = ExamplesIndexPage.objects.get(locale__language_code="en")
    workflow = index.get_workflow()
    workflow.name = "Screening then thematic review"
    workflow.save()
    assert put_under_moderation() == ExamplesIndexPage.objects.count()
    assert ExamplesIndexPage.objects.get(pk=index.pk).get_workflow() == workflow
