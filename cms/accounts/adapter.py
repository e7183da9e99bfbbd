"""Accounts: every new account is a stakeholder (other roles are granted by administrators) and is written
to in the language it signed up in until its owner chooses another on their profile."""

from django.contrib.auth.models import Group
from django.http import HttpRequest

from allauth.account.adapter import DefaultAccountAdapter

from cms.accounts.client_ip import relayed_client_ip
from cms.accounts.roles import STAKEHOLDERS
from cms.background.mail import record_signup_language


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit: bool = True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            group, _created = Group.objects.get_or_create(name=STAKEHOLDERS)
            user.groups.add(group)
            record_signup_language(user)
        return user

    def get_client_ip(self, request: HttpRequest) -> str:
        # allauth keys its per-address rate limits on this: the reader's address, not the frontend's.
        # Without the frontend's secret, allauth's own reading of the connection (REMOTE_ADDR).
        return relayed_client_ip(request) or super().get_client_ip(request)
