import platform
import time

from django.core.management.base import BaseCommand
from django.db import connection

from examples_library.models import ExamplePage
from search import benchmark


class Command(BaseCommand):
    help = "Seed published examples up to each size and measure the search API against stock API v2."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--sizes", default="1000,10000,100000")
        parser.add_argument("--clients", default="1,4")
        parser.add_argument("--seconds", type=float, default=5.0)

    def handle(self, *args, sizes: str, clients: str, seconds: float, **options) -> None:
        client_counts = [int(c) for c in clients.split(",")]
        self.stdout.write(
            f"# {connection.vendor} {connection.pg_version if connection.vendor == 'postgresql' else ''} · "
            f"{platform.processor() or platform.machine()} · {platform.python_version()}"
        )
        for size in [int(s) for s in sizes.split(",")]:
            have = ExamplePage.objects.live().count()
            if have < size:
                began = time.time()
                benchmark.seed(size - have)
                benchmark.reindex()
                benchmark.index_for_stock_search()
                self.stdout.write(f"seeded {size - have} examples in {time.time() - began:.0f} s")
            self.stdout.write(f"\n## {ExamplePage.objects.live().count()} published examples\n")
            self.stdout.write("| scenario | clients | p50 ms | p95 ms | req/s | SQL queries |")
            self.stdout.write("|---|---|---|---|---|---|")
            for r in benchmark.measure(client_counts, seconds):
                queries = "" if r.queries is None else r.queries
                self.stdout.write(
                    f"| {r.name} | {r.clients} | {r.p50:.1f} | {r.p95:.1f} | {r.rps:.0f} | {queries} |"
                )
            rows, build_ms, mib = benchmark.facet_index_build("en")
            self.stdout.write(
                f"\nFacet index of the English examples: {rows} rows, rebuilt in {build_ms:.0f} ms "
                f"(once per worker after each change), {mib:.1f} MiB per worker."
            )
