"""The feedback register: meetings, e-mails and written comments recorded in the admin (or imported from a
Word document) beside the online comments, in triage and in the export."""

import csv
import io
import re
import zipfile
from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import strip_tags

from wagtail.models import Locale

import docx
import pytest
from openpyxl import load_workbook

from cms.accounts import roles
from examples_library.models import Country
from feedback import register
from feedback.models import Channel, DiscussionComment, RecordedFeedback, TriageStatus
from guidance_pages.models import StepPage
from tests.factories import UserFactory
from tests.feedback.factories import ChampionFactory
from tests.feedback.helpers import approve, post_comment, question
from tests.helpers import client_for

ADD = "/admin/feedback/recorded/new/"  # Wagtail's ModelViewSet names its add view "new"
IMPORT = "/admin/feedback/written-comments/import/"


def country(code: str) -> Country:
    return Country.objects.get(locale=Locale.get_default(), iso2__iexact=code)


def recorded_form(page, paragraph: str = "", **fields) -> dict[str, str]:
    """The admin's add form of recorded feedback as a browser posts it, about one page (and paragraph)."""
    return {
        "channel": "meeting",
        "received_on": "2021-02-26",
        "country": "",
        "organisation": "",
        "author": "",
        "on_behalf_of": "",
        "language": "en",
        "discussion": "",
        "question": "",
        "text": "",
        "attachment": "",
        "references-TOTAL_FORMS": "1",
        "references-INITIAL_FORMS": "0",
        "references-MIN_NUM_FORMS": "0",
        "references-MAX_NUM_FORMS": "1000",
        "references-0-page": str(page.pk),
        "references-0-paragraph": paragraph,
        "references-0-ORDER": "1",
        **fields,
    }


def paragraph_text(page, index: int) -> str:
    """The text of the page's ``index``-th body block as readers read it (the demo's blocks are rich text or a
    callout with a rich text body)."""
    value = page.body[index].value
    source = value["body"].source if page.body[index].block_type == "callout" else value.source
    return strip_tags(source)


@pytest.fixture
def recorded(discussion, six_steps, editor):
    """A meeting note and an e-mail recorded through the admin, and an approved online comment."""
    client = client_for(editor)
    meeting = client.post(
        ADD,
        recorded_form(
            six_steps,
            "C3.2",
            channel="meeting",
            country=str(country("MX").pk),
            author="Technical meeting with Champions",
            on_behalf_of="Government of Mexico",
            discussion=str(discussion.pk),
            question=str(question(discussion).pk),
            text="Step 2 should name who convenes.",
        ),
    )
    assert meeting.status_code == 302, meeting.content.decode()[:3000]
    email = client.post(
        ADD,
        recorded_form(
            six_steps,
            channel="email",
            received_on="2021-03-10",
            organisation="IOM",
            author="Jane Roe",
            text="Please add a glossary.",
        ),
    )
    assert email.status_code == 302
    comment = approve(
        post_comment(ChampionFactory(country="FR"), discussion, six_steps, body="Online remark")
    )
    return {
        "meeting": RecordedFeedback.objects.get(text__startswith="Step 2"),
        "email": RecordedFeedback.objects.get(text__startswith="Please add"),
        "comment": comment,
    }


def test_recorded_feedback_keeps_where_it_came_from(recorded, six_steps, editor):
    meeting = recorded["meeting"]
    assert meeting.channel == Channel.MEETING and meeting.recorded_by == editor
    assert meeting.country.iso2.upper() == "MX" and meeting.on_behalf_of == "Government of Mexico"
    reference = meeting.references.get()
    assert (reference.page_id, reference.block_id) == (six_steps.pk, six_steps.body[1].id)


def test_meeting_and_email_appear_in_triage_beside_online_comments(recorded, discussion, editor):
    screen = client_for(editor).get("/admin/discussions/triage/", {"discussion": discussion.pk})
    html = screen.content.decode()
    assert screen.status_code == 200
    assert (
        f'id="recorded-{recorded["meeting"].pk}"' in html and f'id="recorded-{recorded["email"].pk}"' in html
    )
    assert f'id="comment-{recorded["comment"].pk}"' in html
    assert f'action="/admin/discussions/triage/recorded/{recorded["meeting"].pk}/"' in html
    for text in ("Step 2 should name who convenes.", "Please add a glossary.", "Online remark"):
        assert text in html
    for channel in ("Meeting", "E-mail", "Online discussion"):
        assert f'<span class="w-status w-status--label channel">{channel}</span>' in html
    counts = re.search(r'<p id="channel-counts"[^>]*>(.*?)</p>', html, re.S).group(1)
    online = DiscussionComment.objects.filter(
        discussion__translation_key=discussion.translation_key, moderation_state="approved", level=0
    ).count()
    assert (
        " ".join(counts.split()) == f"Feedback by channel: Online discussion {online} · Meeting 1 · E-mail 1"
    )


def test_triage_filters_recorded_feedback_like_comments(recorded, discussion, editor):
    recorded["email"].status = TriageStatus.UNDER_CONSIDERATION
    recorded["email"].save()
    screen = client_for(editor).get(
        "/admin/discussions/triage/", {"discussion": discussion.pk, "status": "under_consideration"}
    )
    html = screen.content.decode()
    assert f'id="recorded-{recorded["email"].pk}"' in html
    assert f'id="recorded-{recorded["meeting"].pk}"' not in html


def test_recorded_feedback_is_triaged_like_a_comment(recorded, six_steps, editor):
    revision = six_steps.save_revision(user=editor)
    item = recorded["email"]
    response = client_for(editor).post(
        f"/admin/discussions/triage/recorded/{item.pk}/",
        {"status": "addressed", "response": "Glossary added", "revision": str(revision.pk)},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.editor_response, item.addressed_revision_id) == (
        TriageStatus.ADDRESSED,
        "Glossary added",
        revision.pk,
    )


def test_a_revision_of_another_page_is_refused(recorded, booklet, editor):
    item = recorded["email"]
    revision = booklet.save_revision(user=editor)
    client = client_for(editor)
    response = client.post(
        f"/admin/discussions/triage/recorded/{item.pk}/",
        {"status": "addressed", "revision": str(revision.pk)},
        follow=True,
    )
    assert "not a revision of a page this feedback concerns" in response.content.decode()
    item.refresh_from_db()
    assert item.status == TriageStatus.NEW


def exported_rows(rows: list[list[str]]) -> dict[str, dict[str, str]]:
    header, *body = rows
    return {row[header.index("body")]: dict(zip(header, row, strict=True)) for row in body}


def check_register_rows(rows, recorded, six_steps) -> None:
    by_body = exported_rows(rows)
    meeting = by_body["Step 2 should name who convenes."]
    assert meeting["channel"] == "Meeting"
    assert meeting["paragraph"] == f"{six_steps.title}, ¶ C3.2"
    assert meeting["block"] == six_steps.body[1].id
    assert meeting["country"] == "MX" and meeting["date"] == "2021-02-26"
    assert meeting["on behalf of"] == "Government of Mexico"
    assert meeting["recorded feedback"] == str(recorded["meeting"].pk) and meeting["comment"] == ""
    email = by_body["Please add a glossary."]
    assert (email["channel"], email["organisation"], email["paragraph"]) == ("E-mail", "IOM", six_steps.title)
    assert by_body["Online remark"]["channel"] == "Online discussion"


def test_csv_export_has_every_channel(recorded, discussion, six_steps, editor):
    response = client_for(editor).get(
        "/admin/discussions/triage/", {"discussion": discussion.pk, "export": "csv"}
    )
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    check_register_rows(rows, recorded, six_steps)


def test_xlsx_export_has_every_channel(recorded, discussion, six_steps, editor):
    response = client_for(editor).get(
        "/admin/discussions/triage/", {"discussion": discussion.pk, "export": "xlsx"}
    )
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    rows = [["" if cell is None else str(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
    check_register_rows(rows, recorded, six_steps)


@pytest.mark.parametrize(
    ("role", "may"),
    [(roles.EDITORS, True), (roles.MODERATORS, True), (roles.CHAMPIONS, False), (roles.STAKEHOLDERS, False)],
)
def test_who_may_record_feedback(role, may, six_steps):
    client = client_for(UserFactory(role=role))
    before = RecordedFeedback.objects.count()
    form = client.get(ADD)
    posted = client.post(ADD, recorded_form(six_steps, organisation="IOM", text="Noted at the meeting"))
    upload = client.get(IMPORT)
    assert (form.status_code == 200) is may
    assert (RecordedFeedback.objects.count() == before + 1) is may
    assert (upload.status_code == 200) is may
    if not may:
        assert posted.status_code in (302, 403) and upload.status_code in (302, 403)


def test_an_unknown_paragraph_is_a_form_error(six_steps, editor):
    response = client_for(editor).post(ADD, recorded_form(six_steps, "C3.99", organisation="IOM", text="x"))
    assert response.status_code == 200
    assert f"{six_steps.title} has no paragraph C3.99." in response.content.decode()
    assert not RecordedFeedback.objects.exists()


def test_country_or_organisation_is_required(six_steps, editor):
    response = client_for(editor).post(ADD, recorded_form(six_steps, text="Anonymous?"))
    assert "Name the country or the organisation the feedback came from." in response.content.decode()
    assert not RecordedFeedback.objects.exists()


# Written comments imported from a Word document


def word_file(build) -> io.BytesIO:
    document = docx.Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    buffer.name = "mexico-review.docx"
    return buffer


def upload(client, file, pages, **fields):
    return client.post(
        IMPORT,
        {
            "document": file,
            "pages": [str(page.pk) for page in pages],
            "country": str(country("MX").pk),
            "organisation": "",
            "on_behalf_of": "",
            "language": "en",
            "discussion": "",
            "received_on": "2021-04-16",
            **fields,
        },
    )


@pytest.fixture
def step_two(six_steps):
    return StepPage.objects.child_of(six_steps).get(slug="step-2")


def test_a_word_document_with_three_comments_becomes_three_items_on_their_paragraphs(
    six_steps, step_two, editor
):
    chapter_intro = paragraph_text(six_steps, 1)  # ¶ C3.2
    step_intro = paragraph_text(step_two, 1)  # ¶ S2.2
    note = paragraph_text(step_two, 0)  # the demo note: ¶ S2.1 and ¶ C3.1 (the first in the guide's order)

    def build(document):
        first = document.add_paragraph("Chapter 3. ")
        commented = first.add_run(chapter_intro.split(".")[0].replace(" ", "  ", 1))  # whitespace differs
        document.add_comment(commented, text="Say who leads this.", author="Mexico reviewer")
        step = document.add_paragraph(step_intro)
        remark = document.add_paragraph("Our remark on the above")
        # A range that runs into the next Word paragraph: matched by the paragraph it starts in.
        document.add_comment([step.runs[0], remark.runs[0]], text="Too vague for a ministry.", author="MX")
        callout = document.add_paragraph(note[:40])
        document.add_comment(callout.runs[0], text="Drop the demo note.", author="MX")

    report = upload(client_for(editor), word_file(build), [step_two, six_steps])
    assert report.status_code == 200, report.content.decode()[:2000]
    items = {item.text: item for item in RecordedFeedback.objects.prefetch_related("references")}
    assert len(items) == 3
    placed = {
        text: [(r.page_id, r.block_id, r.paragraph) for r in item.references.all()]
        for text, item in items.items()
    }
    assert placed == {
        "Say who leads this.": [(six_steps.pk, six_steps.body[1].id, "C3.2")],
        "Too vague for a ministry.": [(step_two.pk, step_two.body[1].id, "S2.2")],
        "Drop the demo note.": [(six_steps.pk, six_steps.body[0].id, "C3.1")],
    }
    first = items["Say who leads this."]
    assert (first.channel, first.country.iso2.upper(), first.author, first.source) == (
        Channel.WRITTEN,
        "MX",
        "Mexico reviewer",
        "mexico-review.docx",
    )
    assert str(first.received_on) == "2021-04-16"
    assert "could not be matched" not in report.content.decode()


def test_a_comment_that_matches_no_paragraph_is_reported(six_steps, editor):
    def build(document):
        intro = document.add_paragraph(paragraph_text(six_steps, 1))
        document.add_comment(intro.runs[0], text="Fine.", author="MX")
        stray = document.add_paragraph("A sentence the guidance never had.")
        document.add_comment(stray.runs[0], text="Where did this go?", author="MX")

    report = upload(client_for(editor), word_file(build), [six_steps])
    html = report.content.decode()
    assert "1 comment could not be matched to a paragraph" in html
    assert "A sentence the guidance never had." in html and "Where did this go?" in html
    stray = RecordedFeedback.objects.get(text="Where did this go?")
    # Kept, against the page as a whole, for an editor to place.
    assert [(r.page_id, r.block_id) for r in stray.references.all()] == [(six_steps.pk, "")]


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"%PDF-1.4 not a word file", "comments.docx"),
        (b"PK\x03\x04 broken zip", "comments.docx"),
        (b"just text", "comments.txt"),
    ],
)
def test_a_file_that_is_not_a_word_document_is_refused(content, name, six_steps, editor):
    file = io.BytesIO(content)
    file.name = name
    response = upload(client_for(editor), file, [six_steps])
    assert response.status_code == 400
    assert "This file is not a Word document (.docx)." in response.content.decode()
    assert not RecordedFeedback.objects.exists()


def test_a_damaged_word_document_is_refused_with_a_message(six_steps, editor):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:  # a .docx by its parts, with a truncated body
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document")
    buffer.seek(0)
    buffer.name = "damaged.docx"
    response = upload(client_for(editor), buffer, [six_steps])
    assert response.status_code == 400
    assert "The Word document could not be read (damaged?)." in response.content.decode()


def test_an_oversized_document_is_refused(six_steps, editor, monkeypatch):
    from feedback import written_comments

    monkeypatch.setattr(written_comments, "MAX_BYTES", 1000)
    file = word_file(lambda document: document.add_paragraph("x" * 5000))
    response = upload(client_for(editor), file, [six_steps])
    assert response.status_code == 400 and "larger than" in response.content.decode()


def test_a_document_without_comments_is_refused(six_steps, editor):
    response = upload(client_for(editor), word_file(lambda d: d.add_paragraph("No comments")), [six_steps])
    assert response.status_code == 400
    assert "The document has no comments to import." in response.content.decode()


def test_triage_and_export_query_counts_do_not_grow_with_recorded_feedback(discussion, six_steps, editor):
    """Recorded feedback's pages, paragraphs, country and question are read once for all of it."""
    step_two = StepPage.objects.child_of(six_steps).get(slug="step-2")

    def add(n: int) -> None:
        for i in range(n):
            register.record(
                editor,
                channel=Channel.EMAIL,
                text=f"E-mail {i}",
                received_on=date(2021, 3, 1),
                references=[(six_steps, six_steps.body[1].id), (step_two, "")],
                country=country("MX"),
                discussion=discussion,
                question=question(discussion),
            )

    def queries(params: dict) -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client_for(editor).get("/admin/discussions/triage/", params)
            assert response.status_code == 200
            if response.streaming:
                b"".join(response.streaming_content)
        return len(captured)

    screen, export = {"discussion": discussion.pk}, {"discussion": discussion.pk, "export": "csv"}
    add(1)
    queries(screen), queries(export)  # the first request fills per-process caches (site, locales)
    few = queries(screen), queries(export)
    add(6)
    assert (queries(screen), queries(export)) == few
