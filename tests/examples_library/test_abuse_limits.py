"""Issue 11, point 4: a per-account submission rate limit, and PDFs with active content refused by what they
are (names hex-escaped, objects hidden in object streams), checked with PDFs built here byte by byte."""

import json
import zlib

from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from examples_library import attachments
from examples_library.models import Submission
from tests.examples_library.helpers import build_pdf, payload, submit
from tests.factories import UserFactory
from tests.helpers import client_for

# --- PDFs built by hand ---


PAGES = {
    2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
}


def pdf_with_catalog(extra: bytes = b"", more: dict[int, bytes] | None = None) -> bytes:
    return build_pdf({1: b"<< /Type /Catalog /Pages 2 0 R " + extra + b" >>", **PAGES, **(more or {})})


def pdf_in_object_stream(catalog_extra: bytes, more: dict[int, bytes]) -> bytes:
    """PDF 1.5: the catalog and ``more`` live compressed inside an object stream, indexed by a cross-reference
    stream; nothing of them is visible in the file's bytes."""
    inner = {1: b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>", **PAGES, **more}
    numbers = sorted(inner)
    bodies, header, position = b"", b"", 0
    for number in numbers:
        header += b"%d %d " % (number, position)
        bodies += inner[number] + b" "
        position += len(inner[number]) + 1
    data = zlib.compress(header + bodies)
    stream_number = max(numbers) + 1
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    stream_offset = len(out)
    out += (
        b"%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n"
        % (stream_number, len(numbers), len(header), len(data))
        + data
        + b"\nendstream\nendobj\n"
    )
    xref_number = stream_number + 1
    xref_offset = len(out)
    rows = [b"\x00" + (0).to_bytes(4, "big") + (65535).to_bytes(2, "big")]
    for number in range(1, xref_number + 1):
        if number in inner:
            rows.append(b"\x02" + stream_number.to_bytes(4, "big") + numbers.index(number).to_bytes(2, "big"))
        elif number == stream_number:
            rows.append(b"\x01" + stream_offset.to_bytes(4, "big") + (0).to_bytes(2, "big"))
        else:
            rows.append(b"\x01" + xref_offset.to_bytes(4, "big") + (0).to_bytes(2, "big"))
    table = b"".join(rows)
    out += (
        b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n"
        % (xref_number, xref_number + 1, len(table))
        + table
        + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref_offset
    )
    return bytes(out)


JS_ACTION = {4: b"<< /Type /Action /S /JavaScript /JS (app.alert\\(1\\)) >>"}

ACTIVE = {
    "open action with JavaScript": pdf_with_catalog(b"/OpenAction 4 0 R", JS_ACTION),
    "hex-escaped names": pdf_with_catalog(b"/OpenAction << /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>"),
    "document JavaScript name tree": pdf_with_catalog(
        b"/Names << /JavaScript << /Names [(x) 4 0 R] >> >>", JS_ACTION
    ),
    "page additional action launching a program": build_pdf(
        {
            1: b"<< /Type /Catalog /Pages 2 0 R >>",
            2: PAGES[2],
            3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] "
            b"/A#41 << /O << /S /Launch /F (calc.exe) >> >> >>",
        }
    ),
    "embedded file": pdf_with_catalog(
        b"/Names << /EmbeddedFiles << /Names "
        b"[(a.exe) << /Type /Filespec /F (a.exe) /EF << /F 4 0 R >> >>] >> >>",
        {4: b"<< /Type /EmbeddedFile /Length 2 >>\nstream\nMZ\nendstream"},
    ),
    "rich media annotation": build_pdf(
        {
            1: b"<< /Type /Catalog /Pages 2 0 R >>",
            2: PAGES[2],
            3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Annots [4 0 R] >>",
            4: b"<< /Type /Annot /Subtype /RichMedia /Rect [0 0 10 10] >>",
        }
    ),
    "JavaScript hidden in an object stream": pdf_in_object_stream(b"/OpenAction 4 0 R", JS_ACTION),
}


@pytest.mark.parametrize("name", list(ACTIVE))
def test_pdfs_with_active_content_are_found(name):
    content = ACTIVE[name]
    assert attachments.detect(content) == "pdf"
    assert attachments.pdf_active_content(content), name


@pytest.mark.parametrize(
    "content",
    [
        pdf_with_catalog(),
        pdf_with_catalog(b"/OpenAction [3 0 R /Fit]"),  # opens at page 1: what most PDFs do
        pdf_in_object_stream(b"/OpenAction << /S /GoTo /D [3 0 R /Fit] >>", {}),
    ],
)
def test_plain_pdfs_are_accepted(content):
    assert attachments.pdf_active_content(content) is None
    [checked] = attachments.check([SimpleUploadedFile("report.pdf", content, "application/pdf")])
    assert checked.extension == "pdf"


def test_the_hidden_javascript_is_really_not_in_the_bytes():
    # the object-stream case would slip past a byte search
    assert b"JavaScript" not in ACTIVE["JavaScript hidden in an object stream"]
    assert b"JavaScript" not in ACTIVE["hex-escaped names"]


def test_a_pdf_with_javascript_is_refused_by_the_api_with_a_422_in_the_readers_language(db):
    contributor = client_for(UserFactory(role="Stakeholders"))
    upload = SimpleUploadedFile("rapport.pdf", ACTIVE["hex-escaped names"], "application/pdf")
    response = contributor.post(
        "/api/v1/submissions/",
        {"payload": json.dumps(payload()), "attachments": [upload]},
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert response.status_code == 422, response.content
    message = response.json()["errors"][0]["msg"]
    assert "rapport.pdf" in message and "JavaScript" in message
    assert message.startswith("rapport.pdf contient"), message
    assert Submission.objects.count() == 0


def test_an_unreadable_pdf_is_refused():
    with pytest.raises(attachments.AttachmentError, match="could not be read as a PDF"):
        attachments.check([SimpleUploadedFile("broken.pdf", b"%PDF-1.7\nnot really", "application/pdf")])


# --- submission rate limit ---


def test_submissions_are_rate_limited_per_account(db, settings):
    settings.SUBMISSIONS_PER_HOUR = 2
    cache.clear()  # user ids come back after other tests' rollbacks
    user = UserFactory(role="Stakeholders")
    client = client_for(user)
    assert submit(client).status_code == 201
    assert submit(client, key="same").status_code == 201
    assert submit(client, key="same").status_code == 200, "a replay is not a new submission"
    form = {"payload": json.dumps(payload())}
    refused = client.post("/api/v1/submissions/", form, HTTP_ACCEPT_LANGUAGE="es")
    assert refused.status_code == 429
    assert "2" in refused.json()["detail"] and refused.json()["detail"].startswith("Ha enviado")
    assert Submission.objects.filter(submitter=user).count() == 2
    # another account is not affected
    assert submit(client_for(UserFactory(role="Stakeholders"))).status_code == 201
