"""``python -m benchmarks.bench_tree``: seed examples up to --size and time a cold page-tree load with and
without exclude_type (docs/benchmarks.md)."""

import argparse
import json
import statistics
import time
import urllib.request

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from benchmarks import measuring, seeding
from examples_library.models import ExamplePage, ExamplesIndexPage

PAGE_SIZE = 100  # the frontend's page size (WAGTAILAPI_LIMIT_MAX)
EXCLUDE = "&exclude_type=examples_library.ExamplePage"


def tree_load(port: int, language: str, exclude: bool) -> tuple[int, int, float]:
    """What frontend/src/api/pages.ts does for one language's tree: (API calls, pages, seconds)."""
    calls, items, began = 0, 0, time.perf_counter()
    for offset in range(0, 10**7, PAGE_SIZE):
        url = f"http://127.0.0.1:{port}/api/v2/pages/?locale={language}&limit={PAGE_SIZE}&offset={offset}"
        # loopback http URL built here, never a user's
        with urllib.request.urlopen(url + (EXCLUDE if exclude else ""), timeout=60) as response:  # noqa: S310
            body = json.load(response)
        calls += 1
        items += len(body["items"])
        if len(body["items"]) < PAGE_SIZE or items >= body["meta"]["total_count"]:
            break
    return calls, items, time.perf_counter() - began


def timed(port: int, path: str) -> float:
    began = time.perf_counter()
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=60) as response:  # noqa: S310
        response.read()
    return time.perf_counter() - began


def run(size: int, runs: int) -> None:
    seeding.top_up(size)
    print(f"{ExamplePage.objects.live().count()} published examples, {connection.vendor}")
    print("| tree | language | API calls | pages listed | cold load ms (median) |")
    print("|---|---|---|---|---|")
    server = measuring.Server(cache_seconds=0)
    try:
        timed(server.port, "/api/v2/pages/?limit=1")  # warm the workers
        for exclude in (False, True):
            for language in ("en", "fr", "es"):
                results = [tree_load(server.port, language, exclude) for _ in range(runs)]
                calls, items, _ = results[0]
                ms = statistics.median(seconds for *_, seconds in results) * 1000
                label = "guidance only (exclude_type)" if exclude else "every page (before)"
                print(f"| {label} | {language} | {calls} | {items} | {ms:.0f} |")
        index = ExamplesIndexPage.objects.get(locale__language_code="en")
        newest = ExamplePage.objects.live().child_of(index).order_by("-pk")
        slug = newest.values_list("slug", flat=True)[0]
        lookup = f"/api/v2/pages/?child_of={index.pk}&slug={slug}&limit=1"
        lookups = [timed(server.port, lookup) * 1000 for _ in range(runs * 3)]
        print(f"\nOne example looked up by slug: median {statistics.median(lookups):.0f} ms.")
    finally:
        server.stop()
    client = Client()
    # warm this process' caches (site, content types): a process's first listing fills them once
    client.get(f"/api/v2/pages/?limit=1{EXCLUDE}", HTTP_HOST="localhost")
    for label, url in (
        ("tree listing (exclude_type)", f"/api/v2/pages/?locale=en&limit={PAGE_SIZE}{EXCLUDE}"),
        ("stock listing, first page", f"/api/v2/pages/?locale=en&limit={PAGE_SIZE}"),
        ("example look-up by slug", lookup),
    ):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, HTTP_HOST="localhost").status_code == 200
        print(f"SQL queries, {label}: {len(queries)}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_tree", description=__doc__)
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    run(args.size, args.runs)


if __name__ == "__main__":
    main()
