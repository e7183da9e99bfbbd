"""What every admin screen of ours that is not a Wagtail viewset shares."""

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin


class TitledScreen(WagtailAdminTemplateMixin):
    """WagtailAdminTemplateMixin's breadcrumbs end at "Home", and the slim header shows the last item as the
    screen's visible heading: without an item of its own, a screen's heading read "Home"."""

    def get_breadcrumbs_items(self) -> list[dict]:
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]
