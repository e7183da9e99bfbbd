"""Import examples from a CSV, XLSX or JSON file (``examples_library.transfer``), attachments from files
beside it. ``--dry-run`` reports what would happen and changes nothing."""

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from examples_library.transfer.importing import (
    OUTCOME_LABELS,
    REFUSED,
    Importer,
    ImportFileError,
    may_import,
)


class Command(BaseCommand):
    help = "Import examples from a CSV, XLSX or JSON file (idempotent by external_id, the source URL)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Report per row; change nothing.")
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish the examples at once (vetted content) instead of sending drafts to moderation.",
        )
        parser.add_argument("--user", required=True, help="Username of the editor importing (audit log).")
        parser.add_argument(
            "--language",
            default="",
            choices=["", *(code for code, _name in settings.LANGUAGES)],
            help="Language of rows without a language column; also the language of the report.",
        )
        parser.add_argument("--every", type=int, default=100, help="Print progress every N rows.")

    def handle(self, *args, **options) -> None:
        user = get_user_model().objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"No user named {options['user']!r}.")
        if not may_import(user):
            raise CommandError(f"{user.username} is not an editor: only editors may import examples.")
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path} is not a file.")
        with translation.override(options["language"] or settings.LANGUAGE_CODE):
            importer = Importer(
                user=user,
                directory=path.parent,
                publish=options["publish"],
                dry_run=options["dry_run"],
                language=options["language"],
                progress=lambda done, total: self.stderr.write(f"{done}/{total} rows"),
                every=max(1, options["every"]),
            )
            try:
                report = importer.run(path.read_bytes(), path.name)
            except ImportFileError as exc:
                raise CommandError(str(exc)) from None
            for result in report.rows:
                line = f"row {result.row}\t{OUTCOME_LABELS[result.outcome]}\t{result.external_id}"
                if result.outcome == REFUSED:
                    line += "\t" + " ".join(f"[{field}] {message}" for field, message in result.errors)
                self.stdout.write(line)
            counts = report.counts()
            summary = ", ".join(f"{OUTCOME_LABELS[key]}: {value}" for key, value in counts.items())
            self.stdout.write(("(dry run) " if report.dry_run else "") + summary)
