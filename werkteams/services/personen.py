"""People in the beheerder's hands: change a person's details and merge two duplicates into one.

A merge moves everything that points at the person who goes to the person who stays. The
relations are found through `Persoon._meta.related_objects`, so a relation added later moves
too; memberships get their own rule because of the no-overlap exclusion constraint.
"""

from __future__ import annotations

from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from werkplaats.kern.models import Organisatie
from werkplaats.kern.services import berichten_erase

from ..models import Aanwezigheid, Lidmaatschap, Persoon
from ..regels import WerkteamFout

VELDEN = ("naam", "email", "organisatie", "functie")

# --- change --------------------------------------------------------------------------------


def _email_vrij_check(email: str, *, behalve: list[int]) -> None:
    """Refuse an address another person already has (case-insensitive, as the constraint)."""
    andere = Persoon.objects.filter(email__iexact=email).exclude(pk__in=behalve).first()
    if andere is not None:
        raise WerkteamFout(
            _("%(naam)s already has the e-mail address %(email)s. Merge the two people instead.")
            % {"naam": andere.naam, "email": andere.email},
            "email",
        )


def _opslaan(persoon: Persoon, velden: list[str]) -> None:
    """Save; an address taken at this very moment by another edit becomes the Dutch message."""
    try:
        # A savepoint: the check above cannot see an edit of another person committed since,
        # and the unique constraint on lower(email) is the backstop.
        with transaction.atomic():
            persoon.save(update_fields=velden)
    except IntegrityError as fout:
        raise WerkteamFout(
            _("Another person has just been given the e-mail address %(email)s.")
            % {"email": persoon.email},
            "email",
        ) from fout


@transaction.atomic
def persoon_update(
    *,
    persoon: Persoon,
    naam: str,
    email: str,
    organisatie: Organisatie | None,
    functie: str,
) -> list[str]:
    """Change a person's name, e-mail, organisation and function; returns the changed fields."""
    # Lock the row: a merge of this person waits, or we wait for it and then find it gone.
    vers = Persoon.objects.select_for_update().filter(pk=persoon.pk).first()
    if vers is None:
        raise WerkteamFout(_("This person no longer exists; perhaps they were merged."))
    naam, email, functie = naam.strip(), email.strip(), functie.strip()
    if not naam:
        raise WerkteamFout(_("Enter a name."), "naam")
    if not email:
        raise WerkteamFout(_("Enter an e-mail address."), "email")
    _email_vrij_check(email, behalve=[vers.pk])
    if (
        organisatie is not None
        and organisatie.gearchiveerd
        and organisatie.pk != vers.organisatie_id
    ):
        raise WerkteamFout(
            _("%(naam)s is archived; choose an organisation that is still active.")
            % {"naam": organisatie},
            "organisatie",
        )
    nieuw = {"naam": naam, "email": email, "organisatie": organisatie, "functie": functie}
    gewijzigd = [veld for veld in VELDEN if getattr(vers, veld) != nieuw[veld]]
    if gewijzigd:
        for veld in gewijzigd:
            setattr(vers, veld, nieuw[veld])
        _opslaan(vers, gewijzigd)
    for veld in VELDEN:
        setattr(persoon, veld, getattr(vers, veld))
    return gewijzigd


# --- merge ---------------------------------------------------------------------------------


def _overlapt(a: Lidmaatschap, b: Lidmaatschap) -> bool:
    return (a.eind is None or b.start <= a.eind) and (b.eind is None or a.start <= b.eind)


def _groepen(lidmaatschappen: list[Lidmaatschap]) -> list[list[Lidmaatschap]]:
    """Split one team's memberships of both people into groups of overlapping periods."""
    groepen: list[list[Lidmaatschap]] = []
    for lid in sorted(lidmaatschappen, key=lambda m: (m.start, m.pk)):
        huidige = groepen[-1] if groepen else None
        if huidige and any(_overlapt(lid, ander) for ander in huidige):
            huidige.append(lid)
        else:
            groepen.append([lid])
    return groepen


# Which of two attendance rows of one meeting says most; the other one is dropped.
_GEWICHT = {
    Aanwezigheid.Status.AANWEZIG: 3,
    Aanwezigheid.Status.AFGEMELD: 2,
    Aanwezigheid.Status.AFWEZIG: 1,
    Aanwezigheid.Status.ONBEKEND: 0,
}


def _lidmaatschappen_samenvoegen(groep: list[Lidmaatschap], houden: Persoon) -> None:
    """Fold overlapping memberships of one team into one covering all their dates."""
    blijft = next((m for m in groep if m.persoon_id == houden.pk), groep[0])
    anderen = [m for m in groep if m.pk != blijft.pk]
    ids = [m.pk for m in groep]
    # Attendance: one row per meeting; where both have one, the most telling status stays.
    rijen: dict[int, Aanwezigheid] = {}
    for rij in Aanwezigheid.objects.filter(lidmaatschap__in=ids).order_by("pk"):
        beste = rijen.get(rij.bijeenkomst_id)
        if beste is None or _GEWICHT.get(rij.status, 0) > _GEWICHT.get(beste.status, 0):
            rijen[rij.bijeenkomst_id] = rij
    bewaard = [rij.pk for rij in rijen.values()]
    Aanwezigheid.objects.filter(lidmaatschap__in=ids).exclude(pk__in=bewaard).delete()
    Aanwezigheid.objects.filter(pk__in=bewaard).update(lidmaatschap=blijft)
    # Hand-overs: the kept membership takes over the links of the ones that disappear.
    overgedragen = {m.overgedragen_aan_id for m in groep} - {None} - set(ids)
    van = set(
        Lidmaatschap.objects.filter(overgedragen_aan__in=ids)
        .exclude(pk__in=ids)
        .values_list("pk", flat=True)
    )
    if len(overgedragen) > 1 or len(van) > 1:
        raise WerkteamFout(
            _(
                "Both people handed over or took over a membership of %(team)s in the same "
                "period. Undo one of these hand-overs first."
            )
            % {"team": blijft.werkteam}
        )
    Lidmaatschap.objects.filter(pk__in=ids).update(overgedragen_aan=None)
    start = min(m.start for m in groep)
    eind = None if any(m.eind is None for m in groep) else max(m.eind for m in groep)
    kerngroep = any(m.kerngroep for m in groep)
    Lidmaatschap.objects.filter(pk__in=[m.pk for m in anderen]).delete()
    Lidmaatschap.objects.filter(pk=blijft.pk).update(
        persoon=houden,
        start=start,
        eind=eind,
        kerngroep=kerngroep,
        overgedragen_aan=next(iter(overgedragen), None),
    )
    if van:
        Lidmaatschap.objects.filter(pk__in=van).update(overgedragen_aan=blijft)


def _lidmaatschappen_verhuizen(houden: Persoon, weg: Persoon) -> None:
    """Move the memberships; overlapping ones of the same team become one."""
    lidmaatschappen = list(
        Lidmaatschap.objects.select_related("werkteam")
        .filter(persoon__in=[houden, weg])
        .order_by("werkteam_id", "start", "pk")
    )
    per_team: dict[int, list[Lidmaatschap]] = {}
    for lid in lidmaatschappen:
        per_team.setdefault(lid.werkteam_id, []).append(lid)
    for leden in per_team.values():
        for groep in _groepen(leden):
            if len(groep) > 1:
                _lidmaatschappen_samenvoegen(groep, houden)
    Lidmaatschap.objects.filter(persoon=weg).update(persoon=houden)


def _unieke_velden(model, veldnaam: str) -> list[tuple[str, ...]]:
    """The unique field sets of `model` that include `veldnaam`."""
    sets = [tuple(s) for s in model._meta.unique_together]
    sets += [
        tuple(c.fields)
        for c in model._meta.constraints
        if isinstance(c, models.UniqueConstraint) and c.fields and c.condition is None
    ]
    veld = model._meta.get_field(veldnaam)
    if veld.unique:
        sets.append((veldnaam,))
    return [s for s in sets if veldnaam in s]


def _relatie_verhuizen(rel, houden: Persoon, weg: Persoon) -> None:
    """Point every row of one relation at `houden`; refuse a clash on a unique constraint."""
    if rel.many_to_many:
        through = rel.through
        veld = next(
            f.name for f in through._meta.fields if f.is_relation and f.related_model is Persoon
        )
    else:
        through, veld = rel.related_model, rel.field.name
    model_naam = through._meta.verbose_name_plural
    rijen = through._default_manager
    for velden in _unieke_velden(through, veld):
        overig = [v for v in velden if v != veld]
        bezet = set(rijen.filter(**{veld: houden}).values_list(*overig)) if overig else set()
        eigen = set(rijen.filter(**{veld: weg}).values_list(*overig)) if overig else set()
        if overig:
            botsing = bezet & eigen
        else:
            botsing = (
                rijen.filter(**{veld: houden}).exists() and rijen.filter(**{veld: weg}).exists()
            )
        if not botsing:
            continue
        if rel.many_to_many:
            # A link both people have is one link: drop the duplicate of the one who goes.
            for waarden in bezet & eigen:
                rijen.filter(**{veld: weg}, **dict(zip(overig, waarden, strict=True))).delete()
            continue
        raise WerkteamFout(
            _("Both people have %(wat)s that can belong to only one person; remove one first.")
            % {"wat": model_naam}
        )
    try:
        # A savepoint, so that a constraint this code does not know turns into a message.
        with transaction.atomic():
            rijen.filter(**{veld: weg}).update(**{veld: houden})
    except IntegrityError as fout:
        raise WerkteamFout(
            _("The %(wat)s of the two people clash; the merge has been cancelled.")
            % {"wat": model_naam}
        ) from fout


@transaction.atomic(durable=True)
def personen_merge(
    *,
    houden_id: int,
    weg_id: int,
    naam_van: int,
    email_van: int,
    organisatie_van: int,
    functie_van: int,
) -> Persoon:
    """Merge person `weg_id` into `houden_id`: every reference moves, `weg_id` is deleted.

    Each `*_van` names the person (one of the two ids) whose value the merged person keeps.
    """
    if houden_id == weg_id:
        raise WerkteamFout(_("Choose two different people."))
    # Lock both rows in id order, so two merges of the same pair queue instead of deadlocking,
    # and an edit or a new membership of either person waits until we are done.
    rijen = {
        p.pk: p
        for p in Persoon.objects.select_for_update()
        .filter(pk__in=[houden_id, weg_id])
        .order_by("pk")
    }
    if len(rijen) < 2:
        raise WerkteamFout(
            _("One of the two people no longer exists; perhaps they were merged already.")
        )
    houden, weg = rijen[houden_id], rijen[weg_id]
    for van in (naam_van, email_van, organisatie_van, functie_van):
        if van not in rijen:
            raise WerkteamFout(_("Choose each value from one of the two people."))
    if houden.gebruiker_id and weg.gebruiker_id:
        raise WerkteamFout(
            _(
                "Both people have their own login (%(een)s and %(ander)s), and a person can "
                "have only one. Remove one of the two logins first."
            )
            % {"een": houden.gebruiker, "ander": weg.gebruiker}
        )
    waarden = {
        "naam": rijen[naam_van].naam,
        "email": rijen[email_van].email,
        "organisatie_id": rijen[organisatie_van].organisatie_id,
        "functie": rijen[functie_van].functie,
    }
    vervallen_email = weg.email if email_van == houden.pk else houden.email

    _lidmaatschappen_verhuizen(houden, weg)
    for rel in Persoon._meta.related_objects:
        if rel.related_model is Lidmaatschap and rel.field.name == "persoon":
            continue
        _relatie_verhuizen(rel, houden, weg)
    gebruiker_id = houden.gebruiker_id or weg.gebruiker_id
    weg.delete()

    for veld, waarde in waarden.items():
        setattr(houden, veld, waarde)
    houden.gebruiker_id = gebruiker_id
    _opslaan(houden, ["naam", "email", "organisatie", "functie", "gebruiker"])

    # The address that is dropped is stored nowhere in the werkteams any more, so a later
    # erasure request (which looks for the person's address) would miss the copies in the
    # outbox: erase the werkteams mails to it now. Queued ones are cancelled (the beheerder
    # chose the other address as the right one); kenniscafé mails to it are left alone, as
    # their registrations still hold that address themselves.
    if vervallen_email.lower() != houden.email.lower():
        berichten_erase(email=vervallen_email, sleutels=["werkteams"])
    return houden
