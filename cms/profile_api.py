"""Domain API of the signed-in reader's profile (/api/v1/account/profile/): the display name and the
country shown with their discussion comments instead of their e-mail, and the language of our mail to them.

A Champion represents the country they were nominated for: administrators set it (Snippets → Account
profiles) and the Champion cannot change it here. Everyone else may say which country they are from.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.security import django_auth
from pydantic import Field, field_validator

from cms.accounts import roles
from cms.background.mail import mail_language, set_mail_language, site_language
from cms.headless.text_input import TextSafeSchema
from cms.models import AccountProfile, country_of, has_invisible_characters, public_name
from examples_library.api import InputError
from examples_library.models import Country

router = Router(tags=["account"], auth=django_auth)


class ProfileOut(Schema):
    display_name: str
    country: str = Field(..., description="ISO 3166 alpha-2 code, or empty.")
    country_locked: bool = Field(..., description="True for Champions: administrators set their country.")
    public_name: str = Field(..., description="The name shown with the reader's comments.")
    mail_language: str = Field(
        ..., description="Language of every e-mail the platform sends the reader (en, fr, es)."
    )


class ProfileIn(TextSafeSchema):
    display_name: str = Field("", max_length=80)
    country: str = Field("", max_length=2, description="ISO 3166 alpha-2 code, or empty.")
    mail_language: str | None = Field(
        None, max_length=10, description="en, fr or es; left out or null keeps the current one."
    )

    @field_validator("display_name")
    @classmethod
    def name(cls, value: str) -> str:
        value = " ".join(value.split())
        if "\x00" in value or "@" in value:
            # An e-mail address as a public name would defeat the point of the profile.
            raise ValueError("must not contain an e-mail address")
        return value

    @field_validator("country")
    @classmethod
    def code(cls, value: str) -> str:
        return value.strip().upper()


def _is_champion(user: AbstractBaseUser) -> bool:
    return user.groups.filter(name=roles.CHAMPIONS).exists()


def _out(user: AbstractBaseUser) -> dict:
    profile = AccountProfile.objects.filter(user=user).first()
    return {
        "display_name": profile.display_name if profile else "",
        "country": country_of(user),
        "country_locked": _is_champion(user),
        "public_name": public_name(user),
        "mail_language": mail_language(user),
    }


@router.get("/account/profile/", response=ProfileOut, summary="My public profile")
def get_profile(request: HttpRequest):
    return _out(request.user)


@router.put(
    "/account/profile/", response=ProfileOut, summary="Change my display name, country and mail language"
)
def put_profile(request: HttpRequest, data: ProfileIn):
    user = request.user
    if has_invisible_characters(data.display_name):
        # Refused rather than stripped: the reader sees what would have been shown and chooses the name.
        # Answered like a schema error of the field, so clients (the frontend's form) place it there.
        raise InputError(
            [
                {
                    "loc": ["body", "data", "display_name"],
                    "msg": _(
                        "The display name contains invisible or text-direction control characters, which "
                        "could make it read as another name. Remove them and try again."
                    ),
                    "type": "value_error",
                }
            ]
        )
    language = None
    if data.mail_language is not None:
        language = site_language(data.mail_language.strip())
        if language is None:
            raise HttpError(422, _("Choose English, French or Spanish for your e-mails."))
    with transaction.atomic():
        if language is not None:
            set_mail_language(user, language)
        profile, _created = AccountProfile.objects.select_for_update().get_or_create(user=user)
        if _is_champion(user):
            if data.country and data.country != profile.country.upper():
                raise HttpError(403, _("Your country is set by the administrators who nominated you."))
        elif data.country and not Country.objects.filter(iso2=data.country).exists():
            raise HttpError(422, _("Unknown country."))
        else:
            profile.country = data.country
        profile.display_name = data.display_name
        profile.save()
    # The user object caches its profile; read it again so the answer shows what was saved.
    user.refresh_from_db()
    return _out(user)
