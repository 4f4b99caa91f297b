"""Rate limits that count what matters, keyed on the real client address.

A limit is checked before the work and counted after it, so a view decides what uses
up the budget: a failed login, a valid registration. Thirty people signing in or
registering correctly from one school network do not lock each other out.
Counters live in the cache (Redis in production, shared by all workers).
"""

import math
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import ngettext
from django_ratelimit.core import get_usage

from .huidig import huidige_werkplaats_id

# A limit hit through django-ratelimit's decorator or middleware does not say how long.
ONBEKEND = 300


@dataclass(frozen=True)
class Limiet:
    """One budget: the setting that holds its rate ("10/5m"), a group name and its key."""

    groep: str
    instelling: str
    # "ip" goes through RATELIMIT_IP_META_KEY, i.e. clientip.client_ip.
    sleutel: str | Callable = "ip"

    def _usage(self, request, onderwerp: str, tellen: bool):
        # The rate is read per request so tests and benchmarks can change the setting.
        # Each werkplaats counts on its own ("-": the portal).
        groep = f"{self.groep}:{huidige_werkplaats_id() or '-'}"
        return get_usage(
            request,
            group=f"{groep}:{onderwerp}" if onderwerp else groep,
            key=self.sleutel,
            rate=getattr(settings, self.instelling),
            increment=tellen,
        )

    def wacht(self, request, onderwerp: str = "") -> int:
        """Seconds until one more is allowed; 0 while the budget is not used up."""
        usage = self._usage(request, onderwerp, tellen=False)
        if usage is None or usage["count"] < usage["limit"]:
            return 0
        return max(usage["time_left"], 1)

    def tel(self, request, onderwerp: str = "") -> None:
        """Use one unit of the budget."""
        self._usage(request, onderwerp, tellen=True)


def limieten_wacht(request, *limieten: tuple[Limiet, str]) -> int:
    """The longest wait among (limit, subject) pairs; 0 when all allow one more."""
    return max((limiet.wacht(request, onderwerp) for limiet, onderwerp in limieten), default=0)


def limieten_tel(request, *limieten: tuple[Limiet, str]) -> None:
    """Use one unit of each (limit, subject) budget."""
    for limiet, onderwerp in limieten:
        limiet.tel(request, onderwerp)


def wacht_tekst(seconden: int | None) -> str:
    """'Probeer het over 7 minuten opnieuw.' (rounded up to whole minutes)."""
    minuten = max(1, math.ceil((seconden or ONBEKEND) / 60))
    return ngettext(
        "Try again in %(minuten)s minute.", "Try again in %(minuten)s minutes.", minuten
    ) % {"minuten": minuten}


def te_veel_response(request, seconden: int | None):
    """The Dutch 429 page, with Retry-After and a sentence saying when to try again."""
    response = render(
        request, "kern/te_veel_pogingen.html", {"wanneer": wacht_tekst(seconden)}, status=429
    )
    response["Retry-After"] = str(seconden or ONBEKEND)
    return response
