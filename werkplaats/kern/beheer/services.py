"""Writes of the beheer pages: periods, partner organisations and the site settings."""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from ..fouten import DomeinFout, eind_na_start_check
from ..huidig import huidige_werkplaats_id
from ..models import Organisatie, Periode, Werkplaats


def _teams_buiten_periode(periode: Periode, start: datetime.date, eind: datetime.date):
    """The first row of any app that hangs under this period with dates outside start-eind.

    The ground floor imports no app, so it asks the reverse relations (e.g. werkteams) that
    the apps declare on Periode: every related model with `start`/`eind` date fields counts.
    """
    if periode.pk is None:
        return None
    for relatie in Periode._meta.related_objects:
        model = relatie.related_model
        velden = {f.name for f in model._meta.get_fields()}
        if not {"start", "eind"} <= velden or relatie.many_to_many:
            continue
        buiten = (
            model._default_manager.filter(**{relatie.field.name: periode})
            .filter(Q(start__lt=start) | Q(start__gt=eind) | Q(eind__gt=eind) | Q(eind__lt=start))
            .order_by("start", "pk")
            .first()
        )
        if buiten is not None:
            return buiten
    return None


@transaction.atomic
def periode_save(
    *, periode: Periode | None = None, naam: str, start: datetime.date, eind: datetime.date
) -> Periode:
    """Add a period or change one; refused when a team of it would fall outside the dates."""
    eind_na_start_check(start, eind)
    if periode is not None:
        # Lock the period: a team added meanwhile is checked against the dates saved here.
        periode = Periode.objects.select_for_update().get(pk=periode.pk)
        buiten = _teams_buiten_periode(periode, start, eind)
        if buiten is not None:
            raise DomeinFout(
                _(
                    "%(team)s (%(van)s – %(tot)s) falls outside these dates. "
                    "Change the team's dates first, or choose dates that include them."
                )
                % {
                    "team": buiten,
                    "van": buiten.start.strftime("%d-%m-%Y") if buiten.start else "…",
                    "tot": buiten.eind.strftime("%d-%m-%Y") if buiten.eind else "…",
                },
                "start" if buiten.start and buiten.start < start else "eind",
            )
    else:
        periode = Periode()
    if Periode.objects.filter(naam=naam).exclude(pk=periode.pk).exists():
        raise DomeinFout(_("There is already a period with this name."), "naam")
    periode.naam, periode.start, periode.eind = naam, start, eind
    try:
        # A savepoint: the unique name is the backstop when two beheerders save at once.
        with transaction.atomic():
            periode.save()
    except IntegrityError as fout:
        raise DomeinFout(_("There is already a period with this name."), "naam") from fout
    return periode


@transaction.atomic
def organisatie_save(
    *,
    organisatie: Organisatie | None = None,
    naam: str,
    afdeling: str = "",
    sector: str,
    gemeente: str = "",
) -> Organisatie:
    """Add a partner organisation or change one; name and department together are unique."""
    organisatie = organisatie or Organisatie()
    if (
        Organisatie.objects.filter(naam__iexact=naam, afdeling__iexact=afdeling)
        .exclude(pk=organisatie.pk)
        .exists()
    ):
        raise DomeinFout(
            _("There is already an organisation with this name and department."), "naam"
        )
    organisatie.naam, organisatie.afdeling = naam, afdeling
    organisatie.sector, organisatie.gemeente = sector, gemeente
    try:
        # A savepoint: the unique constraint is the backstop when two beheerders save at once.
        with transaction.atomic():
            organisatie.save()
    except IntegrityError as fout:
        raise DomeinFout(
            _("There is already an organisation with this name and department."), "naam"
        ) from fout
    return organisatie


@transaction.atomic
def organisatie_archive(*, organisatie: Organisatie, gearchiveerd: bool = True) -> Organisatie:
    """Archive a partner organisation (or bring it back); its existing records keep it."""
    Organisatie.objects.filter(pk=organisatie.pk).update(gearchiveerd=gearchiveerd)
    organisatie.gearchiveerd = gearchiveerd
    return organisatie


@transaction.atomic
def site_instellingen_update(
    *,
    naam: str,
    korte_naam: str = "",
    regio: str = "",
    contact_email: str = "",
    adres: str = "",
    website: str = "",
    intro: str = "",
    privacyverklaring: str = "",
    toegankelijkheidsverklaring: str = "",
    bewaartermijn_maanden: int,
    herinnering_dagen_werkteam: int = 2,
    herinnering_uren_kenniscafe: int = 24,
) -> Werkplaats:
    """Save the settings of the werkplaats this request acts in."""
    site = Werkplaats.objects.select_for_update().get(pk=huidige_werkplaats_id())
    site.naam, site.korte_naam, site.regio = naam, korte_naam, regio
    site.contact_email, site.adres, site.website = contact_email, adres, website
    site.intro = intro
    site.privacyverklaring = privacyverklaring
    site.toegankelijkheidsverklaring = toegankelijkheidsverklaring
    site.bewaartermijn_maanden = bewaartermijn_maanden
    # Only the defaults change: meetings and cafés already planned keep their own values.
    site.herinnering_dagen_werkteam = herinnering_dagen_werkteam
    site.herinnering_uren_kenniscafe = herinnering_uren_kenniscafe
    site.save()
    return site
