"""Account data the platform shows about people: a public display name and the country they represent.

E-mail addresses are never shown; discussions show ``public_name`` and the country instead. Kept beside the
roles (cms owns users and roles) as a one-to-one profile, because the project uses Django's stock user model.
"""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="account_profile",
        verbose_name=_("user"),
    )
    display_name = models.CharField(
        _("display name"),
        max_length=80,
        blank=True,
        help_text=_("Shown with your comments instead of your e-mail."),
    )
    country = models.CharField(
        _("country"),
        max_length=2,
        blank=True,
        help_text=_("ISO 3166 alpha-2 code of the country you represent."),
    )

    class Meta:
        verbose_name = _("account profile")
        verbose_name_plural = _("account profiles")

    def __str__(self) -> str:
        return self.display_name or str(self.user_id)


def _profile(user: AbstractBaseUser | None) -> AccountProfile | None:
    try:
        return user.account_profile if user is not None else None
    except AccountProfile.DoesNotExist:
        return None


def public_name(user: AbstractBaseUser | None) -> str:
    """The name shown publicly for ``user``: their display name, else their full name, never an e-mail.
    Select ``account_profile`` with the user when calling this in a loop."""
    if user is None:
        return str(_("Former member"))
    profile = _profile(user)
    if profile is not None and profile.display_name:
        return profile.display_name
    full = user.get_full_name().strip()
    if full and "@" not in full:
        return full
    return str(_("Participant"))


def country_of(user: AbstractBaseUser | None) -> str:
    """The ISO alpha-2 code of the country ``user`` represents, or an empty string."""
    profile = _profile(user)
    return profile.country.upper() if profile is not None else ""
