"""The SQLite engine (`make run` without DATABASE_URL): case-insensitive substring search on
the same texts, a simple score by field, facets counted in Python, no suggestions."""

import re
from collections import Counter

from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.html import escape
from django.utils.safestring import mark_safe

from werkteams.models import Werkteam

from ..models import Publicatie, Thema
from ..tekst import woorden
from .vraag import (
    FACETTEN,
    PER_PAGINA,
    Zoekresultaat,
    Zoekvraag,
    _afgekort,
    _facetten_opbouwen,
    _totaal_uit_types,
)


def _eenvoudige_stam(woord: str) -> str:
    """A crude Dutch stem for the SQLite fallback: "schulden" → "schuld"."""
    for achtervoegsel in ("heden", "ingen", "ing", "en", "s"):
        if woord.endswith(achtervoegsel) and len(woord) - len(achtervoegsel) >= 4:
            return woord[: -len(achtervoegsel)]
    return woord


# A term: its words (one word, or a phrase of adjacent words) and whether it is excluded.
Term = tuple[tuple[str, ...], bool]


def zoekvraag_ontleden(q: str) -> list[list[Term]]:
    """The query as PostgreSQL's websearch_to_tsquery reads it: alternatives (OR) of terms
    that must all hold; "a phrase" keeps its words together and -word excludes."""
    groepen: list[list[Term]] = [[]]
    for min_, zin, los in re.findall(r'(-?)"([^"]*)"?|(\S+)', q or ""):
        if los and los.upper() == "OR" and not min_:
            groepen.append([])
            continue
        negatief = bool(min_) or los.startswith("-")
        stammen = tuple(_eenvoudige_stam(w) for w in woorden(zin or los, minimum=2))
        if stammen and sum(len(g) for g in groepen) < 8:
            groepen[-1].append((stammen, negatief))
    return [g for g in groepen if g]


def _term_patroon(stammen: tuple[str, ...]) -> re.Pattern:
    # Substring matching as before: each stem may sit inside a word; a phrase's stems follow
    # each other in adjacent words.
    return re.compile(r"\w*\W+\w*".join(re.escape(s) for s in stammen))


def zoektekst_past(zoektekst: str, groepen: list[list[Term]]) -> bool:
    """Whether a stored zoektekst (lower case, no accents) answers the parsed query."""
    if not groepen:
        return True
    return any(
        all(bool(_term_patroon(stammen).search(zoektekst)) != negatief for stammen, negatief in g)
        for g in groepen
    )


def _simpel_queryset(zoekvraag: Zoekvraag):
    qs = Publicatie.objects.gepubliceerd()
    if zoekvraag.bereik:
        qs = qs.filter(werkplaats_id__in=zoekvraag.bereik)
    # woorden() lowers and strips accents, like the stored zoektekst.
    groepen = zoekvraag_ontleden(zoekvraag.q)
    termen = [s for g in groepen for stammen, neg in g if not neg for s in stammen]
    if groepen:
        # Matched in Python on the published texts: the small collections of `make run`.
        passend = [
            pk
            for pk, tekst in qs.values_list("id", "zoektekst")
            if zoektekst_past(tekst or "", groepen)
        ]
        qs = qs.filter(id__in=passend)
    if termen:
        eerste = termen[0]
        qs = qs.annotate(
            rang=Case(
                When(titel__icontains=eerste, then=Value(4)),
                When(
                    Q(auteurs_tekst__icontains=eerste) | Q(themas_tekst__icontains=eerste),
                    then=Value(3),
                ),
                When(samenvatting__icontains=eerste, then=Value(2)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
    return qs, termen


def _simpel_past(rij: dict, zoekvraag: Zoekvraag, behalve: str | None, ids: dict) -> bool:
    if zoekvraag.type and behalve != "type" and rij["type"] not in zoekvraag.type:
        return False
    if zoekvraag.jaar and behalve != "jaar" and rij["jaar"] not in zoekvraag.jaar:
        return False
    for naam, kolom in (
        ("thema", "thema_ids"),
        ("werkteam", "werkteam_ids"),
        ("kennisvorm", "kennisvormen"),
        ("doelgroep", "doelgroepen"),
    ):
        gekozen = ids.get(naam, getattr(zoekvraag, naam))
        if getattr(zoekvraag, naam) and behalve != naam and not set(rij[kolom]) & set(gekozen):
            return False
    return True


def _simpel_zoeken(zoekvraag: Zoekvraag, pagina: int) -> Zoekresultaat:
    qs, termen = _simpel_queryset(zoekvraag)
    thema_per_id = {str(t.id): t for t in Thema.objects.all()}
    werkteam_per_id = {str(w.id): w for w in Werkteam.objects.all()}
    ids = {
        "thema": [i for i, t in thema_per_id.items() if t.slug in zoekvraag.thema],
        "werkteam": [i for i, w in werkteam_per_id.items() if w.slug in zoekvraag.werkteam],
    }
    rijen = list(
        qs.values("id", "type", "jaar", "thema_ids", "werkteam_ids", "kennisvormen", "doelgroepen")
    )
    tellingen = []
    for naam, _titel in FACETTEN:
        teller: Counter = Counter()
        for rij in rijen:
            if not _simpel_past(rij, zoekvraag, naam, ids):
                continue
            if naam == "type":
                teller[rij["type"]] += 1
            elif naam == "jaar":
                teller[str(rij["jaar"])] += 1
            elif naam == "thema":
                teller.update(rij["thema_ids"])
            elif naam == "werkteam":
                teller.update(rij["werkteam_ids"])
            elif naam == "kennisvorm":
                teller.update(rij["kennisvormen"])
            else:
                teller.update(rij["doelgroepen"])
        for waarde, aantal in teller.items():
            if naam == "thema" and waarde in thema_per_id:
                tellingen.append(
                    (naam, thema_per_id[waarde].slug, thema_per_id[waarde].naam, aantal)
                )
            elif naam == "werkteam" and waarde in werkteam_per_id:
                w = werkteam_per_id[waarde]
                tellingen.append((naam, w.slug, str(w), aantal))
            elif naam not in {"thema", "werkteam"}:
                tellingen.append((naam, waarde, None, aantal))
    facetten, types = _facetten_opbouwen(zoekvraag, tellingen)
    totaal = _totaal_uit_types(zoekvraag, types)
    passend = [r["id"] for r in rijen if _simpel_past(r, zoekvraag, None, ids)]
    volgorde = ["-jaar", "-datum", "-id"]
    if termen and zoekvraag.effectieve_sortering == "relevantie":
        volgorde = ["-rang", *volgorde]
    start = (pagina - 1) * PER_PAGINA
    items = list(
        qs.filter(id__in=passend)
        .order_by(*volgorde)
        .prefetch_related("auteurschappen")[start : start + PER_PAGINA]
    )
    for item in items:
        item.auteurs_weergave = ", ".join(a.weergavenaam for a in item.auteurschappen.all())
        item.titel_html = _markeer_simpel(item.titel, termen)
        item.fragment = _markeer_simpel(_afgekort(item.samenvatting), termen)
    return Zoekresultaat(zoekvraag, items, totaal, facetten, "", pagina)


def _markeer_simpel(tekst: str, termen: list[str]) -> str:
    veilig = str(escape(tekst or ""))
    for term in termen:
        veilig = re.sub(
            f"({re.escape(str(escape(term)))})", r"<mark>\1</mark>", veilig, flags=re.IGNORECASE
        )
    return mark_safe(veilig)  # noqa: S308 - escaped above; only <mark> added
