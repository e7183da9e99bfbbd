"""``manage.py build_open_data [--language fr] [--force]``: write the open-data files now, in this process,
for operators (a new deployment, a storage that was emptied); the worker does it after each change."""

from django.core.management.base import BaseCommand, CommandError

from examples_library.transfer import publishing


class Command(BaseCommand):
    help = "Write the open-data files (CSV, JSON, XLSX) of the published examples of each language."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--language", help="only this language (default: every language)")
        parser.add_argument("--force", action="store_true", help="rebuild files that are current too")

    def handle(self, *args, language: str | None = None, force: bool = False, **options) -> None:
        codes = publishing.languages()
        if language is not None and language not in codes:
            raise CommandError(f"Unknown language {language!r}: one of {', '.join(codes)}.")
        for code in [language] if language else codes:
            written = publishing.build(code, force=force)
            if not written:
                self.stdout.write(f"{code}: current")
            for record in written:
                self.stdout.write(
                    f"{code} {record.file_format}: {record.rows} examples, {record.size} bytes, {record.name}"
                )
