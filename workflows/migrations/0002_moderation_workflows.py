"""The moderation workflows as data.

- *Example moderation*: Screening (Moderators) → Thematic review (the primary objective's reviewers, else
  the Thematic reviewers group) → published on final approval.
- *Guidance revision*: an editor's revision approved by the Editors group before publication (assigned to
  the whole tree in place of Wagtail's default "Moderators approval", since moderators screen examples,
  not guidance; editors, who hold publish rights, may still publish directly).
"""

from django.db import migrations

EXAMPLE_WORKFLOW = "Example moderation"
GUIDANCE_WORKFLOW = "Guidance revision"


def task(apps, model_name, name, **fields):
    ContentType = apps.get_model("contenttypes", "ContentType")
    app_label = "wagtailcore" if model_name == "GroupApprovalTask" else "workflows"
    Model = apps.get_model(app_label, model_name)
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model_name.lower())
    existing = Model.objects.filter(name=name).first()
    return existing or Model.objects.create(name=name, content_type=content_type, **fields)


def create_workflows(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")

    screening = task(apps, "ScreeningTask", "Screening")
    screening.groups.add(Group.objects.get(name="Moderators"))
    review = task(
        apps, "ThematicReviewTask", "Thematic review", fallback_group=Group.objects.get(name="Thematic reviewers")
    )
    approval = task(apps, "GroupApprovalTask", "Editorial approval")
    approval.groups.add(Group.objects.get(name="Editors"))

    for name, tasks in ((EXAMPLE_WORKFLOW, [screening, review]), (GUIDANCE_WORKFLOW, [approval])):
        workflow, _ = Workflow.objects.get_or_create(name=name, defaults={"active": True})
        for order, item in enumerate(tasks):
            WorkflowTask.objects.get_or_create(workflow=workflow, task_id=item.pk, defaults={"sort_order": order})

    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    Page = apps.get_model("wagtailcore", "Page")
    Workflow.objects.filter(name="Moderators approval").update(active=False)
    WorkflowPage.objects.filter(workflow__name="Moderators approval").delete()
    root = Page.objects.filter(depth=1).first()
    if root is not None:
        WorkflowPage.objects.update_or_create(
            page=root, defaults={"workflow": Workflow.objects.get(name=GUIDANCE_WORKFLOW)}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("workflows", "0001_initial"),
        ("cms", "0002_roles"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [migrations.RunPython(create_workflows, migrations.RunPython.noop)]
