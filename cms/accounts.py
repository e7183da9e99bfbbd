"""Accounts: every new account is a stakeholder (other roles are granted by administrators) and is written
to in the language it signed up in until its owner chooses another on their profile."""

from django.contrib.auth.models import Group

from allauth.account.adapter import DefaultAccountAdapter

from cms.mail import record_signup_language
from cms.roles import STAKEHOLDERS


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit: bool = True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            group, _created = Group.objects.get_or_create(name=STAKEHOLDERS)
            user.groups.add(group)
            record_signup_language(user)
        return user
