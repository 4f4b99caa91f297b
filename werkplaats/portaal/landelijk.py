"""Landelijk beheer on the portal: adding a werkplaats with its first beheerder.

The national summary itself lives with the yearly report (werkplaats.verantwoording.landelijk).
"""

import re
from contextlib import contextmanager

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http.request import validate_host
from django.urls import get_urlconf, set_urlconf
from django.utils.translation import gettext as _

from werkplaats.kern.beheer.gebruikers import gebruiker_invite
from werkplaats.kern.fouten import DomeinFout
from werkplaats.kern.huidig import in_werkplaats
from werkplaats.kern.models import Gebruiker, Werkplaats, WerkplaatsHost
from werkplaats.verantwoording.landelijk import landelijk_can_manage

# One or more labels of letters, digits and hyphens (not at either end), joined by dots.
HOST_PATROON = re.compile(
    r"^(?=.{1,200}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$"
)


def hosts_lezen(tekst: str) -> list[str]:
    """The host names in `tekst`, one a line: lower case, without a trailing dot, each once."""
    regels = (regel.strip().lower().rstrip(".") for regel in tekst.splitlines())
    return list(dict.fromkeys(regel for regel in regels if regel))


def host_check(host: str) -> None:
    """Raise when `host` cannot serve a werkplaats: bad syntax or one of the portal's hosts."""
    if not HOST_PATROON.match(host):
        raise DomeinFout(
            _(
                "“%(host)s” is not a host name. Write only the name, without http:// or a "
                "port, for example werkplaats-twente.nl."
            )
            % {"host": host},
            veld="hosts",
        )
    if host in settings.PORTAAL_HOSTS:
        raise DomeinFout(
            _("“%(host)s” is the address of this national portal.") % {"host": host},
            veld="hosts",
        )


def hosts_niet_toegestaan(hosts: list[str]) -> list[str]:
    """The hosts the installation does not answer yet (missing from ALLOWED_HOSTS)."""
    return [host for host in hosts if not validate_host(host, settings.ALLOWED_HOSTS)]


@contextmanager
def _urls_van_werkplaatsen():
    """Links made in the block point at pages of a werkplaats's site, also during a request
    on the portal (whose URLconf has none of them)."""
    oud = get_urlconf()
    set_urlconf(None)
    try:
        yield
    finally:
        set_urlconf(oud)


@transaction.atomic(durable=True)
def werkplaats_create(
    *,
    naam: str,
    slug: str,
    hosts: list[str],
    regio: str,
    contact_email: str,
    beheerder_email: str,
    beheerder_voornaam: str,
    beheerder_achternaam: str,
    door: Gebruiker,
) -> Werkplaats:
    """Add a werkplaats with its host names (the first is primary) and invite its first
    beheerder by e-mail, with a link to the new werkplaats's own site. All or nothing."""
    if not landelijk_can_manage(door):
        raise DomeinFout(_("Only national administrators can add a werkplaats."))
    slug = slug.strip().lower()
    if not hosts:
        raise DomeinFout(_("Fill in at least one host name."), veld="hosts")
    for host in hosts:
        host_check(host)
    with in_werkplaats(None):
        if Werkplaats.objects.filter(slug=slug).exists():
            raise DomeinFout(
                _("The short name “%(slug)s” is already used by another werkplaats.")
                % {"slug": slug},
                veld="slug",
            )
        bezet = (
            WerkplaatsHost.objects.filter(host__in=hosts)
            .select_related("werkplaats")
            .order_by("host")
            .first()
        )
        if bezet is not None:
            raise DomeinFout(
                _("The host name “%(host)s” already serves %(werkplaats)s.")
                % {"host": bezet.host, "werkplaats": bezet.werkplaats.naam},
                veld="hosts",
            )
        try:
            # The unique slug and host are the backstop when two people add one at once.
            with transaction.atomic():
                werkplaats = Werkplaats.objects.create(
                    naam=naam.strip(),
                    slug=slug,
                    regio=regio.strip(),
                    contact_email=contact_email.strip(),
                )
                # One save each: saving a host tells every process's host memo.
                for nummer, host in enumerate(hosts):
                    WerkplaatsHost.objects.create(
                        werkplaats=werkplaats, host=host, primair=nummer == 0
                    )
        except IntegrityError:
            raise DomeinFout(
                _("Another werkplaats has just taken this short name or host name.")
            ) from None
    # The invitation is this werkplaats's mail: its name, its sender, a link to its host.
    with in_werkplaats(werkplaats), _urls_van_werkplaatsen():
        try:
            gebruiker_invite(
                email=beheerder_email,
                voornaam=beheerder_voornaam.strip(),
                achternaam=beheerder_achternaam.strip(),
                rol=Gebruiker.Rol.BEHEERDER,
                door=door,
            )
        except DomeinFout as fout:
            raise DomeinFout(fout.bericht, "beheerder_email" if fout.veld else None) from None
    return werkplaats
