from django.utils.translation import gettext_lazy as _

from wagtail.forms import TaskStateCommentForm


class ReasonForm(TaskStateCommentForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["comment"].required = True
        self.fields["comment"].label = _("Message to the contributor")
