"""Issue 15: a discussion's window, audience, moderation mode, extensions and list of questions are one fact
for all its languages (feedback.discussions.sharing). Extensions get their model; questions copied from
another language are marked untranslated. Existing databases are reconciled: every translation takes its
source-language discussion's window and rules, and each language gets every question of the family (a
question only a translation had goes to the others too, marked untranslated), so no row is lost."""

import django.db.models.deletion
import django.utils.timezone
import modelcluster.fields
import uuid
from django.conf import settings
from django.db import migrations, models

SHARED_FIELDS = ("opens_at", "closes_at", "audience", "moderation")


def reconcile(apps, schema_editor):
    from wagtail.coreutils import get_supported_content_language_variant

    Discussion = apps.get_model("feedback", "Discussion")
    Question = apps.get_model("feedback", "DiscussionQuestion")
    default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    keys = Discussion.objects.values_list("translation_key", flat=True).distinct()
    for key in keys:
        family = list(Discussion.objects.filter(translation_key=key).select_related("locale").order_by("pk"))
        source = next((d for d in family if d.locale.language_code == default), family[0])
        others = [d for d in family if d.pk != source.pk]
        Discussion.objects.filter(pk__in=[d.pk for d in others]).update(
            **{field: getattr(source, field) for field in SHARED_FIELDS}
        )
        # Each question of the family once, the source's own version first (its date and place rule).
        questions: dict = {}
        for discussion in [source, *others]:
            for question in Question.objects.filter(discussion=discussion).order_by("sort_order", "pk"):
                questions.setdefault(question.translation_key, question)
        for discussion in family:
            held = {q.translation_key: q for q in Question.objects.filter(discussion=discussion)}
            for key_, model in questions.items():
                mine = held.get(key_)
                if mine is None:
                    Question.objects.create(
                        discussion=discussion,
                        locale_id=discussion.locale_id,
                        translation_key=key_,
                        text=model.text,
                        posted_at=model.posted_at,
                        sort_order=model.sort_order,
                        untranslated=True,
                    )
                elif (mine.posted_at, mine.sort_order) != (model.posted_at, model.sort_order):
                    mine.posted_at, mine.sort_order = model.posted_at, model.sort_order
                    mine.save(update_fields=["posted_at", "sort_order"])


class Migration(migrations.Migration):

    dependencies = [
        ('feedback', '0001_initial'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.AddField(
            model_name='discussionquestion',
            name='untranslated',
            field=models.BooleanField(default=False, help_text="The text is a copy of another language's until a translator replaces it.", verbose_name='awaiting translation'),
        ),
        migrations.CreateModel(
            name='DiscussionExtension',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('translation_key', models.UUIDField(default=uuid.uuid4, editable=False)),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('closes_at', models.DateTimeField(verbose_name='extended to')),
                ('decided_on', models.DateField(default=django.utils.timezone.localdate, verbose_name='decided on')),
                ('reason', models.CharField(blank=True, max_length=500, verbose_name='reason')),
                ('untranslated', models.BooleanField(default=False, verbose_name='awaiting translation')),
                ('discussion', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='extensions', to='feedback.discussion')),
                ('locale', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
            ],
            options={
                'verbose_name': 'extension',
                'verbose_name_plural': 'extensions',
                'ordering': ['sort_order'],
                'abstract': False,
                'unique_together': {('translation_key', 'locale')},
            },
        ),
        migrations.RunPython(reconcile, migrations.RunPython.noop),
    ]
