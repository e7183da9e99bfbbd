"""``python -m benchmarks.bench_history``: the longest guidance page given --revisions revisions (mixed
substantive and minor changes, written as the admin writes them), then its public history and diffs timed
through the production server, uncached (the domain API has no cache), with a trivial request as the floor
and the load average printed, since the machine may be shared (docs/benchmarks.md). Fails on any non-2xx."""

import argparse
import json
import os
import statistics
import sys
import time
import urllib.error
import urllib.request

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from benchmarks import measuring
from guidance_pages.history.versions import guidance_pages
from guidance_pages.models import ChangeKind, ChangeNote

FLOOR = "/api/v1/objectives/?limit=1"


def longest_page():
    pages = guidance_pages().filter(locale__language_code="en").specific()
    return max(pages, key=lambda page: len(json.dumps(list(page.body.raw_data))))


def grow(page, revisions: int) -> int:
    """Revise ``page`` until it has ``revisions`` revisions: every third change substantive (with a note),
    the others minor; each rewords one block, and every tenth moves one."""
    have = page.revisions.count()
    for n in range(have, revisions):
        page.refresh_from_db()
        page = page.specific
        raw = [dict(block) for block in page.body.raw_data]
        texts = [block for block in raw if block["type"] == "text"]
        target = texts[n % len(texts)] if texts else None
        if target is not None:
            target["value"] = f"<p>Revision {n}: {'substantive' if n % 3 == 0 else 'minor'} wording.</p>"
        if n % 10 == 0 and len(raw) > 2:
            raw.append(raw.pop(1))
        page.body = raw
        revision = page.save_revision()
        revision.publish()
        kind = ChangeKind.SUBSTANTIVE if n % 3 == 0 else ChangeKind.MINOR
        ChangeNote.objects.update_or_create(
            revision=revision,
            defaults={
                "page": page,
                "kind": kind,
                "note": f"Benchmark change {n}." if kind == ChangeKind.SUBSTANTIVE else "",
                "published_at": timezone.now(),
            },
        )
    return revisions - have


def timed(port: int, path: str) -> float:
    began = time.perf_counter()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=60) as response:  # noqa: S310
            response.read()
    except urllib.error.HTTPError as error:
        sys.exit(f"{path}: HTTP {error.code}")
    return time.perf_counter() - began


def run(revisions: int, runs: int) -> None:
    page = longest_page()
    added = grow(page, revisions)
    client = Client(HTTP_HOST="localhost")
    history = client.get(f"/api/v1/pages/{page.pk}/history/?limit=200").json()
    versions = [item["id"] for item in history["items"]]
    urls = {
        "floor (one objective)": FLOOR,
        "history (first 50)": f"/api/v1/pages/{page.pk}/history/",
        "history (200 max)": f"/api/v1/pages/{page.pk}/history/?limit=200",
        "diff (latest vs previous)": f"/api/v1/pages/{page.pk}/diff/",
        "diff (first vs latest)": f"/api/v1/pages/{page.pk}/diff/?from={versions[-1]}&to={versions[0]}",
        "version (first)": f"/api/v1/pages/{page.pk}/versions/{versions[-1]}/",
    }
    print(
        f"{connection.vendor}; page {page.pk} ({page.title}), {page.revisions.count()} revisions "
        f"(+{added} now), {history['count']} public versions"
    )
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("| request | SQL queries | p50 ms | p95 ms |")
    print("|---|---|---|---|")
    server = measuring.Server(cache_seconds=0)
    try:
        for _ in range(3):  # warm both workers
            timed(server.port, FLOOR)
        for label, url in urls.items():
            with CaptureQueriesContext(connection) as queries:
                status = client.get(url).status_code
            if status >= 300:
                sys.exit(f"{url}: HTTP {status}")
            samples = sorted(timed(server.port, url) * 1000 for _ in range(runs))
            p95 = samples[min(len(samples) - 1, int(len(samples) * 0.95))]
            print(f"| {label} | {len(queries)} | {statistics.median(samples):.1f} | {p95:.1f} |")
    finally:
        server.stop()
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_history", description=__doc__)
    parser.add_argument("--revisions", type=int, default=200)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args(argv)
    run(args.revisions, args.runs)


if __name__ == "__main__":
    main()
