"""Rejections taken before outcomes were recorded are told apart by the migration that adds them: a final
rejection cancelled the workflow at once as the same reviewer (the audit log keeps it); a request for
changes did not, even when the contributor withdrew or resubmitted later."""

import importlib

from django.apps import apps

from wagtail.models import TaskState

from tests.examples_library.factories import ExamplePageFactory
from tests.factories import UserFactory
from workflows import moderation
from workflows.actions import REJECT, REQUEST_CHANGES
from workflows.models import ModerationDecision, Outcome

migration = importlib.import_module("workflows.migrations.0003_moderation_decision")


def sent_back(user, action: str, title: str) -> TaskState:
    page = ExamplePageFactory(title=title, publish=False)
    page.save_revision(user=user)
    moderation.start(page, user)
    task_state = moderation.pending_task_state(page)
    moderation.act(task_state, user, action, "Because.")
    return page, task_state


def test_past_rejections_and_requests_for_changes_get_their_outcome(db):
    reviewer, contributor = UserFactory(role="admin"), UserFactory(role="admin")
    _page, rejected = sent_back(reviewer, REJECT, "Rejected long ago")
    withdrawn, changes = sent_back(reviewer, REQUEST_CHANGES, "Sent back, then withdrawn")
    moderation.stop(withdrawn, contributor)
    resubmitted, changes_again = sent_back(reviewer, REQUEST_CHANGES, "Sent back, then resubmitted")
    moderation.start(resubmitted, contributor)
    ModerationDecision.objects.all().delete()  # as before the migration

    migration.backfill_rejections(apps, None)

    outcomes = dict(ModerationDecision.objects.values_list("task_state_id", "outcome"))
    assert outcomes[rejected.pk] == Outcome.REJECTED
    assert outcomes[changes.pk] == Outcome.CHANGES_REQUESTED
    assert outcomes[changes_again.pk] == Outcome.CHANGES_REQUESTED
