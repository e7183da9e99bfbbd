"""Editors manage Champion countries, pilots and their findings (cms/accounts/roles.py); no other role may.
Permissions are created here because post_migrate creates them only after every migration has run."""

from django.db import migrations

MODELS = {
    "champion": "Champion country",
    "pilot": "pilot",
    "pilotfindings": "findings of a pilot",
}
ACTIONS = ("add", "change", "delete", "view")


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    editors, _ = Group.objects.get_or_create(name="Editors")
    for model, name in MODELS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="champions", model=model)
        for action in ACTIONS:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {name}"},
            )
            editors.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("champions", "0001_initial"),
        ("cms", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
