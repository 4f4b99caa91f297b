"""Reads for kenniscafés: public lists, detail, organiser views (permission-aware)."""

from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkplaats.kern.paginacache import inhoud_memo, proces_memo
from werkteams.models import Lidmaatschap
from werkteams.selectors import werkteams_beheerbaar

from .links import LinkOngeldig, token_read
from .models import Aanmelding, Abonnee, Evaluatie, Kenniscafe, Uitnodiging, UitnodigingsRonde

B = Aanmelding.Status.BEVESTIGD
TYPE_UITLEG = {
    Kenniscafe.Type.KLASLOKAAL: {
        "betekenis": _(
            "A place where you learn a new concept, tool or method; "
            "sometimes literally part of a class."
        ),
        "kennis": _("Declarative knowledge: ‘knowing that’."),
    },
    Kenniscafe.Type.KENNISONTWIKKELING: {
        "betekenis": _("Existing and new knowledge brought together around a practice question."),
        "kennis": _("Procedural knowledge: ‘knowing how’."),
    },
    Kenniscafe.Type.PODIUM: {
        "betekenis": _("Many perspectives on one theme, case or concept get the stage."),
        "kennis": _("Situational or conditional knowledge."),
    },
    Kenniscafe.Type.DIALOOGTAFEL: {
        "betekenis": _("A deepening, critical dialogue on fundamental questions."),
        "kennis": _("Metacognitive knowledge."),
    },
}


def type_uitleg(type_: str) -> dict:
    """Meaning and kind of knowledge of a café type (shown to organisers and visitors)."""
    return TYPE_UITLEG.get(type_, {"betekenis": "", "kennis": ""})


def _met_telling(qs: QuerySet) -> QuerySet:
    return qs.annotate(
        bezet_locatie=Count(
            "aanmeldingen",
            filter=Q(aanmeldingen__status=B, aanmeldingen__deelname="locatie"),
        ),
        bezet_online=Count(
            "aanmeldingen",
            filter=Q(aanmeldingen__status=B, aanmeldingen__deelname="online"),
        ),
        aantal_wachtlijst=Count(
            "aanmeldingen", filter=Q(aanmeldingen__status=Aanmelding.Status.WACHTLIJST)
        ),
    )


def plaatsen_vrij(kenniscafe: Kenniscafe) -> dict:
    """Free places per channel of an annotated café (never below zero)."""
    locatie = max(kenniscafe.plaatsen_locatie - kenniscafe.bezet_locatie, 0)
    online = max(kenniscafe.plaatsen_online - kenniscafe.bezet_online, 0)
    if kenniscafe.vorm == Kenniscafe.Vorm.FYSIEK:
        online = 0
    elif kenniscafe.vorm == Kenniscafe.Vorm.ONLINE:
        locatie = 0
    return {"locatie": locatie, "online": online, "totaal": locatie + online}


def _decorate(kenniscafes) -> list[Kenniscafe]:
    lijst = list(kenniscafes)
    for kenniscafe in lijst:
        kenniscafe.vrij = plaatsen_vrij(kenniscafe)
        kenniscafe.uitleg = type_uitleg(kenniscafe.type)
    return lijst


def parse_maand(waarde: str) -> date | None:
    """'2026-03' → 1 March 2026; anything else → None."""
    try:
        jaar, maand = waarde.split("-")
        return date(int(jaar), int(maand), 1)
    except (ValueError, AttributeError):
        return None


def kenniscafe_list_public(
    *, type_: str = "", thema: str = "", vorm: str = "", maand: str = ""
) -> list[Kenniscafe]:
    """Upcoming published (or cancelled, still announced) cafés, filtered, soonest first."""
    qs = Kenniscafe.objects.filter(
        status__in=[Kenniscafe.Status.GEPUBLICEERD, Kenniscafe.Status.GEANNULEERD],
        eind__gte=timezone.now(),
    )
    if type_:
        qs = qs.filter(type=type_)
    if thema:
        qs = qs.filter(thema=thema)
    if vorm:
        qs = qs.filter(vorm=vorm)
    eerste = parse_maand(maand)
    if eerste:
        qs = qs.filter(start__year=eerste.year, start__month=eerste.month)
    qs = _met_telling(qs).prefetch_related("organisator_werkteams", "organisator_organisaties")
    return _decorate(qs.order_by("start", "pk"))


def kenniscafe_themas_public() -> list[str]:
    """The themes of upcoming published cafés, for the filter."""
    return list(
        Kenniscafe.objects.filter(status=Kenniscafe.Status.GEPUBLICEERD, eind__gte=timezone.now())
        .exclude(thema="")
        .order_by("thema")
        .values_list("thema", flat=True)
        .distinct()
    )


def kenniscafe_archive_public() -> list[Kenniscafe]:
    """Past published cafés with their figures: registrations and visitors."""
    qs = (
        Kenniscafe.objects.filter(status=Kenniscafe.Status.GEPUBLICEERD, eind__lt=timezone.now())
        .annotate(
            aantal_aanmeldingen=Count(
                "aanmeldingen", filter=~Q(aanmeldingen__status=Aanmelding.Status.GEANNULEERD)
            ),
            aantal_bezoekers=Count("aanmeldingen", filter=Q(aanmeldingen__aanwezig=True)),
        )
        .prefetch_related("organisator_werkteams", "organisator_organisaties")
        .order_by("-start", "-pk")
    )
    lijst = list(qs)
    for kenniscafe in lijst:
        kenniscafe.uitleg = type_uitleg(kenniscafe.type)
    return lijst


def _verslagen() -> Prefetch:
    """Published kennisbank items about the café (its verslag), as `verslagen`."""
    # Through the reverse relation: the kennisbank app points at us and owns what
    # "published" means; this app never imports it nor names its model.
    verslag_model = Kenniscafe.publicaties.field.model
    return Prefetch(
        "publicaties",
        queryset=verslag_model.objects.gepubliceerd()
        .only("pk", "titel", "slug", "type", "jaar", "kenniscafe_id")
        .order_by("-jaar", "titel"),
        to_attr="verslagen",
    )


def kenniscafe_get_public(*, slug: str, user=None) -> Kenniscafe:
    """One café by slug: public when published or cancelled; drafts only for its organisers."""

    def maak():
        return (
            _met_telling(Kenniscafe.objects.filter(slug=slug))
            .prefetch_related(
                "organisator_werkteams", "organisator_organisaties", "programma", _verslagen()
            )
            .first()
        )

    # Kept per content version (a registration bumps it too); who may see it is decided
    # below, for this visitor.
    kenniscafe = _zichtbaar_of_404(inhoud_memo("kenniscafe", slug, maak=maak, voor=user), user)
    kenniscafe.vrij = plaatsen_vrij(kenniscafe)
    kenniscafe.uitleg = type_uitleg(kenniscafe.type)
    return kenniscafe


def kenniscafe_get_for_registration(*, slug: str, user=None) -> Kenniscafe:
    """The café a registration is posted to, without counts (the service counts under lock)."""
    return _zichtbaar_of_404(Kenniscafe.objects.filter(slug=slug).first(), user)


def _zichtbaar_of_404(kenniscafe: Kenniscafe | None, user) -> Kenniscafe:
    """The café itself, or Http404 when it does not exist or is a draft of someone else's."""
    if kenniscafe is None:
        raise Http404
    if kenniscafe.status == Kenniscafe.Status.CONCEPT and not (
        user is not None and kenniscafe_can_manage(user, kenniscafe)
    ):
        raise Http404
    return kenniscafe


def kenniscafes_feed_public() -> list[Kenniscafe]:
    """Upcoming published and cancelled cafés for the iCal feed."""
    return list(
        Kenniscafe.objects.filter(
            status__in=[Kenniscafe.Status.GEPUBLICEERD, Kenniscafe.Status.GEANNULEERD],
            eind__gte=timezone.now(),
        ).order_by("start")
    )


def kenniscafe_can_manage(user, kenniscafe: Kenniscafe) -> bool:
    """Beheerders manage every café; coördinators those of their werkteams or their own."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_beheerder:
        return True
    if not user.is_coordinator:
        return False
    return (
        kenniscafe.organisator_gebruikers.filter(pk=user.pk).exists()
        or kenniscafe.organisator_werkteams.filter(pk__in=werkteams_beheerbaar(user)).exists()
    )


def kenniscafe_can_create(user) -> bool:
    """Coördinators and beheerders organise cafés; anyone else may not open those pages."""
    return user is not None and user.is_authenticated and user.is_coordinator


def kenniscafes_beheerbaar(user) -> QuerySet:
    """The cafés a user may manage, as a queryset (see kenniscafe_can_manage)."""
    return Kenniscafe.objects.beheerbaar_door(user)


def kenniscafes_kiesbaar(user, *, huidig_id: int | None = None) -> QuerySet:
    """Cafés a user may link to, newest first (see KenniscafeQuerySet.kiesbaar_voor)."""
    return Kenniscafe.objects.kiesbaar_voor(user, huidig_id=huidig_id)


def kenniscafe_list_organisator(user) -> list[Kenniscafe]:
    """Every café this user may manage, newest first, with counts."""
    qs = Kenniscafe.objects.all()
    if not user.is_beheerder:
        qs = qs.filter(pk__in=kenniscafes_beheerbaar(user).values("pk"))
    qs = _met_telling(qs).order_by("-start", "-pk")
    return _decorate(qs)


def kenniscafe_get_for_organisator(
    *, slug: str, user, met_telling: bool = True, bewaard: bool = False
) -> Kenniscafe:
    """One café for its organisers; 404 for everyone else (no leaking that it exists).

    With `met_telling` (the default) it carries its places taken and free (`vrij`).
    `bewaard`: for a page that only reads the café, the row as kept per content version
    in this process (paginacache.proces_memo; it holds the private meeting link, so it
    never goes to Redis). Views that change the café read it from the database.
    """
    qs = Kenniscafe.objects.filter(slug=slug)
    qs = _met_telling(qs) if met_telling else qs
    if bewaard:
        kenniscafe = proces_memo("kenniscafe-organisator", slug, met_telling, maak=qs.first)
    else:
        kenniscafe = qs.first()
    if kenniscafe is None or not kenniscafe_can_manage(user, kenniscafe):
        raise Http404
    if met_telling:
        kenniscafe.vrij = plaatsen_vrij(kenniscafe)
    kenniscafe.uitleg = type_uitleg(kenniscafe.type)
    return kenniscafe


def kenniscafe_get_for_update(*, slug: str, user) -> Kenniscafe:
    """A plain café (no counts) for its organisers' form; 404 for everyone else."""
    kenniscafe = kenniscafe_get_for_organisator(slug=slug, user=user)
    return Kenniscafe.objects.get(pk=kenniscafe.pk)


def aanmelding_get_for_organisator(kenniscafe: Kenniscafe, pk: int) -> Aanmelding:
    """One registration of a café its organiser already got; 404 for another café's."""
    aanmelding = Aanmelding.objects.filter(pk=pk, kenniscafe=kenniscafe).first()
    if aanmelding is None:
        raise Http404
    return aanmelding


def uitnodigingsrondes_recent(kenniscafe: Kenniscafe, limit: int = 10) -> QuerySet:
    """The latest invitation runs of a café, newest first."""
    return UitnodigingsRonde.objects.filter(kenniscafe=kenniscafe).order_by("-aangemaakt")[:limit]


def uitnodigingsronde_get_for_organisator(kenniscafe: Kenniscafe, pk: int) -> UitnodigingsRonde:
    """One invitation run of a café its organiser already got; 404 for another café's."""
    ronde = UitnodigingsRonde.objects.filter(pk=pk, kenniscafe=kenniscafe).first()
    if ronde is None:
        raise Http404
    return ronde


def uitnodiging_adressen(ronde: UitnodigingsRonde) -> list[str]:
    """Distinct addresses of a run's audiences, minus everyone who unsubscribed."""
    adressen: dict[str, str] = {}
    werkteam_ids = list(ronde.werkteams.values_list("pk", flat=True))
    if werkteam_ids:
        for email in werkteam_emails(werkteam_ids):
            adressen.setdefault(email.lower(), email)
    if ronde.eerdere_bezoekers:
        for email in (
            Aanmelding.objects.filter(uitnodigingen_ok=True, geanonimiseerd_op__isnull=True)
            .exclude(email="")
            .values_list("email", flat=True)
        ):
            adressen.setdefault(email.lower(), email)
    if ronde.abonnees:
        for email in Abonnee.objects.filter(
            bevestigd_op__isnull=False, afgemeld_op__isnull=True
        ).values_list("email", flat=True):
            adressen.setdefault(email.lower(), email)
    afgemeld = {
        e.lower()
        for e in Abonnee.objects.filter(afgemeld_op__isnull=False).values_list("email", flat=True)
    }
    return sorted(v for k, v in adressen.items() if k not in afgemeld)


def werkteam_emails(werkteam_ids: list[int]) -> list[str]:
    """E-mail addresses of the members (and coordinators) of werkteams."""
    emails = list(
        get_user_model()
        .objects.filter(gecoordineerde_werkteams__in=werkteam_ids, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    return emails + _werkteam_leden_emails(werkteam_ids)


def _werkteam_leden_emails(werkteam_ids: list[int]) -> list[str]:
    vandaag = timezone.localdate()
    return [
        email
        for email in Lidmaatschap.objects.filter(werkteam__in=werkteam_ids)
        .filter(Q(eind__isnull=True) | Q(eind__gte=vandaag))
        .values_list("persoon__email", flat=True)
        if email
    ]


def kenniscafe_list_home(limit: int = 3) -> list[Kenniscafe]:
    """The next few published cafés for the home page (one query)."""
    return list(
        Kenniscafe.objects.filter(
            status=Kenniscafe.Status.GEPUBLICEERD, start__gte=timezone.now()
        ).order_by("start", "pk")[:limit]
    )


def afmeld_email_get(inhoud: tuple[int, str] | str) -> str:
    """The address an unsubscribe link stands for; LinkOngeldig when its invitation is gone."""
    if isinstance(inhoud, str):
        return inhoud  # a link from before opaque tokens: the signed address itself
    pk, sleutel = inhoud
    email = Uitnodiging.objects.filter(pk=pk, sleutel=sleutel).values_list("email", flat=True)
    if not email:
        raise LinkOngeldig
    return email[0]


# --- personal links -----------------------------------------------------------------------


def aanmelding_get_by_token(token: str, salt: str) -> Aanmelding:
    """The registration a personal link names; LinkOngeldig when forged, gone or erased."""
    pk, sleutel = token_read(token, salt)
    aanmelding = (
        Aanmelding.objects.select_related("kenniscafe")
        .filter(pk=pk, sleutel=sleutel, geanonimiseerd_op__isnull=True)
        .first()
    )
    if aanmelding is None:
        raise LinkOngeldig
    return aanmelding


def aanmelding_wachtpositie(aanmelding: Aanmelding) -> int | None:
    """Place on the waiting list in the person's own channel (1 = next); None when not waiting."""
    if aanmelding.status != Aanmelding.Status.WACHTLIJST:
        return None
    eerder = Aanmelding.objects.filter(
        kenniscafe_id=aanmelding.kenniscafe_id,
        status=Aanmelding.Status.WACHTLIJST,
        deelname=aanmelding.deelname,
        aangemaakt__lt=aanmelding.aangemaakt,
    )
    return eerder.count() + 1


def evaluatie_gegeven(aanmelding: Aanmelding) -> bool:
    """Whether this visitor has filled in the evaluation already."""
    return Evaluatie.objects.filter(aanmelding=aanmelding).exists()


def aanmelding_uitkomst_publiek(
    kenniscafe: Kenniscafe, *, deelname: str, aanmelding: Aanmelding | None
) -> int | None:
    """What the page after registering says: None = a place, else the waiting-list position.

    For a new registration its own outcome. A known address (aanmelding None) gets what a new
    registration would get now, so the page never tells a stranger that an address is known;
    the mail to that address tells the truth.
    """
    if aanmelding is not None:
        return aanmelding_wachtpositie(aanmelding)
    kanaal = Aanmelding.objects.filter(kenniscafe=kenniscafe, deelname=deelname)
    plaatsen = kenniscafe.plaatsen_online if deelname == "online" else kenniscafe.plaatsen_locatie
    if kanaal.filter(status=B).count() < plaatsen:
        return None
    return kanaal.filter(status=Aanmelding.Status.WACHTLIJST).count() + 1
