"""Moderation (workflows, below the library) reaches submissions only through the signals it declares: the
library's receivers give a decision its contributor-facing status and name a page's contributors."""

from examples_library import signals as library_signals
from examples_library.models import ExamplePage, Submission, SubmissionStatus
from tests.examples_library.helpers import submit
from tests.helpers import client_for
from workflows import moderation
from workflows.notifiers import contributor_ids
from workflows.signals import contributors_of, moderation_decided

MODERATED = "gcm_submission_moderated"
CONTRIBUTORS = "gcm_submission_contributors"


def _submitted(stakeholder) -> tuple[Submission, ExamplePage]:
    body = submit(client_for(stakeholder)).json()
    return Submission.objects.get(pk=body["id"]), ExamplePage.objects.get(pk=body["page_id"])


def test_a_moderation_decision_sets_the_submissions_status_through_the_signal(db, stakeholder, moderator):
    submission, page = _submitted(stakeholder)
    moderation.moderate(page, moderator, moderation.REQUEST_CHANGES, "Please name the sources.")
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.CHANGES_REQUESTED
    assert submission.events.last().message == "Please name the sources."


def test_without_the_librarys_receiver_moderation_leaves_submissions_alone(db, stakeholder, moderator):
    submission, page = _submitted(stakeholder)
    assert moderation_decided.disconnect(dispatch_uid=MODERATED)
    try:
        moderation.moderate(page, moderator, moderation.REQUEST_CHANGES, "Please name the sources.")
    finally:
        moderation_decided.connect(library_signals.on_moderation_decided, dispatch_uid=MODERATED)
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SCREENING


def test_the_contributors_of_a_submitted_page_come_from_the_library(db, stakeholder):
    _submission, page = _submitted(stakeholder)
    assert stakeholder.pk in contributor_ids(page)
    assert contributors_of.disconnect(dispatch_uid=CONTRIBUTORS)
    try:
        assert contributor_ids(page) == set()
    finally:
        contributors_of.connect(library_signals.on_contributors_asked, dispatch_uid=CONTRIBUTORS)
