"""The library of examples. The index page exists from the start so the page tree has its final shape;
the example pages and submissions arrive with the examples library issue."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import Page

from cms.headless import HeadlessMixin
from cms.translation_status import TRANSLATION_API_FIELDS, TranslationAPIMixin


class ExamplesIndexPage(HeadlessMixin, TranslationAPIMixin, Page):
    """Per-locale parent of the library's examples."""

    summary = models.TextField(_("summary"), blank=True, max_length=1000)

    parent_page_types = ["guidance_pages.HomePage"]
    subpage_types: list[str] = []
    content_panels = [*Page.content_panels, FieldPanel("summary")]
    api_fields = [APIField("summary"), *TRANSLATION_API_FIELDS]

    class Meta:
        verbose_name = _("examples library")
