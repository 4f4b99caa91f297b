"""The real client address: the one place every rate limit gets its IP from.

Behind a reverse proxy REMOTE_ADDR is the proxy, and the client is in X-Forwarded-For.
That header is only believed when the connection comes from an address listed in
TRUSTED_PROXIES; a client that connects directly can write anything into it.
django-ipware parses the header chain (ports, IPv6 brackets, RFC 7239, junk entries).
"""

import ipaddress
from functools import lru_cache
from types import SimpleNamespace

from django.conf import settings
from ipware import get_client_ip

# More proxies than this in front of one site is a misconfiguration, not a real chain.
MAX_PROXIES = 5


@lru_cache(maxsize=8)
def _netwerken(proxies: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(p, strict=False) for p in proxies)


def _vertrouwd(ip: str, netwerken: tuple) -> bool:
    try:
        adres = ipaddress.ip_address(ip)
    except ValueError:
        return False
    adres = getattr(adres, "ipv4_mapped", None) or adres
    return any(adres.version == net.version and adres in net for net in netwerken)


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or the first untrusted hop behind trusted proxies."""
    remote = request.META.get("REMOTE_ADDR") or ""
    netwerken = _netwerken(tuple(settings.TRUSTED_PROXIES))
    if not _vertrouwd(remote, netwerken):
        # A direct client (or no proxy configured): its X-Forwarded-For is ignored.
        return remote
    doorgestuurd = request.META.get("HTTP_X_FORWARDED_FOR", "")
    keten = SimpleNamespace(
        META={"HTTP_X_FORWARDED_FOR": f"{doorgestuurd}, {remote}" if doorgestuurd else remote}
    )
    ip = remote
    # Walk from our side towards the client; each proxy appends the address it saw, so
    # only the hops right of the first untrusted one are known to be true.
    for hops in range(1, MAX_PROXIES + 1):
        gevonden, _routeerbaar = get_client_ip(
            keten, proxy_count=hops, request_header_order=["HTTP_X_FORWARDED_FOR"], strict=False
        )
        if gevonden is None:
            break
        ip = gevonden
        if not _vertrouwd(ip, netwerken):
            break
    return ip
