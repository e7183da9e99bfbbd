from django.core.management.base import BaseCommand, CommandError

from cms.i18n.catalogs import catalog_problems, extracted_problems, gettext_available


class Command(BaseCommand):
    help = (
        "Fail when a user-facing string of the project lacks a French or Spanish translation. With GNU "
        "gettext installed, strings are first extracted from the code (makemessages, on a temporary copy); "
        "without it, only the committed catalogs are checked for empty and fuzzy entries."
    )

    def handle(self, *args, **options) -> None:
        if gettext_available():
            problems = extracted_problems()
            scope = "code and catalogs (makemessages on a temporary copy)"
        else:
            problems = catalog_problems()
            scope = "committed catalogs only: install gettext to also find strings missing from them"
        if problems:
            for problem in problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{len(problems)} translation(s) missing; checked {scope}.")
        self.stdout.write(
            self.style.SUCCESS(f"Every string is translated into French and Spanish ({scope}).")
        )
