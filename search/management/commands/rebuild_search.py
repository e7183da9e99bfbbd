from django.core.management.base import BaseCommand

from search.indexing import drain_outbox, rebuild


class Command(BaseCommand):
    help = "Rebuild the search read model from the published pages and report the drift it found."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--check", action="store_true", help="Only report the drift; change nothing.")
        parser.add_argument(
            "--reconcile",
            action="store_true",
            help="Only hand the entries a down search engine missed (the outbox) to it.",
        )

    def handle(self, *args, check: bool = False, reconcile: bool = False, **options) -> None:
        if reconcile:
            done, left = drain_outbox(limit=1_000_000)
            self.stdout.write(f"search outbox: {done} handed to the engine, {left} still waiting")
            return
        report = rebuild(fix=not check)
        self.stdout.write(
            f"{report['expected']} published items; drift: {report['missing']} missing, "
            f"{report['stale']} stale, {report['changed']} out of date" + ("" if check else " (fixed)")
        )
