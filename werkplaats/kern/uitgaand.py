"""What leaves the site says which werkplaats it comes from: links, sender, files, jobs.

A link in a mail, a calendar file or an export points at the host of the werkplaats it is
about (`site_url`); a mail is sent in that werkplaats's name (`afzender_headers`); an
uploaded file goes to that werkplaats's folder (`werkplaats_map`). A background job has no
request, so it names its werkplaats through the record it works on (`in_werkplaats_van`) and
a sweeper over every werkplaats's rows does that per row (`per_werkplaats` for the jobs that
run once for each werkplaats).
"""

from contextlib import contextmanager
from contextvars import ContextVar
from email.utils import formataddr, parseaddr
from urllib.parse import urlsplit

from django.conf import settings

from .huidig import huidige_werkplaats, in_werkplaats


def werkplaats_hosts(werkplaats) -> tuple[str, ...]:
    """The host names of `werkplaats`, its primary one first (kept per werkplaatsen version)."""
    from .models import WerkplaatsHost
    from .paginacache import proces_memo, werkplaatsen_versie

    def maak():
        return tuple(
            WerkplaatsHost.objects.filter(werkplaats_id=werkplaats.pk)
            .order_by("-primair", "host")
            .values_list("host", flat=True)
        )

    return proces_memo("werkplaats-hosts", werkplaats.pk, maak=maak, versie=werkplaatsen_versie())


# The scheme and port of the request being served (set by WerkplaatsMiddleware): a link
# made during a request carries the port the site runs on, as `make run` on any port.
_verzoek_adres: ContextVar[tuple[str, str] | None] = ContextVar("verzoek_adres", default=None)


def verzoek_adres_zet(request):
    """Remember the request's scheme and port; returns the token to reset."""
    return _verzoek_adres.set((request.scheme, request.get_port()))


def verzoek_adres_herstel(token) -> None:
    _verzoek_adres.reset(token)


def werkplaats_basis_url(werkplaats) -> str:
    """The address (scheme, host, port, no trailing slash) that links to `werkplaats` use.

    The host is the werkplaats's primary one; the scheme and port are the current request's
    (outside a request: settings.SITE_URL's), the path SITE_URL's. When SITE_URL itself
    names one of the werkplaats's hosts (one werkplaats on its own installation), SITE_URL
    is that address as it stands.
    """
    basis = settings.SITE_URL
    if werkplaats is None or werkplaats.pk is None:
        return basis
    hosts = werkplaats_hosts(werkplaats)
    delen = urlsplit(basis)
    if not hosts or (delen.hostname or "").lower() in hosts:
        return basis
    return host_basis_url(hosts[0])


def host_basis_url(host: str) -> str:
    """`host` with the current request's scheme and port (else SITE_URL's) and SITE_URL's
    path, without a trailing slash."""
    delen = urlsplit(settings.SITE_URL)
    schema, poort = _verzoek_adres.get() or (delen.scheme, str(delen.port or ""))
    standaard = {"http": "80", "https": "443"}.get(schema)
    poort = f":{poort}" if poort and poort != standaard else ""
    return f"{schema}://{host}{poort}{delen.path}".rstrip("/")


def site_url() -> str:
    """The base of every absolute link made now: the current werkplaats's address, or
    settings.SITE_URL outside a werkplaats."""
    return werkplaats_basis_url(huidige_werkplaats())


def afzender_headers(werkplaats=None) -> dict[str, str]:
    """The From (the werkplaats's name, the address of DEFAULT_FROM_EMAIL) and Reply-To (its
    contact address, if any) of a mail sent on behalf of `werkplaats` (default: the current
    one); empty outside a werkplaats, so the mail goes out as DEFAULT_FROM_EMAIL."""
    werkplaats = werkplaats or huidige_werkplaats()
    if werkplaats is None or not werkplaats.naam:
        return {}
    _naam, adres = parseaddr(settings.DEFAULT_FROM_EMAIL)
    headers = {"From": formataddr((werkplaats.naam, adres or settings.DEFAULT_FROM_EMAIL))}
    if werkplaats.contact_email:
        headers["Reply-To"] = werkplaats.contact_email
    return headers


def werkplaats_get(werkplaats_id: int | None):
    """The werkplaats with this id: the current one when it is that, else read (or None)."""
    from .models import Werkplaats

    huidig = huidige_werkplaats()
    if werkplaats_id is None or (huidig is not None and huidig.pk == werkplaats_id):
        return huidig if werkplaats_id is not None else None
    return Werkplaats.objects.filter(pk=werkplaats_id).first()


def werkplaats_map(werkplaats_id: int | None = None) -> str:
    """The folder of a werkplaats's uploaded files ("" when there is no werkplaats)."""
    if werkplaats_id is None:
        werkplaats_id = getattr(huidige_werkplaats(), "pk", None)
    werkplaats = werkplaats_get(werkplaats_id)
    return werkplaats.slug if werkplaats is not None and werkplaats.slug else ""


@contextmanager
def in_werkplaats_van(model, pk, pad: str = "werkplaats"):
    """Read one record with no werkplaats active, then act in the werkplaats it belongs to.

    `pad` is the way from the record to its werkplaats ("kenniscafe__werkplaats" for a
    registration, via its parent). Yields the record, or None when there is none (then no
    werkplaats is active in the block).
    """
    with in_werkplaats(None):
        record = model._base_manager.select_related(pad).filter(pk=pk).first()
    if record is None:
        with in_werkplaats(None):
            yield None
        return
    werkplaats = record
    for stap in pad.split("__"):
        werkplaats = getattr(werkplaats, stap)
    with in_werkplaats(werkplaats):
        yield record


def per_werkplaats(stap, *args, **kwargs) -> int:
    """Run `stap` once in every werkplaats, each in its own, and add up what they return.

    For the jobs that read one werkplaats's settings (its retention period) and rows."""
    from .models import Werkplaats

    with in_werkplaats(None):
        werkplaatsen = list(Werkplaats.objects.order_by("pk"))
    totaal = 0
    for werkplaats in werkplaatsen:
        with in_werkplaats(werkplaats):
            totaal += stap(*args, **kwargs)
    return totaal
