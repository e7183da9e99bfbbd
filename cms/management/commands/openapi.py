from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from cms.openapi import schema_json


class Command(BaseCommand):
    help = "Write the domain API's OpenAPI schema to docs/openapi.json (the committed contract)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--output", default=str(Path(settings.BASE_DIR) / "docs" / "openapi.json"))

    def handle(self, *args, output: str, **options) -> None:
        Path(output).write_text(schema_json(), encoding="utf-8")
        self.stdout.write(f"Wrote {output}")
