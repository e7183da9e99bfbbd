"""The search read model: one denormalised row per published, public page (example or guidance) and locale.

Listing and faceting read only this table, never the page tree. Multi-valued dimensions (objectives,
principles) are bit masks so that a whole facet is one conditional aggregate rather than a join per value.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.search import index


class SearchEntry(index.Indexed, models.Model):
    class ItemType(models.TextChoices):
        EXAMPLE = "example", _("Example")
        GUIDANCE = "guidance", _("Guidance")

    page = models.OneToOneField("wagtailcore.Page", on_delete=models.CASCADE, related_name="search_entry")
    item_type = models.CharField(max_length=10, choices=ItemType.choices)
    locale = models.CharField(max_length=8)
    # The page's translation group: an example and its translations are one example of the library.
    translation_key = models.UUIDField(null=True, blank=True)
    # Examples only: bit i is set when this row is the one the library lists under the i-th language of
    # settings.LANGUAGES (its translation in that language, else its original): every published example is
    # listed once in every language (search.listing).
    listed_in = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    text = models.TextField(blank=True)
    path = models.CharField(max_length=500, help_text="Path of the page on the frontend.")
    page_type = models.CharField(max_length=60, blank=True)
    example_kind = models.CharField(max_length=20, blank=True)
    language = models.CharField(max_length=8, blank=True)
    primary_objective = models.PositiveSmallIntegerField(null=True, blank=True)
    objectives = models.BigIntegerField(default=0, help_text="Bit n is set when the item serves objective n.")
    principles = models.IntegerField(default=0, help_text="Bit i is set for the i-th guiding principle.")
    country = models.CharField(max_length=2, blank=True)
    country_name = models.CharField(max_length=120, blank=True)
    region = models.CharField(max_length=60, blank=True)
    subregion = models.CharField(max_length=60, blank=True)
    start_year = models.PositiveSmallIntegerField(null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(null=True, blank=True)
    pilot = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    # PostgreSQL only (NULL elsewhere), maintained by search.fulltext.update_vectors: title A, summary B,
    # text C in the entry's language's stemming configuration (GIN-indexed), and a short title + summary
    # vector that keeps ranking cheap.
    search_vector = SearchVectorField(null=True, editable=False)
    rank_vector = SearchVectorField(null=True, editable=False)

    # search.indexing hands entries to the search backends itself, so that a remote engine's failure is
    # recorded in the outbox (IndexOutbox) instead of being logged and lost by the automatic signal handlers.
    search_auto_update = False

    search_fields = [
        index.SearchField("title", boost=4),
        index.SearchField("summary", boost=2),
        index.SearchField("text"),
        index.AutocompleteField("title"),
        index.FilterField("locale"),
        index.FilterField("item_type"),
        index.FilterField("listed_in"),
    ]

    class Meta:
        verbose_name = _("search entry")
        indexes = [
            models.Index(fields=["locale", "item_type", "-published_at"], name="search_listing"),
            models.Index(fields=["locale", "item_type", "primary_objective"], name="search_objective"),
            models.Index(fields=["locale", "item_type", "country"], name="search_country"),
            models.Index(fields=["locale", "item_type", "region"], name="search_region"),
            models.Index(fields=["locale", "item_type", "title"], name="search_title"),
            models.Index(fields=["translation_key"], name="search_translation_group"),
            models.Index(fields=["item_type", "listed_in"], name="search_listed"),
        ]

    def __str__(self) -> str:
        return f"{self.locale}: {self.title}"


class SearchMatch(models.Model):
    """PostgreSQL only (empty elsewhere): each entry's full-text vector again, in a narrow table kept in step
    by database triggers (migration 0006), for matching a term without ranking it.

    Why a second copy: a GIN match still visits every matching row's heap page to read its id. The entries'
    rows carry what the listing shows and ranks (title, path, the ranking vector: about 670 bytes a row), so
    a term in half of 60,000 examples visited 5,070 pages (24 ms in PostgreSQL); rows of an id, a locale and
    a vector stored out of line fit 130 to a page (461 pages, 9 ms). Counting (coverage, facets) needs only
    the ids; the ranked listing keeps matching on the entries, where the ranking vector sits in the same row.
    The triggers, not the indexing code, keep the copy: every write path (ORM, bulk SQL, a manual UPDATE)
    goes through them, as the SQLite FTS5 table's triggers do (migration 0004).
    """

    entry_id = models.BigIntegerField(primary_key=True)
    locale = models.CharField(max_length=8)
    item_type = models.CharField(max_length=10)
    vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("search match row")

    def __str__(self) -> str:
        return f"search match {self.entry_id}"


class SearchChange(models.Model):
    """One write to the read model's entries, logged by database triggers (migration 0007): which entry, in
    which locale. Each worker's in-memory facet index (``search.facets``) applies the entries changed since
    its last look instead of reading the whole library again after every publish. ``EVERYTHING`` marks a
    truncated table: the indexes are built anew. The oldest rows are pruned (``search.indexing``)."""

    EVERYTHING = "*"

    entry_id = models.BigIntegerField()
    locale = models.CharField(max_length=8)

    class Meta:
        verbose_name = _("search change")

    def __str__(self) -> str:
        return f"change {self.pk}: entry {self.entry_id} ({self.locale})"


class SearchVersion(models.Model):
    """A counter bumped whenever published content changes.

    Cached search responses carry it in their key, so a change invalidates them all at once, no time-out.
    """

    value = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"search version {self.value}"


class IndexOutbox(models.Model):
    """A read-model entry the remote search engine has not received (it was down): the document to add,
    or to delete when the entry is gone. ``search.tasks.drain_outbox_task`` and
    ``rebuild_search --reconcile`` hand them over once the engine answers again."""

    entry_id = models.BigIntegerField(unique=True)
    queued_at = models.DateTimeField(auto_now=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("search index outbox item")

    def __str__(self) -> str:
        return f"search entry {self.entry_id} ({self.attempts} attempts)"
