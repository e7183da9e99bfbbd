"""An example is published or unpublished from several paths (the moderation workflow, the admin's publish
and unpublish buttons, scheduled publishing, a shell); Wagtail announces each with a signal. The receivers
only hand the page to the attachments rules (examples_library/attachments.py)."""

from wagtail.signals import page_published, page_unpublished

from examples_library import attachments
from examples_library.models import ExamplePage


def on_published(sender, instance, **kwargs) -> None:
    attachments.publish_attachments(instance)


def on_unpublished(sender, instance, **kwargs) -> None:
    attachments.withdraw_attachments(instance)


def connect() -> None:
    page_published.connect(on_published, sender=ExamplePage, dispatch_uid="gcm_attachments_public")
    page_unpublished.connect(on_unpublished, sender=ExamplePage, dispatch_uid="gcm_attachments_private")
