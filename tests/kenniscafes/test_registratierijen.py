"""The registrations page's rows, written out in Python (issue #13), and the counts and
evaluation summary that the page now reads with fewer queries."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kenniscafes import selectors_registraties, services
from kenniscafes.models import Aanmelding, Kenniscafe
from kenniscafes.views.registratierijen import (
    EVALUATIE_VELDEN,
    VELDEN,
    aanmelding_rijen_html,
    als_rij,
)
from tests.factories import BeheerderFactory, CoordinatorFactory
from tests.kenniscafes.factories import AanmeldingFactory, EvaluatieFactory, KenniscafeFactory
from tests.werkteams.factories import WerkteamFactory

pytestmark = pytest.mark.django_db


def _knoppen(url, naam, ja, nee):
    def knop(waarde, tekst, gekozen):
        klasse = " is-gekozen" if gekozen else " knop--secundair"
        return (
            f'<button type="submit" formaction="{url}" hx-post="{url}" name="aanwezig"'
            f' value="{waarde}" class="knop knop--klein{klasse}"'
            f' aria-pressed="{"true" if gekozen else "false"}">{tekst}'
            f'<span class="visueel-verborgen"> {naam}</span></button>'
        )

    return (
        f'<div class="aanwezigheid">{knop("ja", "Aanwezig", ja)}\n'
        f"          {knop('nee', 'Afwezig', nee)}</div>"
    )


def _rij(a, naam, status_cel, aanwezigheid_cel, rol="Professional", extra=""):
    return (
        f'<tr id="aanmelding-{a.pk}"{extra}>\n'
        f'      <td>{naam}<br><span class="metadata">{a.email}</span></td>\n'
        f"      <td>{a.organisatie}</td>\n"
        f"      <td>{rol}</td>\n"
        f"      <td>{status_cel}</td>\n"
        f"      <td>{aanwezigheid_cel}</td>\n"
        f"    </tr>\n"
    )


def test_each_kind_of_row_has_its_buttons_and_escapes_what_people_typed():
    cafe = KenniscafeFactory(slug="rijen-cafe")
    aanwezig = AanmeldingFactory(kenniscafe=cafe, naam="Ans <b>", aanwezig=True)
    open_ = AanmeldingFactory(kenniscafe=cafe, naam="Bo & Co", organisatie='"O"')
    wacht = AanmeldingFactory(kenniscafe=cafe, naam="Cor", status="wachtlijst")
    weg = AanmeldingFactory(kenniscafe=cafe, naam="", status="geannuleerd")
    html = aanmelding_rijen_html(cafe, [als_rij(a) for a in (aanwezig, open_, wacht, weg)])

    def url(a, naam):
        return reverse(f"kenniscafes:{naam}", args=[cafe.slug, a.pk])

    a_url, o_url = url(aanwezig, "aanmelding_attendance"), url(open_, "aanmelding_attendance")
    plaats = (
        f'Wachtlijst<br><button type="submit" formaction="{url(wacht, "aanmelding_promote")}"'
        ' class="knop knop--link">Geef een plaats<span class="visueel-verborgen"> Cor</span></button>'
    )
    open_rij = _rij(open_, "Bo &amp; Co", "Aangemeld", _knoppen(o_url, "Bo &amp; Co", False, False))
    verwacht = "    " + "    ".join(
        [
            _rij(
                aanwezig,
                "Ans &lt;b&gt;",
                "Aangemeld",
                _knoppen(a_url, "Ans &lt;b&gt;", True, False),
            ),
            open_rij.replace('<td>"O"</td>', "<td>&quot;O&quot;</td>"),
            _rij(wacht, "Cor", plaats, "–"),
            _rij(weg, "–", "Geannuleerd", "–"),
        ]
    )
    assert html == verwacht


def test_a_walk_in_is_labelled_and_a_hybrid_cafe_shows_how_someone_takes_part():
    cafe = KenniscafeFactory(vorm=Kenniscafe.Vorm.HYBRIDE, plaatsen_online=10)
    a = AanmeldingFactory(kenniscafe=cafe, is_inloop=True, deelname="online", aanwezig=False)
    html = aanmelding_rijen_html(cafe, [als_rij(a)])
    assert f'<td>{a.naam} <span class="label">inloper</span><br>' in html
    assert '<td>Professional<br><span class="metadata">Online</span></td>' in html
    assert 'value="nee" class="knop knop--klein is-gekozen" aria-pressed="true"' in html


def test_the_swapped_row_announces_the_new_state():
    a = AanmeldingFactory(naam="Dirk", aanwezig=True)
    html = aanmelding_rijen_html(a.kenniscafe, [als_rij(a)], aangekondigd=True)
    assert html.startswith(f'    <tr id="aanmelding-{a.pk}" data-aankondiging="Dirk: aanwezig">')


@pytest.fixture
def organisator(client):
    coordinator = CoordinatorFactory()
    team = WerkteamFactory()
    team.coordinatoren.add(coordinator)
    cafe = KenniscafeFactory()
    cafe.organisator_werkteams.add(team)
    client.force_login(coordinator)
    return cafe


def test_the_page_has_one_form_and_one_token_for_all_rows(client, site, organisator):
    AanmeldingFactory.create_batch(3, kenniscafe=organisator)
    AanmeldingFactory(kenniscafe=organisator, status="wachtlijst")
    url = reverse("kenniscafes:aanmelding_list", args=[organisator.slug])
    html = client.get(url, {"status": ""}).content.decode()
    tabel = html[html.index('<div id="registraties"') : html.index("</table>")]
    assert tabel.count("<form") == 1
    assert tabel.count('name="csrfmiddlewaretoken"') == 1
    assert f'<input type="hidden" name="terug" value="{url}?status=">' in tabel
    assert tabel.count("formaction=") == 3 * 2 + 1
    assert '<tbody hx-target="closest tr" hx-swap="outerHTML">' in tabel


def test_without_javascript_a_button_posts_the_page_form_and_comes_back_to_the_search(
    client, site, organisator
):
    a = AanmeldingFactory(kenniscafe=organisator, naam="Eva")
    lijst = reverse("kenniscafes:aanmelding_list", args=[organisator.slug])
    # What the browser sends: the form's token and `terug`, and the pressed button.
    response = client.post(
        reverse("kenniscafes:aanmelding_attendance", args=[organisator.slug, a.pk]),
        {"terug": f"{lijst}?zoek=Eva", "aanwezig": "ja"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"{lijst}?zoek=Eva"
    a.refresh_from_db()
    assert a.aanwezig is True


def test_counts_from_the_rows_equal_the_counts_from_sql():
    cafe = KenniscafeFactory()
    for status, aanwezig, inloop in [
        ("bevestigd", True, False),
        ("bevestigd", True, True),
        ("bevestigd", False, False),
        ("bevestigd", None, False),
        ("wachtlijst", None, False),
        ("geannuleerd", None, False),
        ("geannuleerd", True, True),  # present, then cancelled: counts as cancelled only
    ]:
        AanmeldingFactory(kenniscafe=cafe, status=status, aanwezig=aanwezig, is_inloop=inloop)
    AanmeldingFactory(status="bevestigd")  # another café's
    rijen = selectors_registraties.aanmelding_list_organisator(cafe).values(*VELDEN)
    uit_rijen = selectors_registraties.tellingen_uit(rijen)
    assert uit_rijen == selectors_registraties.aanmelding_tellingen(cafe)
    assert uit_rijen["opkomst"] == 50
    assert selectors_registraties.tellingen_uit([]) == selectors_registraties.aanmelding_tellingen(
        KenniscafeFactory()
    )


def test_evaluation_summary_in_one_query(django_assert_num_queries):
    cafe = KenniscafeFactory(start=timezone.now() - datetime.timedelta(days=2))
    for score in (7, 8, 8):
        EvaluatieFactory(aanmelding=AanmeldingFactory(kenniscafe=cafe), score=score)
    EvaluatieFactory(score=1)  # another café's
    with django_assert_num_queries(1):
        samenvatting = selectors_registraties.evaluatie_samenvatting(cafe)
    assert samenvatting["aantal"] == 3
    assert samenvatting["gemiddeld"].quantize(Decimal("0.01")) == Decimal("7.67")
    assert sorted(a["score"] for a in samenvatting["antwoorden"]) == [7, 8, 8]
    leeg = selectors_registraties.evaluatie_samenvatting(KenniscafeFactory())
    assert leeg == {"aantal": 0, "gemiddeld": None, "antwoorden": []}


def test_status_labels_used_in_the_expected_rows():
    # The expected HTML above spells the Dutch labels out; they come from the catalogue.
    a = Aanmelding(status="wachtlijst", rol="professional")
    assert (a.get_status_display(), a.get_rol_display()) == ("Wachtlijst", "Professional")


def test_a_past_cafe_reads_its_evaluations_with_the_registrations(
    client, site, django_assert_num_queries
):
    coordinator = CoordinatorFactory()
    team = WerkteamFactory()
    team.coordinatoren.add(coordinator)
    cafe = KenniscafeFactory(start=timezone.now() - datetime.timedelta(days=3))
    cafe.organisator_werkteams.add(team)
    for i, score in enumerate([9, 6, 8]):
        evaluatie = EvaluatieFactory(
            aanmelding=AanmeldingFactory(kenniscafe=cafe), score=score, meenemen=f"Inzicht {i}"
        )
        # Distinct times: the answers are shown newest first.
        evaluatie.aangemaakt = timezone.now() - datetime.timedelta(hours=i if i != 1 else 5)
        evaluatie.save()
    AanmeldingFactory(kenniscafe=cafe)  # no evaluation
    rijen = list(
        selectors_registraties.aanmelding_list_organisator(cafe).values(*VELDEN, *EVALUATIE_VELDEN)
    )
    assert selectors_registraties.evaluatie_uit(rijen) == (
        selectors_registraties.evaluatie_samenvatting(cafe)
    )
    client.force_login(coordinator)
    url = reverse("kenniscafes:aanmelding_list", args=[cafe.slug])
    client.get(url)
    # May-manage (2), registrations with their evaluations (the session comes from the cache,
    # the user and the café as kept per content version).
    with django_assert_num_queries(3):
        html = client.get(url).content.decode()
    assert "3 evaluaties, gemiddeld cijfer 7,7." in html
    assert html.index("Inzicht 0") < html.index("Inzicht 2") < html.index("Inzicht 1")
    # A search without JavaScript: the counts and the evaluations of the whole café apart.
    with django_assert_num_queries(5):
        assert "Inzicht 0" in client.get(url, {"zoek": "Fictieve"}).content.decode()


def test_a_tap_on_a_registration_that_lost_its_place_says_so_in_the_swapped_row(
    client, site, organisator
):
    a = AanmeldingFactory(kenniscafe=organisator, naam="Eva")
    # cancelled after the organiser opened the list: the button was still there
    a.status = "geannuleerd"
    a.save()
    response = client.post(
        reverse("kenniscafes:aanmelding_attendance", args=[organisator.slug, a.pk]),
        {"aanwezig": "ja"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith(f'    <tr id="aanmelding-{a.pk}"')
    assert 'data-aankondiging="Eva: Alleen aanmeldingen met een plaats' in html
    assert "formaction=" not in html  # the row shows the cancellation, without buttons
    a.refresh_from_db()
    assert a.aanwezig is None
    # said now, in the row, and not again on the next page
    lijst = reverse("kenniscafes:aanmelding_list", args=[organisator.slug])
    assert "Alleen aanmeldingen met een plaats" not in client.get(lijst).content.decode()


def test_the_evaluation_answers_are_escaped_newest_first(client, site, organisator):
    organisator.start = timezone.now() - datetime.timedelta(days=2)
    organisator.save()
    oud = EvaluatieFactory(
        aanmelding=AanmeldingFactory(kenniscafe=organisator),
        score=7,
        meenemen="<script>alert(1)</script>",
        opmerking='"Zeg" & doe',
    )
    oud.aangemaakt = timezone.now() - datetime.timedelta(hours=3)
    oud.save()
    EvaluatieFactory(
        aanmelding=AanmeldingFactory(kenniscafe=organisator), score=10, meenemen="Rust"
    )
    html = client.get(reverse("kenniscafes:aanmelding_list", args=[organisator.slug])).content
    assert (
        "<ul><li>10 – Rust</li><li>7 – &lt;script&gt;alert(1)&lt;/script&gt; "
        '<span class="metadata">(&quot;Zeg&quot; &amp; doe)</span></li></ul>'
    ) in html.decode()


def test_the_page_shows_a_changed_cafe_on_the_next_request(client, site, organisator):
    url = reverse("kenniscafes:aanmelding_list", args=[organisator.slug])
    client.get(url)
    client.get(url)  # the café as kept per content version
    cafe = Kenniscafe.objects.get(pk=organisator.pk)
    cafe.titel = "Een nieuwe titel"
    cafe.save()
    assert "Aanmeldingen – Een nieuwe titel" in client.get(url).content.decode()


def test_the_cafe_s_buttons_are_shared_by_organisers_but_each_gets_their_own_token(
    client, site, organisator
):
    """The links and buttons above the list are stored per café and content version for
    every organiser (inhoudcache voor_iedereen): another organiser gets their own CSRF
    token in the publish form, and publishing changes the buttons on the next request."""
    organisator.status = Kenniscafe.Status.CONCEPT
    organisator.save()
    url = reverse("kenniscafes:aanmelding_list", args=[organisator.slug])
    beheerder = Client()
    beheerder.force_login(BeheerderFactory())
    pagina = client.get(url).content.decode()
    andere = beheerder.get(url).content.decode()
    for html in (pagina, andere):
        knoppen = html.split('<div class="knoppen">')[1].split("</div>")[0]
        assert "Publiceren" in knoppen
        # The token in the stored part is the one of this very response.
        assert _token(knoppen) == html.split('"X-CSRFToken": "')[1].split('"')[0]
    assert _token(pagina) != _token(andere)
    services.kenniscafe_publish(kenniscafe_id=organisator.pk)
    knoppen = client.get(url).content.decode().split('<div class="knoppen">')[1].split("</div>")[0]
    assert "Publiceren" not in knoppen and "Uitnodigingen versturen" in knoppen


def _token(html: str) -> str:
    return html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]


def test_the_stored_filter_form_keeps_each_search_to_its_own_address(client, site, organisator):
    """The filter form is stored per café and per filter values: a search shows its own
    term (escaped), and the unfiltered page of another organiser never shows it."""
    url = reverse("kenniscafes:aanmelding_list", args=[organisator.slug])
    beheerder = Client()
    beheerder.force_login(BeheerderFactory())  # before the search: same content version
    client.get(url)
    gezocht = client.get(url, {"zoek": '<b>"Jansen"</b>', "status": "wachtlijst"}).content
    assert 'value="&lt;b&gt;&quot;Jansen&quot;&lt;/b&gt;"' in gezocht.decode()
    assert '<option value="wachtlijst" selected>' in gezocht.decode()
    leeg = beheerder.get(url).content.decode()
    assert "Jansen" not in leeg and 'id="zoek" name="zoek" value=""' in leeg
    assert " selected>" not in leeg.split('class="filters"')[1].split("</form>")[0]
