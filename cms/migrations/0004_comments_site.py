"""The one Django site (SITE_ID = 1) that django-contrib-comments needs, named after the platform rather than
the sites framework's "example.com"."""

from django.db import migrations


def name_site(apps, schema_editor):
    Site = apps.get_model("sites", "Site")
    Site.objects.update_or_create(pk=1, defaults={"domain": "localhost", "name": "GCM Knowledge Platform"})


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0003_account_profile"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [migrations.RunPython(name_site, migrations.RunPython.noop)]
