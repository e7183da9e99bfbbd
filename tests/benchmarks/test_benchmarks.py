"""The benchmarks live in their own top-level package, outside every installed app, and still run."""

import importlib.util
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from django.apps import apps
from django.core.management import get_commands

import pytest

from benchmarks import measuring
from benchmarks import seeding as harness
from examples_library.models import ExamplePage

ROOT = Path(__file__).resolve().parents[2]


def test_no_installed_app_ships_benchmark_code():
    assert importlib.util.find_spec("search.benchmark") is None
    commands = get_commands()
    assert "bench_search" not in commands
    assert "bench_tree" not in commands
    assert "bench_history" not in commands
    assert not apps.is_installed("benchmarks")


@pytest.mark.parametrize("script", ["bench_search", "bench_tree", "bench_history"])
def test_the_benchmarks_run_as_scripts(script):
    result = subprocess.run(
        [sys.executable, "-m", f"benchmarks.{script}", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert f"python -m benchmarks.{script}" in result.stdout


@pytest.mark.django_db
def test_the_seeded_examples_are_found_like_published_ones(client):
    english = ExamplePage.objects.live().filter(locale__language_code="en")
    before = english.count()
    harness.seed(40)
    harness.reindex()
    assert english.count() > before
    # one library in every language: the seeded examples of every language are listed in each
    every = ExamplePage.objects.live().count()
    for language in ("en", "fr"):
        listed = client.get(f"/api/v1/examples/?locale={language}").json()
        assert listed["count"] == every, language
    found = client.get(f"/api/v1/examples/?locale=en&q={harness.COMMON}").json()
    assert found["count"] > 0


class _Failing(BaseHTTPRequestHandler):
    """Answers 200 on /ok and 500 elsewhere, as a server whose cache table is missing would."""

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.send_response(200 if self.path == "/ok" else 500)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


def test_a_benchmark_of_error_pages_fails_instead_of_printing_figures():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Failing)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        port = server.server_address[1]
        latencies, errors = measuring.drive(port, ["/ok"], 1, 0.2)
        assert latencies and errors == 0
        measuring.fail_on_errors("ok", errors)
        latencies, errors = measuring.drive(port, ["/ok", "/broken"], 1, 0.2)
        assert errors > 0
        with pytest.raises(SystemExit, match="not 2xx"):
            measuring.fail_on_errors("broken", errors)
    finally:
        server.shutdown()
