"""The outcome of each moderation action, and the outcomes of the rejections taken before it was recorded.

Before this migration a request for changes and a final rejection both left a "rejected" TaskState; a final
rejection (``workflows.moderation.act``) then cancelled the workflow at once, as the same user, which the
audit log kept. That is how the past rejections are told apart here.
"""

from datetime import timedelta

import django.db.models.deletion
from django.db import migrations, models

# act() rejects the task and cancels the workflow in one transaction: a cancellation by the same user this
# soon after is that final rejection, not a later withdrawal or restart.
SAME_ACTION = timedelta(minutes=1)


def backfill_rejections(apps, schema_editor):
    TaskState = apps.get_model("wagtailcore", "TaskState")
    PageLogEntry = apps.get_model("wagtailcore", "PageLogEntry")
    ModerationDecision = apps.get_model("workflows", "ModerationDecision")
    cancels = {}
    for entry in PageLogEntry.objects.filter(action="wagtail.workflow.cancel").only(
        "data", "user_id", "timestamp"
    ):
        task_state_id = ((entry.data or {}).get("workflow") or {}).get("task_state_id")
        if task_state_id is not None:
            cancels.setdefault(task_state_id, []).append(entry)
    decisions = []
    for state in TaskState.objects.filter(status="rejected", finished_at__isnull=False).only(
        "pk", "finished_by_id", "finished_at"
    ):
        final = any(
            entry.user_id == state.finished_by_id and abs(entry.timestamp - state.finished_at) <= SAME_ACTION
            for entry in cancels.get(state.pk, [])
        )
        decisions.append(
            ModerationDecision(task_state_id=state.pk, outcome="rejected" if final else "changes_requested")
        )
    ModerationDecision.objects.bulk_create(decisions, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("wagtailcore", "0098_apitoken"),
        ("workflows", "0002_moderation_workflows"),
    ]

    operations = [
        migrations.CreateModel(
            name="ModerationDecision",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "outcome",
                    models.CharField(
                        choices=[
                            ("published", "Approved and published"),
                            ("in_review", "Passed to the next step"),
                            ("changes_requested", "Changes requested"),
                            ("rejected", "Rejected"),
                        ],
                        max_length=20,
                        verbose_name="outcome",
                    ),
                ),
                (
                    "task_state",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="gcm_decision",
                        to="wagtailcore.taskstate",
                        verbose_name="task state",
                    ),
                ),
            ],
            options={
                "verbose_name": "moderation decision",
                "verbose_name_plural": "moderation decisions",
            },
        ),
        migrations.RunPython(backfill_rejections, migrations.RunPython.noop),
    ]
