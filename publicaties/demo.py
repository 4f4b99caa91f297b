"""Demo loader for the kennisbank: every publication, blog and podcast episode in the demo file.

Metadata comes from the source document; no invented links. Authors are public authors of
public publications. Themes and kinds of knowledge are a classification of the titles (a
choice an editor would make), not facts from the source. Summaries and bodies are in
demo_teksten.txt: written for the demo in our own words from the facts of the Werkplaats's
report (themes, projects, places, findings), never quoting it. Each podcast episode gets a
short spoken intro made at load time (demo_audio).
"""

from datetime import UTC, datetime
from pathlib import Path

from django.utils.text import slugify

from werkteams.models import Werkteam

from . import demo_audio
from .models import Auteurschap, Publicatie, Thema
from .services import zoekindex_update
from .tekst import inhoud_to_html, naam_split

TEKSTEN_BESTAND = Path(__file__).with_name("demo_teksten.txt")

T = Publicatie.Type
K = Publicatie.Kennisvorm
D = Publicatie.Doelgroep

TYPE_UIT_DEMO = {"magazine": T.MAGAZINEBIJDRAGE}

THEMAS = {
    "gezondheid": "Gezondheid en welzijn",
    "vertrouwen": "Vertrouwen en samenwerking",
    "verantwoording": "Verantwoording en meten",
    "leren": "Samen leren",
    "bewoners": "Bewoners en ervaringskennis",
    "preventie": "Preventie",
    "politiek": "Politiek en beleid",
}

# Which themes a title is about: words in the title → theme keys.
THEMA_WOORDEN = [
    (("scootmobiel", "gezond", "zorg", "welzijn"), "gezondheid"),
    (("vertrouwen", "samenwerking", "buurtbron"), "vertrouwen"),
    (("verantwoording", "meten", "kpi"), "verantwoording"),
    (("leren", "kenniscaf", "werkteams", "casu", "autonomie"), "leren"),
    (("bewoners", "keukentafel", "vluchtelingen", "tempo", "verleiding"), "bewoners"),
    (("preventief", "preventie"), "preventie"),
    (("politiseren", "gemeenteraad", "advies"), "politiek"),
]

KENNISVORM_PER_TYPE = {
    T.ONDERZOEKSRAPPORT: [K.WETENSCHAPPELIJKE_KENNIS, K.ERVARINGSKENNIS],
    T.ONDERZOEKSNOTITIE: [K.WETENSCHAPPELIJKE_KENNIS],
    T.ARTIKEL: [K.WETENSCHAPPELIJKE_KENNIS],
    T.ADVIES: [K.PROFESSIONELE_KENNIS],
    T.INSPIRATIEBUNDEL: [K.PROFESSIONELE_KENNIS, K.ERVARINGSKENNIS],
    T.MAGAZINEBIJDRAGE: [K.PROFESSIONELE_KENNIS],
    T.BLOG: [K.ERVARINGSKENNIS, K.PROFESSIONELE_KENNIS],
    T.PODCASTAFLEVERING: [K.PROFESSIONELE_KENNIS, K.ERVARINGSKENNIS],
    T.LESMATERIAAL: [K.PROFESSIONELE_KENNIS],
}
DOELGROEP_PER_TYPE = {
    T.ADVIES: [D.BELEID, D.PROFESSIONALS],
    T.LESMATERIAAL: [D.STUDENTEN],
    T.ONDERZOEKSRAPPORT: [D.PROFESSIONALS, D.BELEID, D.STUDENTEN],
    T.ONDERZOEKSNOTITIE: [D.PROFESSIONALS, D.BELEID],
}


def demo_teksten() -> dict[str, tuple[str, str]]:
    """Title → (summary, body in Markdown) of every demo item, from demo_teksten.txt."""
    teksten: dict[str, tuple[str, str]] = {}
    for blok in TEKSTEN_BESTAND.read_text(encoding="utf-8").split("\n=== ")[1:]:
        titel, _, rest = blok.partition("\n")
        regels = [r for r in rest.splitlines() if not r.startswith("#")]
        alineas = [a.strip() for a in "\n".join(regels).split("\n\n") if a.strip()]
        teksten[titel.strip()] = (alineas[0], "\n\n".join(alineas[1:]))
    return teksten


def _themas_voor(titel: str, themas: dict[str, Thema]) -> list[Thema]:
    klein = titel.lower()
    return [
        themas[sleutel]
        for woorden, sleutel in THEMA_WOORDEN
        if any(woord in klein for woord in woorden)
    ]


def _auteur(naam: str) -> Auteurschap:
    if naam.lower().startswith(("werkteam", "werkplaats", "stichting", "hogeschool")):
        return Auteurschap(achternaam=naam, is_organisatie=True)
    voornamen, achternaam = naam_split(naam)
    return Auteurschap(achternaam=achternaam, voornamen=voornamen)


def _opslaan(
    item: dict, themas: dict[str, Thema], werkteams: dict[str, Werkteam], teksten: dict
) -> Publicatie:
    slug = slugify(f"{item['titel']}")[:100]
    samenvatting, inhoud = teksten.get(item["titel"], (item.get("samenvatting", ""), ""))
    publicatie, _ = Publicatie.objects.update_or_create(
        slug=slug,
        defaults={
            "titel": item["titel"],
            "type": item["type"],
            "jaar": item["jaar"],
            "samenvatting": samenvatting,
            "inhoud": inhoud,
            "inhoud_html": inhoud_to_html(inhoud),
            "verschenen_in": item.get("verschenen_in", ""),
            "taal": Publicatie.Taal.NL,
            "kennisvormen": [str(k) for k in KENNISVORM_PER_TYPE.get(item["type"], [])],
            "doelgroepen": [
                str(d) for d in DOELGROEP_PER_TYPE.get(item["type"], [D.PROFESSIONALS, D.STUDENTEN])
            ],
            "status": Publicatie.Status.GEPUBLICEERD,
            "gepubliceerd_op": datetime(item["jaar"], 12, 31, 12, tzinfo=UTC),
        },
    )
    publicatie.auteurschappen.all().delete()
    auteurs = [_auteur(naam) for naam in item["auteurs"]]
    for volgorde, auteur in enumerate(auteurs, start=1):
        auteur.publicatie = publicatie
        auteur.volgorde = volgorde
    Auteurschap.objects.bulk_create(auteurs)
    if "themas" in item:  # the demo file says which themes
        publicatie.themas.set([themas[sleutel] for sleutel in item["themas"]])
    else:
        publicatie.themas.set(_themas_voor(item["titel"], themas))
    werkteam = werkteams.get(item.get("werkteam", ""))
    publicatie.werkteams.set([werkteam] if werkteam else [])
    return publicatie


def load(data: dict) -> dict:
    """Publications, blogs and podcast episodes of the demo Werkplaats (idempotent).

    A demo file may name its own themes (`themas`: key → name) and carry its own texts
    (`teksten`: title → [summary, paragraphs...]); else those of Zuid-Holland Zuid."""
    themas = {
        sleutel: Thema.objects.update_or_create(slug=slugify(naam), defaults={"naam": naam})[0]
        for sleutel, naam in data.get("themas", THEMAS).items()
    }
    werkteams = {w.naam: w for w in Werkteam.objects.all()}
    werkteams.update({w.korte_naam: w for w in Werkteam.objects.exclude(korte_naam="")})
    teksten = demo_teksten()
    if "teksten" in data:  # title → [summary, paragraph, paragraph, ...]
        teksten = {t: (v[0], "\n\n".join(v[1:])) for t, v in data["teksten"].items()}
    ids = []
    for item in data.get("publicaties", []):
        item = {**item, "type": TYPE_UIT_DEMO.get(item["type"], item["type"])}
        if item["type"] not in T.values:
            item["type"] = T.OVERIG
        ids.append(_opslaan(item, themas, werkteams, teksten).pk)
    podcast = data.get("podcast") or {}
    for aflevering in podcast.get("afleveringen", []):
        item = {
            "titel": f"{podcast['naam']} #{aflevering['nr']}: {aflevering['titel']}",
            "type": T.PODCASTAFLEVERING,
            "jaar": podcast["jaar"],
            "auteurs": podcast.get("presentatie", []),
            "verschenen_in": podcast["naam"],
            "samenvatting": f"Met gasten van {aflevering['gasten']}."
            if aflevering.get("gasten")
            else "",
        }
        aflevering_rij = _opslaan(item, themas, werkteams, teksten)
        _audio_zetten(aflevering_rij, _intro(podcast, aflevering))
        ids.append(aflevering_rij.pk)
    zoekindex_update(ids)
    samenvatting = {"publicaties": Publicatie.objects.filter(pk__in=ids).count()}
    if podcast.get("afleveringen") and not demo_audio.spraak_beschikbaar():
        samenvatting["podcast audio"] = (
            "a tone instead of speech: espeak-ng or sox is missing "
            "(sudo apt-get install espeak-ng sox)"
        )
    return samenvatting


def _intro(podcast: dict, aflevering: dict) -> str:
    """What the demo clip of an episode says: a few seconds of welcome, in our own words."""
    tekst = f"{podcast['naam']} Aflevering {aflevering['nr']}: {aflevering['titel']}."
    if aflevering.get("gasten"):
        tekst += f" Met gasten van {aflevering['gasten']}."
    return tekst


def _audio_zetten(publicatie: Publicatie, tekst: str) -> None:
    """Give an episode its spoken intro; a clip already stored for this text is kept."""
    naam = demo_audio.clip_naam(publicatie.slug, tekst)
    if publicatie.audio.name == naam and publicatie.audio.storage.exists(naam):
        return
    oud = publicatie.audio.name
    clip = demo_audio.clip_opslaan(naam, tekst)
    publicatie.audio.name = clip.naam
    publicatie.audio_mimetype = clip.mimetype
    publicatie.audio_grootte = len(clip.inhoud)
    publicatie.audio_duur = clip.duur
    publicatie.save(update_fields=["audio", "audio_mimetype", "audio_grootte", "audio_duur"])
    if oud and oud != clip.naam and publicatie.audio.storage.exists(oud):
        publicatie.audio.storage.delete(oud)
