"""The draft behind a preview token, for ``/api/v2/page_preview/`` (cms/api.py).

wagtail-headless-preview stores the draft (``PagePreview``) under a token signed with Django's
``TimestampSigner``; its own lookup never expires a token. Ours does (``PREVIEW_TOKEN_SECONDS``), and every
failure is one ``PreviewNotFound``, so a client learns nothing about which part of a forged token was wrong.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.signing import BadSignature, TimestampSigner

from wagtail.models import Page

from wagtail_headless_preview.models import HeadlessPreviewMixin, PagePreview


class PreviewNotFound(Exception):
    pass


def preview_page(content_type: str, token: str) -> Page:
    """The draft page stored for ``token`` (``app_label.model`` of a previewable page type)."""
    app_label, _dot, model = content_type.partition(".")
    try:
        kind = ContentType.objects.get_by_natural_key(app_label, model)
    except ContentType.DoesNotExist as error:
        raise PreviewNotFound from error
    page_class = kind.model_class()
    if page_class is None or not issubclass(page_class, HeadlessPreviewMixin):
        raise PreviewNotFound
    signer: TimestampSigner = page_class.get_preview_signer()
    try:
        signer.unsign(token, max_age=settings.PREVIEW_TOKEN_SECONDS)
    except BadSignature as error:  # SignatureExpired is a BadSignature
        raise PreviewNotFound from error
    stored = PagePreview.objects.filter(content_type=kind, token=token).first()
    if stored is None:
        raise PreviewNotFound
    page = stored.as_page()
    if not page.pk:
        page.pk = 0  # a new page's first draft: the serializer needs an id
    return page
