from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from cms.i18n.catalogs import catalog_problems, extracted_problems, gettext_available
from examples_library.label_check import checked_languages, english_leftovers


class Command(BaseCommand):
    help = (
        "Fail when a user-facing string of the project lacks a French or Spanish translation. With GNU "
        "gettext installed, strings are first extracted from the code (makemessages, on a temporary copy); "
        "without it, only the committed catalogs are checked for empty and fuzzy entries. Then the taxonomy "
        "labels in the database (objectives, principles, regions, countries, actor types, kinds) are read "
        "in French and Spanish as the APIs serve them: one served in English although its data has a "
        "translation fails too."
    )

    def handle(self, *args, **options) -> None:
        if gettext_available():
            problems = extracted_problems()
            scope = "code and catalogs (makemessages on a temporary copy)"
        else:
            problems = catalog_problems()
            scope = "committed catalogs only: install gettext to also find strings missing from them"
        try:
            leftovers = [leftover for code in checked_languages() for leftover in english_leftovers(code)]
            labels = "taxonomy labels of the database"
        except DatabaseError as exc:
            # A database that is not migrated has no labels to serve; say so rather than pass in silence.
            leftovers, labels = [], f"taxonomy labels not checked ({exc.__class__.__name__}: migrate first)"
        for problem in [*problems, *leftovers]:
            self.stderr.write(str(problem))
        if problems or leftovers:
            raise CommandError(
                f"{len(problems)} translation(s) missing, {len(leftovers)} taxonomy label(s) served in "
                f"English; "
                f"checked {scope}; {labels}."
            )
        self.stdout.write(
            self.style.SUCCESS(f"Every string is translated into French and Spanish ({scope}; {labels}).")
        )
