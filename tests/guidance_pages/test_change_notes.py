"""Issue 13, change notes: publishing a guidance page asks for the kind of change, stores it with the
revision on every publish path, logs it, and a substantive English change outdates translations at once."""

from django.urls import reverse

from wagtail.models import PageLogEntry, Workflow
from wagtail.test.utils.form_data import querydict_from_html

import pytest

from cms.demo import DEMO_PASSWORD
from guidance_pages.history.notes import LOG_ACTION, mark_published, record_change
from guidance_pages.models import ChangeKind, ChangeNote, GuidePage, ObjectivePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    assert client.login(username="editor", password=DEMO_PASSWORD)
    return client


def page_in(model, code, **filters):
    return model.objects.get(locale__language_code=code, **filters)


def form_data(client, url: str):
    """What an editor's browser posts: the form as rendered. The block body is drawn by JavaScript, so
    it is posted empty."""
    form = client.get(url)
    assert form.status_code == 200
    data = querydict_from_html(form.content.decode(), form_id="page-edit-form")
    data.setdefault("body-count", "0")
    return data


def edit(client, page, action: str | None = "action-publish", **fields):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = form_data(client, url)
    for name, value in fields.items():
        data[name] = value
    if action:
        data[action] = "1"
    return client.post(url, data)


def note_of(page) -> ChangeNote:
    page.refresh_from_db()
    return ChangeNote.objects.get(revision_id=page.latest_revision_id)


def test_publishing_without_a_kind_of_change_is_refused_with_a_message(editor_client):
    guide = page_in(GuidePage, "en")
    before = guide.latest_revision_id
    response = edit(editor_client, guide, summary="Changed.")
    assert response.status_code == 200
    assert "Say what kind of change this is" in response.content.decode()
    guide.refresh_from_db()
    assert guide.latest_revision_id == before


def test_a_substantive_change_needs_a_note(editor_client):
    guide = page_in(GuidePage, "en")
    response = edit(editor_client, guide, summary="Changed.", change_kind="substantive", change_note=" ")
    assert response.status_code == 200
    assert "A substantive change needs a change note" in response.content.decode()


def test_a_draft_save_may_leave_the_kind_empty(editor_client):
    guide = page_in(GuidePage, "en")
    response = edit(editor_client, guide, action=None, summary="Draft only.")
    assert response.status_code == 302
    guide.refresh_from_db()
    assert not ChangeNote.objects.filter(revision_id=guide.latest_revision_id).exists()


def test_a_substantive_publication_is_stored_logged_and_shown_in_the_history(editor_client):
    guide = page_in(GuidePage, "en")
    response = edit(
        editor_client,
        guide,
        summary="New summary.",
        change_kind="substantive",
        change_note="Step 3 rewritten.",
    )
    assert response.status_code == 302
    note = note_of(guide)
    assert (note.kind, note.note, note.page_id) == (ChangeKind.SUBSTANTIVE, "Step 3 rewritten.", guide.pk)
    assert note.published_at is not None
    assert guide.live_revision_id == note.revision_id
    assert PageLogEntry.objects.filter(page=guide, action=LOG_ACTION, revision_id=note.revision_id).exists()
    history = editor_client.get(reverse("wagtailadmin_pages:history", args=[guide.pk]))
    assert "Substantive change: Step 3 rewritten." in history.content.decode()


def test_a_minor_publication_has_no_note_and_no_log_entry(editor_client):
    guide = page_in(GuidePage, "en")
    response = edit(editor_client, guide, summary="Typo.", change_kind="minor", change_note="ignored")
    assert response.status_code == 302
    note = note_of(guide)
    assert (note.kind, note.note) == (ChangeKind.MINOR, "")
    assert note.published_at is not None
    assert not PageLogEntry.objects.filter(
        page=guide, action=LOG_ACTION, revision_id=note.revision_id
    ).exists()


def test_the_first_publication_is_the_original_and_needs_no_kind(editor_client):
    booklet = page_in(ObjectivePage, "en", objective__number=1).get_parent()
    url = reverse("wagtailadmin_pages:add", args=["guidance_pages", "objectivepage", booklet.pk])
    data = form_data(editor_client, url)
    data.update({"title": "A new objective page", "slug": "a-new-objective-page", "action-publish": "1"})
    data["objective"] = str(page_in(ObjectivePage, "en", objective__number=1).objective_id)
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    page = ObjectivePage.objects.get(slug="a-new-objective-page")
    assert note_of(page).kind == ChangeKind.ORIGINAL
    assert note_of(page).published_at is not None


def test_the_form_is_prefilled_from_the_unpublished_revision(editor_client):
    guide = page_in(GuidePage, "en")
    edit(editor_client, guide, action=None, change_kind="substantive", change_note="Carried over.")
    html = editor_client.get(reverse("wagtailadmin_pages:edit", args=[guide.pk])).content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    # A textarea's first newline is markup (browsers drop it; the parser here does not).
    assert (data.get("change_kind"), data.get("change_note").strip()) == ("substantive", "Carried over.")


def test_the_workflow_path_publishes_the_submitted_note(editor_client, django_user_model):
    guide = page_in(GuidePage, "en")
    assert guide.get_workflow() == Workflow.objects.get(name="Guidance revision")
    response = edit(
        editor_client,
        guide,
        action="action-submit",
        summary="Submitted summary.",
        change_kind="substantive",
        change_note="Reviewed wording.",
    )
    assert response.status_code == 302
    guide.refresh_from_db()
    submitted = guide.latest_revision_id
    assert ChangeNote.objects.get(pk=submitted).published_at is None
    task_state = guide.current_workflow_task_state
    approve = reverse("wagtailadmin_pages:workflow_action", args=[guide.pk, "approve", task_state.pk])
    assert editor_client.post(approve, {}).status_code in (200, 302)
    guide.refresh_from_db()
    assert guide.live_revision_id == submitted
    note = ChangeNote.objects.get(pk=submitted)
    assert (note.kind, note.note) == (ChangeKind.SUBSTANTIVE, "Reviewed wording.")
    assert note.published_at is not None


def test_a_script_publication_is_minor_and_the_first_one_original(booklet):
    guide = page_in(GuidePage, "en")
    guide.summary = "From a script."
    revision = guide.save_revision()
    revision.publish()
    assert ChangeNote.objects.get(pk=revision.pk).kind == ChangeKind.MINOR
    page = ObjectivePage(
        title="Scripted", slug="scripted", objective=booklet.get_children().first().specific.objective
    )
    booklet.add_child(instance=page)
    first = page.save_revision()
    first.publish()
    assert ChangeNote.objects.get(pk=first.pk).kind == ChangeKind.ORIGINAL


def test_a_note_recorded_after_publication_takes_effect(english):
    # An approver's own edit is published before Wagtail's after_edit_page hook hands the note over.
    guide = page_in(GuidePage, "en")
    revision = guide.save_revision()
    revision.publish()
    assert mark_published(revision).kind == ChangeKind.MINOR
    record_change(revision, ChangeKind.SUBSTANTIVE, "Late note.")
    assert ChangeNote.objects.get(pk=revision.pk).kind == ChangeKind.SUBSTANTIVE
    assert PageLogEntry.objects.filter(page=guide, action=LOG_ACTION, revision=revision).exists()
