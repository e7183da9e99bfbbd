"""The bulk import's fast path (examples_library/transfer/bulk.py) leaves what Wagtail's own create and
publish leave: a valid tree, one live revision, the audit log, Wagtail's search and reference indexes, the
search read model, the frontend purge; and a batch the database refuses loses no row."""

from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision

import pytest

from cms.accounts import roles
from examples_library import submissions
from examples_library.models import ExamplePage, ExamplesIndexPage, Submission, SubmissionStatus
from examples_library.schemas import SubmissionIn
from examples_library.transfer import bulk, importing
from examples_library.transfer.importing import CREATED, REFUSED, Importer
from search.indexing import objective_bit
from search.models import SearchEntry
from tests.examples_library.helpers import admin_action, csv_bytes, payload, row
from tests.factories import UserFactory
from tests.search.fake_engine import FakeEngine
from workflows.models import ScreeningTask, ThematicReviewTask
from workflows.moderation import current_state


@pytest.fixture
def editor(db):
    return UserFactory(role=roles.EDITORS, username="bulk-importer")


def one_by_one(editor, title: str) -> ExamplePage:
    """The reference: an example imported through Wagtail's own create and publish."""
    data = SubmissionIn.model_validate(payload(title=title, secondary_objectives=[15], principles=[]))
    page = submissions.import_new(editor, data, [], "https://reference.example.org/1", publish=True)
    return ExamplePage.objects.get(pk=page.pk)


def test_bulk_published_examples_are_what_wagtails_publish_leaves(
    editor, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reference = one_by_one(editor, "Reference practice")
        report = Importer(user=editor, publish=True).run(csv_bytes([row(i) for i in range(3)]), "a.csv")
    assert [r.outcome for r in report.rows] == [CREATED] * 3
    pages = [ExamplePage.objects.get(pk=r.page_id) for r in report.rows]
    index = ExamplesIndexPage.objects.get(locale__language_code="en")

    assert not any(Page.find_problems())  # paths, depths and child counts consistent
    assert index.get_children().count() == ExamplesIndexPage.objects.get(pk=index.pk).numchild
    for page in [reference, *pages]:
        assert page.live and not page.has_unpublished_changes and page.first_published_at
        assert page.url_path == f"{index.url_path}{page.slug}/"
        [revision] = Revision.objects.filter(object_id=str(page.pk), base_content_type__model="page")
        assert page.live_revision_id == page.latest_revision_id == revision.pk
        assert revision.as_object().title == page.title
        actions = set(PageLogEntry.objects.filter(page=page, user=editor).values_list("action", flat=True))
        assert {"wagtail.create", "wagtail.publish"} <= actions
        publish = PageLogEntry.objects.get(page=page, action="wagtail.publish")
        assert publish.revision_id == revision.pk and publish.content_changed
    bulk_page = pages[1]
    assert [o.number for o in bulk_page.secondary_objectives.all()] == [15]
    assert [p.key for p in bulk_page.principles.all()] == ["people_centred"]
    assert [a.key for a in bulk_page.actor_types.all()] == ["government"]
    as_revised = bulk_page.get_latest_revision_as_object()
    assert [o.number for o in as_revised.secondary_objectives.all()] == [15]

    # Wagtail's reference index: the same kinds of references as the page Wagtail created itself.
    def references(page):
        found = ReferenceIndex.get_references_for_object(page)
        return sorted(found.values_list("to_content_type", flat=True))

    assert references(bulk_page) == references(reference) != []
    # Wagtail's own search index (stock API v2 search) and the read model the site searches.
    assert bulk_page in ExamplePage.objects.live().search("Imported practice 1")
    entry = SearchEntry.objects.get(page_id=bulk_page.pk)
    assert entry.objectives == objective_bit(3) | objective_bit(15) and entry.country == "GH"
    # The public API serves it.
    answer = client.get("/api/v2/pages/", {"type": "examples_library.ExamplePage", "slug": bulk_page.slug})
    assert answer.status_code == 200 and answer.json()["meta"]["total_count"] == 1


def test_bulk_path_purges_the_library_once_per_batch(editor, settings, monkeypatch):
    settings.WAGTAILFRONTENDCACHE = {"default": {"BACKEND": "cms.headless.purge.FrontendPurgeBackend"}}
    purged = []
    monkeypatch.setattr(bulk.freshness, "schedule_purge", lambda paths: purged.append(paths))
    Importer(user=editor, publish=True).run(csv_bytes([row(i) for i in range(3)]), "a.csv")
    [paths] = purged
    assert any("examples" in path for path in paths)


def test_a_batch_the_database_refuses_is_written_one_by_one(editor, monkeypatch):
    def refuse(*args, **kwargs):
        raise IntegrityError("simulated")

    monkeypatch.setattr(bulk, "publish_new", refuse)
    report = Importer(user=editor, publish=True).run(csv_bytes([row(i) for i in range(3)]), "a.csv")
    assert [r.outcome for r in report.rows] == [CREATED] * 3
    assert all(ExamplePage.objects.get(pk=r.page_id).live for r in report.rows)


def test_rows_the_database_would_refuse_are_refused_before_the_batch(editor):
    long_id = "https://practices.example.org/" + "x" * 2010  # a valid URL, longer than the column
    rows = [row(1), row(2, title="<b></b><i></i>"), row(3), row(4, external_id=long_id)]
    report = Importer(user=editor, publish=True).run(csv_bytes(rows), "a.csv")
    assert [r.outcome for r in report.rows] == [CREATED, REFUSED, CREATED, REFUSED]
    assert report.rows[1].errors[0][0] == "title"
    assert report.rows[3].errors == [("external_id", "Too long: at most 2000 characters.")]


@pytest.mark.parametrize("publish", [True, False], ids=["published", "drafts"])
def test_queries_grow_by_a_few_per_row_not_a_hundred(editor, monkeypatch, publish):
    monkeypatch.setattr(importing, "BATCH", 1000)

    def queries(first: int, count: int) -> int:
        content = csv_bytes([row(i) for i in range(first, first + count)])
        with CaptureQueriesContext(connection) as captured:
            report = Importer(user=editor, publish=publish).run(content, "a.csv")
        assert report.counts()[CREATED] == count
        return len(captured)

    queries(0, 5)  # warm caches (content types, locales)
    small, large = queries(100, 10), queries(200, 40)
    # Wagtail's own path costs about 100 queries a row; what remains per row is the reference index.
    assert (large - small) / 30 <= 6, (small, large)


def test_bulk_drafts_enter_moderation_as_one_by_one_drafts_do(
    editor, moderator, django_capture_on_commit_callbacks
):
    data = SubmissionIn.model_validate(payload(title="Reference draft"))
    with django_capture_on_commit_callbacks(execute=True):
        reference = submissions.import_new(editor, data, [], "https://reference.example.org/2", publish=False)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        report = Importer(user=editor).run(csv_bytes([row(i) for i in range(3)]), "a.csv")
    assert [r.outcome for r in report.rows] == [CREATED] * 3
    pages = [ExamplePage.objects.get(pk=r.page_id) for r in report.rows]
    assert not any(Page.find_problems())
    for page in [ExamplePage.objects.get(pk=reference.pk), *pages]:
        assert not page.live and page.has_unpublished_changes and page.live_revision_id is None
        assert not SearchEntry.objects.filter(page_id=page.pk).exists()
        submission = Submission.objects.get(page=page)
        assert submission.status == SubmissionStatus.SCREENING and submission.submitter == editor
        assert list(submission.events.values_list("message", flat=True)) == ["Imported."]
        state = current_state(page)
        assert state.requested_by == editor
        assert state.current_task_state.revision_id == page.latest_revision_id
        assert isinstance(state.current_task_state.task.specific, ScreeningTask)
        actions = set(PageLogEntry.objects.filter(page=page).values_list("action", flat=True))
        assert {"wagtail.create", "wagtail.workflow.start"} <= actions
    # One notice for the whole import, not one per example, to the screening moderator.
    notices = [m for m in mail.outbox if moderator.email in m.to]
    assert len(notices) == 1, [m.subject for m in notices]
    assert "3 imported examples await screening" in notices[0].subject

    # The bulk-started workflow is Wagtail's own: the moderator's admin action moves it on.
    answer = admin_action(moderator, pages[0], "approve")
    assert answer.status_code == 200
    state = current_state(pages[0])
    assert state is not None and isinstance(state.current_task_state.task.specific, ThematicReviewTask)


def test_a_page_wagtail_refuses_in_the_fallback_is_a_refused_row(editor, monkeypatch):
    def refuse_batch(*args, **kwargs):
        raise IntegrityError("simulated")

    def refuse_page(*args, **kwargs):
        raise ValidationError({"slug": ["This slug is already in use"]})

    monkeypatch.setattr(bulk, "publish_new", refuse_batch)
    monkeypatch.setattr(submissions, "import_new", refuse_page)
    report = Importer(user=editor, publish=True).run(csv_bytes([row(1)]), "a.csv")
    [result] = report.rows
    assert (result.outcome, result.errors) == (REFUSED, [("slug", "This slug is already in use")])


@pytest.mark.parametrize("down", [False, True], ids=["engine up", "engine down"])
def test_a_remote_engine_gets_the_batch_after_commit_and_its_outage_costs_nothing(
    editor, settings, monkeypatch, django_capture_on_commit_callbacks, down
):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "tests.search.fake_engine"},
        "database": {"BACKEND": "wagtail.search.backends.database"},
    }
    FakeEngine.documents, FakeEngine.down = {}, down
    fallback = []
    monkeypatch.setattr(Importer, "_one_by_one", lambda self, result, item: fallback.append(result))
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            report = Importer(user=editor, publish=True).run(csv_bytes([row(i) for i in range(3)]), "a.csv")
        assert FakeEngine.documents == {}, "no network call inside the batch's transaction"
        for callback in callbacks:
            callback()
    finally:
        FakeEngine.down = False
    assert [r.outcome for r in report.rows] == [CREATED] * 3 and fallback == []
    titles = sorted(FakeEngine.documents.values())
    assert titles == ([] if down else ["Imported practice 0", "Imported practice 1", "Imported practice 2"])
