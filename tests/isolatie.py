"""The data set of another werkplaats for tests/test_isolatie.py, and the table of every URL
with parameters filled in from it.

Every text given to werkplaats B holds MERK, so a page of werkplaats A that shows any of
it is found by one substring test.
"""

import datetime
import uuid

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from kenniscafes import links as cafe_links
from kenniscafes.models import Abonnee, Kenniscafe, Uitnodiging, UitnodigingsRonde
from publicaties.models import Bijlage, Publicatie
from tests.factories import (
    AanmeldingFactory,
    AanwezigheidFactory,
    ActiviteitFactory,
    BijeenkomstFactory,
    CoordinatorFactory,
    EvaluatieFactory,
    KenniscafeFactory,
    LeerdoelFactory,
    LeeropbrengstFactory,
    LidmaatschapFactory,
    OrganisatieFactory,
    PeriodeFactory,
    PersoonFactory,
    ProgrammaOnderdeelFactory,
    PublicatieFactory,
    ThemaFactory,
    WerkteamFactory,
)
from werkplaats.kern.models import Bericht, Opdracht
from werkplaats.verantwoording.models import (
    Afsluiting,
    AfsluitingBestand,
    Export,
    ExportBestand,
)
from werkteams.models import Verslagpunt

MERK = "bbgeheim"


def data_b_maken() -> dict:
    """A full data set in the current werkplaats (call inside `in_werkplaats(b)`)."""
    d: dict = {}
    d["periode"] = PeriodeFactory(naam=f"Periode {MERK}")
    d["organisatie"] = OrganisatieFactory(naam=f"Organisatie {MERK}")
    d["coordinator"] = CoordinatorFactory(
        username=f"coordinator-{MERK}", email=f"coordinator@{MERK}.example"
    )
    team = d["werkteam"] = WerkteamFactory(
        naam=f"Werkteam {MERK}", slug=f"team-{MERK}", periode=d["periode"]
    )
    team.coordinatoren.add(d["coordinator"])
    d["persoon"] = PersoonFactory(
        naam=f"Lid {MERK}", email=f"lid@{MERK}.example", organisatie=d["organisatie"]
    )
    d["persoon2"] = PersoonFactory(naam=f"Tweede lid {MERK}", email=f"lid2@{MERK}.example")
    d["lid"] = LidmaatschapFactory(werkteam=team, persoon=d["persoon"])
    d["lid2"] = LidmaatschapFactory(werkteam=team, persoon=d["persoon2"])
    d["bijeenkomst"] = BijeenkomstFactory(werkteam=team, titel=f"Bijeenkomst {MERK}")
    d["aanwezigheid"] = AanwezigheidFactory(bijeenkomst=d["bijeenkomst"], lidmaatschap=d["lid"])
    d["leerdoel"] = LeerdoelFactory(bijeenkomst=d["bijeenkomst"], omschrijving=f"Doel {MERK}")
    d["punt"] = Verslagpunt.objects.create(
        bijeenkomst=d["bijeenkomst"], soort=Verslagpunt.Soort.ACTIE, tekst=f"Actie {MERK}"
    )
    d["activiteit"] = ActiviteitFactory(werkteam=team, titel=f"Gastles {MERK}")
    opbrengst = d["leeropbrengst"] = LeeropbrengstFactory(werkteam=team, wat=f"Geleerd {MERK}")
    opbrengst.bewijs_bestand.save("bewijs.pdf", ContentFile(b"%PDF-1.4 bewijs " + MERK.encode()))

    cafe = d["kenniscafe"] = KenniscafeFactory(
        titel=f"Kenniscafe {MERK}", slug=f"cafe-{MERK}", locatie=f"Zaal {MERK}"
    )
    d["verleden_cafe"] = KenniscafeFactory(
        titel=f"Oud kenniscafe {MERK}",
        slug=f"oud-cafe-{MERK}",
        start=timezone.now() - datetime.timedelta(days=30),
        eind=timezone.now() - datetime.timedelta(days=30, hours=-2),
    )
    d["concept_cafe"] = KenniscafeFactory(
        titel=f"Concept kenniscafe {MERK}", slug=f"concept-cafe-{MERK}", status="concept"
    )
    ProgrammaOnderdeelFactory(kenniscafe=cafe, titel=f"Programma {MERK}")
    d["aanmelding"] = AanmeldingFactory(
        kenniscafe=cafe, naam=f"Deelnemer {MERK}", email=f"deelnemer@{MERK}.example"
    )
    oud = AanmeldingFactory(
        kenniscafe=d["verleden_cafe"], naam=f"Bezoeker {MERK}", email=f"bezoeker@{MERK}.example"
    )
    d["evaluatie"] = EvaluatieFactory(aanmelding=oud, meenemen=f"Evaluatie {MERK}")
    d["oude_aanmelding"] = oud
    d["ronde"] = UitnodigingsRonde.objects.create(kenniscafe=cafe)
    d["uitnodiging"] = Uitnodiging.objects.create(
        kenniscafe=cafe, email=f"genodigde@{MERK}.example", ronde=d["ronde"]
    )
    d["abonnee"] = Abonnee.objects.create(email=f"abonnee@{MERK}.example")

    d["thema"] = ThemaFactory(naam=f"Thema {MERK}", slug=f"thema-{MERK}")
    d["publicatie"] = PublicatieFactory(
        titel=f"Publicatie {MERK}",
        slug=f"pub-{MERK}",
        samenvatting=f"Over {MERK} en gedeeldwoord.",
        themas=[d["thema"]],
        werkteams=[team],
        auteurs=[("Auteur", MERK)],
    )
    d["tweede_publicatie"] = PublicatieFactory(
        titel=f"Tweede publicatie {MERK}", slug=f"pub2-{MERK}", samenvatting="gedeeldwoord"
    )
    d["concept"] = PublicatieFactory(
        titel=f"Concept {MERK}", slug=f"concept-{MERK}", status=Publicatie.Status.CONCEPT
    )
    bijlage = Bijlage(
        publicatie=d["publicatie"], naam=f"{MERK}.pdf", mimetype="application/pdf", grootte=20
    )
    bijlage.bestand.save("bijlage.pdf", ContentFile(b"%PDF-1.4 " + MERK.encode()), save=False)
    bijlage.save()
    d["bijlage"] = bijlage

    export = d["export"] = Export.objects.create(
        soort=Export.Soort.CSV,
        periode_soort="jaar",
        periode_sleutel=2021,
        periode_label=f"2021 {MERK}",
        status=Export.Status.KLAAR,
    )
    bestand = ExportBestand(
        export=export, naam=f"{MERK}.csv", titel=f"Export {MERK}", mimetype="text/csv"
    )
    bestand.bestand.save(f"{MERK}.csv", ContentFile(MERK.encode()), save=False)
    bestand.save()
    d["exportbestand"] = bestand
    afsluiting = d["afsluiting"] = Afsluiting.objects.create(
        jaar=2021, cijfers={"merk": MERK}, cijfers_sha256="0" * 64
    )
    d["afsluitingbestand"] = AfsluitingBestand.objects.create(
        afsluiting=afsluiting,
        naam=f"{MERK}.csv",
        titel=f"Afsluiting {MERK}",
        mimetype="text/csv",
        inhoud=MERK.encode(),
        sha256="0" * 64,
    )
    d["bericht"] = Bericht.objects.create(
        sleutel=f"test:{MERK}",
        aan=f"ontvanger@{MERK}.example",
        onderwerp=f"Onderwerp {MERK}",
        tekst=MERK,
        status=Bericht.Status.MISLUKT,
    )
    d["opdracht"] = Opdracht.objects.create(
        taak=f"taak.{MERK}", argumenten=[MERK], mislukt_op=timezone.now(), laatste_fout=MERK
    )
    return d


def _team(**extra):
    return lambda d: {"slug": d["werkteam"].slug, **{k: f(d) for k, f in extra.items()}}


def _cafe(**extra):
    return lambda d: {"slug": d["kenniscafe"].slug, **{k: f(d) for k, f in extra.items()}}


def _pub(**extra):
    return lambda d: {"slug": d["publicatie"].slug, **{k: f(d) for k, f in extra.items()}}


_BIJEENKOMST = {"pk": lambda d: d["bijeenkomst"].pk}
_LID = {"pk": lambda d: d["lid"].pk}

# Every URL with parameters, filled in with werkplaats B's objects. A new URL with
# parameters fails test_isolatie.py::test_elke_url_met_parameters_staat_in_de_tabel until
# it is added here.
URLS: dict[str, object] = {
    "bericht_retry": lambda d: {"pk": d["bericht"].pk},
    "opdracht_retry": lambda d: {"pk": d["opdracht"].pk},
    "beheer:periode_update": lambda d: {"pk": d["periode"].pk},
    "beheer:organisatie_update": lambda d: {"pk": d["organisatie"].pk},
    "beheer:organisatie_archive": lambda d: {"pk": d["organisatie"].pk},
    "beheer:gebruiker_detail": lambda d: {"pk": d["coordinator"].pk},
    "beheer:gebruiker_active": lambda d: {"pk": d["coordinator"].pk},
    "beheer:gebruiker_invite_again": lambda d: {"pk": d["coordinator"].pk},
    "verantwoording:export_bestand": lambda d: {
        "pk": d["export"].pk,
        "bestand_pk": d["exportbestand"].pk,
    },
    "verantwoording:afsluiting_bestand": lambda d: {
        "jaar": d["afsluiting"].jaar,
        "pk": d["afsluitingbestand"].pk,
    },
    "werkteams:afmelden": lambda d: {"sleutel": str(d["aanwezigheid"].sleutel)},
    "werkteams:persoon_edit": lambda d: {"pk": d["persoon"].pk},
    "werkteams:persoon_merge_choose": lambda d: {"pk": d["persoon"].pk},
    "werkteams:persoon_merge": lambda d: {"pk": d["persoon"].pk, "ander": d["persoon2"].pk},
    "werkteams:werkteam_detail": _team(),
    "werkteams:werkteam_edit": _team(),
    "werkteams:werkteam_beheer": _team(),
    "werkteams:werkteam_coordinatoren": _team(),
    "werkteams:lid_list": _team(),
    "werkteams:team_bijeenkomsten": _team(),
    "werkteams:team_leren": _team(),
    "werkteams:team_activiteiten": _team(),
    "werkteams:lid_create": _team(),
    "werkteams:lid_edit": _team(**_LID),
    "werkteams:lid_end": _team(**_LID),
    "werkteams:lid_handover": _team(**_LID),
    "werkteams:lid_login": _team(**_LID),
    "werkteams:samenstelling": _team(),
    "werkteams:aanwezigheid_matrix": _team(),
    "werkteams:aanwezigheid_export": _team(formaat=lambda d: "csv"),
    "werkteams:bijeenkomst_plan": _team(),
    "werkteams:bijeenkomst_detail": _team(**_BIJEENKOMST),
    "werkteams:bijeenkomst_edit": _team(**_BIJEENKOMST),
    "werkteams:bijeenkomst_cancel": _team(**_BIJEENKOMST),
    "werkteams:aanwezigheid": _team(**_BIJEENKOMST),
    "werkteams:verslag": _team(**_BIJEENKOMST),
    "werkteams:verslag_publish": _team(**_BIJEENKOMST),
    "werkteams:verslagpunt_create": _team(**_BIJEENKOMST),
    "werkteams:verslagpunt_toggle": _team(**_BIJEENKOMST, punt=lambda d: d["punt"].pk),
    "werkteams:leerdoelen": _team(**_BIJEENKOMST),
    "werkteams:leerdoel_create": _team(**_BIJEENKOMST),
    "werkteams:leeropbrengst_bewijs": _team(pk=lambda d: d["leeropbrengst"].pk),
    "werkteams:leeropbrengst_create": _team(),
    "werkteams:activiteit_create": _team(),
    "kenniscafes:abonnee_confirm": lambda d: {"token": cafe_links.abonnee_token(d["abonnee"])},
    "kenniscafes:afmelden": lambda d: {"token": cafe_links.afmeld_token(d["uitnodiging"])},
    "kenniscafes:aanmelding_beheer": lambda d: {
        "token": cafe_links.aanmelding_token(d["aanmelding"])
    },
    "kenniscafes:aanmelding_ics": lambda d: {"token": cafe_links.aanmelding_token(d["aanmelding"])},
    "kenniscafes:evaluatie": lambda d: {"token": cafe_links.evaluatie_token(d["oude_aanmelding"])},
    "kenniscafes:kenniscafe_detail": _cafe(),
    "kenniscafes:aanmelden": _cafe(),
    "kenniscafes:aangemeld": _cafe(),
    "kenniscafes:kenniscafe_ics": _cafe(),
    "kenniscafes:kenniscafe_update": _cafe(),
    "kenniscafes:kenniscafe_publish": lambda d: {"slug": d["concept_cafe"].slug},
    "kenniscafes:kenniscafe_cancel": _cafe(),
    "kenniscafes:aanmelding_list": _cafe(),
    "kenniscafes:aanmelding_walkin": _cafe(),
    "kenniscafes:aanmelding_csv": _cafe(),
    "kenniscafes:aanmelding_xlsx": _cafe(),
    "kenniscafes:aanmelding_attendance": _cafe(pk=lambda d: d["aanmelding"].pk),
    "kenniscafes:aanmelding_promote": _cafe(pk=lambda d: d["aanmelding"].pk),
    "kenniscafes:inchecken": _cafe(),
    "kenniscafes:inchecken_tik": _cafe(pk=lambda d: d["aanmelding"].pk),
    "kenniscafes:presentielijst": _cafe(),
    "kenniscafes:uitnodiging": _cafe(),
    "kenniscafes:uitnodiging_ronde": _cafe(pk=lambda d: d["ronde"].pk),
    "publicaties:publicatie_detail": _pub(),
    "publicaties:publicatie_update": _pub(),
    "publicaties:publicatie_bibtex": _pub(),
    "publicaties:publicatie_ris": _pub(),
    "publicaties:audio": _pub(),
    "publicaties:bijlage_download": _pub(pk=lambda d: d["bijlage"].pk),
}

# URLs whose parameter names no record of a werkplaats, with the reason.
GEEN_WERKPLAATSDATA = {
    # An account is national; its reset link names the account, not a werkplaats's data.
    "password_reset_confirm": "account (national)",
    # The invitation link of an account: it sets the account's password and shows nothing
    # of any werkplaats (the roles per werkplaats decide what the account may see).
    "uitnodiging_accepteren": "account (national)",
    # Which kind of raw list (a fixed word), of the current werkplaats: walked as a page.
    "verantwoording:ruw_csv": "fixed word",
    "set_language": "no record",
}

# The Django admin: each registered model's object pages, and B's object of that model.
ADMIN_OBJECTEN = {
    "kern_organisatie": "organisatie",
    "kern_periode": "periode",
    "verantwoording_export": "export",
    "verantwoording_afsluiting": "afsluiting",
    "werkteams_werkteam": "werkteam",
    "werkteams_persoon": "persoon",
    "werkteams_bijeenkomst": "bijeenkomst",
    "werkteams_leeropbrengst": "leeropbrengst",
    "werkteams_activiteit": "activiteit",
    "kenniscafes_kenniscafe": "kenniscafe",
    "kenniscafes_aanmelding": "aanmelding",
    "kenniscafes_evaluatie": "evaluatie",
    "kenniscafes_abonnee": "abonnee",
    "kenniscafes_uitnodigingsronde": "ronde",
    "kenniscafes_uitnodiging": "uitnodiging",
    "publicaties_thema": "thema",
    "publicaties_publicatie": "publicatie",
}
# Admin pages of national records (accounts, werkplaatsen, outbox, jobs, groups): only a
# national beheerder reaches them.
ADMIN_LANDELIJK = {
    "auth_group",
    "kern_gebruiker",
    "kern_werkplaats",
    "kern_bericht",
    "kern_opdracht",
    "kenniscafes_herinnering",
}


def admin_kwargs(naam: str, d: dict):
    """kwargs for an admin URL with parameters; None for a page of national records."""
    if naam == "admin:view_on_site":
        soort = ContentType.objects.get_for_model(Kenniscafe)
        return {"content_type_id": soort.pk, "object_id": d["kenniscafe"].pk}
    if naam == "admin:app_list":
        return {"app_label": "werkteams"}
    if naam == "admin:auth_user_password_change":
        return None
    model = naam.removeprefix("admin:").rsplit("_", 1)[0]
    if model in ADMIN_LANDELIJK:
        return None
    return {"object_id": d[ADMIN_OBJECTEN[model]].pk}


def url_patronen(patronen=None, prefix="", ns=None):
    """(name, route, pattern) of every URL of the werkplaats URLconf."""
    for p in get_resolver().url_patterns if patronen is None else patronen:
        if isinstance(p, URLResolver):
            eigen = ns
            if p.namespace:
                eigen = f"{ns}:{p.namespace}" if ns else p.namespace
            yield from url_patronen(p.url_patterns, prefix + str(p.pattern), eigen)
        elif isinstance(p, URLPattern):
            naam = f"{ns}:{p.name}" if ns and p.name else p.name
            yield naam, prefix + str(p.pattern), p


def spook(kwargs: dict) -> dict:
    """The same kwargs naming records that exist nowhere."""
    uit = {}
    for sleutel, waarde in kwargs.items():
        if isinstance(waarde, int):
            uit[sleutel] = 987_654_321 if sleutel != "jaar" else 1999
        elif isinstance(waarde, uuid.UUID):
            uit[sleutel] = uuid.uuid4()
        elif sleutel in ("formaat", "app_label", "content_type_id"):
            uit[sleutel] = waarde
        elif sleutel == "slug":
            uit[sleutel] = "bestaat-nergens"
        else:
            uit[sleutel] = "bestaatnergens"
    return uit
