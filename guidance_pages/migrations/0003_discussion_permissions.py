"""Who runs discussions (see cms/accounts/roles.py): editors edit discussions, triage feedback and export it;
moderators moderate comments. Permissions are created here because post_migrate creates them only after
every migration has run."""

from django.db import migrations

EDITOR_CODENAMES = [
    ("discussion", "add_discussion", "Can add discussion"),
    ("discussion", "change_discussion", "Can change discussion"),
    ("discussion", "delete_discussion", "Can delete discussion"),
    ("discussion", "view_discussion", "Can view discussion"),
    ("discussioncomment", "triage_discussioncomment", "Can triage discussion feedback"),
    ("discussioncomment", "export_discussioncomment", "Can export discussion feedback"),
]
MODERATOR_CODENAMES = [
    ("discussioncomment", "moderate_discussioncomment", "Can moderate discussion comments"),
]


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group_name, codenames in (("Editors", EDITOR_CODENAMES), ("Moderators", MODERATOR_CODENAMES)):
        group, _ = Group.objects.get_or_create(name=group_name)
        for model, codename, name in codenames:
            content_type, _ = ContentType.objects.get_or_create(app_label="guidance_pages", model=model)
            perm, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=codename, defaults={"name": name}
            )
            group.permissions.add(perm)


class Migration(migrations.Migration):
    dependencies = [
        ("guidance_pages", "0002_discussions"),
        ("cms", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
