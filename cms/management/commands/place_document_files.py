"""Moves the files of documents that need permission out of MEDIA_ROOT, and those of public documents back
(cms.files.documents.place_files). `make migrate` runs it, so files stored before private storage existed move
once; it is idempotent."""

from django.core.management.base import BaseCommand

from cms.files.documents import place_files


class Command(BaseCommand):
    help = "Keep the files of restricted documents in private storage and the others in MEDIA_ROOT."

    def handle(self, *args, **options) -> None:
        moved = place_files()
        self.stdout.write(f"{moved} document file(s) moved.")
