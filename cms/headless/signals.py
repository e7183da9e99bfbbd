"""Wagtail announces publish, unpublish, move and delete through signals from every code path (admin,
workflow, API, shell). The receivers only hand the page to ``cms.headless.freshness``, which decides what went
stale and enqueues the purge after commit."""

from django.db.models.signals import post_delete, post_save

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms.files.documents import place_files
from cms.headless import freshness, page_cache


def on_page_change(sender, instance, **kwargs) -> None:
    freshness.page_changed(instance)


def on_page_move(sender, instance, url_path_before: str = "", **kwargs) -> None:
    freshness.page_changed(instance, old_url_path=url_path_before)


def on_page_delete(sender, instance, **kwargs) -> None:
    if instance.live:
        freshness.page_changed(instance, old_url_path=instance.url_path)


def on_view_restriction_change(sender, instance, **kwargs) -> None:
    # Restricting a page is no publish, but the frontend's cached copy of it must go (and come back when
    # it is opened again); Wagtail sends no page signal for it.
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None and page.live:
        freshness.page_changed(page)


def on_document_save(sender, instance, raw: bool = False, **kwargs) -> None:
    # Wagtail's document screens (edit, upload, collection choice) call no hook of ours after saving: a
    # document saved into or out of a restricted collection moves its file here
    # (cms.files.documents.place_files).
    if raw:
        return
    place_files(sender.objects.filter(pk=instance.pk))


def connect() -> None:
    from wagtail.documents.models import Document

    page_cache.connect()
    post_save.connect(on_document_save, sender=Document, dispatch_uid="gcm_document_placed")
    page_published.connect(on_page_change, dispatch_uid="gcm_frontend_published")
    page_unpublished.connect(on_page_change, dispatch_uid="gcm_frontend_unpublished")
    post_page_move.connect(on_page_move, dispatch_uid="gcm_frontend_moved")
    post_delete.connect(on_page_delete, sender=Page, dispatch_uid="gcm_frontend_deleted")
    post_save.connect(
        on_view_restriction_change, sender=PageViewRestriction, dispatch_uid="gcm_frontend_restricted"
    )
    post_delete.connect(
        on_view_restriction_change, sender=PageViewRestriction, dispatch_uid="gcm_frontend_unrestricted"
    )
