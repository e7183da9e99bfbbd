"""Discussions: time-boxed feedback periods on guidance pages, with guiding questions, and the comments
Champions post in them (django-comments-xtd, extended with the discussion, question, block, triage and
moderation state). The rules (who may post, moderation, triage) live in ``feedback/discussions/``.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from django_comments_xtd.models import XtdComment
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from cms.headless import freshness
from feedback import shared_facts
from guidance_pages.numbering import paragraph_numbers


@contextmanager
def purging_discussion_pages(discussion_id: Callable[[], int | None]) -> Iterator[None]:
    """Around a change of a discussion or of one of its rows: the frontend pages the discussion was about
    before and is about after (its questions and threads are shown beside them) and the discussion pages go
    stale in every language (cms.headless.freshness.discussion_changed, after commit). ``discussion_id`` is
    read before and after, since a new discussion has its id only once saved."""
    if not settings.WAGTAILFRONTENDCACHE:  # purging is off: not even a query
        yield
        return
    before = _stored_pages(discussion_id())
    yield
    freshness.discussion_changed([*before, *_stored_pages(discussion_id())])


def _stored_pages(discussion_id: int | None) -> list:
    from wagtail.models import Page

    if discussion_id is None:
        return []
    linked = DiscussionPage.objects.filter(discussion_id=discussion_id).values("page")
    return list(Page.objects.filter(pk__in=linked))


class Audience(models.TextChoices):
    CHAMPIONS = "champions", _("Champions only")
    REGISTERED = "registered", _("All registered users")


class ModerationMode(models.TextChoices):
    PRE = "pre", _("Pre-moderated: comments appear once approved")
    POST = "post", _("Post-moderated: comments appear at once; flags hide them")


class Discussion(TranslatableMixin, ClusterableModel):
    title = models.CharField(_("title"), max_length=255)
    introduction = models.TextField(_("introduction"), blank=True, max_length=4000)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    audience = models.CharField(
        _("who may post"), max_length=12, choices=Audience.choices, default=Audience.CHAMPIONS
    )
    moderation = models.CharField(
        _("moderation"), max_length=4, choices=ModerationMode.choices, default=ModerationMode.PRE
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("introduction"),
        MultiFieldPanel(
            [
                FieldPanel("opens_at"),
                FieldPanel("closes_at"),
                FieldPanel("audience"),
                FieldPanel("moderation"),
            ],
            heading=_("Window and rules"),
        ),
        InlinePanel("discussion_pages", label=_("Pages under discussion")),
        InlinePanel("questions", label=_("Guiding questions")),
        InlinePanel(
            "extensions",
            label=_("Extensions"),
            help_text=_("Recording an extension moves the closing date in every language."),
        ),
    ]
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("introduction"),
        SynchronizedField("opens_at"),
        SynchronizedField("closes_at"),
        SynchronizedField("audience"),
        SynchronizedField("moderation"),
        TranslatableField("discussion_pages"),
        TranslatableField("questions"),
        TranslatableField("extensions"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("discussion")
        verbose_name_plural = _("discussions")
        ordering = ["-opens_at", "pk"]
        indexes = [models.Index(fields=["locale", "opens_at", "closes_at"], name="discussion_window")]

    def __str__(self) -> str:
        return self.title

    # The purge and the sharing across languages live in save()/delete() rather than in a service function
    # called by each writer because these are the only calls every path goes through: the admin's modeladmin
    # views, wagtail-localize creating and syncing the French and Spanish copies, the demo loader and a shell
    # all end here; wagtail-localize calls no code of ours. A ClusterableModel saves its pages, questions and
    # extensions from this save(), so those are covered too; the flag keeps their own save()/delete() from
    # purging once more each. The sharing itself is plain functions (feedback.shared_facts).
    def save(self, *args, **kwargs) -> None:
        with purging_discussion_pages(lambda: self.pk), transaction.atomic():
            shared_facts.before_save(self)
            self._saving_tree = True
            try:
                super().save(*args, **kwargs)
            finally:
                self._saving_tree = False
            shared_facts.share_with_translations(self)

    def delete(self, *args, **kwargs):
        with purging_discussion_pages(lambda: self.pk):
            return super().delete(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("A discussion must close after it opens.")})

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at


class _DiscussionRow(models.Model):
    """A page or question of a discussion saved or deleted on its own (``DiscussionPage.objects.create``, a
    shell): it changes what the frontend shows beside the discussion's pages, as an edit of the whole does."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if self._part_of_discussion_save():
            return super().save(*args, **kwargs)
        with purging_discussion_pages(lambda: self.discussion_id):
            super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._part_of_discussion_save():
            return super().delete(*args, **kwargs)
        with purging_discussion_pages(lambda: self.discussion_id):
            return super().delete(*args, **kwargs)

    def _part_of_discussion_save(self) -> bool:
        parent = self._state.fields_cache.get("discussion")
        return bool(getattr(parent, "_saving_tree", False))


class DiscussionPage(_DiscussionRow, TranslatableMixin, Orderable):
    """A guidance page under discussion (an inline, so that wagtail-localize maps it to the page of each
    language)."""

    discussion = ParentalKey(Discussion, on_delete=models.CASCADE, related_name="discussion_pages")
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )

    panels = [FieldPanel("page")]
    translatable_fields = [TranslatableField("page")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("page under discussion")
        verbose_name_plural = _("pages under discussion")

    def __str__(self) -> str:
        return str(self.page)


class DiscussionQuestion(_DiscussionRow, TranslatableMixin, Orderable):
    discussion = ParentalKey(Discussion, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("question"), max_length=500)
    posted_at = models.DateTimeField(_("posted at"), default=timezone.now)
    untranslated = models.BooleanField(
        _("awaiting translation"),
        default=False,
        help_text=_("The text is a copy of another language's until a translator replaces it."),
    )

    panels = [FieldPanel("text"), FieldPanel("posted_at")]
    translatable_fields = [TranslatableField("text"), SynchronizedField("posted_at")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("guiding question")
        verbose_name_plural = _("guiding questions")

    def __str__(self) -> str:
        return self.text


class DiscussionExtension(_DiscussionRow, TranslatableMixin, Orderable):
    """A decision to keep a discussion open longer: the new closing date, the day it was decided and why.
    Dates are one fact for every language (feedback.discussions.sharing); the reason is translated."""

    discussion = ParentalKey(Discussion, on_delete=models.CASCADE, related_name="extensions")
    closes_at = models.DateTimeField(_("extended to"))
    decided_on = models.DateField(_("decided on"), default=timezone.localdate)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    untranslated = models.BooleanField(_("awaiting translation"), default=False)

    panels = [FieldPanel("closes_at"), FieldPanel("decided_on"), FieldPanel("reason")]
    translatable_fields = [
        TranslatableField("reason"),
        SynchronizedField("closes_at"),
        SynchronizedField("decided_on"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")

    def __str__(self) -> str:
        return f"{self.closes_at:%Y-%m-%d}"


class TriageStatus(models.TextChoices):
    NEW = "new", _("New")
    UNDER_CONSIDERATION = "under_consideration", _("Under consideration")
    ADDRESSED = "addressed", _("Addressed")
    NOT_TAKEN_UP = "not_taken_up", _("Not taken up")


class ModerationState(models.TextChoices):
    PENDING = "pending", _("Waiting for moderation")
    APPROVED = "approved", _("Approved")
    HIDDEN = "hidden", _("Hidden")
    REMOVED = "removed", _("Removed")


class DiscussionComment(XtdComment):
    """A comment of a discussion on one guidance page (xtd's threading), about one guiding question and
    optionally one block of the page (its StreamField block id, stable across revisions).

    Public when ``moderation_state`` is approved and xtd's ``is_public``/``is_removed`` agree (xtd hides a
    hidden comment's replies through ``is_public``). Removed comments keep their body for the audit trail;
    no public output shows them.
    """

    discussion = models.ForeignKey(
        Discussion, on_delete=models.CASCADE, related_name="comments", verbose_name=_("discussion")
    )
    question = models.ForeignKey(
        DiscussionQuestion, on_delete=models.PROTECT, related_name="comments", verbose_name=_("question")
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="discussion_comments",
        verbose_name=_("page"),
    )
    block_id = models.CharField(_("block"), max_length=64, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    moderation_state = models.CharField(
        _("moderation state"), max_length=10, choices=ModerationState.choices, default=ModerationState.PENDING
    )
    moderation_reason = models.TextField(_("moderation reason"), blank=True)
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=24, choices=TriageStatus.choices, default=TriageStatus.NEW
    )
    editor_response = models.TextField(_("editor's response"), blank=True, max_length=4000)
    addressed_revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("addressed in revision"),
    )
    flag_count = models.PositiveIntegerField(_("flags"), default=0)

    class Meta:
        verbose_name = _("discussion comment")
        verbose_name_plural = _("discussion comments")
        indexes = [
            models.Index(fields=["page", "moderation_state"], name="dcomment_page_public"),
            models.Index(fields=["discussion", "moderation_state"], name="dcomment_discussion_state"),
        ]
        permissions = [
            ("moderate_discussioncomment", _("Can moderate discussion comments")),
            ("triage_discussioncomment", _("Can triage discussion feedback")),
            ("export_discussioncomment", _("Can export discussion feedback")),
        ]

    def __str__(self) -> str:
        return f"{self.pk}: {self.comment[:40]}"


class Channel(models.TextChoices):
    """How a piece of feedback reached the editors. Online comments are ``DiscussionComment``s; the other
    channels are recorded by editors as ``RecordedFeedback``."""

    ONLINE = "online", _("Online discussion")
    MEETING = "meeting", _("Meeting")
    EMAIL = "email", _("E-mail")
    WRITTEN = "written", _("Written comments on a document")
    OTHER = "other", _("Other")


RECORDED_CHANNELS = [choice for choice in Channel.choices if choice[0] != Channel.ONLINE]


class RecordedFeedback(ClusterableModel):
    """Feedback that came outside the online discussion (a meeting, an e-mail, comments written on a
    document, anything else), recorded by an editor, with the same triage as a comment. The register
    (``feedback.register``) lists it beside the online comments."""

    channel = models.CharField(
        _("channel"), max_length=12, choices=RECORDED_CHANNELS, default=Channel.MEETING
    )
    received_on = models.DateField(_("date"), default=timezone.localdate)
    country = models.ForeignKey(
        "examples_library.Country",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("country"),
    )
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    author = models.CharField(_("author"), max_length=255, blank=True)
    on_behalf_of = models.CharField(
        _("on behalf of"),
        max_length=255,
        blank=True,
        help_text=_("Who the feedback speaks for, when the author relays it (a ministry, a delegation)."),
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="en")
    discussion = models.ForeignKey(
        Discussion,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recorded_feedback",
        verbose_name=_("discussion"),
    )
    question = models.ForeignKey(
        DiscussionQuestion,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recorded_feedback",
        verbose_name=_("question"),
    )
    text = models.TextField(_("feedback"), max_length=20000)
    attachment = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("attachment"),
    )
    source = models.CharField(
        _("source document"), max_length=255, blank=True, help_text=_("The file it was imported from.")
    )
    status = models.CharField(
        _("status"), max_length=24, choices=TriageStatus.choices, default=TriageStatus.NEW
    )
    editor_response = models.TextField(_("editor's response"), blank=True, max_length=4000)
    addressed_revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("addressed in revision"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
        editable=False,
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    # Triage (status, response, revision) is set on the triage screen, through the rule that checks it.
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("channel"),
                FieldPanel("received_on"),
                FieldPanel("country"),
                FieldPanel("organisation"),
                FieldPanel("author"),
                FieldPanel("on_behalf_of"),
                FieldPanel("language"),
            ],
            heading=_("Where it came from"),
        ),
        MultiFieldPanel([FieldPanel("discussion"), FieldPanel("question")], heading=_("Discussion, if any")),
        InlinePanel("references", label=_("Pages and paragraphs concerned")),
        FieldPanel("text"),
        FieldPanel("attachment"),
    ]

    is_recorded = True  # the triage templates show a comment or a recorded item by this

    class Meta:
        verbose_name = _("recorded feedback")
        verbose_name_plural = _("recorded feedback")
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["discussion", "status"], name="recorded_discussion_status")]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.received_on:%Y-%m-%d}: {self.text[:40]}"

    def clean(self) -> None:
        super().clean()
        if self.country_id is None and not self.organisation.strip():
            raise ValidationError(
                {"organisation": _("Name the country or the organisation the feedback came from.")}
            )
        if self.question_id and self.question.discussion_id != self.discussion_id:
            raise ValidationError({"question": _("Pick a question of the chosen discussion.")})


class FeedbackReference(Orderable):
    """A guidance page, and optionally one numbered paragraph of it, that recorded feedback concerns. The
    paragraph is kept by block id, which survives revisions and translations; the number is how the editor
    typed it and how readers cite it."""

    feedback = ParentalKey(RecordedFeedback, on_delete=models.CASCADE, related_name="references")
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )
    paragraph = models.CharField(
        _("paragraph"),
        max_length=16,
        blank=True,
        help_text=_("Its number as the site shows it (for example C3.2); empty for the whole page."),
    )
    block_id = models.CharField(_("block"), max_length=64, blank=True, editable=False)

    panels = [FieldPanel("page"), FieldPanel("paragraph")]

    class Meta(Orderable.Meta):
        verbose_name = _("page or paragraph concerned")
        verbose_name_plural = _("pages and paragraphs concerned")

    def __str__(self) -> str:
        return f"{self.page} {self.paragraph}".strip()

    def clean(self) -> None:
        super().clean()
        self.paragraph = self.paragraph.strip().lstrip("¶").strip()
        if not self.paragraph:
            self.block_id = ""
            return
        if self.page_id is None:
            return
        numbers = paragraph_numbers(self.page)
        if numbers.get(self.block_id) == self.paragraph:
            return  # unchanged: keep the block even if numbering moved since
        by_number = {number: block for block, number in numbers.items()}
        if self.paragraph not in by_number:
            raise ValidationError(
                {
                    "paragraph": _("%(page)s has no paragraph %(number)s.")
                    % {"page": self.page.title, "number": self.paragraph}
                }
            )
        self.block_id = by_number[self.paragraph]
