"""Page permissions for wagtail-localize's "Translate this page" and "Sync translated pages" views.

wagtail-localize checks only the global ``wagtail_localize.submit_translation`` permission, so anyone who
has it could copy any page - a draft they cannot even see - into any language tree, and re-extract and
publish any source. Wagtail's page permissions are per subtree (an editor of the French tree only), so
these wrappers add the page checks and are mounted on the same admin URLs ahead of the stock views
(see ``cms/wagtail_hooks.py``):

- reading the source: the user may edit the page, or it is live and public (a translation source is
  extracted from the page row, which for a live page holds the published content, never a draft);
  translating a whole subtree needs edit permission on the page, because the subtree may hold drafts;
- writing the target: for every chosen language, the user may add pages below the translated parent
  (or edit the existing translation that gets converted from an alias);
- syncing a source: the user may edit the source page (sync re-extracts it and may publish every
  translation);
- translating a snippet or a modeladmin object (the taxonomies): the user may add objects of that model,
  since the translation is a new row.
"""

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from wagtail.models import Locale, Page
from wagtail_localize.modeladmin.views import SubmitModelAdminTranslationView
from wagtail_localize.models import TranslationSource
from wagtail_localize.views.submit_translations import SubmitPageTranslationView, SubmitSnippetTranslationView
from wagtail_localize.views.update_translations import UpdateTranslationsView


def can_read_source(user, page: Page, include_subtree: bool = False) -> bool:
    if page.permissions_for_user(user).can_edit():
        return True
    if include_subtree:
        return False
    return page.live and not page.get_view_restrictions().exists()


def can_write_translation(user, page: Page, locale: Locale) -> bool:
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.permissions_for_user(user).can_edit()
    parent = page.get_parent()
    target_parent = parent if parent.is_root() else parent.get_translation_or_none(locale)
    if target_parent is None:
        # wagtail-localize would copy the missing parents too: only someone who may edit the source may
        # lay out a new branch of the tree.
        return user.is_superuser
    return target_parent.permissions_for_user(user).can_add_subpage()


class GuardedSubmitPageTranslationView(SubmitPageTranslationView):
    def dispatch(self, request, *args, **kwargs):
        page = get_object_or_404(Page, id=kwargs["page_id"]).specific
        include_subtree = request.method == "POST" and bool(request.POST.get("include_subtree"))
        if not request.user.has_perm("wagtail_localize.submit_translation") or not can_read_source(
            request.user, page, include_subtree
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        for locale in form.cleaned_data["locales"]:
            if not can_write_translation(self.request.user, self.object, locale):
                raise PermissionDenied
        return super().form_valid(form)


class GuardedUpdateTranslationsView(UpdateTranslationsView):
    def dispatch(self, request, *args, **kwargs):
        source = get_object_or_404(TranslationSource, id=kwargs["translation_source_id"])
        instance = source.get_source_instance()
        if isinstance(instance, Page) and not instance.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def can_add_model_translation(user, app_label: str, model_name: str) -> bool:
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError as err:
        raise Http404 from err
    return user.has_perm(f"{model._meta.app_label}.add_{model._meta.model_name}")


class ModelPermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        if not can_add_model_translation(request.user, kwargs["app_label"], kwargs["model_name"]):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class GuardedSubmitModelAdminTranslationView(ModelPermissionMixin, SubmitModelAdminTranslationView):
    pass


class GuardedSubmitSnippetTranslationView(ModelPermissionMixin, SubmitSnippetTranslationView):
    pass
