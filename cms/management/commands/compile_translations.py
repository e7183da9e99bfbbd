from django.core.management.base import BaseCommand

from cms.i18n.catalogs import compile_catalogs


class Command(BaseCommand):
    help = (
        "Compile the project's .po catalogs to .mo with polib (no GNU gettext needed; "
        "see cms/i18n/catalogs.py)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--force", action="store_true", help="Rebuild every .mo, even if up to date.")

    def handle(self, *args, force: bool = False, **options) -> None:
        for path in compile_catalogs(force=force):
            self.stdout.write(f"compiled {path}")
