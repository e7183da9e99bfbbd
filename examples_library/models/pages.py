"""The library's pages: a per-locale index and the examples (practices, case studies, lessons learned)."""

from collections.abc import Sequence

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from modelcluster.fields import ParentalKey, ParentalManyToManyField

from cms.headless import freshness
from cms.headless.mixin import HeadlessMixin
from cms.i18n.translation_status import TRANSLATION_API_FIELDS, TranslationAPIMixin, other_language_versions
from examples_library import serializers
from examples_library.models.taxonomies import terms_in_locale
from guidance_pages.models import ObjectivePage

EXAMPLE_RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "link", "ol", "ul"]
FIRST_YEAR = 1945
LAST_YEAR = 2100


class ExamplesIndexPage(HeadlessMixin, TranslationAPIMixin, Page):
    """Per-locale parent of the library's examples."""

    summary = models.TextField(_("summary"), blank=True, max_length=1000)

    parent_page_types = ["guidance_pages.HomePage"]
    subpage_types = ["examples_library.ExamplePage"]
    content_panels = [*Page.content_panels, FieldPanel("summary")]
    api_fields = [APIField("summary"), *TRANSLATION_API_FIELDS]

    class Meta:
        verbose_name = _("examples library")


class SourceBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=300, label=_("Title"))
    url = blocks.URLBlock(max_length=2000, label=_("Address"))

    class Meta:
        icon = "link"
        label = _("Source")


class ExamplePage(HeadlessMixin, Page):
    class Kind(models.TextChoices):
        PRACTICE = "practice", _("Practice")
        CASE_STUDY = "case_study", _("Case study")
        LESSON_LEARNED = "lesson_learned", _("Lesson learned")

    # The cached API detail (cms/headless/page_cache.py): an example's publish changes its own answer, its
    # translations' and those of the pages linking to it, nothing else; its answer names these taxonomies
    # and documents.
    detail_cache_scope = "translations"
    detail_cache_depends_on = (
        "guidance_pages.Objective",
        "guidance_pages.GuidingPrinciple",
        "examples_library.Country",
        "examples_library.Region",
        "examples_library.ActorType",
        "wagtaildocs.Document",
    )

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PRACTICE)
    summary = models.TextField(_("summary"), max_length=1000)
    body = RichTextField(_("description"), blank=True, features=EXAMPLE_RICH_TEXT_FEATURES)
    primary_objective = models.ForeignKey(
        "guidance_pages.Objective",
        on_delete=models.PROTECT,
        related_name="primary_examples",
        verbose_name=_("primary objective"),
    )
    secondary_objectives = ParentalManyToManyField(
        "guidance_pages.Objective",
        blank=True,
        related_name="secondary_examples",
        verbose_name=_("other objectives"),
    )
    principles = ParentalManyToManyField(
        "guidance_pages.GuidingPrinciple",
        blank=True,
        related_name="examples",
        verbose_name=_("guiding principles"),
    )
    country = models.ForeignKey(
        "examples_library.Country", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    region = models.ForeignKey(
        "examples_library.Region", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    subregion = models.ForeignKey(
        "examples_library.Region", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    main_implementer = models.CharField(_("main implementer"), max_length=255, blank=True)
    partners = models.TextField(_("partners"), blank=True, max_length=2000)
    actor_types = ParentalManyToManyField(
        "examples_library.ActorType", blank=True, verbose_name=_("actor types")
    )
    start_year = models.PositiveSmallIntegerField(
        _("start year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
    )
    end_year = models.PositiveSmallIntegerField(
        _("end year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
    )
    pilot_country = models.BooleanField(_("from a GCM Champion (pilot) country"), default=False)
    outcomes = models.TextField(_("outcomes and impact"), blank=True, max_length=5000)
    lessons = models.TextField(_("lessons learned"), blank=True, max_length=5000)
    sources = StreamField([("source", SourceBlock())], blank=True, verbose_name=_("sources"))
    submission_language = models.CharField(_("language of the submission"), max_length=8, default="en")
    # The example's address in the repository it was imported from: what makes a bulk import idempotent.
    source_url = models.CharField(_("source URL (external id)"), max_length=2000, blank=True, db_index=True)
    # Private: for moderators only. Never in api_fields, search_fields or any serializer.
    contact_name = models.CharField(_("contact name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_organisation = models.CharField(_("contact organisation"), max_length=255, blank=True)

    parent_page_types = ["examples_library.ExamplesIndexPage"]
    subpage_types: list[str] = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("primary_objective"), FieldPanel("secondary_objectives"), FieldPanel("principles")],
            heading=_("GCM objectives and principles"),
        ),
        MultiFieldPanel(
            [FieldPanel("country"), FieldRowPanel([FieldPanel("region"), FieldPanel("subregion")])],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("main_implementer"),
                FieldPanel("partners"),
                FieldPanel("actor_types"),
                FieldRowPanel([FieldPanel("start_year"), FieldPanel("end_year")]),
                FieldPanel("pilot_country"),
            ],
            heading=_("Who and when"),
        ),
        FieldPanel("outcomes"),
        FieldPanel("lessons"),
        FieldPanel("sources"),
        InlinePanel("attachments", label=_("Attachments")),
        MultiFieldPanel(
            [
                FieldPanel("submission_language"),
                FieldPanel("source_url"),
                FieldPanel("contact_name"),
                FieldPanel("contact_email"),
                FieldPanel("contact_organisation"),
            ],
            heading=_("Submission (private)"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("main_implementer"),
        index.SearchField("outcomes"),
        index.SearchField("lessons"),
        index.FilterField("kind"),
        index.FilterField("primary_objective"),
        index.FilterField("pilot_country"),
    ]
    api_fields = [
        APIField("kind"),
        APIField("summary"),
        APIField("body", serializer=serializers.RichTextHTMLSerializer()),
        APIField("primary_objective", serializer=serializers.ObjectiveSerializer()),
        APIField("secondary_objectives", serializer=serializers.ObjectiveSerializer(many=True)),
        APIField("principles", serializer=serializers.KeyNameSerializer(many=True)),
        APIField("country", serializer=serializers.CountrySerializer()),
        APIField("region", serializer=serializers.KeyNameSerializer()),
        APIField("subregion", serializer=serializers.KeyNameSerializer()),
        APIField("main_implementer"),
        APIField("partners"),
        APIField("actor_types", serializer=serializers.KeyNameSerializer(many=True)),
        APIField("start_year"),
        APIField("end_year"),
        APIField("pilot_country"),
        APIField("outcomes"),
        APIField("lessons"),
        APIField("sources"),
        APIField("attachments", serializer=serializers.AttachmentSerializer(many=True)),
        APIField("submission_language"),
        APIField("translations"),
    ]

    class Meta:
        verbose_name = _("example")
        verbose_name_plural = _("examples")

    @property
    def translations(self) -> list[dict]:
        """The example's live versions in other languages (an example's source is its submission language,
        so it reports where it exists rather than a translation status against English)."""
        return other_language_versions([self])[self.pk]

    def all_objectives(self) -> list:
        return [self.primary_objective, *self.secondary_objectives.all()]

    def copy_for_translation(self, locale, *args, **kwargs) -> "ExamplePage":
        """The copy refers to the taxonomy terms of its own language. wagtail-localize translates the
        foreign keys when it ingests the segments, never the many-to-many fields (principles, actor types,
        other objectives), which the copy would otherwise keep pointing at the source language's terms."""
        translated = super().copy_for_translation(locale, *args, **kwargs)
        if translated.alias_of_id:  # an alias mirrors its source, terms included
            return translated
        changed = False
        for field in ("principles", "actor_types", "secondary_objectives"):
            terms = list(getattr(translated, field).all())
            localised = terms_in_locale(terms, translated.locale_id)
            if localised != terms:
                setattr(translated, field, localised)
                changed = True
        if changed:
            translated.save()
        return translated

    def stale_paths(self) -> list[str]:
        """An example appears on its own page, in the examples library (any filter), on the Booklet pages of
        its objectives, in site search, in the feeds and the sitemap; nothing else of the site changes."""
        return self.stale_paths_of([self])

    @classmethod
    def stale_paths_of(cls, pages: Sequence["ExamplePage"]) -> list[str]:
        """``stale_paths`` of many examples at once (a bulk import's batch), in a query per kind of path."""
        own = freshness.translations_subpaths(pages)
        parent_paths = {page.path[: -page.steplen] for page in pages if page.depth > 1}
        parents = freshness.translations_subpaths(Page.objects.filter(path__in=parent_paths))
        numbers = {
            objective.number for page in pages for objective in page.all_objectives() if objective is not None
        }
        objective_url_paths = ObjectivePage.objects.filter(objective__number__in=numbers).values_list(
            "url_path", flat=True
        )
        objective_pages = {freshness.subpath(url_path) for url_path in objective_url_paths}
        return [
            *freshness.in_every_language(own),
            *freshness.in_every_language(parents | objective_pages, prefix=True),
            *freshness.in_every_language(["search", "feeds"], prefix=True),
            *freshness.SITE_WIDE_PATHS,
        ]


class ExampleAttachment(Orderable):
    page = ParentalKey(ExamplePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")
