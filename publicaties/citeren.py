"""Citations of a publication: APA 7 (text on the page), BibTeX and RIS (downloads)."""

import re

from django.template.defaultfilters import date as datum_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .models import Auteurschap, Publicatie

T = Publicatie.Type
# Works whose own title is set in italics (APA 7); for the others the container is.
ZELFSTANDIG = {
    T.BOEK,
    T.ONDERZOEKSRAPPORT,
    T.ONDERZOEKSNOTITIE,
    T.INSPIRATIEBUNDEL,
    T.ADVIES,
    T.LESMATERIAAL,
    T.VIDEO,
    T.KENNISCAFE_VERSLAG,
    T.OVERIG,
}


def _initialen(voornamen: str) -> str:
    """ "Anne-Marie Jo" → "A.-M. J." (APA 7)."""
    delen = []
    for woord in voornamen.split():
        delen.append("-".join(f"{stuk[0]}." for stuk in woord.split("-") if stuk))
    return " ".join(delen)


def apa_auteur(auteur: Auteurschap) -> str:
    if auteur.is_organisatie or not auteur.voornamen:
        return auteur.achternaam
    return f"{auteur.achternaam}, {_initialen(auteur.voornamen)}"


def apa_auteurs(auteurs: list[Auteurschap]) -> str:
    namen = [apa_auteur(a) for a in auteurs]
    if not namen:
        return ""
    if len(namen) == 1:
        return namen[0]
    if len(namen) > 20:
        return ", ".join(namen[:19]) + ", … " + namen[-1]
    return ", ".join(namen[:-1]) + ", & " + namen[-1]


def _datum_deel(publicatie: Publicatie) -> str:
    if publicatie.datum and publicatie.type in {T.BLOG, T.PODCASTAFLEVERING, T.MAGAZINEBIJDRAGE}:
        return f"{publicatie.jaar}, {datum_format(publicatie.datum, 'j F')}"
    return str(publicatie.jaar)


def _punt(tekst: str) -> str:
    return tekst if tekst.endswith((".", "?", "!")) else tekst + "."


def apa_delen(publicatie: Publicatie, uitgever: str, url: str) -> list[tuple[str, bool]]:
    """The APA 7 reference as (text, italic) parts."""
    auteurs = list(publicatie.auteurschappen.all())
    delen: list[tuple[str, bool]] = []
    auteur_tekst = apa_auteurs(auteurs)
    if auteur_tekst:
        if publicatie.type == T.PODCASTAFLEVERING:
            auteur_tekst += " " + _("(Host)")
        delen.append((_punt(auteur_tekst) + " ", False))
    delen.append((f"({_datum_deel(publicatie)}). ", False))
    beschrijving = {
        T.PODCASTAFLEVERING: _("[Audio podcast episode]"),
        T.VIDEO: _("[Video]"),
        T.KENNISCAFE_VERSLAG: _("[Knowledge café report]"),
        T.LESMATERIAAL: _("[Teaching material]"),
    }.get(publicatie.type, "")
    titel = publicatie.titel.strip()
    zelfstandig = publicatie.type in ZELFSTANDIG
    delen.append((titel, zelfstandig))
    if beschrijving:
        delen.append((f" {beschrijving}. ", False))
    else:
        delen.append((" " if titel.endswith((".", "?", "!")) else ". ", False))
    if zelfstandig:
        eigen_uitgave = len(auteurs) == 1 and auteurs[0].achternaam == uitgever
        if uitgever and not eigen_uitgave:
            delen.append((_punt(uitgever) + " ", False))
    else:
        container = publicatie.verschenen_in
        if not container and publicatie.type in {T.BLOG, T.PODCASTAFLEVERING}:
            container = uitgever
        if container:
            if publicatie.type == T.PODCASTAFLEVERING:
                delen.append((_("In") + " ", False))
            delen.append((container, True))
            delen.append((". ", False))
        if publicatie.type == T.PODCASTAFLEVERING and uitgever and container != uitgever:
            delen.append((_punt(uitgever) + " ", False))
    if url:
        delen.append((url, False))
    return delen


def apa_html(publicatie: Publicatie, uitgever: str, url: str) -> SafeString:
    """APA 7 reference as HTML with <em> for italics; all text escaped."""
    return mark_safe(  # noqa: S308 - every part is escaped right here
        "".join(
            f"<em>{escape(tekst)}</em>" if cursief else str(escape(tekst))
            for tekst, cursief in apa_delen(publicatie, uitgever, url)
        ).strip()
    )


def apa_tekst(publicatie: Publicatie, uitgever: str, url: str) -> str:
    return "".join(tekst for tekst, _ in apa_delen(publicatie, uitgever, url)).strip()


BIBTEX_TYPE = {
    T.BOEK: "book",
    T.ARTIKEL: "article",
    T.MAGAZINEBIJDRAGE: "article",
    T.ONDERZOEKSRAPPORT: "techreport",
    T.ONDERZOEKSNOTITIE: "techreport",
    T.ADVIES: "techreport",
}
BIBTEX_SPECIAAL = re.compile(r"([\\{}&%$#_~^])")


def _bib(tekst: str) -> str:
    """Escape LaTeX's special characters; UTF-8 stays (biber/bibtex8 read it)."""

    def vervang(m):
        teken = m.group(1)
        return {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\^{}"}.get(
            teken, "\\" + teken
        )

    return BIBTEX_SPECIAAL.sub(vervang, re.sub(r"\s+", " ", tekst or "").strip())


def bibtex_sleutel(publicatie: Publicatie, auteurs: list[Auteurschap]) -> str:
    eerste = slugify(auteurs[0].achternaam).replace("-", "") if auteurs else "werkplaats"
    woord = next((w for w in slugify(publicatie.titel).split("-") if len(w) > 3), "publicatie")
    return f"{eerste}{publicatie.jaar}{woord}"


def bibtex(publicatie: Publicatie, uitgever: str, url: str) -> str:
    """One BibTeX entry."""
    auteurs = list(publicatie.auteurschappen.all())
    soort = BIBTEX_TYPE.get(publicatie.type, "misc")
    velden: list[tuple[str, str]] = []
    if auteurs:
        velden.append(
            (
                "author",
                " and ".join(
                    "{" + _bib(a.achternaam) + "}"
                    if a.is_organisatie or not a.voornamen
                    else f"{_bib(a.achternaam)}, {_bib(a.voornamen)}"
                    for a in auteurs
                ),
            )
        )
    velden.append(("title", "{" + _bib(publicatie.titel) + "}"))
    velden.append(("year", str(publicatie.jaar)))
    if publicatie.datum:
        velden.append(("month", publicatie.datum.strftime("%b").lower()))
    if soort == "article" and publicatie.verschenen_in:
        velden.append(("journal", _bib(publicatie.verschenen_in)))
    elif publicatie.verschenen_in:
        velden.append(("howpublished", _bib(publicatie.verschenen_in)))
    if soort == "techreport":
        velden.append(("institution", _bib(uitgever)))
        velden.append(("type", _bib(publicatie.get_type_display())))
    elif soort in {"book", "misc"} and uitgever:
        velden.append(("publisher", _bib(uitgever)))
    if soort == "misc":
        velden.append(("note", _bib(publicatie.get_type_display())))
    if publicatie.samenvatting:
        velden.append(("abstract", _bib(publicatie.samenvatting)))
    velden.append(("language", "dutch" if publicatie.taal == "nl" else "english"))
    velden.append(("url", url))
    themas = [t.naam for t in publicatie.themas.all()]
    if themas:
        velden.append(("keywords", _bib(", ".join(themas))))
    regels = ",\n".join(f"  {naam} = {{{waarde}}}" for naam, waarde in velden)
    return f"@{soort}{{{bibtex_sleutel(publicatie, auteurs)},\n{regels}\n}}\n"


RIS_TYPE = {
    T.BOEK: "BOOK",
    T.ARTIKEL: "JOUR",
    T.MAGAZINEBIJDRAGE: "MGZN",
    T.ONDERZOEKSRAPPORT: "RPRT",
    T.ONDERZOEKSNOTITIE: "RPRT",
    T.ADVIES: "RPRT",
    T.BLOG: "BLOG",
    T.PODCASTAFLEVERING: "SOUND",
    T.VIDEO: "VIDEO",
}


def _ris(tekst: str) -> str:
    return re.sub(r"\s+", " ", tekst or "").strip()


def ris(publicatie: Publicatie, uitgever: str, url: str) -> str:
    """One RIS record (CRLF line ends, as the format asks)."""
    regels = [("TY", RIS_TYPE.get(publicatie.type, "GEN"))]
    for auteur in publicatie.auteurschappen.all():
        if auteur.is_organisatie or not auteur.voornamen:
            regels.append(("AU", _ris(auteur.achternaam) + ","))
        else:
            regels.append(("AU", f"{_ris(auteur.achternaam)}, {_ris(auteur.voornamen)}"))
    regels.append(("TI", _ris(publicatie.titel)))
    regels.append(("PY", str(publicatie.jaar)))
    if publicatie.datum:
        regels.append(("DA", publicatie.datum.strftime("%Y/%m/%d")))
    if publicatie.verschenen_in:
        regels.append(("T2", _ris(publicatie.verschenen_in)))
    if uitgever:
        regels.append(("PB", _ris(uitgever)))
    if publicatie.samenvatting:
        regels.append(("AB", _ris(publicatie.samenvatting)))
    for thema in publicatie.themas.all():
        regels.append(("KW", _ris(thema.naam)))
    regels.append(("LA", publicatie.taal))
    regels.append(("UR", url))
    regels.append(("ER", ""))
    return "".join(f"{code}  - {waarde}\r\n" for code, waarde in regels)
