"""Reads of the kennisbank. Concepts are only ever returned to editors who may edit them."""

from django.db.models import Count, Prefetch, Q
from django.http import Http404

from werkplaats.kern.paginacache import inhoud_memo
from werkteams.selectors import werkteams_beheerbaar

from .models import Auteurschap, Publicatie


def publicaties_can_manage(gebruiker) -> bool:
    """Coördinatoren and beheerders may create publications."""
    return bool(gebruiker and gebruiker.is_authenticated and gebruiker.is_coordinator)


def _bewerkbaar_filter(gebruiker) -> Q:
    """Rows a coördinator may edit: made by them or linked to a werkteam they coordinate."""
    return Q(aangemaakt_door=gebruiker) | Q(werkteams__in=werkteams_beheerbaar(gebruiker))


def publicatie_can_manage(gebruiker, publicatie: Publicatie) -> bool:
    """A beheerder may edit everything; a coördinator what they made or their teams made."""
    if not publicaties_can_manage(gebruiker):
        return False
    if gebruiker.is_beheerder or publicatie.aangemaakt_door_id == gebruiker.id:
        return True
    return publicatie.werkteams.filter(pk__in=werkteams_beheerbaar(gebruiker)).exists()


def publicatie_get_for_user(*, slug: str, gebruiker, bewaard: bool = False) -> Publicatie:
    """The publication with its details; Http404 when it does not exist for this visitor
    (someone else's draft does not exist for them). With `bewaard` (to show it, never to
    change it) it may come from the content cache, kept per content version."""

    def maak():
        return (
            Publicatie.objects.filter(slug=slug)
            .select_related("kenniscafe")
            .prefetch_related(
                Prefetch("auteurschappen", queryset=Auteurschap.objects.order_by("volgorde")),
                "themas",
                "werkteams",
                "bijlagen",
            )
            .first()
        )

    publicatie = inhoud_memo("publicatie", slug, maak=maak, voor=gebruiker) if bewaard else maak()
    if publicatie is None:
        raise Http404
    if not publicatie.is_gepubliceerd and not publicatie_can_manage(gebruiker, publicatie):
        raise Http404
    return publicatie


def publicatie_related(publicatie: Publicatie, limit: int = 4) -> list[Publicatie]:
    """Other published items that share a theme or a werkteam, newest first."""
    thema_ids = [t.id for t in publicatie.themas.all()]
    werkteam_ids = [w.id for w in publicatie.werkteams.all()]
    if not thema_ids and not werkteam_ids:
        return []
    verwant = Publicatie.objects.filter(
        Q(themas__in=thema_ids) | Q(werkteams__in=werkteam_ids)
    ).values("id")
    return list(
        Publicatie.objects.gepubliceerd()
        .filter(id__in=verwant)
        .exclude(pk=publicatie.pk)
        .only("id", "titel", "slug", "type", "jaar")
        .order_by("-jaar", "-datum", "-id")[:limit]
    )


def publicatie_list_for_editor(gebruiker):
    """Everything this editor may edit, concepts included, newest change first."""
    qs = Publicatie.objects.all()
    if not gebruiker.is_beheerder:
        ids = Publicatie.objects.filter(_bewerkbaar_filter(gebruiker)).values("id")
        qs = qs.filter(id__in=ids)
    return qs.only("id", "titel", "slug", "type", "jaar", "status", "gewijzigd").order_by(
        "-gewijzigd", "-id"
    )


def publicatie_list_newest(limit: int = 3) -> list[Publicatie]:
    """The newest published items (home page), with their authors."""
    return list(
        Publicatie.objects.gepubliceerd()
        .only("id", "titel", "slug", "type", "jaar", "datum")
        .prefetch_related(
            Prefetch("auteurschappen", queryset=Auteurschap.objects.order_by("volgorde"))
        )
        .order_by("-jaar", "-datum", "-id")[:limit]
    )


def publicatie_list_for_werkteam(werkteam, limit: int | None = None) -> list[Publicatie]:
    """Published items of one werkteam, newest first (for the werkteam page)."""
    qs = (
        Publicatie.objects.gepubliceerd()
        .filter(werkteams=werkteam)
        .only("id", "titel", "slug", "type", "jaar", "datum")
        .order_by("-jaar", "-datum", "-id")
    )
    return list(qs[:limit] if limit else qs)


def publicatie_count_per_type(jaar: int | None = None) -> list[tuple[str, str, int]]:
    """(type, label, count) of published items, optionally for one year (verantwoording)."""
    qs = Publicatie.objects.gepubliceerd()
    if jaar:
        qs = qs.filter(jaar=jaar)
    aantallen = dict(qs.values_list("type").annotate(n=Count("id")).order_by())
    return [
        (waarde, str(label), aantallen[waarde])
        for waarde, label in Publicatie.Type.choices
        if aantallen.get(waarde)
    ]


def publicatie_list_feed(limit: int = 30):
    """The newest published items for the Atom feed, with authors."""
    return (
        Publicatie.objects.gepubliceerd()
        .prefetch_related(
            Prefetch("auteurschappen", queryset=Auteurschap.objects.order_by("volgorde"))
        )
        .order_by("-gepubliceerd_op", "-id")[:limit]
    )


def podcast_list_feed(limit: int = 100):
    """Published podcast episodes that have audio, newest first (podcast feed)."""
    return (
        Publicatie.objects.gepubliceerd()
        .filter(type=Publicatie.Type.PODCASTAFLEVERING)
        .exclude(audio="")
        .prefetch_related(
            Prefetch("auteurschappen", queryset=Auteurschap.objects.order_by("volgorde"))
        )
        .order_by("-gepubliceerd_op", "-id")[:limit]
    )
