"""Factories for the guidance pages: objective pages under the English booklet."""

import factory
import wagtail_factories

from guidance_pages.models import BookletPage, Objective, ObjectivePage


class ObjectivePageFactory(wagtail_factories.PageFactory):
    """An objective page under the booklet (English unless ``parent`` says otherwise), for objective
    ``objective_number``; published, or with ``publish=False`` a draft revision of a never-live page."""

    class Meta:
        model = ObjectivePage

    class Params:
        objective_number = 1
        publish = True

    parent = factory.LazyFunction(lambda: BookletPage.objects.get(locale__language_code="en"))
    locale = factory.SelfAttribute("parent.locale")
    title = factory.Sequence(lambda n: f"Objective page {n}")
    objective = factory.LazyAttribute(
        lambda o: Objective.objects.get(locale=o.locale, number=o.objective_number)
    )
    live = factory.SelfAttribute("publish")

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        page = super()._create_instance(model_class, parent, kwargs)
        revision = page.save_revision()
        if page.live:
            revision.publish()
        return page


def paragraphs(*texts: str, ids: list[str] | None = None) -> list[dict]:
    """Raw StreamField data: one paragraph block per text, with stable ids (``p0``, ``p1``… unless given)."""
    ids = ids or [f"p{n}" for n in range(len(texts))]
    return [
        {"type": "text", "value": f"<p>{text}</p>", "id": id_} for id_, text in zip(ids, texts, strict=True)
    ]


def publish_change(page, kind: str = "substantive", note: str = "", *, publish: bool = True, **fields):
    """Save a revision of ``page`` with ``fields`` changed and, unless ``publish=False`` (a draft), publish it
    and write its ChangeNote the way the admin does (part N of issue 13): kind and note stored with the
    revision, ``published_at`` when it goes live. Returns the revision."""
    from django.utils import timezone

    from guidance_pages.history.notes import record_change
    from guidance_pages.models import ChangeNote

    page = page.specific
    for name, value in fields.items():
        setattr(page, name, value)
    revision = page.save_revision()
    if not publish:
        ChangeNote.objects.create(revision=revision, page=page, kind=kind, note=note)
        return revision
    if kind in ("substantive", "minor"):
        record_change(revision, kind, note)  # as the admin does: outdates translations when substantive
    revision.publish()
    ChangeNote.objects.update_or_create(
        revision=revision,
        defaults={
            "page": page,
            "kind": kind,
            "note": note,
            "published_at": revision.created_at or timezone.now(),
        },
    )
    return revision
