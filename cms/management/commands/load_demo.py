from django.conf import settings
from django.core.management.base import BaseCommand

from cms.demo import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Load the demo content (objectives, principles, the guidance tree, demo users). Safe to run twice."

    def handle(self, *args, **options) -> None:
        summary = load_demo()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready: {summary.objectives} objectives, "
                f"{summary.principles} guiding principles, "
                f"{summary.pages} pages."
            )
        )
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        self.stdout.write(f"Admin:       {base}/admin/")
        self.stdout.write(f"API (v1):    {base}/api/v1/objectives/   docs: {base}/api/v1/docs")
        self.stdout.write(f"API (v2):    {base}/api/v2/pages/")
        if summary.users:
            self.stdout.write(f"Demo users:  {', '.join(summary.users)}   password: {DEMO_PASSWORD}")
        else:
            self.stdout.write("Demo users are not created with these settings.")
