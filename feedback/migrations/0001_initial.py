"""The feedback app takes over the discussion models from guidance_pages (issue 12) without moving a row:
guidance_pages' 0005 renamed the tables to feedback_*, so the models enter this app's state only. Then the
content types move to app_label "feedback" (the same rows, so group permissions, Wagtail's audit log,
wagtail-localize's translation sources and the codenames stay valid) and queued follower mails go to the
task's new module. django-comments-xtd's comments point at the guidance *page* they are about
(``content_type`` = wagtailcore.page, ``object_pk``), which does not move."""

import django.db.models.deletion
import django.utils.timezone
import modelcluster.fields
import uuid
from django.conf import settings
from django.contrib.contenttypes.models import ContentType as CurrentContentType
from django.db import migrations, models

MODELS = ["discussion", "discussionpage", "discussionquestion", "discussioncomment"]
OLD_TASK = "guidance_pages.discussion_notifications.notify_followers"
NEW_TASK = "feedback.notifications.notify_followers"


def move_content_types(apps, schema_editor, source="guidance_pages", target="feedback"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        old = ContentType.objects.filter(app_label=source, model=model).first()
        if old is None:  # a fresh database has none yet for the inlines: post_migrate creates them
            continue
        # A row for the target can only be an empty stub from content-type bookkeeping: the old row is the
        # one permissions, log entries and translations point at.
        ContentType.objects.filter(app_label=target, model=model).delete()
        old.app_label = target
        old.save(update_fields=["app_label"])
    # Both caches: the historical manager's and the one the rest of this process (post_migrate, tests) reads.
    ContentType.objects.clear_cache()
    CurrentContentType.objects.clear_cache()


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, source="feedback", target="guidance_pages")


def repoint_queued_tasks(apps, schema_editor, old=OLD_TASK, new=NEW_TASK):
    """A follower mail queued before the upgrade names the task by its old module; the worker would fail to
    import it and the followers never hear of the reply."""
    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    DBTaskResult.objects.filter(task_path=old, status="READY").update(task_path=new)


def repoint_queued_tasks_back(apps, schema_editor):
    repoint_queued_tasks(apps, schema_editor, old=NEW_TASK, new=OLD_TASK)


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('django_comments_xtd', '0008_auto_20200920_2037'),
        ('wagtailcore', '0098_apitoken'),
        ('guidance_pages', '0005_discussions_moved_to_feedback'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('django_tasks_database', '0021_conditional_partial_index_ordering'),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Discussion',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('translation_key', models.UUIDField(default=uuid.uuid4, editable=False)),
                        ('title', models.CharField(max_length=255, verbose_name='title')),
                        ('introduction', models.TextField(blank=True, max_length=4000, verbose_name='introduction')),
                        ('opens_at', models.DateTimeField(verbose_name='opens at')),
                        ('closes_at', models.DateTimeField(verbose_name='closes at')),
                        ('audience', models.CharField(choices=[('champions', 'Champions only'), ('registered', 'All registered users')], default='champions', max_length=12, verbose_name='who may post')),
                        ('moderation', models.CharField(choices=[('pre', 'Pre-moderated: comments appear once approved'), ('post', 'Post-moderated: comments appear at once; flags hide them')], default='pre', max_length=4, verbose_name='moderation')),
                        ('locale', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
                    ],
                    options={
                        'verbose_name': 'discussion',
                        'verbose_name_plural': 'discussions',
                        'ordering': ['-opens_at', 'pk'],
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='DiscussionPage',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('translation_key', models.UUIDField(default=uuid.uuid4, editable=False)),
                        ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                        ('discussion', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='discussion_pages', to='feedback.discussion')),
                        ('locale', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
                        ('page', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.WAGTAIL_PAGE_MODEL, verbose_name='page')),
                    ],
                    options={
                        'verbose_name': 'page under discussion',
                        'verbose_name_plural': 'pages under discussion',
                        'ordering': ['sort_order'],
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='DiscussionQuestion',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('translation_key', models.UUIDField(default=uuid.uuid4, editable=False)),
                        ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                        ('text', models.CharField(max_length=500, verbose_name='question')),
                        ('posted_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='posted at')),
                        ('discussion', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='questions', to='feedback.discussion')),
                        ('locale', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
                    ],
                    options={
                        'verbose_name': 'guiding question',
                        'verbose_name_plural': 'guiding questions',
                        'ordering': ['sort_order'],
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='DiscussionComment',
                    fields=[
                        ('xtdcomment_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to='django_comments_xtd.xtdcomment')),
                        ('block_id', models.CharField(blank=True, max_length=64, verbose_name='block')),
                        ('language', models.CharField(choices=[('en', 'English'), ('fr', 'French'), ('es', 'Spanish')], max_length=8, verbose_name='language')),
                        ('moderation_state', models.CharField(choices=[('pending', 'Waiting for moderation'), ('approved', 'Approved'), ('hidden', 'Hidden'), ('removed', 'Removed')], default='pending', max_length=10, verbose_name='moderation state')),
                        ('moderation_reason', models.TextField(blank=True, verbose_name='moderation reason')),
                        ('moderated_at', models.DateTimeField(blank=True, null=True, verbose_name='moderated at')),
                        ('status', models.CharField(choices=[('new', 'New'), ('under_consideration', 'Under consideration'), ('addressed', 'Addressed'), ('not_taken_up', 'Not taken up')], default='new', max_length=24, verbose_name='status')),
                        ('editor_response', models.TextField(blank=True, max_length=4000, verbose_name="editor's response")),
                        ('flag_count', models.PositiveIntegerField(default=0, verbose_name='flags')),
                        ('addressed_revision', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision', verbose_name='addressed in revision')),
                        ('discussion', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='comments', to='feedback.discussion', verbose_name='discussion')),
                        ('page', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='discussion_comments', to=settings.WAGTAIL_PAGE_MODEL, verbose_name='page')),
                        ('question', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='comments', to='feedback.discussionquestion', verbose_name='question')),
                    ],
                    options={
                        'verbose_name': 'discussion comment',
                        'verbose_name_plural': 'discussion comments',
                        'permissions': [('moderate_discussioncomment', 'Can moderate discussion comments'), ('triage_discussioncomment', 'Can triage discussion feedback'), ('export_discussioncomment', 'Can export discussion feedback')],
                    },
                    bases=('django_comments_xtd.xtdcomment',),
                ),
                migrations.AddIndex(
                    model_name='discussion',
                    index=models.Index(fields=['locale', 'opens_at', 'closes_at'], name='discussion_window'),
                ),
                migrations.AlterUniqueTogether(
                    name='discussion',
                    unique_together={('translation_key', 'locale')},
                ),
                migrations.AlterUniqueTogether(
                    name='discussionpage',
                    unique_together={('translation_key', 'locale')},
                ),
                migrations.AlterUniqueTogether(
                    name='discussionquestion',
                    unique_together={('translation_key', 'locale')},
                ),
                migrations.AddIndex(
                    model_name='discussioncomment',
                    index=models.Index(fields=['page', 'moderation_state'], name='dcomment_page_public'),
                ),
                migrations.AddIndex(
                    model_name='discussioncomment',
                    index=models.Index(fields=['discussion', 'moderation_state'], name='dcomment_discussion_state'),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
        migrations.RunPython(repoint_queued_tasks, repoint_queued_tasks_back),
    ]
