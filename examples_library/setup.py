"""Putting every examples library under moderation: the workflow and the moderators' rights on its pages."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from wagtail.models import GroupPagePermission, Workflow, WorkflowPage

from cms.accounts.roles import MODERATORS
from examples_library.models import ExamplesIndexPage

EXAMPLE_WORKFLOW = "Example moderation"
MODERATOR_PAGE_PERMISSIONS = ["change_page", "lock_page", "unlock_page"]


@transaction.atomic
def put_under_moderation() -> int:
    """Give each examples index the moderation workflow and its moderators their rights on it. An index
    that has a workflow keeps it: an administrator may have renamed or replaced the one the migration
    created (workflows/migrations/0002), which is looked up by that name only for indexes without one."""
    moderators = Group.objects.get(name=MODERATORS)
    permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=MODERATOR_PAGE_PERMISSIONS
    )
    indexes = list(ExamplesIndexPage.objects.all())
    for index in indexes:
        if not WorkflowPage.objects.filter(page=index).exists():
            WorkflowPage.objects.create(page=index, workflow=Workflow.objects.get(name=EXAMPLE_WORKFLOW))
        for permission in permissions:
            GroupPagePermission.objects.get_or_create(group=moderators, page=index, permission=permission)
    return len(indexes)
