"""Reads on the ground floor."""

from django.db.models import F, Q, QuerySet

from .huidig import huidige_werkplaats, huidige_werkplaats_id
from .models import Bericht, Opdracht, Organisatie, Werkplaats, WerkplaatsHost

MISLUKT_TOON = 200


def site_instellingen_get() -> Werkplaats:
    """The werkplaats this request or job acts in: its name, texts and defaults. Outside
    one (the portal, a command) an unsaved default with the generic name."""
    return huidige_werkplaats() or Werkplaats(naam="Werkplaats Sociaal Domein")


def werkplaats_voor_host(host: str) -> Werkplaats | None:
    """The active werkplaats that `host` (without port) serves, or None; read once per
    werkplaatsen version in each process, so a new host or a renamed werkplaats counts at once."""
    from .paginacache import proces_memo, werkplaatsen_versie

    host = host.lower().rstrip(".")

    def maak():
        koppeling = (
            WerkplaatsHost.objects.select_related("werkplaats")
            .filter(host=host, werkplaats__actief=True)
            .first()
        )
        # False, not None: "no werkplaats here" (a portal host) is kept as well.
        return koppeling.werkplaats if koppeling else False

    return proces_memo("werkplaats-host", host, maak=maak, versie=werkplaatsen_versie()) or None


def werkplaats_primaire_host(werkplaats: Werkplaats) -> str | None:
    """The host name that links to `werkplaats` use (its primary one, else its first)."""
    from .paginacache import proces_memo, werkplaatsen_versie

    def maak():
        return (
            WerkplaatsHost.objects.filter(werkplaats=werkplaats)
            .order_by("-primair", "host")
            .values_list("host", flat=True)
            .first()
        )

    return proces_memo(
        "werkplaats-primaire-host", werkplaats.pk, maak=maak, versie=werkplaatsen_versie()
    )


def organisaties_kiesbaar(*, behouden=()) -> QuerySet[Organisatie]:
    """The organisations a choice list offers: every partner that is not archived, plus the
    ones in `behouden` (pks an existing record already points to, archived or not)."""
    behouden = [pk for pk in behouden if pk is not None]
    filter_ = Q(gearchiveerd=False)
    if behouden:
        filter_ |= Q(pk__in=behouden)
    return Organisatie.objects.filter(filter_).order_by("naam", "afdeling")


def bewaartermijn_grens(nu=None):
    """The moment before which personal data is past the retention period of the site."""
    from dateutil.relativedelta import relativedelta
    from django.utils import timezone

    nu = nu or timezone.now()
    return nu - relativedelta(months=site_instellingen_get().bewaartermijn_maanden or 24)


def outbox_can_manage(user) -> bool:
    """True for a beheerder of the current werkplaats: the mails and jobs of this werkplaats
    that failed are theirs to see and retry (outbox_van_hier)."""
    return user is not None and user.is_authenticated and user.is_beheerder


def outbox_van_hier(queryset):
    """The mails or jobs made in the current werkplaats (the outbox is not a scoped model:
    its sweepers and sender read every row)."""
    return queryset.filter(werkplaats_id=huidige_werkplaats_id())


def berichten_mislukt_list(limit: int = MISLUKT_TOON) -> list[Bericht]:
    """The newest mails the outbox gave up on (the caller checks outbox_can_manage)."""
    return list(
        outbox_van_hier(Bericht.objects.filter(status=Bericht.Status.MISLUKT))
        .only("aan", "onderwerp", "status", "pogingen", "laatste_fout", "geclaimd_op")
        .order_by(F("geclaimd_op").desc(nulls_last=True), "-pk")[:limit]
    )


def opdrachten_mislukt_list(limit: int = MISLUKT_TOON) -> list[Opdracht]:
    """The newest background jobs that failed every attempt (for beheerders)."""
    return list(
        outbox_van_hier(Opdracht.objects.filter(mislukt_op__isnull=False)).order_by(
            "-mislukt_op", "-pk"
        )[:limit]
    )
