"""An example is published or unpublished from several paths (the moderation workflow, the admin's publish
and unpublish buttons, scheduled publishing, a shell); Wagtail announces each with a signal. The receivers
only hand the page to the attachments rules (examples_library/attachments.py). Moderation (workflows, the
app below this one) announces its decisions and asks for a page's contributors through its own signals;
the receivers hand those to the submission rules (examples_library/status.py).

This app announces one thing itself: ``examples_published``, sent by the bulk import for each batch of new
live examples it writes without Wagtail's publish (so without ``page_published``), for the apps above this
one that keep read models of published pages (search). Argument: ``pages``, the new ExamplePages."""

from django.dispatch import Signal

from wagtail.signals import page_published, page_unpublished

from examples_library import attachments, status
from examples_library.models import ExamplePage
from workflows.signals import contributors_of, moderation_decided

examples_published = Signal()


def on_published(sender, instance, **kwargs) -> None:
    attachments.publish_attachments(instance)


def on_unpublished(sender, instance, **kwargs) -> None:
    attachments.withdraw_attachments(instance)


def on_moderation_decided(sender, page, outcome: str, comment: str, actor, **kwargs) -> None:
    status.moderation_decided(page, outcome, comment=comment, actor=actor)


def on_contributors_asked(sender, page, **kwargs) -> set[int]:
    return status.submitters_of(page)


def connect() -> None:
    moderation_decided.connect(on_moderation_decided, dispatch_uid="gcm_submission_moderated")
    contributors_of.connect(on_contributors_asked, dispatch_uid="gcm_submission_contributors")
    page_published.connect(on_published, sender=ExamplePage, dispatch_uid="gcm_attachments_public")
    page_unpublished.connect(on_unpublished, sender=ExamplePage, dispatch_uid="gcm_attachments_private")
