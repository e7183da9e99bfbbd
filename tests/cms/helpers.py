"""Shared test code of the platform layer: a loopback stand-in for the frontend's purge endpoint, and what a
translator does to the demo's pages."""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlsplit

from wagtail_localize.models import StringSegment, StringTranslation, Translation

SECRET = "test-purge-secret"


@contextmanager
def purge_receiver(status: int = 204) -> Iterator[tuple[str, list[dict]]]:
    """A loopback stand-in for the Astro server's /_purge: records each request."""
    received: list[dict] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["content-length"]))
            received.append(
                {
                    "path": self.path,
                    "headers": {key.lower(): value for key, value in self.headers.items()},
                    "body": body,
                }
            )
            self.send_response(status)
            self.end_headers()

        def log_message(self, *args) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", received
    finally:
        server.shutdown()
        server.server_close()


def configure(settings, location: str, timeout: float = 2) -> None:
    settings.FRONTEND_URL = location
    settings.WAGTAILFRONTENDCACHE = {
        "frontend0": {
            "BACKEND": "cms.headless.frontend_cache.FrontendPurgeBackend",
            "LOCATION": location,
            "SECRET": SECRET,
            "TIMEOUT": timeout,
        }
    }


def page_in(model, code: str, **filters):
    return model.objects.get(locale__language_code=code, **filters)


def api(client, page) -> dict:
    response = client.get(f"/api/v2/pages/{page.pk}/")
    assert response.status_code == 200
    return response.json()


def translate_the_rest(page) -> None:
    """What a translator does with the demo's pages: translate the segments the demo left in English."""
    translation = Translation.objects.get(source__object_id=page.translation_key, target_locale=page.locale)
    segments = StringSegment.objects.filter(source=translation.source).select_related("string", "context")
    for segment in segments:
        StringTranslation.objects.get_or_create(
            translation_of=segment.string,
            context=segment.context,
            locale=page.locale,
            defaults={"data": f"[{page.locale.language_code}] {segment.string.data}"},
        )


def preview_token(client, page) -> dict[str, str]:
    """What the admin's "view draft" hands the frontend: the redirect's query string."""
    response = client.get(f"/admin/pages/{page.pk}/view_draft/")
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == "http://localhost:4321/preview/"
    query = parse_qs(location.query)
    return {"content_type": query["content_type"][0], "token": query["token"][0]}
