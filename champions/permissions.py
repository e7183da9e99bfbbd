"""Who manages Champions and pilots in the admin: the Editors role (and administrators), as the role table of
``cms.accounts.roles`` says. A policy on the role rather than Django permissions granted by a migration, as
``guidance_pages`` does for editions: the upgrade check holds every role's permissions to what they were, and
the rule is the role's, not a list of grants kept in step with it."""

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet

from wagtail.permission_policies import ModelPermissionPolicy

from cms.accounts import roles


def may_manage_champions(user: AbstractBaseUser) -> bool:
    return user.is_authenticated and user.is_active and roles.in_group(user, roles.EDITORS)


class EditorsPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user: AbstractBaseUser, action: str) -> bool:
        return may_manage_champions(user)

    def user_has_any_permission(self, user: AbstractBaseUser, actions: Iterable[str]) -> bool:
        return may_manage_champions(user)

    def user_has_permission_for_instance(self, user: AbstractBaseUser, action: str, instance) -> bool:
        return may_manage_champions(user)

    def users_with_any_permission(self, actions: Iterable[str]) -> QuerySet:
        return (
            get_user_model()
            .objects.filter(Q(is_superuser=True) | Q(groups__name=roles.EDITORS), is_active=True)
            .distinct()
        )
