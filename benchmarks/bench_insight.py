"""``python -m benchmarks.bench_insight``: seed published examples up to each size, then time the coverage
figures (``/api/v1/insight/coverage/``) through the production server with the search cache off (every
request computes), beside a trivial request as the floor, with the load average printed since the machine
may be shared. ``make bench-insight`` runs it on a throwaway PostgreSQL at 100,000 examples (issue 16's
target: p50 <= 30 ms uncached). Fails on any non-2xx answer."""

import argparse
import os
import platform
import statistics
import time

from django.db import connection

from benchmarks import measuring, seeding
from examples_library.models import ExamplePage
from search import fulltext

TARGET_P50_MS = 30.0


def scenarios() -> dict[str, list[str]]:
    base = "/api/v1/insight/coverage/"
    return {
        measuring.FLOOR_NAME: [measuring.FLOOR],
        "coverage, no filter": [base],
        "coverage, one objective": [f"{base}?objective={n}" for n in range(1, 24)],
        "coverage, region + kind + pilot": [
            f"{base}?region={r}&kind={k}&pilot=true"
            for r in ("africa", "americas", "asia", "europe", "oceania")
            for k in ("practice", "case_study", "lesson_learned")
        ],
        "coverage, French, principle + years": [
            f"{base}?locale=fr&principle=human_rights&year_from={y}&year_to={y + 3}"
            for y in range(2005, 2020)
        ],
        "coverage, rare term + region": [f"{base}?q={seeding.RARE}&region=africa"],
        "coverage, common term": [f"{base}?q={seeding.COMMON}"],
    }


def loads() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def fulltext_step(locale: str = "en", repeats: int = 20) -> tuple[int, float, float]:
    """The common term's full-text step alone, in this process: matches, then p50 ms ranked (what the listing
    in relevance order needs) and unranked (what coverage needs since it counts a set)."""

    def p50(match) -> float:
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            match([seeding.COMMON], locale, "example")
            times.append((time.perf_counter() - start) * 1000)
        return statistics.median(times)

    matches = len(fulltext.matching_set([seeding.COMMON], locale, "example"))
    return matches, p50(fulltext.matching_ids), p50(fulltext.matching_set)


def run(sizes: list[int], clients: list[int], seconds: float) -> None:
    print(
        f"# {connection.vendor} · {platform.processor() or platform.machine()} · {platform.python_version()}"
    )
    slow = []
    for size in sizes:
        seeding.top_up(size)
        print(f"\n## {ExamplePage.objects.live().count()} published examples, search cache off\n")
        print(f"load average before: {loads()}\n")
        print("| scenario | clients | p50 ms | p95 ms | req/s | SQL queries |")
        print("|---|---|---|---|---|---|")
        server = measuring.Server(cache_seconds=0)
        try:
            for name, urls in scenarios().items():
                queries = measuring.queries_for(urls[0])
                # Warm-up: each worker builds its facet index of the locale once (measured apart below).
                measuring.fail_on_errors(name, measuring.drive(server.port, urls, 2, min(2.0, seconds))[1])
                for count in clients:
                    latencies, errors = measuring.drive(server.port, urls, count, seconds)
                    measuring.fail_on_errors(name, errors)
                    p50 = measuring._ms(latencies, 50)
                    p95 = measuring._ms(latencies, 95)
                    rps = len(latencies) / seconds
                    print(f"| {name} | {count} | {p50:.1f} | {p95:.1f} | {rps:.0f} | {queries} |")
                    if name.startswith("coverage") and count == 1 and p50 > TARGET_P50_MS:
                        slow.append(f"{name} at {size}: p50 {p50:.1f} ms")
            after = measuring.first_after_publish(server.port, "/api/v1/examples/?objective=5")
            print(
                f"\nFirst request after a publish (objective filter; {len(after)} publishes): p50 "
                f"{measuring._ms(after, 50):.1f} ms, worst {max(after) * 1000:.1f} ms."
            )
        finally:
            server.stop()
        print(f"\nload average after: {loads()}")
        matches, ranked_ms, unranked_ms = fulltext_step()
        print(
            f"Full-text step of the common term ({matches} English matches), p50: ranked {ranked_ms:.1f} ms, "
            f"unranked (coverage) {unranked_ms:.1f} ms."
        )
        rows, build_ms, mib = measuring.facet_index_build("en")
        print(
            f"Facet index of the English examples: {rows} rows, rebuilt in {build_ms:.0f} ms "
            f"(once per worker after each change), {mib:.1f} MiB per worker."
        )
    if slow:
        print(f"\nAbove the {TARGET_P50_MS:.0f} ms p50 target (one client): " + "; ".join(slow))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_insight", description=__doc__)
    parser.add_argument("--sizes", type=measuring.numbers, default="100000")
    parser.add_argument("--clients", type=measuring.numbers, default="1,4")
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args(argv)
    run(args.sizes, args.clients, args.seconds)


if __name__ == "__main__":
    main()
