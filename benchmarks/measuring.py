"""Search benchmark measurements: serve the seeded examples with the production server (gunicorn) on
loopback, drive it with concurrent clients and report latency percentiles, throughput and SQL queries.

Not part of the test suite: `make bench` runs it and prints the figures that go into docs/benchmarks.md.
"""

import http.client
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from benchmarks.seeding import COMMON, RARE
from search import facets
from search.indexing import bump_version, current_version
from search.models import SearchEntry


@dataclass
class Result:
    name: str
    clients: int
    p50: float
    p95: float
    rps: float
    queries: int | None


def numbers(text: str) -> list[int]:
    """A comma-separated command-line list of whole numbers: "1,4" -> [1, 4]."""
    return [int(item) for item in text.split(",")]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """The production server (gunicorn, 2 workers) on loopback."""

    def __init__(self, cache_seconds: int) -> None:
        self.port = free_port()
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_HSTS_SECONDS": "0",
            "DATABASE_URL": os.environ.get("DATABASE_URL", ""),
            "DATABASE_CONN_MAX_AGE": "600",
            "SEARCH_CACHE_SECONDS": str(cache_seconds),
            "LOG_LEVEL": "ERROR",
        }
        # Production shares its cache through the database (CACHE_URL=db://), but the benchmark's database
        # was migrated with development settings (a memory cache), so migrate created no cache table.
        subprocess.run(
            [sys.executable, "manage.py", "createcachetable", "-v0"],
            cwd=settings.BASE_DIR,
            env=env,
            check=True,
        )
        gunicorn = Path(sys.executable).parent / "gunicorn"
        self.process = subprocess.Popen(
            [
                str(gunicorn),
                "cms.wsgi:application",
                "-w",
                "2",
                "-b",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "error",
            ],
            cwd=settings.BASE_DIR,
            env=env,
        )
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


def drive(port: int, urls: list[str], clients: int, seconds: float) -> tuple[list[float], int]:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def worker(offset: int) -> None:
        nonlocal errors
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine, bad, i = [], 0, offset
        while time.perf_counter() < stop_at:
            url = urls[i % len(urls)]
            i += 1
            began = time.perf_counter()
            conn.request("GET", url, headers={"Host": "127.0.0.1"})
            response = conn.getresponse()
            response.read()
            mine.append(time.perf_counter() - began)
            bad += not 200 <= response.status < 300
        conn.close()
        with lock:
            latencies.extend(mine)
            errors += bad

    threads = [threading.Thread(target=worker, args=(n * 7,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors


def fail_on_errors(name: str, errors: int) -> None:
    """Figures of error pages are worthless (an uncached 500 is fast): any non-2xx answer ends the run."""
    if errors:
        raise SystemExit(f"{name}: {errors} answers were not 2xx; no figures printed for a failing server.")


def queries_for(url: str) -> int:
    """SQL queries of one uncached request, counted in-process, once the locale's facet index is built
    (its rebuild, after each change, is measured apart: ``facet_index_build``)."""
    with override_settings(SEARCH_CACHE_SECONDS=0):
        Client(HTTP_HOST="localhost").get(url)
        with CaptureQueriesContext(connection) as captured:
            Client(HTTP_HOST="localhost").get(url)
    return len(captured)


def first_after_publish(port: int, url: str, times: int = 10) -> list[float]:
    """Latency (s) of the first request after each of ``times`` changes to one published example's row, as
    a publish writes it (the read model's row and the version): the workers' facet indexes catch up on that
    request. Two requests follow each change, so that both workers have caught up before the next."""
    entry = SearchEntry.objects.filter(locale="en", item_type="example").order_by("pk").first()
    latencies = []
    for turn in range(times):
        SearchEntry.objects.filter(pk=entry.pk).update(pilot=entry.pilot != (turn % 2 == 0))
        bump_version()
        answers = [drive_once(port, url) for _worker in range(2)]
        latencies.append(answers[0])
    return latencies


def drive_once(port: int, url: str) -> float:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    began = time.perf_counter()
    conn.request("GET", url, headers={"Host": "127.0.0.1"})
    response = conn.getresponse()
    response.read()
    elapsed = time.perf_counter() - began
    conn.close()
    fail_on_errors(url, 0 if 200 <= response.status < 300 else 1)
    return elapsed


def facet_index_build(locale: str = "en") -> tuple[int, float, float]:
    """Rows, build time (ms, best of three) and size (MiB) of one locale's in-process facet index."""
    version = current_version()
    times = []
    for _ in range(3):
        began = time.perf_counter()
        index = facets.build(locale, version)
        times.append(time.perf_counter() - began)
    return index.size, min(times) * 1000, index.nbytes / 2**20


FLOOR = "/api/v1/health/"
FLOOR_NAME = "floor: bare JSON, same server and middleware"
SERVER = "gunicorn, 2 sync workers, production settings, CACHE_URL=db://"


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def floor_multiples(results: list[Result]) -> dict[tuple[str, int], float]:
    """Each result's p50 as a multiple of the floor's p50 at the same number of clients, in the same run."""
    floor = {r.clients: r.p50 for r in results if r.name == FLOOR_NAME}
    return {(r.name, r.clients): r.p50 / floor[r.clients] for r in results if floor.get(r.clients)}


def scenarios() -> dict[str, list[str]]:
    return {
        FLOOR_NAME: [FLOOR],
        "filter one objective + facets": [f"/api/v1/examples/?objective={n}" for n in range(1, 24)],
        "no filter, all facets": ["/api/v1/examples/"],
        "rare term + filters + facets": [
            f"/api/v1/examples/?q={RARE}&region=africa&kind={k}"
            for k in ("practice", "case_study", "lesson_learned")
        ],
        "common term, ranked, + facets": [f"/api/v1/examples/?q={COMMON}&page={p}" for p in range(1, 4)],
        "stock API v2 listing": [
            f"/api/v2/pages/?type=examples_library.ExamplePage&fields=title&offset={o}" for o in (0, 20, 40)
        ],
        "stock API v2 search (common term)": [
            f"/api/v2/pages/?type=examples_library.ExamplePage&search={COMMON}"
        ],
    }


def measure(clients_list: list[int], seconds: float) -> list[Result]:
    results = []
    server = Server(cache_seconds=0)
    try:
        for name, urls in scenarios().items():
            queries = queries_for(urls[0])
            fail_on_errors(name, drive(server.port, urls, 1, min(2.0, seconds))[1])  # warm-up
            for clients in clients_list:
                latencies, errors = drive(server.port, urls, clients, seconds)
                fail_on_errors(name, errors)
                results.append(
                    Result(
                        name,
                        clients,
                        _ms(latencies, 50),
                        _ms(latencies, 95),
                        len(latencies) / seconds,
                        queries,
                    )
                )
    finally:
        server.stop()
    server = Server(cache_seconds=86400)
    try:
        url = ["/api/v1/examples/?objective=5"]
        fail_on_errors("cached objective filter", drive(server.port, url, 1, 1.0)[1])
        for clients in clients_list:
            latencies, errors = drive(server.port, url, clients, seconds)
            fail_on_errors("cached objective filter", errors)
            results.append(
                Result(
                    "identical repeated query (cache hit)",
                    clients,
                    _ms(latencies, 50),
                    _ms(latencies, 95),
                    len(latencies) / seconds,
                    None,
                )
            )
    finally:
        server.stop()
    return results


def _ms(latencies: list[float], percentile: int) -> float:
    if not latencies:
        return float("nan")
    ordered = sorted(latencies)
    if percentile == 50:
        return statistics.median(ordered) * 1000
    return ordered[min(len(ordered) - 1, int(len(ordered) * percentile / 100))] * 1000
