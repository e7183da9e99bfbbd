from django.core.management.base import BaseCommand

from search.indexing import rebuild


class Command(BaseCommand):
    help = "Rebuild the search read model from the published pages and report the drift it found."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--check", action="store_true", help="Only report the drift; change nothing.")

    def handle(self, *args, check: bool = False, **options) -> None:
        report = rebuild(fix=not check)
        self.stdout.write(
            f"{report['expected']} published items; drift: {report['missing']} missing, "
            f"{report['stale']} stale, {report['changed']} out of date" + ("" if check else " (fixed)")
        )
