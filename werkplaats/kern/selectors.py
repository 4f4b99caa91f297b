"""Reads on the ground floor."""

from django.core.cache import cache
from django.db.models import F, Q, QuerySet

from .models import SITE_CACHE_KEY, Bericht, Opdracht, Organisatie, SiteInstellingen

MISLUKT_TOON = 200


def site_instellingen_get() -> SiteInstellingen:
    """The site settings row, cached; an unsaved default when the database is still empty."""
    site = cache.get(SITE_CACHE_KEY)
    if site is None:
        site = SiteInstellingen.objects.filter(pk=1).first() or SiteInstellingen(
            naam="Werkplaats Sociaal Domein"
        )
        if site.pk:
            cache.set(SITE_CACHE_KEY, site, 300)
    return site


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
    """True for a beheerder: the mails and jobs that failed are theirs to see and retry."""
    return user is not None and user.is_authenticated and user.is_beheerder


def berichten_mislukt_list(limit: int = MISLUKT_TOON) -> list[Bericht]:
    """The newest mails the outbox gave up on (the caller checks outbox_can_manage)."""
    return list(
        Bericht.objects.filter(status=Bericht.Status.MISLUKT)
        .only("aan", "onderwerp", "status", "pogingen", "laatste_fout", "geclaimd_op")
        .order_by(F("geclaimd_op").desc(nulls_last=True), "-pk")[:limit]
    )


def opdrachten_mislukt_list(limit: int = MISLUKT_TOON) -> list[Opdracht]:
    """The newest background jobs that failed every attempt (for beheerders)."""
    return list(
        Opdracht.objects.filter(mislukt_op__isnull=False).order_by("-mislukt_op", "-pk")[:limit]
    )
