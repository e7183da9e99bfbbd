"""Helpers every app's tests use that are not test data: a client that behaves like a real request."""

import html as html_module
import re

from django.test import Client, TestCase


class CommittingClient(Client):
    """Runs on_commit callbacks (tasks, mail delivery) at the end of each request, as production would
    after the request's transaction commits. Tests otherwise run inside one uncommitted transaction."""

    def request(self, **request):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return super().request(**request)


def client_for(user=None) -> CommittingClient:
    client = CommittingClient(HTTP_HOST="localhost")
    if user is not None:
        client.force_login(user)
    return client


def heading(html: str) -> str:
    """The last item of the admin's breadcrumbs: the screen's visible heading in the slim header."""
    trail = re.search(r'<nav[^>]*aria-label="[^"]*"[^>]*>(.*?)</nav>', html, re.S)
    assert trail, "no breadcrumbs"
    items = re.findall(r"<li\b.*?</li>", trail.group(1), re.S)
    return html_module.unescape(" ".join(re.sub(r"<[^>]+>", " ", items[-1]).split()))
