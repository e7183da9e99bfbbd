"""Account data the platform shows about people: a public display name and the country they represent.

E-mail addresses are never shown; discussions show ``public_name`` and the country instead. Kept beside the
roles (cms owns users and roles) as a one-to-one profile, because the project uses Django's stock user model.
"""

import unicodedata

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

# Zero-width joiner and non-joiner are format characters too, but Persian, Indic scripts and emoji need
# them to spell names; they cannot reorder text. Every other format character (bidi embeddings, overrides
# and isolates U+202A-202E/U+2066-2069, the marks U+200E/U+200F/U+061C, zero-width spaces, BOM, soft
# hyphen…) can make a name read as something else, so none is allowed in a name shown to others.
_ALLOWED_FORMAT = {"\u200c", "\u200d"}


def _invisible(ch: str) -> bool:
    category = unicodedata.category(ch)
    return (category == "Cf" and ch not in _ALLOWED_FORMAT) or category in {"Cc", "Zl", "Zp"}


def has_invisible_characters(text: str) -> bool:
    """Whether ``text`` holds control, line or paragraph separator, or invisible/text-direction format
    characters."""
    return any(_invisible(ch) for ch in text)


def visible_text(text: str) -> str:
    """``text`` without the characters of ``has_invisible_characters``, spaces collapsed: for names shown to
    others, whatever their source (profile, the admin's full name, older data)."""
    return " ".join("".join(ch for ch in text if not _invisible(ch)).split())


def validate_display_name(value: str) -> None:
    if has_invisible_characters(value):
        raise ValidationError(
            _(
                "The display name contains invisible or text-direction control characters, which "
                "could make it read as another name. Remove them and try again."
            ),
            code="invisible_characters",
        )


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

    def clean(self) -> None:
        # In clean() rather than as a field validator: the same rule for the admin's snippet form without a
        # migration; the profile API checks it too.
        try:
            validate_display_name(self.display_name)
        except ValidationError as exc:
            raise ValidationError({"display_name": exc.messages}) from None


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
    name = visible_text(profile.display_name) if profile is not None else ""
    if name:
        return name
    full = visible_text(user.get_full_name())
    if full and "@" not in full:
        return full
    return str(_("Participant"))


def country_of(user: AbstractBaseUser | None) -> str:
    """The ISO alpha-2 code of the country ``user`` represents, or an empty string."""
    profile = _profile(user)
    return profile.country.upper() if profile is not None else ""
