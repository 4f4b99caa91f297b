"""The query model of the kennisbank search: what was asked, and one page of results.

Shared by both engines: the facets, the result page with its links, the index version
that keys the facet cache, and the highlighting of titles and fragments.
"""

from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from ..models import Publicatie

PER_PAGINA = 10
FACET_MAX = 10
MAX_PAGINA = 500
FACET_CACHE_SECONDS = 300
VERSIE_SLEUTEL = "publicaties:zoekindex-versie"

# Highlight markers that cannot occur in stored text (they are stripped before ts_headline);
# the text is escaped first and the markers become <mark> afterwards.
START, STOP = "\u2063\u27e6", "\u27e7\u2063"

FACETTEN = [
    ("type", _("Type")),
    ("jaar", _("Year")),
    ("thema", _("Theme")),
    ("werkteam", _("Work team")),
    ("kennisvorm", _("Kind of knowledge")),
    ("doelgroep", _("Audience")),
]
SORTERINGEN = {"relevantie": _("Relevance"), "nieuwste": _("Newest first")}


@dataclass
class Zoekvraag:
    """What the visitor asked: words, facet selections, sort order and page."""

    q: str = ""
    type: list[str] = field(default_factory=list)
    jaar: list[int] = field(default_factory=list)
    thema: list[str] = field(default_factory=list)
    werkteam: list[str] = field(default_factory=list)
    kennisvorm: list[str] = field(default_factory=list)
    doelgroep: list[str] = field(default_factory=list)
    sortering: str = "relevantie"
    pagina: int = 1
    meer: list[str] = field(default_factory=list)  # facets to show in full
    # PostgreSQL: the facet codes of the theme and werkteam selections, looked up with the
    # words (pg_woorden._pg_vraag_analyse) so that they enter the statement as constants.
    codes: dict[str, list[int]] = field(default_factory=dict, compare=False, repr=False)
    # The national portal: the werkplaatsen chosen in its extra facet (slugs, kept in links)
    # and the ids of the werkplaatsen searched (set by the caller, never from the query
    # string; empty: every row, as before).
    werkplaats: list[str] = field(default_factory=list)
    bereik: list[int] = field(default_factory=list)

    @property
    def heeft_filters(self) -> bool:
        return bool(self.werkplaats) or any(getattr(self, naam) for naam, _ in FACETTEN)

    @property
    def effectieve_sortering(self) -> str:
        return self.sortering if self.q.strip() else "nieuwste"

    def als_params(self, **wijzig) -> list[tuple[str, str]]:
        """The query string pairs of this search (optionally with changes), for links."""
        waarden = {naam: getattr(self, naam) for naam, _ in FACETTEN}
        params: list[tuple[str, str]] = []
        q = wijzig.get("q", self.q)
        if q:
            params.append(("q", q))
        for naam, _label in FACETTEN:
            for waarde in wijzig.get(naam, waarden[naam]):
                params.append((naam, str(waarde)))
        sortering = wijzig.get("sortering", self.sortering)
        if sortering != "relevantie":
            params.append(("sortering", sortering))
        for waarde in wijzig.get("werkplaats", self.werkplaats):
            params.append(("werkplaats", waarde))
        for naam in wijzig.get("meer", self.meer):
            params.append(("meer", naam))
        pagina = wijzig.get("pagina", 1)
        if pagina > 1:
            params.append(("pagina", str(pagina)))
        return params


@dataclass
class FacetWaarde:
    waarde: str
    label: str
    aantal: int
    gekozen: bool


@dataclass
class Facet:
    naam: str
    titel: str
    waarden: list[FacetWaarde]
    verborgen: int = 0  # values left out (only the FACET_MAX most frequent are shown)


@dataclass
class Zoekresultaat:
    """One page of results with the total, the facets and perhaps a suggestion."""

    zoekvraag: Zoekvraag
    items: list
    totaal: int
    facetten: list[Facet]
    suggestie: str = ""
    pagina: int = 1

    def url(self, **wijzig) -> str:
        """A query string for this search with some values changed (links work without JS)."""
        from urllib.parse import urlencode

        params = self.zoekvraag.als_params(**wijzig)
        return "?" + urlencode(params) if params else "?"

    @property
    def vorige_url(self) -> str:
        return self.url(pagina=self.vorige) if self.vorige else ""

    @property
    def volgende_url(self) -> str:
        return self.url(pagina=self.volgende) if self.volgende else ""

    def meer_url(self, naam: str) -> str:
        return self.url(meer=[*self.zoekvraag.meer, naam])

    @property
    def facetten_met_urls(self) -> list[tuple]:
        """(facet, URL that shows all its values) for the template."""
        return [(f, self.meer_url(f.naam) if f.verborgen else "") for f in self.facetten]

    @property
    def zonder_filters_url(self) -> str:
        return self.url(werkplaats=[], **{naam: [] for naam, _ in FACETTEN})

    @property
    def suggestie_url(self) -> str:
        return self.url(q=self.suggestie) if self.suggestie else ""

    @property
    def aantal_paginas(self) -> int:
        return max(1, -(-self.totaal // PER_PAGINA))

    @property
    def vorige(self) -> int | None:
        return self.pagina - 1 if self.pagina > 1 else None

    @property
    def volgende(self) -> int | None:
        return self.pagina + 1 if self.pagina < min(self.aantal_paginas, MAX_PAGINA) else None

    @property
    def eerste_nummer(self) -> int:
        return (self.pagina - 1) * PER_PAGINA + 1 if self.totaal else 0

    @property
    def laatste_nummer(self) -> int:
        return min(self.totaal, self.pagina * PER_PAGINA)


def _bereik_sql(zoekvraag: Zoekvraag, a: str = "p.") -> str:
    """The condition that a row's werkplaats is in the search's scope (ids as constants)."""
    if not zoekvraag.bereik:
        return ""
    return f" AND {a}werkplaats_id IN ({', '.join(str(int(i)) for i in zoekvraag.bereik)})"


def zoekindex_versie() -> int:
    """A number that changes whenever a publication changes (facet cache key)."""
    return cache.get_or_set(VERSIE_SLEUTEL, 1, None)


def zoekindex_versie_bump() -> None:
    try:
        cache.incr(VERSIE_SLEUTEL)
    except ValueError:
        cache.set(VERSIE_SLEUTEL, 2, None)


def _markeer(tekst: str | None) -> str:
    """Escape the headline, then turn the markers into <mark>."""
    veilig = str(escape(tekst or ""))
    return mark_safe(veilig.replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308


def _afgekort(tekst: str, lengte: int = 240) -> str:
    tekst = (tekst or "").strip()
    return tekst if len(tekst) <= lengte else tekst[:lengte].rsplit(" ", 1)[0] + " …"


def _label_maps() -> dict[str, dict[str, str]]:
    return {
        "type": {k: str(v) for k, v in Publicatie.Type.choices},
        "kennisvorm": {k: str(v) for k, v in Publicatie.Kennisvorm.choices},
        "doelgroep": {k: str(v) for k, v in Publicatie.Doelgroep.choices},
    }


def _facetten_opbouwen(zoekvraag: Zoekvraag, rijen) -> tuple[list[Facet], dict[str, int]]:
    """Facet objects from (facet, waarde, label, aantal) rows; also the type counts."""
    labels = _label_maps()
    per_facet: dict[str, list[FacetWaarde]] = {naam: [] for naam, _ in FACETTEN}
    type_aantallen: dict[str, int] = {}
    # Across werkplaatsen (the portal) one theme or team slug can come from several rows:
    # one value, their counts added (a publication holds the themes of one werkplaats).
    samen: dict[tuple, list] = {}
    for naam, waarde, label, aantal in rijen:
        if (naam, str(waarde)) in samen:
            samen[naam, str(waarde)][3] += aantal
        else:
            samen[naam, str(waarde)] = [naam, waarde, label, aantal]
    for naam, waarde, label, aantal in samen.values():
        gekozen_lijst = [str(w) for w in getattr(zoekvraag, naam)]
        if naam == "type":
            type_aantallen[waarde] = aantal
        per_facet[naam].append(
            FacetWaarde(
                waarde=str(waarde),
                label=label or labels.get(naam, {}).get(waarde, str(waarde)),
                aantal=aantal,
                gekozen=str(waarde) in gekozen_lijst,
            )
        )
    facetten = []
    for naam, titel in FACETTEN:
        waarden = per_facet[naam]
        # A chosen value with no hits stays visible so it can be unticked.
        aanwezig = {w.waarde for w in waarden}
        for gekozen in getattr(zoekvraag, naam):
            if str(gekozen) not in aanwezig:
                label = labels.get(naam, {}).get(str(gekozen), str(gekozen))
                waarden.append(FacetWaarde(str(gekozen), label, 0, True))
        if naam == "jaar":
            waarden.sort(key=lambda w: -int(w.waarde))
        elif naam == "type":
            volgorde = list(labels["type"])
            waarden.sort(key=lambda w: volgorde.index(w.waarde) if w.waarde in volgorde else 99)
        else:
            waarden.sort(key=lambda w: (-w.aantal, w.label.lower()))
        verborgen = 0
        if naam not in zoekvraag.meer and len(waarden) > FACET_MAX:
            # The most frequent values, plus every chosen one so it can be unticked.
            zichtbaar = (
                waarden[:FACET_MAX]
                if naam != "jaar"
                else sorted(waarden, key=lambda w: -w.aantal)[:FACET_MAX]
            )
            gezien = {id(w) for w in zichtbaar}
            zichtbaar += [w for w in waarden if w.gekozen and id(w) not in gezien]
            gezien = {id(w) for w in zichtbaar}
            verborgen = len(waarden) - len(zichtbaar)
            waarden = [w for w in waarden if id(w) in gezien]
        facetten.append(Facet(naam=naam, titel=str(titel), waarden=waarden, verborgen=verborgen))
    return facetten, type_aantallen


def _totaal_uit_types(zoekvraag: Zoekvraag, type_aantallen: dict[str, int]) -> int:
    """Every row has one type, and the type facet honours all other filters: sum = total."""
    if zoekvraag.type:
        return sum(type_aantallen.get(t, 0) for t in zoekvraag.type)
    return sum(type_aantallen.values())
