"""A backend for Wagtail's frontend cache machinery that purges the Astro server's own page cache.

Configured in ``WAGTAILFRONTENDCACHE`` (settings) when ``FRONTEND_PURGE_SECRET`` is set; one entry per
frontend node (``FRONTEND_PURGE_URLS``). The body is ``{"paths": [...]}``, signed with HMAC-SHA256 over
``<timestamp>.<body>`` in ``X-Purge-Timestamp`` / ``X-Purge-Signature``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from wagtail.contrib.frontend_cache.backends.base import BaseBackend

PURGE_PATH = "/_purge"


class PurgeFailed(Exception):
    """A purge backend could not deliver its purge (the frontend is down, answered an error, timed out)."""


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """HMAC-SHA256 over ``<timestamp>.<body>``, hex, as the Astro server checks it (src/lib/purge.ts)."""
    return hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()


class FrontendPurgeBackend(BaseBackend):
    def __init__(self, params: dict) -> None:
        super().__init__(params)
        self.location = params["LOCATION"].rstrip("/")
        self.secret = params["SECRET"]
        self.timeout = float(params.get("TIMEOUT", 3))

    def purge(self, url: str) -> None:
        self.purge_batch([url])

    def purge_batch(self, urls) -> None:
        paths = sorted({self._path(url) for url in urls})
        if not paths:
            return
        body = json.dumps({"paths": paths}).encode()
        timestamp = str(int(time.time()))
        request = urllib.request.Request(  # noqa: S310 (LOCATION is an http(s) URL from settings)
            self.location + PURGE_PATH,
            data=body,
            method="POST",
            headers={
                "content-type": "application/json",
                "x-purge-timestamp": timestamp,
                "x-purge-signature": signature(self.secret, timestamp, body),
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                response.read()
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise PurgeFailed(f"{self.location}{PURGE_PATH}: {error}") from error

    @staticmethod
    def _path(url: str) -> str:
        parts = urlsplit(url)
        return parts.path + (f"?{parts.query}" if parts.query else "")
