"""Deployment checks of our own settings (``manage.py check --deploy``), beside Django's."""

from django.conf import settings
from django.core.checks import CheckMessage, Warning, register


@register(deploy=True)
def frontend_proxy_secret(app_configs, **kwargs) -> list[CheckMessage]:
    """Without the shared secret Django cannot tell readers apart behind the frontend: every request seems to
    come from the Astro server, so one reader's failed sign-ins rate-limit everybody (ADR 0073)."""
    if settings.FRONTEND_PROXY_SECRET:
        return []
    return [
        Warning(
            "FRONTEND_PROXY_SECRET is not set: sign-in rate limits count every reader behind the frontend as "
            "one, so one abuser can lock everyone out.",
            hint="Set the same random FRONTEND_PROXY_SECRET for Django and the Astro server.",
            id="gcm.W001",
        )
    ]
