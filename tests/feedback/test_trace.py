"""Feedback traced to the living document: the public diff of the revision that addressed a comment (triage
screen and export), the triage form's revision choices, and the feedback each edition addressed (API)."""

import csv
import io
from datetime import UTC, date, datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Locale
from wagtail.users.models import UserProfile

import pytest
from openpyxl import load_workbook

from cms.accounts import roles
from feedback import discussions
from feedback.models import TriageStatus
from feedback.trace import public_traces, revision_label
from guidance_pages.models import ChangeKind, ChangeNote, ChapterPage, Edition, EditionPage, EditionStatus
from tests.factories import UserFactory
from tests.feedback.factories import ChampionFactory
from tests.feedback.helpers import approve, post_comment, question
from tests.helpers import client_for

FRONTEND = "https://guidance.example.org"
TRIAGE = "/admin/discussions/triage/"


@pytest.fixture(autouse=True)
def frontend(settings):
    settings.FRONTEND_URL = FRONTEND + "/"


@pytest.fixture(autouse=True)
def no_editions(db):
    """Each test states the editions it needs (the demo may load its own)."""
    EditionPage.objects.all().delete()
    Edition.objects.all().delete()


def noted(revision, kind=ChangeKind.SUBSTANTIVE, note="Step 2 reworded", published_at=None):
    """The change note the publishing service stores with a revision (``published_at`` once live)."""
    ChangeNote.objects.update_or_create(
        revision=revision,
        defaults={
            "page_id": int(revision.object_id),
            "kind": kind,
            "note": note,
            "published_at": published_at,
        },
    )
    return revision


def edition(number, published_at, status=EditionStatus.PUBLISHED, locale="en", name=None, key=None):
    row = Edition(
        number=number,
        name=name or f"Edition {number}",
        date=published_at.date() if published_at else date(2026, 1, 1),
        status=status,
        published_at=published_at if status == EditionStatus.PUBLISHED else None,
        locale=Locale.objects.get(language_code=locale),
    )
    if key is not None:
        row.translation_key = key
    row.save()
    return row


def fix(number, revision):
    EditionPage.objects.create(edition_number=number, page_id=int(revision.object_id), revision=revision)


NOW = datetime(2026, 11, 1, tzinfo=UTC)


def diff_of(page_path: str, version) -> str:
    return f"{FRONTEND}{page_path}?to={version.pk}"


# The public trace of a revision


def test_a_substantive_or_first_publication_is_its_own_public_diff(six_steps):
    substantive = noted(six_steps.save_revision(), published_at=NOW)
    original = noted(six_steps.save_revision(), kind=ChangeKind.ORIGINAL, note="", published_at=NOW)
    traces = public_traces([substantive, original])
    assert traces[substantive.pk].url == diff_of("/en/diff/guide/six-step-process/", substantive)
    assert traces[substantive.pk].version_id == substantive.pk
    assert traces[original.pk].url == diff_of("/en/diff/guide/six-step-process/", original)


def test_a_minor_or_draft_revision_leads_to_the_first_public_version_after_it(six_steps):
    minor = noted(six_steps.save_revision(), kind=ChangeKind.MINOR, note="", published_at=NOW)
    draft = noted(six_steps.save_revision(), published_at=None)  # a note waiting in the workflow
    later = noted(six_steps.save_revision(), published_at=NOW)
    noted(six_steps.save_revision(), published_at=NOW)  # a second public version: not the first after
    traces = public_traces([minor, draft])
    for revision in (minor, draft):
        assert traces[revision.pk].version_id == later.pk
        assert traces[revision.pk].url == diff_of("/en/diff/guide/six-step-process/", later)
        assert "which published it" in traces[revision.pk].note


def test_a_version_only_an_edition_fixed_is_public_once_the_edition_is(six_steps):
    minor = noted(six_steps.save_revision(), kind=ChangeKind.MINOR, note="", published_at=NOW)
    fix(2, minor)
    edition(2, None, status=EditionStatus.DRAFT)
    assert not public_traces([minor])[minor.pk].published
    edition(1, NOW)
    fix(1, minor)
    assert public_traces([minor])[minor.pk].url == diff_of("/en/diff/guide/six-step-process/", minor)


def test_nothing_public_yet_says_so_and_earlier_or_other_pages_versions_do_not_count(six_steps, booklet):
    noted(six_steps.save_revision(), published_at=NOW)  # public, but before the revision
    draft = six_steps.save_revision()
    noted(booklet.save_revision(), published_at=NOW)  # public, but another page
    trace = public_traces([draft])[draft.pk]
    assert not trace.published and trace.url == "" and trace.note == "not yet published"


def test_a_french_page_links_to_the_french_diff(six_steps, french_discussion):
    french = six_steps.get_translation(french_discussion.locale)
    revision = noted(french.save_revision(), note="Étape 2 reformulée", published_at=NOW)
    assert public_traces([revision])[revision.pk].url == diff_of("/fr/diff/guide/six-step-process/", revision)


def test_tracing_costs_two_queries_however_many_revisions_and_pages(six_steps, booklet):
    few = [noted(six_steps.save_revision(), published_at=NOW)]
    many = [
        *few,
        six_steps.save_revision(),
        noted(booklet.save_revision(), kind=ChangeKind.MINOR, published_at=NOW),
        noted(booklet.save_revision(), published_at=NOW),
        noted(six_steps.get_parent().specific.save_revision(), published_at=NOW),
    ]
    for revisions in (few, many):
        with CaptureQueriesContext(connection) as queries:
            traces = public_traces(revisions)
        assert len(queries) == 2 and len(traces) == len(revisions)


def test_a_revision_is_labelled_with_its_date_and_change_note(six_steps):
    revision = noted(six_steps.save_revision(), note="Step 2 reworded", published_at=NOW)
    minor = noted(six_steps.save_revision(), kind=ChangeKind.MINOR, note="", published_at=NOW)
    waiting = noted(six_steps.save_revision(), note="Step 3 added")
    labels = [revision_label(ChangeNote.objects.get(revision=r).revision) for r in (revision, minor, waiting)]
    assert labels[0].startswith(f"#{revision.pk} · ") and labels[0].endswith(" · Step 2 reworded")
    assert labels[1].endswith(" · Minor change (typo, formatting; not listed publicly)")
    assert labels[2].endswith(" · Step 3 added (not published)")


# The triage screen and its export


@pytest.fixture
def addressed(discussion, six_steps, editor):
    """An approved comment marked addressed in a revision of its page."""
    comment = post_comment(ChampionFactory(), discussion, six_steps, body="Please reword step 2")
    approve(comment)

    def address(revision):
        discussions.triage(editor, comment, TriageStatus.ADDRESSED, "Reworded", revision.pk)
        return comment

    return address


def triage_screen(editor, discussion) -> str:
    response = client_for(editor).get(TRIAGE, {"discussion": discussion.pk})
    assert response.status_code == 200
    return response.content.decode()


def test_the_triage_screen_links_the_addressing_revision_to_its_public_diff(
    addressed, discussion, six_steps, editor
):
    revision = noted(six_steps.save_revision(), published_at=NOW)
    comment = addressed(revision)
    screen = triage_screen(editor, discussion)
    url = diff_of("/en/diff/guide/six-step-process/", revision).replace("&", "&amp;")
    assert f'href="{url}"' in screen
    assert f"Addressed in revision {revision.pk}:" in screen
    comment.addressed_revision = six_steps.save_revision()  # a newer draft: not public yet
    comment.save()
    assert "not yet published" in triage_screen(editor, discussion)


def test_the_triage_screen_speaks_the_editors_language(addressed, discussion, six_steps):
    addressed(six_steps.save_revision())
    editor = UserFactory(role=roles.EDITORS)
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "fr"
    profile.save()
    screen = triage_screen(editor, discussion)
    assert "pas encore publiée" in screen


def export(editor, discussion, fmt: str):
    response = client_for(editor).get(TRIAGE, {"discussion": discussion.pk, "export": fmt})
    assert response.status_code == 200
    return response


def test_the_export_has_the_public_diff_of_the_addressing_revision(addressed, discussion, six_steps, editor):
    minor = noted(six_steps.save_revision(), kind=ChangeKind.MINOR, note="", published_at=NOW)
    comment = addressed(minor)
    approve(post_comment(ChampionFactory(), discussion, six_steps, body="Not addressed"))
    carrying = noted(six_steps.save_revision(), published_at=NOW)
    rows = list(csv.DictReader(io.StringIO(export(editor, discussion, "csv").getvalue().decode("utf-8-sig"))))
    row = next(r for r in rows if r["comment"] == str(comment.pk))
    assert row["addressed revision"] == str(minor.pk)
    assert row["public diff"] == diff_of("/en/diff/guide/six-step-process/", carrying)
    assert len(rows) == 2 and {r["public diff"] for r in rows if r["comment"] != str(comment.pk)} == {""}
    sheet = load_workbook(io.BytesIO(export(editor, discussion, "xlsx").getvalue())).active
    values = list(sheet.iter_rows(values_only=True))
    column = values[0].index("public diff")
    assert [r[column] for r in values[1:] if r[0] == comment.pk] == [row["public diff"]]


def test_the_export_says_when_the_addressing_revision_is_not_public_yet(
    addressed, discussion, six_steps, editor
):
    comment = addressed(six_steps.save_revision())
    rows = list(csv.DictReader(io.StringIO(export(editor, discussion, "csv").getvalue().decode("utf-8-sig"))))
    assert next(r for r in rows if r["comment"] == str(comment.pk))["public diff"] == "not yet published"


def test_the_revision_choices_are_the_pages_own_newest_first_with_their_notes(
    addressed, discussion, six_steps, booklet, editor
):
    other_page = noted(booklet.save_revision(), note="Booklet note", published_at=NOW)
    older = noted(six_steps.save_revision(), note="Older note", published_at=NOW)
    newer = noted(six_steps.save_revision(), note="Newer note", published_at=NOW)
    comment = addressed(older)
    screen = triage_screen(editor, discussion)
    start = screen.index(f'id="revision-{comment.pk}"')
    select = screen[start : screen.index("</select>", start)]
    assert f'value="{other_page.pk}"' not in select and "Booklet note" not in select
    assert select.index(f'value="{newer.pk}"') < select.index(f'value="{older.pk}"')
    assert "Newer note" in select and f'value="{older.pk}" selected>#{older.pk} · ' in select


def test_the_addressing_revision_stays_a_choice_when_newer_revisions_push_it_out(
    addressed, discussion, six_steps, editor
):
    old = noted(six_steps.save_revision(), note="The fix", published_at=NOW)
    comment = addressed(old)
    for _ in range(21):
        six_steps.save_revision()
    screen = triage_screen(editor, discussion)
    start = screen.index(f'id="revision-{comment.pk}"')
    select = screen[start : screen.index("</select>", start)]
    assert f'value="{old.pk}" selected>' in select
    assert select.count("<option") == 1 + 20 + 1  # none, the 20 newest, the one chosen


def test_the_triage_screen_costs_the_same_queries_with_more_addressed_comments(
    discussion, six_steps, booklet, editor
):
    def add(n: int) -> None:
        for i in range(n):
            comment = post_comment(ChampionFactory(), discussion, six_steps, body=f"Feedback {i}")
            approve(comment)
            revision = noted(six_steps.save_revision(), published_at=NOW if i % 2 else None)
            discussions.triage(editor, comment, TriageStatus.ADDRESSED, "", revision.pk)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            triage_screen(editor, discussion)
        return len(captured)

    add(1)
    queries()  # per-process caches (content types)
    before = queries()
    add(4)
    assert queries() == before


# Feedback per edition (API)

T1 = datetime(2026, 1, 15, tzinfo=UTC)
T2 = datetime(2026, 6, 15, tzinfo=UTC)
BEFORE_T1 = datetime(2025, 12, 1, tzinfo=UTC)
BETWEEN = datetime(2026, 3, 1, tzinfo=UTC)
AFTER_T2 = datetime(2026, 9, 1, tzinfo=UTC)


@pytest.fixture
def editions(db):
    first = edition(1, T1, name="Advanced draft")
    second = edition(2, T2, name="First edition")
    edition(2, T2, locale="fr", name="Première édition", key=second.translation_key)
    return first, second


def feedback_of(client, number, **params):
    return client.get(f"/api/v1/editions/{number}/feedback/", params)


def addressed_comment(discussion, page, editor, revision, author=None, then=None, q=1):
    """An approved comment on ``page`` addressed in ``revision``; ``then`` hides or removes it afterwards."""
    author = author or ChampionFactory()
    comment = post_comment(author, discussion, page, body="Feedback", question_id=question(discussion, q).pk)
    approve(comment)
    discussions.triage(editor, comment, TriageStatus.ADDRESSED, "", revision.pk)
    if then:
        discussions.moderate(UserFactory(role=roles.MODERATORS), comment, then, "Spam")
    return comment


def test_an_edition_counts_the_feedback_addressed_since_the_previous_one(
    client, editions, discussion, french_discussion, six_steps, editor
):
    en = discussion
    fr_page = six_steps.get_translation(french_discussion.locale)
    mexico = ChampionFactory(country="MX")
    nowhere = ChampionFactory(country="")
    # edition 2: substantive and minor changes published between the editions; a revision first fixed by 2
    addressed_comment(en, six_steps, editor, noted(six_steps.save_revision(), published_at=BETWEEN), mexico)
    minor = noted(six_steps.save_revision(), kind=ChangeKind.MINOR, note="", published_at=BETWEEN)
    addressed_comment(en, six_steps, editor, minor, mexico, q=2)
    only_fixed = six_steps.save_revision()
    fix(2, only_fixed)
    addressed_comment(en, six_steps, editor, only_fixed, nowhere)
    french = noted(fr_page.save_revision(), note="Étape 2", published_at=BETWEEN)
    addressed_comment(french_discussion, fr_page, editor, french, nowhere)
    # not edition 2: before edition 1 (and fixed by both), after edition 2, never published, not public
    chapter = ChapterPage.objects.filter(locale=six_steps.locale).exclude(pk=six_steps.pk).first()
    early = noted(chapter.save_revision(), published_at=BEFORE_T1)
    fix(1, early)
    fix(2, early)
    addressed_comment(en, chapter, editor, early, mexico)
    addressed_comment(en, six_steps, editor, noted(six_steps.save_revision(), published_at=AFTER_T2), mexico)
    addressed_comment(en, six_steps, editor, six_steps.save_revision(), mexico)
    in_window = noted(six_steps.save_revision(), published_at=BETWEEN)
    addressed_comment(en, six_steps, editor, in_window, mexico, then="hide")
    addressed_comment(en, six_steps, editor, in_window, mexico, then="remove")

    data = feedback_of(client, 2, locale="fr").json()
    assert (data["number"], data["name"], data["locale"], data["fallback"]) == (
        2,
        "Première édition",
        "fr",
        False,
    )
    assert data["total"] == 4
    assert [(q["text"], q["count"]) for q in data["by_question"]] == [
        (question(french_discussion, 1).text, 3),
        (question(french_discussion, 2).text, 1),
    ]
    assert {(c["kind"], c["code"], c["name"], c["count"]) for c in data["by_country"]} == {
        ("country", "MX", "Mexique", 2),
        ("language", "en", "Anglais", 1),
        ("language", "fr", "Français", 1),
    }
    assert data["by_status"] == [{"status": "addressed", "label": "Pris en compte", "count": 4}]

    first = feedback_of(client, 1, locale="es").json()
    assert (first["name"], first["locale"], first["fallback"]) == ("Advanced draft", "en", True)
    assert first["total"] == 1 and first["by_country"][0]["name"] == "México"


def test_an_unknown_or_unpublished_edition_is_a_404_in_the_readers_language(client, editions):
    edition(3, None, status=EditionStatus.DRAFT)
    for number in (3, 99, 10**20):
        response = feedback_of(client, number, locale="fr")
        assert response.status_code == 404
        assert "édition" in response.json()["detail"]
    assert feedback_of(client, 2).json()["total"] == 0


def test_the_edition_feedback_costs_the_same_queries_for_more_feedback(
    client, editions, discussion, six_steps, editor
):
    def add(n: int) -> None:
        for i in range(n):
            revision = noted(six_steps.save_revision(), published_at=BETWEEN)
            addressed_comment(
                discussion, six_steps, editor, revision, ChampionFactory(country="MX" if i else "FR")
            )

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert feedback_of(client, 2, locale="fr").status_code == 200
        return len(captured)

    add(1)
    queries()
    before = queries()
    add(5)
    assert queries() == before
    assert feedback_of(client, 2).json()["total"] == 6
