"""The living document as a page tree:

HomePage → GuidePage → ChapterPage (→ StepPage for the six-step process)
         → BookletPage → ObjectivePage (one for each of the 23 objectives)
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.headless.mixin import HeadlessMixin
from cms.i18n.translation_status import TRANSLATION_API_FIELDS
from guidance_pages import numbering
from guidance_pages.blocks import GuidanceStreamBlock
from guidance_pages.models.change_status import CHANGE_API_FIELDS, ChangeAPIMixin
from guidance_pages.models.forms import GuidancePageForm
from guidance_pages.serializers import ObjectiveRefSerializer

# Wagtail renders a custom form's own (non-model) fields through FieldPanel like model fields, so the kind
# and note of a change sit in the content tab, next to what they describe, without a custom panel class.
CHANGE_PANEL = MultiFieldPanel(
    [FieldPanel("change_kind"), FieldPanel("change_note")],
    heading=_("Change note"),
    help_text=_("Needed to publish or submit a change to a page that has been published before."),
)


class GuidanceBasePage(HeadlessMixin, ChangeAPIMixin, Page):
    """Fields every page of the guidance has: a plain-text summary for listings and a block body."""

    summary = models.TextField(_("summary"), blank=True, max_length=1000)
    body = StreamField(GuidanceStreamBlock(), blank=True, verbose_name=_("body"))

    base_form_class = GuidancePageForm
    # What the cached API detail (cms/headless/page_cache.py) embeds besides pages: the objective's titles,
    # document and image blocks, the public change notes (last_change, stale_translation).
    detail_cache_depends_on = (
        "guidance_pages.Objective",
        "guidance_pages.ChangeNote",
        "wagtaildocs.Document",
        "wagtailimages.Image",
    )
    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body"), CHANGE_PANEL]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    api_fields = [
        APIField("summary"),
        APIField("body"),
        APIField("paragraph_numbers"),
        *TRANSLATION_API_FIELDS,
        *CHANGE_API_FIELDS,
    ]

    class Meta:
        abstract = True

    @property
    def paragraph_numbers(self) -> dict[str, str]:
        """Block id -> paragraph number ("4.12"), shared by the site's anchors and the edition PDFs."""
        return numbering.paragraph_numbers(self)


class HomePage(GuidanceBasePage):
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "guidance_pages.GuidePage",
        "guidance_pages.BookletPage",
        "examples_library.ExamplesIndexPage",
    ]

    class Meta:
        verbose_name = _("home page")


class GuidePage(GuidanceBasePage):
    """The Guide: the GCM, its 360-degree vision, the guiding principles and the six-step process."""

    parent_page_types = ["guidance_pages.HomePage"]
    subpage_types = ["guidance_pages.ChapterPage"]

    class Meta:
        verbose_name = _("guide")


class ChapterPage(GuidanceBasePage):
    # Which chapter lists the guiding principles is the editors' choice, not a slug the frontend guesses
    # (slugs differ per language and may be renamed); the list comes from the GuidingPrinciple taxonomy.
    lists_principles = models.BooleanField(
        _("lists the guiding principles"),
        default=False,
        help_text=_("Show the GCM's ten guiding principles, in the page's language, after the body."),
    )

    parent_page_types = ["guidance_pages.GuidePage"]
    subpage_types = ["guidance_pages.StepPage"]
    content_panels = [*GuidanceBasePage.content_panels[:-1], FieldPanel("lists_principles"), CHANGE_PANEL]
    api_fields = [APIField("lists_principles"), *GuidanceBasePage.api_fields]

    class Meta:
        verbose_name = _("guide chapter")


class StepPage(GuidanceBasePage):
    """One step of the six-step process for national implementation plans."""

    step_number = models.PositiveSmallIntegerField(
        _("step number"), validators=[MinValueValidator(1), MaxValueValidator(6)]
    )

    parent_page_types = ["guidance_pages.ChapterPage"]
    subpage_types: list[str] = []
    content_panels = [
        *GuidanceBasePage.content_panels[:1],
        FieldPanel("step_number"),
        *GuidanceBasePage.content_panels[1:],
    ]
    api_fields = [APIField("step_number"), *GuidanceBasePage.api_fields]

    class Meta:
        verbose_name = _("implementation step")


class BookletPage(GuidanceBasePage):
    """The Booklet: one page for each GCM objective."""

    parent_page_types = ["guidance_pages.HomePage"]
    subpage_types = ["guidance_pages.ObjectivePage"]

    class Meta:
        verbose_name = _("booklet")


class ObjectivePage(GuidanceBasePage):
    objective = models.ForeignKey(
        "guidance_pages.Objective",
        on_delete=models.PROTECT,
        related_name="pages",
        verbose_name=_("objective"),
    )

    parent_page_types = ["guidance_pages.BookletPage"]
    subpage_types: list[str] = []
    content_panels = [
        *GuidanceBasePage.content_panels[:1],
        FieldPanel("objective"),
        *GuidanceBasePage.content_panels[1:],
    ]
    search_fields = [*GuidanceBasePage.search_fields, index.FilterField("objective")]
    api_fields = [APIField("objective", serializer=ObjectiveRefSerializer()), *GuidanceBasePage.api_fields]

    class Meta:
        verbose_name = _("objective page")
