"""Factories for the accounts every app's tests need: members in each role (cms.accounts.roles), with their
e-mail address verified or not, as allauth keeps it."""

import uuid

from django.conf import settings
from django.contrib.auth.models import Group

import factory
from allauth.account.models import EmailAddress
from factory.django import DjangoModelFactory

PASSWORD = "pw-Secret-123"


class UserFactory(DjangoModelFactory):
    """A member of ``role`` (a group of cms.accounts.roles, "admin" for a superuser, None for no role)."""

    class Meta:
        model = settings.AUTH_USER_MODEL
        skip_postgeneration_save = True

    # Not model fields: _create takes them off before the user is created.
    role = None
    verified = True

    username = factory.LazyAttribute(lambda o: f"{o.role or 'user'}-{uuid.uuid4().hex[:6]}")
    email = factory.LazyAttribute(lambda o: f"{o.username.lower()}@example.org")
    password = PASSWORD

    @classmethod
    def _create(cls, model_class, *args, role: str | None = None, verified: bool = True, **kwargs):
        # create_user hashes the password, which the factory's plain save would store as given.
        user = model_class.objects.create_user(*args, **kwargs)
        if role == "admin":
            user.is_superuser = user.is_staff = True
            user.save()
        elif role:
            user.groups.add(Group.objects.get(name=role))
        EmailAddress.objects.create(user=user, email=user.email, verified=verified, primary=True)
        return user


class AccountProfileFactory(DjangoModelFactory):
    """The public name and country a member shows beside what they post."""

    class Meta:
        model = "cms.AccountProfile"

    user = factory.SubFactory(UserFactory)
    display_name = "Ana from Mexico"
    country = "MX"
