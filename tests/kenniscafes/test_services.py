"""Registration, waiting list, cancellation, mail, reminders, invitations, retention."""

import datetime

import pytest
from django.utils import timezone
from icalendar import Calendar

from kenniscafes import services
from kenniscafes.models import Aanmelding, Abonnee, Herinnering, Kenniscafe, Uitnodiging
from tests.gelijktijdig import parallel
from tests.kenniscafes.factories import AanmeldingFactory, KenniscafeFactory, gegevens
from tests.werkteams.factories import LidmaatschapFactory, WerkteamFactory
from werkplaats.kern.models import Bericht

pytestmark = pytest.mark.django_db


def _registreer(kenniscafe, n, **extra):
    return services.aanmelding_create(
        kenniscafe_id=kenniscafe.pk,
        gegevens=services.AanmeldGegevens(
            **gegevens(naam=f"Fictief {n}", email=f"persoon{n}@fictief.example", **extra)
        ),
    )


def _ics(mail) -> Calendar:
    [bijlage] = [a for a in mail.attachments if a[0].endswith(".ics")]
    return Calendar.from_ical(bijlage[1])


# --- registering -------------------------------------------------------------------------


def test_registration_with_a_free_place_is_confirmed_and_mailed_with_an_invite(
    site, mailoutbox, django_capture_on_commit_callbacks
):
    kenniscafe = KenniscafeFactory(plaatsen_locatie=2)
    with django_capture_on_commit_callbacks(execute=True):
        aanmelding, uitkomst = _registreer(kenniscafe, 1)
    assert uitkomst == "bevestigd"
    assert aanmelding.status == Aanmelding.Status.BEVESTIGD
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["persoon1@fictief.example"]
    assert mail.subject == f"Je bent aangemeld: {kenniscafe.titel}"
    assert "/kenniscafes/aanmelding/" in mail.body
    assert _ics(mail)["METHOD"] == "REQUEST"


def test_registration_when_full_goes_to_the_waiting_list(
    site, mailoutbox, django_capture_on_commit_callbacks
):
    kenniscafe = KenniscafeFactory(plaatsen_locatie=1)
    AanmeldingFactory(kenniscafe=kenniscafe)
    with django_capture_on_commit_callbacks(execute=True):
        aanmelding, uitkomst = _registreer(kenniscafe, 2)
    assert uitkomst == "wachtlijst"
    assert aanmelding.status == Aanmelding.Status.WACHTLIJST
    assert mailoutbox[0].subject.startswith("Op de wachtlijst")
    assert not mailoutbox[0].attachments
    assert not Herinnering.objects.filter(aanmelding=aanmelding).exists()


def test_registering_twice_with_the_same_address_creates_no_duplicate_and_mails(
    site, mailoutbox, django_capture_on_commit_callbacks
):
    kenniscafe = KenniscafeFactory()
    with django_capture_on_commit_callbacks(execute=True):
        eerste, _ = _registreer(kenniscafe, 1)
    with django_capture_on_commit_callbacks(execute=True):
        tweede, uitkomst = services.aanmelding_create(
            kenniscafe_id=kenniscafe.pk,
            gegevens=services.AanmeldGegevens(**gegevens(email="PERSOON1@fictief.example")),
        )
    assert uitkomst == "bekend"
    assert tweede.pk == eerste.pk
    assert Aanmelding.objects.count() == 1
    assert len(mailoutbox) == 2
    assert "al aangemeld" in mailoutbox[1].body


def test_database_refuses_a_second_active_registration_for_one_address(site):
    from django.db import IntegrityError

    kenniscafe = KenniscafeFactory()
    AanmeldingFactory(kenniscafe=kenniscafe, email="dubbel@fictief.example")
    with pytest.raises(IntegrityError):
        AanmeldingFactory(kenniscafe=kenniscafe, email="Dubbel@Fictief.example")


@pytest.mark.parametrize(
    "velden",
    [
        {"status": Kenniscafe.Status.CONCEPT},
        {"status": Kenniscafe.Status.GEANNULEERD},
        {"start": timezone.now() - datetime.timedelta(hours=1)},
        {"aanmelding_open": timezone.now() + datetime.timedelta(days=1)},
        {"aanmelding_sluit": timezone.now() - datetime.timedelta(days=1)},
    ],
    ids=["concept", "geannuleerd", "begonnen", "nog-niet-open", "gesloten"],
)
def test_registration_outside_the_window_is_refused(site, velden):
    kenniscafe = KenniscafeFactory(**velden)
    with pytest.raises(services.AanmeldingFout):
        _registreer(kenniscafe, 1)
    assert Aanmelding.objects.count() == 0


def test_hybrid_cafe_counts_places_on_site_and_online_apart(site):
    kenniscafe = KenniscafeFactory(vorm="hybride", plaatsen_locatie=1, plaatsen_online=1)
    assert _registreer(kenniscafe, 1, deelname="locatie")[1] == "bevestigd"
    assert _registreer(kenniscafe, 2, deelname="locatie")[1] == "wachtlijst"
    assert _registreer(kenniscafe, 3, deelname="online")[1] == "bevestigd"


# --- cancelling and the waiting list -----------------------------------------------------


def test_cancelling_promotes_the_first_on_the_waiting_list_and_mails_once(
    site, mailoutbox, django_capture_on_commit_callbacks
):
    kenniscafe = KenniscafeFactory(plaatsen_locatie=1)
    houder = AanmeldingFactory(kenniscafe=kenniscafe)
    eerste = AanmeldingFactory(kenniscafe=kenniscafe, status="wachtlijst")
    tweede = AanmeldingFactory(kenniscafe=kenniscafe, status="wachtlijst")
    with django_capture_on_commit_callbacks(execute=True):
        services.aanmelding_cancel(aanmelding_id=houder.pk)
        services.aanmelding_cancel(aanmelding_id=houder.pk)  # twice: nothing more happens
    eerste.refresh_from_db()
    tweede.refresh_from_db()
    assert eerste.status == Aanmelding.Status.BEVESTIGD
    assert tweede.status == Aanmelding.Status.WACHTLIJST
    onderwerpen = sorted(m.subject.split(":")[0] for m in mailoutbox)
    assert onderwerpen == ["Afgemeld", "Een plaats voor jou"]
    assert _ics([m for m in mailoutbox if m.to == [eerste.email]][0])["METHOD"] == "REQUEST"


def test_cancelling_a_waiting_list_place_promotes_nobody(site):
    kenniscafe = KenniscafeFactory(plaatsen_locatie=1)
    AanmeldingFactory(kenniscafe=kenniscafe)
    wachtend = AanmeldingFactory(kenniscafe=kenniscafe, status="wachtlijst")
    ander = AanmeldingFactory(kenniscafe=kenniscafe, status="wachtlijst")
    services.aanmelding_cancel(aanmelding_id=wachtend.pk)
    ander.refresh_from_db()
    assert ander.status == Aanmelding.Status.WACHTLIJST


def test_forgetting_erases_details_and_frees_the_place(site):
    kenniscafe = KenniscafeFactory(plaatsen_locatie=1)
    houder = AanmeldingFactory(kenniscafe=kenniscafe, opmerkingen="rolstoel")
    wachtend = AanmeldingFactory(kenniscafe=kenniscafe, status="wachtlijst")
    services.aanmelding_forget(aanmelding_id=houder.pk)
    houder.refresh_from_db()
    wachtend.refresh_from_db()
    assert (houder.naam, houder.email, houder.opmerkingen) == ("", "", "")
    assert houder.status == Aanmelding.Status.GEANNULEERD
    assert wachtend.status == Aanmelding.Status.BEVESTIGD


def test_organiser_can_give_a_waiting_list_place_by_hand(site):
    kenniscafe = KenniscafeFactory(plaatsen_locatie=1)
    AanmeldingFactory(kenniscafe=kenniscafe)
    wachtend = AanmeldingFactory(kenniscafe=kenniscafe, status="wachtlijst")
    services.aanmelding_promote(aanmelding_id=wachtend.pk)
    wachtend.refresh_from_db()
    assert wachtend.status == Aanmelding.Status.BEVESTIGD
    with pytest.raises(services.AanmeldingFout):
        services.aanmelding_promote(aanmelding_id=wachtend.pk)


def test_raising_capacity_promotes_from_the_waiting_list(site, django_capture_on_commit_callbacks):
    from kenniscafes.forms import KenniscafeForm, ProgrammaFormSet

    kenniscafe = KenniscafeFactory(plaatsen_locatie=1)
    AanmeldingFactory(kenniscafe=kenniscafe)
    wachtend = AanmeldingFactory(kenniscafe=kenniscafe, status="wachtlijst")
    data = _formdata(kenniscafe, plaatsen_locatie=2)
    form = KenniscafeForm(data, instance=kenniscafe)
    formset = ProgrammaFormSet(data, instance=kenniscafe, prefix="programma")
    assert form.is_valid(), form.errors
    assert formset.is_valid()
    kenniscafe_save_uit(form, formset)
    wachtend.refresh_from_db()
    assert wachtend.status == Aanmelding.Status.BEVESTIGD


# --- real concurrency --------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_200_parallel_registrations_for_40_places_give_40_confirmed_and_160_waiting(
    mailoutbox,
):
    kenniscafe = KenniscafeFactory(plaatsen_locatie=40)
    functies = [(lambda n=n: _registreer(kenniscafe, n)[1]) for n in range(200)]
    uitkomsten = parallel(functies, threads=40)
    fouten = [u for u in uitkomsten if isinstance(u, Exception)]
    assert fouten == []
    assert uitkomsten.count("bevestigd") == 40
    assert uitkomsten.count("wachtlijst") == 160
    assert Aanmelding.objects.filter(status="bevestigd").count() == 40
    assert Aanmelding.objects.filter(status="wachtlijst").count() == 160
    assert Bericht.objects.filter(sleutel__startswith="kenniscafes:bevestiging:").count() == 40
    assert Bericht.objects.filter(sleutel__startswith="kenniscafes:wachtlijst:").count() == 160


@pytest.mark.django_db(transaction=True)
def test_10_parallel_cancellations_promote_exactly_the_10_earliest_each_mailed_once(mailoutbox):
    kenniscafe = KenniscafeFactory(plaatsen_locatie=10)
    begin = timezone.now() - datetime.timedelta(hours=1)
    houders = [
        AanmeldingFactory(kenniscafe=kenniscafe, aangemaakt=begin + datetime.timedelta(seconds=n))
        for n in range(10)
    ]
    wachtenden = [
        AanmeldingFactory(
            kenniscafe=kenniscafe,
            status="wachtlijst",
            aangemaakt=begin + datetime.timedelta(minutes=1, seconds=n),
        )
        for n in range(25)
    ]
    functies = [(lambda pk=h.pk: services.aanmelding_cancel(aanmelding_id=pk)) for h in houders]
    uitkomsten = parallel(functies, threads=10)
    assert [u for u in uitkomsten if isinstance(u, Exception)] == []
    gepromoveerd = set(
        Aanmelding.objects.filter(kenniscafe=kenniscafe, status="bevestigd").values_list(
            "pk", flat=True
        )
    )
    assert gepromoveerd == {w.pk for w in wachtenden[:10]}
    promotie = Bericht.objects.filter(sleutel__startswith="kenniscafes:promotie:")
    assert promotie.count() == 10
    promotiemails = [m for m in mailoutbox if m.subject.startswith("Een plaats voor jou")]
    assert sorted(m.to[0] for m in promotiemails) == sorted(w.email for w in wachtenden[:10])


# --- calendar invites --------------------------------------------------------------------


def _formdata(kenniscafe, **wijzig) -> dict:
    lokaal = timezone.localtime
    data = {
        "titel": kenniscafe.titel,
        "slug": kenniscafe.slug,
        "type": kenniscafe.type,
        "thema": kenniscafe.thema,
        "beschrijving": kenniscafe.beschrijving,
        "start": lokaal(kenniscafe.start).strftime("%Y-%m-%dT%H:%M"),
        "eind": lokaal(kenniscafe.eind).strftime("%Y-%m-%dT%H:%M"),
        "vorm": kenniscafe.vorm,
        "locatie": kenniscafe.locatie,
        "adres": kenniscafe.adres,
        "online_link": kenniscafe.online_link,
        "plaatsen_locatie": kenniscafe.plaatsen_locatie,
        "plaatsen_online": kenniscafe.plaatsen_online,
        "organisatoren_tekst": kenniscafe.organisatoren_tekst,
        "herinnering_uren": kenniscafe.herinnering_uren,
        "programma-TOTAL_FORMS": "0",
        "programma-INITIAL_FORMS": "0",
        "programma-MIN_NUM_FORMS": "0",
        "programma-MAX_NUM_FORMS": "30",
    }
    data.update(wijzig)
    return data


def kenniscafe_save_uit(form, formset, *, door=None):
    """kenniscafe_save with the arguments the organiser view builds from its valid forms."""
    from kenniscafes.views.organiseren import programma_regels_from_formset

    return services.kenniscafe_save(
        gegevens=services.KenniscafeGegevens.uit(form.cleaned_data),
        programma=programma_regels_from_formset(formset),
        kenniscafe=form.instance if form.instance.pk else None,
        door=door,
    )


def verplaats_formulieren(kenniscafe, dagen: int = 7):
    """The organiser's bound, valid form and programme formset moving a café `dagen` later."""
    from kenniscafes.forms import KenniscafeForm, ProgrammaFormSet

    nieuwe_start = timezone.localtime(kenniscafe.start) + datetime.timedelta(days=dagen)
    data = _formdata(
        kenniscafe,
        start=nieuwe_start.strftime("%Y-%m-%dT%H:%M"),
        eind=(nieuwe_start + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
    )
    form = KenniscafeForm(data, instance=Kenniscafe.objects.get(pk=kenniscafe.pk))
    formset = ProgrammaFormSet(data, instance=kenniscafe, prefix="programma")
    assert form.is_valid(), form.errors
    assert formset.is_valid()
    return form, formset


def test_every_invite_parses_with_one_event_in_amsterdam_time_stable_uid_rising_sequence(
    site, mailoutbox, django_capture_on_commit_callbacks
):
    kenniscafe = KenniscafeFactory(plaatsen_locatie=5)
    with django_capture_on_commit_callbacks(execute=True):
        aanmelding, _ = _registreer(kenniscafe, 1)
    nieuwe_start = timezone.localtime(kenniscafe.start) + datetime.timedelta(days=7)
    form, formset = verplaats_formulieren(kenniscafe)
    with django_capture_on_commit_callbacks(execute=True):
        kenniscafe_save_uit(form, formset)
    with django_capture_on_commit_callbacks(execute=True):
        services.kenniscafe_cancel(kenniscafe_id=kenniscafe.pk)

    assert [m.subject.split(":")[0] for m in mailoutbox] == [
        "Je bent aangemeld",
        "Gewijzigd",
        "Geannuleerd door de organisatie",
    ]
    kalenders = [_ics(m) for m in mailoutbox]
    assert [k["METHOD"] for k in kalenders] == ["REQUEST", "REQUEST", "CANCEL"]
    events = [k.walk("VEVENT") for k in kalenders]
    assert all(len(e) == 1 for e in events)
    events = [e[0] for e in events]
    assert len({str(e["UID"]) for e in events}) == 1
    assert [int(e["SEQUENCE"]) for e in events] == [0, 1, 2]
    for event in events:
        assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
        assert str(event.decoded("DTSTART").tzinfo) == "Europe/Amsterdam"
    assert events[1].decoded("DTSTART") == nieuwe_start.replace(second=0, microsecond=0)
    assert str(events[2]["STATUS"]) == "CANCELLED"
    # The online link goes only to registrants taking part online; never in a public file.
    assert "geheim-kenniscafe" not in mailoutbox[0].body


def test_confirmed_registration_plans_a_reminder_the_day_before(site):
    kenniscafe = KenniscafeFactory()
    aanmelding, _ = _registreer(kenniscafe, 1)
    herinnering = Herinnering.objects.get(aanmelding=aanmelding)
    assert herinnering.verstuur_op == kenniscafe.start - datetime.timedelta(hours=24)


def test_online_registrant_gets_the_online_link_in_mail(
    site, mailoutbox, django_capture_on_commit_callbacks
):
    kenniscafe = KenniscafeFactory(vorm="online", plaatsen_online=10, plaatsen_locatie=0)
    with django_capture_on_commit_callbacks(execute=True):
        _registreer(kenniscafe, 1)
    assert "https://meet.example/geheim-kenniscafe" in mailoutbox[0].body
    assert "geheim-kenniscafe" in str(_ics(mailoutbox[0]).walk("VEVENT")[0]["DESCRIPTION"])


# --- reminders and evaluation ------------------------------------------------------------


def test_sweeper_sends_each_due_reminder_once(site, mailoutbox, django_capture_on_commit_callbacks):
    kenniscafe = KenniscafeFactory()
    a1, _ = _registreer(kenniscafe, 1)
    a2, _ = _registreer(kenniscafe, 2)
    services.aanmelding_cancel(aanmelding_id=a2.pk)
    Herinnering.objects.create(
        aanmelding=a2, soort="herinnering", verstuur_op=timezone.now() - datetime.timedelta(1)
    )
    Herinnering.objects.filter(aanmelding=a1).update(verstuur_op=timezone.now())
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.herinneringen_sweep() == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert services.herinneringen_sweep() == 0
    assert [m.to for m in mailoutbox] == [[a1.email]]
    assert mailoutbox[0].subject.startswith("Herinnering")
    # A duplicated send of the same reminder does nothing: the outbox key is taken.
    with django_capture_on_commit_callbacks(execute=True):
        services._mail_queue(a1, "herinnering")
    assert len(mailoutbox) == 1


def test_reminders_not_yet_due_stay(site):
    kenniscafe = KenniscafeFactory()
    _registreer(kenniscafe, 1)
    assert services.herinneringen_sweep() == 0
    assert Herinnering.objects.filter(verwerkt_op__isnull=True).count() == 1


def test_present_visitor_gets_the_evaluation_after_the_cafe(
    site, mailoutbox, django_capture_on_commit_callbacks
):
    kenniscafe = KenniscafeFactory(
        start=timezone.now() - datetime.timedelta(hours=3),
        eind=timezone.now() - datetime.timedelta(hours=1),
    )
    aanwezig = AanmeldingFactory(kenniscafe=kenniscafe)
    afwezig = AanmeldingFactory(kenniscafe=kenniscafe)
    services.aanmelding_attendance_set(aanmelding_id=aanwezig.pk, aanwezig=True)
    services.aanmelding_attendance_set(aanmelding_id=afwezig.pk, aanwezig=False)
    with django_capture_on_commit_callbacks(execute=True):
        services.herinneringen_sweep()
    assert [m.to for m in mailoutbox] == [[aanwezig.email]]
    assert "/kenniscafes/evaluatie/" in mailoutbox[0].body
    evaluatie = services.evaluatie_create(
        aanmelding_id=aanwezig.pk, score=8, meenemen="Een nieuwe methode", opmerking=""
    )
    assert evaluatie.score == 8
    with pytest.raises(services.AanmeldingFout):
        services.evaluatie_create(aanmelding_id=aanwezig.pk, score=7, meenemen="x", opmerking="")


def test_a_walk_in_with_an_address_gets_the_evaluation_too(
    site, mailoutbox, django_capture_on_commit_callbacks
):
    kenniscafe = KenniscafeFactory(
        start=timezone.now() - datetime.timedelta(hours=3),
        eind=timezone.now() - datetime.timedelta(hours=1),
    )
    gegevens = {"rol": "student", "regio": "binnen"}
    met = services.aanmelding_walkin_create(
        kenniscafe_id=kenniscafe.pk,
        gegevens=services.InloopGegevens(
            **gegevens, naam="Inloper Met", email="inloper@fictief.example"
        ),
    )
    services.aanmelding_walkin_create(
        kenniscafe_id=kenniscafe.pk,
        gegevens=services.InloopGegevens(**gegevens, naam="Inloper Zonder"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.herinneringen_sweep() == 1
    assert [m.to for m in mailoutbox] == [["inloper@fictief.example"]]
    assert "/kenniscafes/evaluatie/" in mailoutbox[0].body
    assert (
        services.evaluatie_create(
            aanmelding_id=met.pk, score=9, meenemen="Contacten", opmerking=""
        ).score
        == 9
    )


# --- mailing list and invitations ---------------------------------------------------------


def test_mailing_list_needs_confirmation(site, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        abonnee = services.abonnee_subscribe(email="lezer@fictief.example")
    assert not abonnee.is_actief
    assert "/kenniscafes/nieuwsbrief/bevestigen/" in mailoutbox[0].body
    services.abonnee_confirm(sleutel=abonnee.sleutel)
    abonnee.refresh_from_db()
    assert abonnee.is_actief


def test_invitations_reach_each_address_once_even_when_run_twice(
    site, mailoutbox, django_capture_on_commit_callbacks
):
    kenniscafe = KenniscafeFactory()
    werkteam = WerkteamFactory()
    LidmaatschapFactory(werkteam=werkteam, persoon__email="lid@fictief.example")
    LidmaatschapFactory(werkteam=werkteam, persoon__email="afgemeld@fictief.example")
    Abonnee.objects.create(email="Lid@fictief.example", bevestigd_op=timezone.now())
    Abonnee.objects.create(email="onbevestigd@fictief.example")
    AanmeldingFactory(email="bezoeker@fictief.example", uitnodigingen_ok=True)
    AanmeldingFactory(email="geen-uitnodiging@fictief.example", uitnodigingen_ok=False)
    services.email_unsubscribe(email="afgemeld@fictief.example")
    with django_capture_on_commit_callbacks(execute=True):
        ronde = services.uitnodigingsronde_create(
            kenniscafe=kenniscafe,
            werkteams=[werkteam],
            eerdere_bezoekers=True,
            abonnees=True,
            door=None,
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.uitnodigingsronde_run(ronde.pk)  # retried or started twice
    ontvangers = sorted(m.to[0].lower() for m in mailoutbox)
    assert ontvangers == ["bezoeker@fictief.example", "lid@fictief.example"]
    assert Uitnodiging.objects.count() == 2
    ronde.refresh_from_db()
    assert (ronde.status, ronde.totaal, ronde.verwerkt, ronde.nieuw) == ("klaar", 2, 2, 0)
    mail = mailoutbox[0]
    assert mail.extra_headers["List-Unsubscribe"].startswith("<http")
    assert "/kenniscafes/afmelden/" in mail.body
    assert "geheim-kenniscafe" not in mail.body


# --- retention ---------------------------------------------------------------------------


def test_old_registrations_are_anonymised_and_figures_stay(site):
    oud = KenniscafeFactory(
        start=timezone.now() - datetime.timedelta(days=800),
        eind=timezone.now() - datetime.timedelta(days=800) + datetime.timedelta(hours=2),
    )
    recent = KenniscafeFactory(
        start=timezone.now() - datetime.timedelta(days=30),
        eind=timezone.now() - datetime.timedelta(days=30) + datetime.timedelta(hours=2),
    )
    AanmeldingFactory.create_batch(3, kenniscafe=oud, aanwezig=True, rol="student")
    AanmeldingFactory(kenniscafe=recent, aanwezig=True)
    assert services.aanmeldingen_anonymise() == 3
    oude = Aanmelding.objects.filter(kenniscafe=oud)
    assert set(oude.values_list("naam", "email")) == {("", "")}
    assert oude.filter(aanwezig=True, rol="student").count() == 3
    assert Aanmelding.objects.get(kenniscafe=recent).email != ""
    assert services.aanmeldingen_anonymise() == 0


@pytest.mark.parametrize(
    "soort",
    [s for s in services.MAIL_TEMPLATES if s != "evaluatie"],
)
def test_every_registration_mail_is_dutch_html_and_text_with_the_personal_link(
    site, mailoutbox, django_capture_on_commit_callbacks, soort
):
    aanmelding = AanmeldingFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.aanmelding_mail_queue(aanmelding.pk, soort)
    [mail] = mailoutbox
    assert "/kenniscafes/aanmelding/" in mail.body
    assert mail.alternatives[0][1] == "text/html"
    assert "/kenniscafes/aanmelding/" in mail.alternatives[0][0]
    assert mail.body.startswith(f"Beste {aanmelding.naam},")
    if soort in services.MAIL_ICS:
        assert _ics(mail)["METHOD"] == services.MAIL_ICS[soort]


def test_saving_a_cafe_makes_its_programme_exactly_the_given_rows_and_touches_no_other_cafe(
    site,
):
    """Rows with an id are updated, the café's other rows go, rows without an id are added;
    an id of another café's row is treated as a new row, never as a licence to change it."""
    from tests.factories import ProgrammaOnderdeelFactory

    kenniscafe = KenniscafeFactory()
    blijft = ProgrammaOnderdeelFactory(kenniscafe=kenniscafe, titel="Welkom", volgorde=1)
    gaat = ProgrammaOnderdeelFactory(kenniscafe=kenniscafe, titel="Pauze", volgorde=2)
    vreemd = ProgrammaOnderdeelFactory(kenniscafe=KenniscafeFactory(), titel="Elders")
    form, _formset = verplaats_formulieren(kenniscafe, dagen=0)

    services.kenniscafe_save(
        gegevens=services.KenniscafeGegevens.uit(form.cleaned_data),
        programma=[
            services.ProgrammaRegel(id=blijft.pk, titel="Welkom en koffie", tijd=datetime.time(19)),
            services.ProgrammaRegel(titel="Gesprek aan tafels", spreker_naam="Fatma Yilmaz"),
            services.ProgrammaRegel(id=vreemd.pk, titel="Slot"),
        ],
        kenniscafe=kenniscafe,
        door=None,
    )

    rijen = list(kenniscafe.programma.order_by("pk").values_list("pk", "titel", "spreker_naam"))
    assert rijen[0] == (blijft.pk, "Welkom en koffie", "")
    assert [titel for _pk, titel, _spreker in rijen[1:]] == ["Gesprek aan tafels", "Slot"]
    assert rijen[1][2] == "Fatma Yilmaz"
    assert not kenniscafe.programma.filter(pk=gaat.pk).exists()
    vreemd.refresh_from_db()
    assert vreemd.titel == "Elders"
    assert vreemd.kenniscafe_id != kenniscafe.pk
