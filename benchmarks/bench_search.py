"""``python -m benchmarks.bench_search``: seed published examples up to each size and measure the search
API against stock API v2 (``make bench`` runs it on a throwaway PostgreSQL, then on SQLite)."""

import argparse
import platform

from django.db import connection

from benchmarks import measuring, seeding
from examples_library.models import ExamplePage


def run(sizes: list[int], client_counts: list[int], seconds: float) -> None:
    print(
        f"# {connection.vendor} {connection.pg_version if connection.vendor == 'postgresql' else ''} · "
        f"{platform.processor() or platform.machine()} · {platform.python_version()}"
    )
    for size in sizes:
        seeding.top_up(size, stock_search=True)
        print(f"\n## {ExamplePage.objects.live().count()} published examples\n")
        print(f"Server: {measuring.SERVER}. Load average before: {measuring.load_average()}\n")
        results = measuring.measure(client_counts, seconds)
        multiples = measuring.floor_multiples(results)
        print("| scenario | clients | p50 ms | p95 ms | req/s | × floor | SQL queries |")
        print("|---|---|---|---|---|---|---|")
        for r in results:
            queries = "" if r.queries is None else r.queries
            times = multiples.get((r.name, r.clients))
            factor = "" if times is None else f"{times:.1f}"
            print(
                f"| {r.name} | {r.clients} | {r.p50:.1f} | {r.p95:.1f} | {r.rps:.0f} | {factor} | {queries} |"
            )
        print(f"\nLoad average after: {measuring.load_average()}")
        rows, build_ms, mib = measuring.facet_index_build("en")
        print(
            f"\nFacet index of the English examples: {rows} rows, rebuilt in {build_ms:.0f} ms "
            f"(once per worker after each change), {mib:.1f} MiB per worker."
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_search", description=__doc__)
    parser.add_argument("--sizes", type=measuring.numbers, default="1000,10000,100000")
    parser.add_argument("--clients", type=measuring.numbers, default="1,4")
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args(argv)
    run(args.sizes, args.clients, args.seconds)


if __name__ == "__main__":
    main()
