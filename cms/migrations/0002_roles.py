"""The platform's roles as groups with their admin permissions (see cms/accounts/roles.py).

Wagtail's own initial data gives "Moderators" publish rights over the whole tree; here moderators lose them
(they screen examples; their rights on the examples library are granted where its index pages are created)
and editors, who publish the guidance, gain them.
"""

from django.db import migrations

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]


def permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    perm, _ = Permission.objects.get_or_create(content_type=content_type, codename=codename, defaults={"name": name})
    return perm


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    access_admin = permission(apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")
    for name in ("Stakeholders", "Champions", "Moderators", "Thematic reviewers", "Editors"):
        Group.objects.get_or_create(name=name)
    for name in ("Moderators", "Thematic reviewers", "Editors"):
        Group.objects.get(name=name).permissions.add(access_admin)
    root = Page.objects.filter(depth=1).first()
    if root is None:
        return
    moderators = Group.objects.get(name="Moderators")
    GroupPagePermission.objects.filter(group=moderators, page=root).delete()
    editors = Group.objects.get(name="Editors")
    for codename in PAGE_PERMISSIONS:
        perm = permission(apps, "wagtailcore", "page", codename, codename.replace("_", " "))
        GroupPagePermission.objects.get_or_create(group=editors, page=root, permission=perm)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_content_locales"),
        ("wagtailcore", "0094_alter_page_locale"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
