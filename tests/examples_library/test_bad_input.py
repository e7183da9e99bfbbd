"""Hostile input: every payload gets a 4xx with a message, or is stored sanitized; never a 500."""

import json

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from examples_library.models import ExamplePage
from tests.examples_library.helpers import JPEG, PDF, PNG, ooxml, payload, submit
from tests.helpers import client_for
from workflows.moderation import REQUEST_CHANGES, moderate

XSS_BODIES = [
    "<script>alert(1)</script><p>x</p>",
    "<ScRiPt>alert(1)</sCrIpT><p>x</p>",
    '<img src=x onerror="alert(1)"><p>x</p>',
    '<p><a href="javascript:alert(1)">click</a></p>',
    '<p><a href=" JaVaScRiPt:alert(1)">click</a></p>',
    '<p><a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a></p>',
    '<svg onload="alert(1)"><p>x</p></svg>',
    '<iframe src="https://evil.example"></iframe><p>x</p>',
    "<style>body{display:none}</style><p>x</p>",
    '<p onclick="alert(1)" style="color:red">x</p>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<object data="evil.swf"></object><embed src="evil.swf"><p>x</p>',
    '<form action="https://evil.example"><input name=a></form><p>x</p>',
    "<p>x</p><!-- <script>alert(1)</script> -->",
    '<a href="https://ok.example" target="_blank" onmouseover="alert(1)">ok</a>',
]
FORBIDDEN_IN_STORAGE = [
    "<script",
    "onerror",
    "javascript:",
    "onload",
    "<iframe",
    "<style",
    "onclick",
    "<svg",
    "data:",
]


@pytest.mark.parametrize("body", XSS_BODIES)
def test_rich_text_is_sanitized_on_the_way_in(stakeholder, body):
    response = submit(client_for(stakeholder), payload(body=body))
    assert response.status_code == 201, response.content
    stored = ExamplePage.objects.get(pk=response.json()["page_id"]).get_latest_revision_as_object().body
    for bad in FORBIDDEN_IN_STORAGE:
        assert bad not in stored.lower(), (bad, stored)


@pytest.mark.parametrize(
    "title",
    [
        "<script>alert(1)</script>Desks",
        "<b>Desks</b>",
        "&lt;script&gt;alert(1)&lt;/script&gt;Desks",
        "Desks<img src=x>",
    ],
)
def test_markup_is_stripped_from_plain_text_fields(stakeholder, title):
    response = submit(
        client_for(stakeholder), payload(title=title, summary=f"{title} — a summary long enough.")
    )
    assert response.status_code == 201, response.content
    page = ExamplePage.objects.get(pk=response.json()["page_id"]).get_latest_revision_as_object()
    assert "<" not in page.title and "<" not in page.summary
    assert "Desks" in page.title


REJECTED = {
    "NUL in title": {"title": "Bad\x00title"},
    "NUL in body": {"body": "<p>a\x00b</p>"},
    "NUL in a source": {"sources": [{"title": "a\x00", "url": "https://example.org"}]},
    "NUL in country": {"country": "G\x00"},
    "1 MB title": {"title": "x" * 1_000_000},
    "overlong summary": {"summary": "s" * 1001},
    "overlong body": {"body": "<p>" + "b" * 20001 + "</p>"},
    "overlong partners": {"partners": "p" * 2001},
    "short title": {"title": "ab"},
    "empty title": {"title": "   "},
    "objective 0": {"primary_objective": 0},
    "objective 24": {"primary_objective": 24},
    "objective 99 secondary": {"secondary_objectives": [3, 99]},
    "objective -1": {"primary_objective": -1},
    "objective as a word": {"primary_objective": "three"},
    "objective as a float": {"primary_objective": 3.5},
    "objective missing": {"primary_objective": None},
    "title as a list": {"title": ["a", "b"]},
    "title as a number": {"title": 12345},
    "title as an object": {"title": {"$gt": ""}},
    "summary null": {"summary": None},
    "years as text": {"start_year": "last year"},
    "year 1800": {"start_year": 1800},
    "year 3000": {"end_year": 3000},
    "end before start": {"start_year": 2020, "end_year": 2010},
    "pilot maybe": {"pilot_country": "maybe"},
    "sources as text": {"sources": "https://example.org"},
    "secondary as object": {"secondary_objectives": {"a": 1}},
    "javascript source": {"sources": [{"title": "x", "url": "javascript:alert(1)"}]},
    "ftp source": {"sources": [{"title": "x", "url": "ftp://example.org/file"}]},
    "not a url": {"sources": [{"title": "x", "url": "not a url at all"}]},
    "bad contact e-mail": {"contact_email": "not-an-email"},
    "unknown language": {"language": "de"},
    "unknown kind": {"kind": "manifesto"},
    "unknown country": {"country": "ZZ"},
    "unknown principle": {"principles": ["nope"]},
    "unknown actor type": {"actor_types": ["pirates"]},
    "unknown region": {"region": "atlantis"},
    "SQL in a key": {"principles": ["x' OR '1'='1"]},
    "too many sources": {"sources": [{"title": "s", "url": "https://example.org"}] * 21},
}


@pytest.mark.parametrize("name", REJECTED)
def test_bad_fields_get_a_clear_422(stakeholder, name):
    response = submit(client_for(stakeholder), payload(**REJECTED[name]))
    assert response.status_code == 422, (name, response.content[:300])
    assert response.json()["detail"].startswith("Invalid input.")
    assert not ExamplePage.objects.filter(owner=stakeholder).exists()


RAW_PAYLOADS = {
    "not JSON": "{title: nope",
    "empty": "",
    "a list": "[1, 2, 3]",
    "a string": '"hello"',
    "lone surrogate": json.dumps(payload())[:-1] + ', "title": "bad \\ud800 title"}',
    "deep nesting": "[" * 5000 + "]" * 5000,
}


@pytest.mark.parametrize("name", RAW_PAYLOADS)
def test_malformed_payloads_get_a_4xx(stakeholder, name):
    response = client_for(stakeholder).post("/api/v1/submissions/", {"payload": RAW_PAYLOADS[name]})
    assert 400 <= response.status_code < 500, (name, response.status_code)


def test_missing_payload_gets_a_4xx(stakeholder):
    assert client_for(stakeholder).post("/api/v1/submissions/", {}).status_code == 422


def test_protected_fields_are_ignored(stakeholder, moderator):
    data = payload(
        live=True, owner=moderator.pk, status="published", id=1, page_id=1, locked=True, path="0001"
    )
    response = submit(client_for(stakeholder), data)
    assert response.status_code == 201
    assert response.json()["status"] == "screening"
    page = ExamplePage.objects.get(pk=response.json()["page_id"])
    assert not page.live and page.owner == stakeholder and not page.locked


def upload(name: str, content: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


BAD_FILES = {
    "HTML renamed .pdf": upload("report.pdf", b"<html><script>alert(1)</script></html>"),
    "SVG": upload(
        "chart.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "image/svg+xml"
    ),
    "SVG renamed .png": upload("chart.png", b"<svg onload=alert(1)>", "image/png"),
    "Windows program": upload("setup.pdf", b"MZ\x90\x00" + b"\x00" * 100),
    "plain zip": upload("data.docx", b"PK\x03\x04" + b"\x00" * 100),
    "empty file": upload("empty.pdf", b""),
    "GIF": upload("anim.gif", b"GIF89a" + b"\x00" * 20, "image/gif"),
    "shell script": upload("run.pdf", b"#!/bin/sh\nrm -rf /\n"),
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_files_are_checked_by_content(stakeholder, name):
    response = submit(client_for(stakeholder), files=[BAD_FILES[name]])
    assert response.status_code == 422, (name, response.content[:300])
    assert "attachments" in response.json()["detail"]
    assert not ExamplePage.objects.filter(owner=stakeholder).exists()


@pytest.mark.parametrize(
    "name, content, stored_as",
    [
        ("../../etc/passwd.pdf", PDF, "passwd.pdf"),
        ("..\\..\\windows\\win.ini.pdf", PDF, "win.ini.pdf"),
        ("photo.PNG", PNG, "photo.png"),
        ("scan.jpeg", JPEG, "scan.jpg"),
        ("report.exe", PDF, "report.pdf"),  # a real PDF with a wrong name is stored as what it is
        ("notes.docx", ooxml("docx"), "notes.docx"),
        ("budget.xlsx", ooxml("xlsx"), "budget.xlsx"),
        (".hidden", PDF, "attachment.pdf"),
        ("<script>.pdf", PDF, "script.pdf"),
    ],
)
def test_good_files_get_safe_names(stakeholder, name, content, stored_as):
    response = submit(client_for(stakeholder), files=[upload(name, content)])
    assert response.status_code == 201, response.content
    page = ExamplePage.objects.get(pk=response.json()["page_id"]).get_latest_revision_as_object()
    document = page.attachments.first().document
    assert document.filename.startswith(stored_as.split(".")[0])
    assert document.filename.endswith("." + stored_as.rsplit(".", 1)[1])
    assert "/" not in document.filename and ".." not in document.filename


def test_too_many_files(stakeholder):
    files = [upload(f"f{i}.pdf", PDF) for i in range(6)]
    response = submit(client_for(stakeholder), files=files)
    assert response.status_code == 422
    assert "At most 5" in response.json()["detail"]


def test_oversized_file(stakeholder, settings):
    big = upload("big.pdf", PDF + b"0" * (10 * 1024 * 1024))
    response = submit(client_for(stakeholder), files=[big])
    assert response.status_code == 422
    assert "larger than 10 MB" in response.json()["detail"]


@pytest.mark.parametrize(
    "content_type",
    [
        "multipart/form-data",
        "multipart/form-data; boundary=",
        "multipart/form-data; boundary=not-in-the-body",
    ],
)
def test_a_multipart_body_that_cannot_be_split_is_a_400(stakeholder, content_type):
    """What a relay gets when it rebuilds the body but keeps (or drops) the browser's boundary."""
    body = b'--other\r\nContent-Disposition: form-data; name="payload"\r\n\r\n{}\r\n--other--\r\n'
    response = client_for(stakeholder).post(
        "/api/v1/submissions/", body, content_type=content_type, HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert response.status_code in (400, 422), response.content[:300]
    assert response.json()["detail"]


@pytest.mark.parametrize(
    "summary", ["<script>alert(1)</script>", "<b></b><i> </i>", "&lt;style&gt;x&lt;/style&gt;"]
)
def test_a_summary_of_markup_only_is_a_422_on_create(stakeholder, summary):
    response = submit(client_for(stakeholder), payload(summary=summary))
    assert response.status_code == 422, response.content[:300]
    assert "summary" in response.json()["detail"]
    assert not ExamplePage.objects.filter(owner=stakeholder).exists()


def test_a_summary_of_markup_only_is_a_422_on_revise(stakeholder, moderator):
    client = client_for(stakeholder)
    created = submit(client).json()
    moderate(ExamplePage.objects.get(pk=created["page_id"]), moderator, REQUEST_CHANGES, "More, please.")
    url = f"/api/v1/submissions/{created['id']}/revise/"
    response = submit(client, payload(summary="<script>alert(1)</script>"), url=url)
    assert response.status_code == 422, response.content[:300]
    assert "summary" in response.json()["detail"]
    assert submit(client, payload(), url=url).status_code == 200  # nothing half-applied


@pytest.mark.parametrize(
    "field, value, limit",
    [
        ("primary_objective", 24, "up to 23"),
        ("primary_objective", 0, "from 1"),
        ("start_year", 3000, "up to"),
    ],
)
def test_limit_messages_quote_the_limit(stakeholder, field, value, limit):
    response = submit(client_for(stakeholder), payload(**{field: value}))
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert f"{field}: enter a number {limit}" in detail, detail
    assert "None" not in detail


def test_limit_messages_are_translated(stakeholder):
    client = client_for(stakeholder)
    response = client.post(
        "/api/v1/submissions/",
        {"payload": json.dumps(payload(primary_objective=24))},
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert response.status_code == 422
    assert "23" in response.json()["detail"] and "None" not in response.json()["detail"]
