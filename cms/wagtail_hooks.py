from wagtail import hooks

from cms.rich_text import FrontendPageLinkHandler


@hooks.register("register_rich_text_features", order=100)  # after Wagtail's own, so ours wins
def frontend_page_links(features) -> None:
    features.register_link_type(FrontendPageLinkHandler)
