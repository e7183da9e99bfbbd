"""Helpers for the library's tests that are not test data: valid submission payloads and files (PDFs the
attachment checks accept), submitting, e-mail verification and moderation actions."""

import csv
import io
import json
import re
import zipfile
from urllib.parse import unquote

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.helpers import client_for
from workflows.moderation import pending_task_state


def build_pdf(objects: dict[int, bytes], root: int = 1) -> bytes:
    """A PDF with a classic cross-reference table: ``objects`` maps numbers to their bodies."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, root, xref)
    return bytes(out)


# A real one-page PDF: attachments.py parses PDFs (active content), and refuses what it cannot read.
PDF = build_pdf(
    {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    }
)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


def ooxml(kind: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml" if kind == "docx" else "xl/workbook.xml", "<x/>")
    return buffer.getvalue()


def payload(**overrides) -> dict:
    data = {
        "kind": "practice",
        "title": "Multilingual migrant information desks",
        "summary": "Desks in three border towns give migrants accurate information in their languages.",
        "body": "<p>The desks are run by <b>municipalities</b> with civil society.</p>",
        "primary_objective": 3,
        "secondary_objectives": [15],
        "principles": ["people_centred"],
        "country": "GH",
        "main_implementer": "Ministry of the Interior",
        "partners": "Local NGOs",
        "actor_types": ["government", "civil_society"],
        "start_year": 2019,
        "end_year": 2022,
        "pilot_country": True,
        "outcomes": "12,000 people informed.",
        "lessons": "Start with the municipalities.",
        "sources": [{"title": "Evaluation report", "url": "https://example.org/report"}],
        "language": "en",
        "contact_name": "Ama Mensah",
        "contact_email": "ama@example.org",
        "contact_organisation": "Ministry of the Interior",
    }
    data.update(overrides)
    return data


def submit(client, data: dict | None = None, files=None, key: str | None = None, url="/api/v1/submissions/"):
    form = {"payload": json.dumps(data if data is not None else payload())}
    if files:
        form["attachments"] = files
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return client.post(url, form, **headers)


def pdf(name: str = "report.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def verification_key(address: str) -> str:
    for message in reversed(mail.outbox):
        if address in message.to:
            found = re.search(r"verify-email/([^\s/]+)", message.body)
            if found:
                return unquote(found.group(1))
    raise AssertionError(f"no verification e-mail to {address}")


def admin_action(user, page, action: str, comment: str = ""):
    """Take a moderation action the way a moderator does: the admin's workflow action view."""
    task_state = pending_task_state(page)
    assert task_state is not None, "the page is not waiting for moderation"
    client = client_for(user)
    return client.post(
        f"/admin/pages/workflow/action/{page.pk}/{action}/{task_state.pk}/",
        {"comment": comment},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )


# Rows of a bulk import file (examples_library/transfer/rows.py).
def row(i: int, **overrides) -> dict:
    data = {
        "external_id": f"https://practices.example.org/records/{i}",
        "title": f"Imported practice {i}",
        "summary": f"A practice migrated from another repository, number {i}.",
        "body": "<p>Run by <b>municipalities</b>.</p><script>alert(1)</script>",
        "kind": "practice",
        "language": "en",
        "country": "Ghana" if i % 2 else "GH",
        "region": "",
        "subregion": "",
        "objectives": "3; 15",
        "principles": "people_centred",
        "actor_types": "government",
        "main_implementer": "Ministry",
        "partners": "",
        "start_year": "2019",
        "end_year": "",
        "pilot_country": "yes",
        "outcomes": "",
        "lessons": "",
        "sources": "Evaluation | https://example.org/eval",
        "attachments": "",
    }
    data.update(overrides)
    return data


def csv_bytes(rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


OPEN_DATA_URL = "/api/v1/open-data/examples.{}?locale={}"
