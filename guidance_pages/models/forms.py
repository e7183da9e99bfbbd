"""The admin form of guidance pages: publishing asks what kind of change this is, and for a public note.

In the models package because the page models name it (``base_form_class``) and it reads change notes: as a
sibling module of ``models`` it would make an import cycle."""

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm

from guidance_pages.models.editions import ChangeKind, ChangeNote

# The POST names of Wagtail 8's create and edit views (wagtail/admin/views/pages/{create,edit}.py) for the
# actions that publish a revision or send it to whoever will publish it.
PUBLISHING_ACTIONS = ("action-publish", "action-submit", "action-restart-workflow")
APPROVING_WORKFLOW_ACTIONS = ("approve",)

CHANGE_KINDS = [
    (ChangeKind.SUBSTANTIVE.value, ChangeKind.SUBSTANTIVE.label),
    (ChangeKind.MINOR.value, ChangeKind.MINOR.label),
]


class ChangeNoteFields(forms.Form):
    """The two fields on their own: the page form declares them, and the admin hooks read them back from the
    POST data (Wagtail hands hooks the request and the page, not the form)."""

    change_kind = forms.ChoiceField(
        label=_("Kind of change"), choices=CHANGE_KINDS, required=False, widget=forms.RadioSelect
    )
    change_note = forms.CharField(
        label=_("Change note"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "What changed, for readers, in the page's language. Shown in the page's public history; "
            "required for a substantive change."
        ),
    )


def change_from_post(data: QueryDict) -> tuple[str, str]:
    """The kind and note a validated page form posted (empty when the form did not offer them)."""
    fields = ChangeNoteFields(data)
    if not fields.is_valid():
        return "", ""
    return fields.cleaned_data["change_kind"], fields.cleaned_data["change_note"]


def publishes(data: QueryDict) -> bool:
    """Whether the posted action publishes the revision or puts it on the way to publication."""
    if any(data.get(name) for name in PUBLISHING_ACTIONS):
        return True
    return bool(data.get("action-workflow-action")) and (
        data.get("workflow-action-name") in APPROVING_WORKFLOW_ACTIONS
    )


def pending_note(page) -> ChangeNote | None:
    """The note of the page's latest revision if it is not published yet."""
    revision_id = page.latest_revision_id
    if revision_id is None or revision_id == page.live_revision_id:
        return None
    return ChangeNote.objects.filter(pk=revision_id, published_at__isnull=True).first()


class GuidancePageForm(WagtailAdminPageForm):
    change_kind = ChangeNoteFields.base_fields["change_kind"]
    change_note = ChangeNoteFields.base_fields["change_note"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            # The note travels with the unpublished revision: an editor carrying on, or an approver, sees it.
            pending = pending_note(self.instance)
            if pending is not None:
                self.initial.setdefault("change_kind", pending.kind)
                self.initial.setdefault("change_note", pending.note)

    @property
    def is_first_publication(self) -> bool:
        return self.instance.pk is None or self.instance.first_published_at is None

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.is_first_publication or not publishes(self.data):
            return cleaned
        kind = cleaned.get("change_kind")
        if not kind:
            self.add_error(
                "change_kind",
                _("Say what kind of change this is: substantive (with a public note) or minor."),
            )
        elif kind == ChangeKind.SUBSTANTIVE and not (cleaned.get("change_note") or "").strip():
            self.add_error(
                "change_note",
                _("A substantive change needs a change note for readers, in the page's language."),
            )
        return cleaned
