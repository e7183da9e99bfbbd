"""An example is published or unpublished from several paths (the moderation workflow, the admin's publish
and unpublish buttons, scheduled publishing, a shell); Wagtail announces each with a signal. The receivers
only hand the page to the attachments rules (examples_library/attachments.py); a view restriction, which no
publish signal announces, goes to the open-data rules (examples_library/transfer/publishing.py).
Moderation (workflows, the app below this one) announces its decisions and asks for a page's contributors
through its own signals; the receivers hand those to the submission rules (examples_library/status.py).
What this app announces itself is in ``events.py``."""

from django.db.models.signals import post_delete, post_save

from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from examples_library import attachments, status
from examples_library.models import ExamplePage
from examples_library.transfer import publishing
from workflows.signals import contributors_of, moderation_decided


def on_published(sender, instance, **kwargs) -> None:
    attachments.publish_attachments(instance)


def on_unpublished(sender, instance, **kwargs) -> None:
    attachments.withdraw_attachments(instance)


def on_view_restriction_changed(sender, instance, **kwargs) -> None:
    publishing.view_restriction_changed(instance.page_id)


def on_moderation_decided(sender, page, outcome: str, comment: str, actor, **kwargs) -> None:
    status.moderation_decided(page, outcome, comment=comment, actor=actor)


def on_contributors_asked(sender, page, **kwargs) -> set[int]:
    return status.submitters_of(page)


def connect() -> None:
    moderation_decided.connect(on_moderation_decided, dispatch_uid="gcm_submission_moderated")
    contributors_of.connect(on_contributors_asked, dispatch_uid="gcm_submission_contributors")
    page_published.connect(on_published, sender=ExamplePage, dispatch_uid="gcm_attachments_public")
    page_unpublished.connect(on_unpublished, sender=ExamplePage, dispatch_uid="gcm_attachments_private")
    post_save.connect(
        on_view_restriction_changed, sender=PageViewRestriction, dispatch_uid="gcm_open_data_vr"
    )
    post_delete.connect(
        on_view_restriction_changed, sender=PageViewRestriction, dispatch_uid="gcm_open_data_vr_gone"
    )
