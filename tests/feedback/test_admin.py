"""Admin screens of discussions: who may moderate, triage, export and edit discussions; the export's
contents cell by cell."""

import csv
import io
from datetime import UTC, datetime

from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
from openpyxl import load_workbook

from cms.accounts import roles
from feedback import discussions
from feedback.models import Discussion, DiscussionComment, ModerationMode, ModerationState, TriageStatus
from tests.factories import UserFactory
from tests.feedback.factories import ChampionFactory
from tests.feedback.helpers import approve, post_comment, question
from tests.helpers import client_for

ROLES = [
    "admin",
    roles.EDITORS,
    roles.MODERATORS,
    roles.THEMATIC_REVIEWERS,
    roles.CHAMPIONS,
    roles.STAKEHOLDERS,
]
# role -> (may moderate, may triage, may export, may edit discussions)
MAY = {
    "admin": (True, True, True, True),
    roles.EDITORS: (False, True, True, True),
    roles.MODERATORS: (True, False, False, False),
    roles.THEMATIC_REVIEWERS: (False, False, False, False),
    roles.CHAMPIONS: (False, False, False, False),
    roles.STAKEHOLDERS: (False, False, False, False),
}


def export_url(discussion, fmt: str) -> str:
    """The export of a discussion's feedback: Wagtail's export of the triage listing."""
    return f"/admin/discussions/triage/?discussion={discussion.pk}&export={fmt}"


def refused(response) -> bool:
    """Admin users without the permission get 403; people without admin access go to the login page."""
    return response.status_code == 403 or (
        response.status_code == 302 and "/admin/login/" in response["Location"]
    )


@pytest.mark.parametrize("role", ROLES)
def test_role_action_matrix(role, discussion, six_steps):
    may_moderate, may_triage, may_export, may_edit = MAY[role]
    comment = post_comment(ChampionFactory(), discussion, six_steps, body="Pending feedback")
    client = client_for(UserFactory(role=role))

    listing = client.get("/admin/discussions/moderation/")
    assert (listing.status_code == 200) is may_moderate and refused(listing) is not may_moderate
    acted = client.post(f"/admin/discussions/moderation/{comment.pk}/", {"action": "approve"})
    comment.refresh_from_db()
    assert (comment.moderation_state == ModerationState.APPROVED) is may_moderate
    assert refused(acted) is not may_moderate

    if not may_moderate:
        approve(comment)
    triage = client.get("/admin/discussions/triage/")
    assert (triage.status_code == 200) is may_triage and refused(triage) is not may_triage
    client.post(
        f"/admin/discussions/triage/{comment.pk}/", {"status": "under_consideration", "response": "ok"}
    )
    comment.refresh_from_db()
    assert (comment.status == TriageStatus.UNDER_CONSIDERATION) is may_triage

    exported = client.get(export_url(discussion, "csv"))
    assert (exported.status_code == 200) is may_export and refused(exported) is not may_export

    edit = client.get(f"/admin/feedback/discussion/edit/{discussion.pk}/")
    assert (edit.status_code == 200) is may_edit, edit.status_code


def test_moderation_queue_lists_pending_and_flagged(discussion, six_steps, moderator, settings):
    settings.DISCUSSION_FLAGS_TO_HIDE = 5
    pending = post_comment(ChampionFactory(), discussion, six_steps, body="Waiting <b>here</b>")
    flagged = approve(post_comment(ChampionFactory(), discussion, six_steps, body="Flagged one"))
    discussions.flag(UserFactory(role=roles.STAKEHOLDERS), flagged)
    quiet = approve(post_comment(ChampionFactory(), discussion, six_steps, body="Nothing wrong"))
    page = client_for(moderator).get("/admin/discussions/moderation/").content.decode()
    assert f'id="comment-{pending.pk}"' in page and f'id="comment-{flagged.pk}"' in page
    assert f'id="comment-{quiet.pk}"' not in page
    assert "Waiting &lt;b&gt;here&lt;/b&gt;" in page


def test_remove_without_reason_is_refused_in_the_admin(discussion, six_steps, moderator):
    comment = post_comment(ChampionFactory(), discussion, six_steps)
    client = client_for(moderator)
    client.post(f"/admin/discussions/moderation/{comment.pk}/", {"action": "remove"})
    comment.refresh_from_db()
    assert comment.moderation_state == ModerationState.PENDING
    client.post(f"/admin/discussions/moderation/{comment.pk}/", {"action": "remove", "reason": "Spam"})
    comment.refresh_from_db()
    assert comment.moderation_state == ModerationState.REMOVED and comment.moderation_reason == "Spam"


def test_editor_marks_addressed_with_a_revision_in_the_admin(discussion, six_steps, editor):
    comment = approve(post_comment(ChampionFactory(), discussion, six_steps))
    revision = six_steps.save_revision(user=editor)
    client = client_for(editor)
    screen = client.get("/admin/discussions/triage/", {"discussion": discussion.pk}).content.decode()
    assert f'<option value="{revision.pk}"' in screen
    client.post(
        f"/admin/discussions/triage/{comment.pk}/",
        {"status": "addressed", "response": "Done in step 2", "revision": str(revision.pk)},
    )
    comment.refresh_from_db()
    assert comment.status == TriageStatus.ADDRESSED and comment.addressed_revision_id == revision.pk


HEADER = [
    "comment",
    "reply to",
    "page",
    "question",
    "paragraph",
    "block",
    "country",
    "language",
    "status",
    "author",
    "date",
    "body",
    "editor's response",
    "addressed revision",
    "public diff",
    "channel",
    "recorded feedback",
    "organisation",
    "on behalf of",
]
ONLINE = ["Online discussion", "", "", ""]  # the columns the register added, for an online comment


@pytest.fixture
def feedback(discussion, french_discussion, six_steps, editor):
    discussion.moderation = french_discussion.moderation = ModerationMode.POST
    discussion.save()
    french_discussion.save()
    when = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    ana = ChampionFactory(country="MX", display_name="Ana")
    luc = ChampionFactory(country="FR", display_name="Luc")
    block = six_steps.body[1].id
    top = post_comment(ana, discussion, six_steps, body='=HYPERLINK("x")', block_id=block, now=when)
    reply = discussions.reply(luc, top, "Agreed,\nwith a comma", now=when)
    hidden = post_comment(luc, discussion, six_steps, body="Hidden text", now=when)
    discussions.moderate(UserFactory(role=roles.MODERATORS), hidden, "hide")
    french_page = six_steps.get_translation(french_discussion.locale)
    french = post_comment(luc, french_discussion, french_page, body="Très utile", now=when)
    revision = six_steps.save_revision(user=editor)
    discussions.triage(editor, top, TriageStatus.ADDRESSED, "Step 2 reworded", revision.pk)
    return {
        "top": top,
        "reply": reply,
        "french": french,
        "revision": revision,
        "block": block,
        "page": six_steps,
    }


def expected_rows(f, discussion, french_discussion):
    q1 = question(discussion).text
    para = "The six-step process, ¶ C3.2"  # the block's numbered paragraph, as the site shows it
    return [
        HEADER,
        [str(f["top"].pk), "", f["page"].title, q1, para, f["block"], "MX", "en", "Addressed", "Ana",
         "2026-03-02 09:30", "'=HYPERLINK(\"x\")", "Step 2 reworded", str(f["revision"].pk),
         "not yet published", *ONLINE],
        [str(f["reply"].pk), str(f["top"].pk), f["page"].title, q1, para, f["block"], "FR", "en", "", "Luc",
         "2026-03-02 09:30", "Agreed,\nwith a comma", "", "", "", *ONLINE],
        [str(f["french"].pk), "", f["french"].page.title, question(french_discussion).text,
         f["french"].page.title, "", "FR", "fr", "New", "Luc", "2026-03-02 09:30", "Très utile", "", "", "",
         *ONLINE],
    ]  # fmt: skip


def test_csv_export_cell_by_cell(feedback, discussion, french_discussion, editor):
    response = client_for(editor).get(export_url(french_discussion, "csv"))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert rows == expected_rows(feedback, discussion, french_discussion)


def test_xlsx_export_cell_by_cell(feedback, discussion, french_discussion, editor):
    response = client_for(editor).get(export_url(discussion, "xlsx"))
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    rows = [["" if cell is None else str(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
    assert rows == expected_rows(feedback, discussion, french_discussion)
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_unknown_export_format_is_a_400(discussion, editor):
    assert client_for(editor).get(f"/admin/discussions/{discussion.pk}/export/pdf/").status_code == 400


def test_removed_comments_are_not_exported(discussion, six_steps, editor):
    comment = post_comment(ChampionFactory(), discussion, six_steps, body="Removed words")
    discussions.moderate(UserFactory(role=roles.MODERATORS), comment, "remove", "Spam")
    content = client_for(editor).get(export_url(discussion, "csv")).getvalue().decode()
    assert "Removed words" not in content
    assert DiscussionComment.objects.filter(pk=comment.pk).exists()


NO_EXTENSIONS = {
    "extensions-TOTAL_FORMS": "0",
    "extensions-INITIAL_FORMS": "0",
    "extensions-MIN_NUM_FORMS": "0",
    "extensions-MAX_NUM_FORMS": "1000",
}


def test_editor_creates_a_discussion_with_pages_and_questions_in_the_admin(six_steps, editor):
    data = {
        "title": "Second round",
        "introduction": "Comment on the revised steps.",
        "opens_at": "2027-01-01 00:00",
        "closes_at": "2027-02-01 00:00",
        "audience": "registered",
        "moderation": "post",
        "discussion_pages-TOTAL_FORMS": "1",
        "discussion_pages-INITIAL_FORMS": "0",
        "discussion_pages-MIN_NUM_FORMS": "0",
        "discussion_pages-MAX_NUM_FORMS": "1000",
        "discussion_pages-0-page": str(six_steps.pk),
        "discussion_pages-0-ORDER": "1",
        "questions-TOTAL_FORMS": "1",
        "questions-INITIAL_FORMS": "0",
        "questions-MIN_NUM_FORMS": "0",
        "questions-MAX_NUM_FORMS": "1000",
        "questions-0-text": "Is step 2 clearer now?",
        "questions-0-posted_at": "2027-01-01 00:00",
        "questions-0-ORDER": "1",
        **NO_EXTENSIONS,
    }
    response = client_for(editor).post("/admin/feedback/discussion/create/?locale=en", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    created = Discussion.objects.get(title="Second round")
    assert created.locale.language_code == "en"
    assert [link.page_id for link in created.discussion_pages.all()] == [six_steps.pk]
    assert [q.text for q in created.questions.all()] == ["Is step 2 clearer now?"]
    data["closes_at"] = "2026-12-01 00:00"
    data["title"] = "Backwards"
    response = client_for(editor).post("/admin/feedback/discussion/create/?locale=en", data)
    assert response.status_code == 200 and not Discussion.objects.filter(title="Backwards").exists()


def test_the_export_keeps_its_file_name_and_the_old_address_leads_to_it(feedback, discussion, editor):
    client = client_for(editor)
    name = f"discussion-{discussion.translation_key}-feedback"
    for fmt in ("csv", "xlsx"):
        assert f'filename="{name}.{fmt}"' in client.get(export_url(discussion, fmt))["Content-Disposition"]
        old = client.get(f"/admin/discussions/{discussion.pk}/export/{fmt}/")
        assert old.status_code == 302 and old["Location"] == export_url(discussion, fmt)


def test_the_triage_screen_exports_the_discussion_it_shows(discussion, french_discussion, editor):
    shown = client_for(editor).get("/admin/discussions/triage/", {"discussion": french_discussion.pk})
    assert f"discussion={french_discussion.pk}&amp;export=csv" in shown.content.decode()
    default = client_for(editor).get("/admin/discussions/triage/").content.decode()
    latest = Discussion.objects.order_by("-opens_at", "pk").first()
    assert f"discussion={latest.pk}&amp;export=xlsx" in default


def test_only_those_who_may_export_see_the_export_buttons(discussion):
    triager = UserFactory(role=roles.MODERATORS)
    triager.user_permissions.add(Permission.objects.get(codename="triage_discussioncomment"))
    screen = client_for(triager).get("/admin/discussions/triage/", {"discussion": discussion.pk})
    assert screen.status_code == 200 and "export=csv" not in screen.content.decode()
    assert client_for(triager).get(export_url(discussion, "csv")).status_code == 403


@pytest.mark.parametrize(
    ("role", "shown"),
    [(roles.MODERATORS, {"comment-moderation"}), (roles.EDITORS, {"feedback-triage"}), ("admin", None)],
)
def test_each_screen_is_in_the_menu_of_who_may_use_it(db, role, shown):
    dashboard = client_for(UserFactory(role=role)).get("/admin/").content.decode()
    names = {"comment-moderation", "feedback-triage"}
    assert {name for name in names if f'"{name}"' in dashboard} == (shown or names)


def test_the_queue_is_searched_and_filtered(discussion, six_steps, moderator, settings):
    settings.DISCUSSION_FLAGS_TO_HIDE = 5
    pending = post_comment(ChampionFactory(), discussion, six_steps, body="Kumquat harvest")
    other = post_comment(ChampionFactory(), discussion, six_steps, body="Something else")
    flagged = approve(post_comment(ChampionFactory(), discussion, six_steps, body="Flagged kumquat"))
    discussions.flag(UserFactory(role=roles.STAKEHOLDERS), flagged)
    client = client_for(moderator)
    found = client.get("/admin/discussions/moderation/", {"q": "kumquat"}).content.decode()
    assert f'id="comment-{pending.pk}"' in found and f'id="comment-{flagged.pk}"' in found
    assert f'id="comment-{other.pk}"' not in found
    approved = client.get("/admin/discussions/moderation/", {"moderation_state": "approved"}).content.decode()
    assert f'id="comment-{flagged.pk}"' in approved and f'id="comment-{pending.pk}"' not in approved


def test_triage_is_filtered_by_status(discussion, six_steps, editor):
    new = approve(post_comment(ChampionFactory(), discussion, six_steps, body="Still new"))
    done = approve(post_comment(ChampionFactory(), discussion, six_steps, body="Looked at"))
    discussions.triage(editor, done, TriageStatus.UNDER_CONSIDERATION, "We are on it")
    screen = client_for(editor).get(
        "/admin/discussions/triage/", {"discussion": discussion.pk, "status": "under_consideration"}
    )
    assert f'id="comment-{done.pk}"' in screen.content.decode()
    assert f'id="comment-{new.pk}"' not in screen.content.decode()


def queries_of(client, url: str, params: dict) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    return len(queries)


def test_the_screens_query_counts_do_not_grow_with_the_comments(discussion, six_steps, moderator, editor):
    """The queue and triage read a page of comments, their flags, flaggers and revisions in a fixed
    number of queries, however many comments there are."""
    discussion.moderation = ModerationMode.POST
    discussion.save()

    def add_comments(n: int) -> None:
        for _ in range(n):
            comment = post_comment(ChampionFactory(), discussion, six_steps)
            discussions.flag(UserFactory(role=roles.STAKEHOLDERS), comment)

    screens = [
        (client_for(moderator), "/admin/discussions/moderation/", {}),
        (client_for(editor), "/admin/discussions/triage/", {"discussion": discussion.pk}),
    ]
    add_comments(1)
    [queries_of(*screen) for screen in screens]  # first requests fill per-process caches (content types)
    before = [queries_of(*screen) for screen in screens]
    add_comments(4)
    assert [queries_of(*screen) for screen in screens] == before
