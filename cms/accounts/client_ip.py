"""The address of the person behind a request, which the frontend relays.

Readers reach Django through the Astro server (its proxy and its server-side calls), so ``REMOTE_ADDR`` is the
frontend's own address for everyone, and a per-address limit (allauth's sign-in rate limits) would count all
of them together. The frontend therefore sends the reader's address in ``X-GCM-Client-IP`` with the shared
secret ``FRONTEND_PROXY_SECRET`` in ``X-GCM-Proxy-Secret``. allauth's own ``ALLAUTH_TRUSTED_CLIENT_IP_HEADER``
would believe the header from anybody who can reach Django directly, so it is trusted here only with that
secret.
"""

import hmac
import ipaddress

from django.conf import settings
from django.http import HttpRequest

CLIENT_IP_HEADER = "X-GCM-Client-IP"
SECRET_HEADER = "X-GCM-Proxy-Secret"


def relayed_client_ip(request: HttpRequest) -> str | None:
    """The reader's address the frontend vouches for, or None when the request does not carry the secret (or
    the address is not one), in which case the caller uses the connection's own address."""
    secret = getattr(settings, "FRONTEND_PROXY_SECRET", "")
    given = request.headers.get(SECRET_HEADER, "")
    if not secret or not hmac.compare_digest(given.encode(), secret.encode()):
        return None
    value = request.headers.get(CLIENT_IP_HEADER, "").strip()
    if value.startswith("[") and value.endswith("]"):
        value = value[1:-1]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    # Node reports IPv4 clients of a dual-stack socket as ::ffff:a.b.c.d; one person, one key.
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return str(address)
