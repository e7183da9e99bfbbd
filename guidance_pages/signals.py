"""Every publication of a guidance page (admin, workflow approval, scheduled publish, scripts) completes the
revision's change note: Wagtail's ``page_published`` signal is the one place all those paths pass."""

from wagtail.signals import page_published

from guidance_pages.history.notes import mark_published
from guidance_pages.models import GuidanceBasePage


def on_page_published(sender, instance, revision=None, **kwargs) -> None:
    if revision is not None and isinstance(instance, GuidanceBasePage):
        mark_published(revision)


def connect() -> None:
    page_published.connect(on_page_published, dispatch_uid="guidance_change_note_published")
