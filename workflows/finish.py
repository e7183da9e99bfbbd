"""What happens when a workflow's last task is approved (``WAGTAIL_FINISH_WORKFLOW_ACTION``)."""


def publish_approved(workflow_state, user=None) -> None:  # imported while wagtail.models loads: no imports
    """Publish the approved revision.

    Wagtail's default checks that the final approver also holds publish rights over the page. Here the
    approval itself is the authority: thematic reviewers approve examples on their objectives without
    being allowed to publish anything else by hand.
    """
    workflow_state.content_object.get_latest_revision().publish(user=user, skip_permission_checks=True)
