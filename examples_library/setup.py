"""Putting every examples library under moderation: the workflow and the moderators' rights on its pages."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from wagtail.models import GroupPagePermission, Workflow, WorkflowPage

from cms.roles import MODERATORS
from examples_library.models import ExamplesIndexPage

EXAMPLE_WORKFLOW = "Example moderation"
MODERATOR_PAGE_PERMISSIONS = ["change_page", "lock_page", "unlock_page"]


@transaction.atomic
def put_under_moderation() -> int:
    workflow = Workflow.objects.get(name=EXAMPLE_WORKFLOW)
    moderators = Group.objects.get(name=MODERATORS)
    permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=MODERATOR_PAGE_PERMISSIONS
    )
    indexes = list(ExamplesIndexPage.objects.all())
    for index in indexes:
        WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
        for permission in permissions:
            GroupPagePermission.objects.get_or_create(group=moderators, page=index, permission=permission)
    return len(indexes)
