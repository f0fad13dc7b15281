"""The client's address, for the login lockout and rate limits.

Behind a reverse proxy every request comes from the proxy's address, and the client's own address
is in X-Forwarded-For. That header is whatever the sender wrote, so it is read only when the
request comes from a proxy listed in settings.TRUSTED_PROXIES (addresses or networks), and then
only its last entry: the address our proxy appended (nginx's $proxy_add_x_forwarded_for); what
a client wrote itself stands to the left and is ignored. The header is parsed by django-ipware,
the library django-axes uses for this.
"""

from __future__ import annotations

import ipaddress
from functools import cache

from django.conf import settings
from django.http import HttpRequest
from ipware.ip import get_client_ip


@cache
def _networks(proxies: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(p, strict=False) for p in proxies)


def is_trusted_proxy(address: str | None) -> bool:
    if not address or not settings.TRUSTED_PROXIES:
        return False
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


def client_ip(request: HttpRequest) -> str | None:
    """REMOTE_ADDR, or, for a request from a trusted proxy, the address that proxy forwarded."""
    remote = request.META.get("REMOTE_ADDR")
    if is_trusted_proxy(remote):
        # proxy_count=0 without strict: the client is the last entry of the chain.
        forwarded, _ = get_client_ip(
            request, proxy_count=0, request_header_order=["HTTP_X_FORWARDED_FOR"], strict=False
        )
        if forwarded:
            return forwarded
    return remote
