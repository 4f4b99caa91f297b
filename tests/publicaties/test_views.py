"""Views of the kennisbank: pages, fragments, permissions, downloads, feeds, sitemap, forms."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from publicaties.models import Bijlage, Publicatie
from publicaties.services import termfacetten_rebuild, zoekindex_update
from tests.factories import BeheerderFactory, CoordinatorFactory, GebruikerFactory
from tests.werkteams.factories import WerkteamFactory
from werkplaats.kern.paginacache import inhoud_versie_bump

from .factories import PublicatieFactory, ThemaFactory
from .test_bestanden import PDF

pytestmark = pytest.mark.django_db
LIJST = reverse("publicaties:publicatie_list")
NIEUW = reverse("publicaties:publicatie_create")


@pytest.fixture
def gepubliceerd():
    return PublicatieFactory(
        titel="De aanvraag van de scootmobiel",
        auteurs=[("David", "ter Avest"), ("Anne", "Frederiks")],
        type=Publicatie.Type.ONDERZOEKSRAPPORT,
        samenvatting="Bewoners aan het woord.",
        inhoud="Een **vet** woord.",
    )


@pytest.fixture
def concept():
    return PublicatieFactory(titel="Geheim concept over scootmobielen", status="concept")


def test_list_page_shows_published_not_concepts(client, gepubliceerd, concept):
    response = client.get(LIJST)
    assert response.status_code == 200
    html = response.content.decode()
    assert gepubliceerd.titel in html
    assert concept.titel not in html
    assert 'role="search"' in html


def test_search_page_works_without_javascript(client, gepubliceerd, concept):
    response = client.get(LIJST, {"q": "scootmobiel"})
    html = response.content.decode()
    assert "<mark>scootmobiel</mark>" in html
    assert "Geheim concept" not in html
    assert "1 resultaat" in html
    assert "<html" in html


def test_htmx_request_gets_only_the_results_fragment(client, gepubliceerd):
    response = client.get(LIJST, {"q": "scootmobiel"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and "<mark>scootmobiel</mark>" in html
    assert 'data-aankondiging="1 resultaat"' in html
    assert "HX-Request" in response["Vary"]


def test_history_restore_gets_the_full_page(client, gepubliceerd):
    response = client.get(
        LIJST,
        {"q": "scootmobiel"},
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert "<html" in response.content.decode()


def test_facet_filter_and_suggestion_links_keep_the_query(client, gepubliceerd):
    html = client.get(LIJST, {"q": "scotmobiel"}).content.decode()
    assert "Bedoelde je" in html and "?q=scootmobiel" in html


def test_detail_shows_metadata_citation_and_related(client, gepubliceerd):
    thema = ThemaFactory(naam="Gezondheid", slug="gezondheid")
    gepubliceerd.themas.set([thema])
    verwant = PublicatieFactory(titel="Verwante notitie", themas=[thema])
    response = client.get(gepubliceerd.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        "ter Avest, D., &amp; Frederiks, A. (2022). <em>De aanvraag van de scootmobiel</em>" in html
    )
    assert "<strong>vet</strong>" in html
    assert verwant.titel in html
    assert reverse("publicaties:publicatie_bibtex", kwargs={"slug": gepubliceerd.slug}) in html
    assert '<meta name="citation_author" content="ter Avest, David">' in html
    assert '<meta name="citation_title" content="De aanvraag van de scootmobiel">' in html


def test_concept_detail_is_404_for_visitors_and_other_coordinators(client, concept):
    assert client.get(concept.get_absolute_url()).status_code == 404
    client.force_login(CoordinatorFactory())
    assert client.get(concept.get_absolute_url()).status_code == 404
    for naam in ("publicatie_bibtex", "publicatie_ris", "audio"):
        url = reverse(f"publicaties:{naam}", kwargs={"slug": concept.slug})
        assert client.get(url).status_code == 404


def test_concept_detail_is_visible_to_its_editors(client, concept):
    client.force_login(BeheerderFactory())
    assert (
        "alleen zichtbaar voor redacteuren"
        in client.get(concept.get_absolute_url()).content.decode()
    )
    coordinator = CoordinatorFactory()
    team = WerkteamFactory()
    team.coordinatoren.add(coordinator)
    concept.werkteams.add(team)
    client.force_login(coordinator)
    assert client.get(concept.get_absolute_url()).status_code == 200


def test_bibtex_and_ris_downloads(client, gepubliceerd):
    bib = client.get(reverse("publicaties:publicatie_bibtex", kwargs={"slug": gepubliceerd.slug}))
    assert bib["Content-Disposition"].startswith("attachment")
    tekst = bib.content.decode()
    assert tekst.startswith("@techreport{teravest2022aanvraag,")
    assert "author = {ter Avest, David and Frederiks, Anne}" in tekst
    ris = client.get(reverse("publicaties:publicatie_ris", kwargs={"slug": gepubliceerd.slug}))
    regels = ris.content.decode().split("\r\n")
    assert regels[0] == "TY  - RPRT"
    assert "AU  - ter Avest, David" in regels and regels[-2] == "ER  - "


def test_attachment_download_only_when_publication_visible(
    client, gepubliceerd, concept, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    bijlagen = []
    for publicatie in (gepubliceerd, concept):
        bijlage = Bijlage(
            publicatie=publicatie, naam="rapport.pdf", mimetype="application/pdf", grootte=len(PDF)
        )
        bijlage.bestand.save("rapport.pdf", io.BytesIO(PDF), save=True)
        bijlagen.append(bijlage)
    url = reverse(
        "publicaties:bijlage_download", kwargs={"slug": gepubliceerd.slug, "pk": bijlagen[0].pk}
    )
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert "attachment" in response["Content-Disposition"]
    verborgen = reverse(
        "publicaties:bijlage_download", kwargs={"slug": concept.slug, "pk": bijlagen[1].pk}
    )
    assert client.get(verborgen).status_code == 404
    # An attachment id under another publication's slug is not found either.
    kruis = reverse(
        "publicaties:bijlage_download", kwargs={"slug": gepubliceerd.slug, "pk": bijlagen[1].pk}
    )
    assert client.get(kruis).status_code == 404


def test_atom_feed_has_published_only(client, gepubliceerd, concept):
    response = client.get(reverse("publicaties:feed"))
    xml = response.content.decode()
    assert response["Content-Type"].startswith("application/atom+xml")
    assert gepubliceerd.titel in xml and concept.titel not in xml


def test_podcast_feed_has_enclosures_for_episodes_with_audio(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    met = PublicatieFactory(titel="Aflevering met audio", type=Publicatie.Type.PODCASTAFLEVERING)
    met.audio.save("a.mp3", io.BytesIO(b"ID3" + b"\x00" * 97), save=False)
    met.audio_grootte, met.audio_mimetype = 100, "audio/mpeg"
    met.save()
    PublicatieFactory(titel="Aflevering zonder audio", type=Publicatie.Type.PODCASTAFLEVERING)
    geheim = PublicatieFactory(
        titel="Geheime aflevering", type=Publicatie.Type.PODCASTAFLEVERING, status="concept"
    )
    geheim.audio.save("b.mp3", io.BytesIO(b"ID3" + b"\x00" * 97), save=True)
    xml = client.get(reverse("publicaties:podcast_feed")).content.decode()
    assert 'xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"' in xml
    assert "Aflevering met audio" in xml
    assert "Aflevering zonder audio" not in xml and "Geheime aflevering" not in xml
    audio_url = reverse("publicaties:audio", kwargs={"slug": met.slug})
    enclosure = xml[xml.index("<enclosure") :].split(">")[0]
    assert f'url="http://testserver{audio_url}"' in enclosure
    assert 'length="100"' in enclosure and 'type="audio/mpeg"' in enclosure
    assert client.get(audio_url)["Content-Type"] == "audio/mpeg"


def test_podcast_feed_has_cover_art_that_podcast_apps_accept(client):
    from xml.etree import ElementTree

    from PIL import Image

    from werkplaats.kern.models import Werkplaats

    Werkplaats.objects.update(contact_email="podcast@werkplaats.example")
    xml = client.get(reverse("publicaties:podcast_feed")).content
    kanaal = ElementTree.fromstring(xml).find("channel")
    itunes = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"
    omslag = reverse("publicaties:podcast_omslag")
    assert kanaal.find(f"{itunes}image").get("href") == f"http://testserver{omslag}"
    assert kanaal.find("image/url").text == f"http://testserver{omslag}"
    assert kanaal.find(f"{itunes}owner/{itunes}email").text == "podcast@werkplaats.example"
    response = client.get(omslag)
    assert response["Content-Type"] == "image/png"
    beeld = Image.open(io.BytesIO(response.content))
    # Apple Podcasts: square, 1400 to 3000 pixels, RGB JPEG or PNG.
    assert beeld.format == "PNG" and beeld.mode == "RGB"
    assert beeld.size == (1400, 1400)


def test_sitemap_lists_published_only(client, gepubliceerd, concept):
    xml = client.get("/sitemap.xml").content.decode()
    assert gepubliceerd.get_absolute_url() in xml
    assert concept.get_absolute_url() not in xml


def test_home_shows_newest_publications(client, gepubliceerd, concept):
    html = client.get("/").content.decode()
    assert gepubliceerd.titel in html and concept.titel not in html


# --- Query counts ---------------------------------------------------------------------------


def maak(aantal: int):
    thema = ThemaFactory(naam="Armoede", slug="armoede")
    team = WerkteamFactory()
    for n in range(aantal):
        PublicatieFactory(
            titel=f"Armoede en schulden deel {n}",
            auteurs=[("Anne", f"Auteur {n}"), ("Bram", "Tweede")],
            themas=[thema],
            werkteams=[team],
        )


@pytest.mark.parametrize("aantal", [3, 30])
def test_query_counts_are_constant(client, django_assert_num_queries, aantal):
    maak(aantal)
    detail = Publicatie.objects.first().get_absolute_url()
    client.get(reverse("publicaties:feed"))  # fills the cached site settings
    # list: facets (1) + page with its authors (1)
    with django_assert_num_queries(2):
        assert client.get(LIJST).status_code == 200
    # the same page again: served whole from the page cache
    with django_assert_num_queries(0):
        assert client.get(LIJST).status_code == 200
    # the next page: the facet counts of the whole collection come from the facet cache
    with django_assert_num_queries(1):
        assert client.get(LIJST, {"pagina": "2"}).status_code == 200
    # search: the parsed words (1) + one statement for facets, ranked page, snippets and
    # authors (1) + matching knowledge cafés (1); the same when the facets of a frequent
    # word come from the stored counts
    # ("f" only makes the second round's URLs new, so the page cache cannot answer them.)
    for frequent in (False, True):
        if frequent:
            assert termfacetten_rebuild(minimum=1)
            # Stored counts are not shown data: start a new content version so that the
            # results below are searched again, not read from the content cache.
            inhoud_versie_bump(sender=Publicatie)
            # Whether the stored counts cover the werkplaats: read once per werkplaatsen
            # version in the process (publicaties.zoeken._telling_dekt), not per search.
            client.get(LIJST, {"q": "armoede", "f": "warm"})
        with django_assert_num_queries(3):
            response = client.get(LIJST, {"q": "schulden", "thema": "armoede", "f": frequent})
        assert re.search(r"Anne Auteur \d+, Bram Tweede", response.content.decode())
        # HTMX fragment: the same three
        with django_assert_num_queries(3):
            client.get(LIJST, {"q": "schulden", "f": frequent}, headers={"HX-Request": "true"})
    # detail: row + authors, themes, werkteams, attachments (4) + related (1)
    with django_assert_num_queries(6):
        assert client.get(detail).status_code == 200


# --- Editing --------------------------------------------------------------------------------


def geldig(**wijzig) -> dict:
    data = {
        "titel": "Nieuwe notitie over armoede",
        "type": "onderzoeksnotitie",
        "status": "gepubliceerd",
        "auteurs": "ter Avest, David | Hogeschool Inholland\nWerkteam Gezond-sociaal",
        "jaar": "2024",
        "datum": "",
        "samenvatting": "Korte samenvatting.",
        "inhoud": 'Tekst met <script>alert(\'x\')</script> en <a href="javascript:alert(1)" onclick="x()">link</a>.',
        "verschenen_in": "",
        "externe_link": "",
        "taal": "nl",
        "licentie": "cc-by-4.0",
        "kennisvormen": ["ervaringskennis"],
        "doelgroepen": ["studenten", "beleid"],
    }
    data.update(wijzig)
    return data


def test_create_requires_login_and_editor_role(client):
    assert client.get(NIEUW).status_code == 302
    client.force_login(GebruikerFactory(rol="lid"))
    assert client.get(NIEUW).status_code == 403
    assert client.post(NIEUW, geldig()).status_code == 403
    assert not Publicatie.objects.exists()


def test_coordinator_creates_a_publication_with_sanitised_body(client):
    coordinator = CoordinatorFactory()
    client.force_login(coordinator)
    response = client.post(NIEUW, geldig())
    publicatie = Publicatie.objects.get()
    assert response.status_code == 302 and response["Location"] == publicatie.get_absolute_url()
    assert publicatie.aangemaakt_door == coordinator
    assert [a.weergavenaam for a in publicatie.auteurschappen.all()] == [
        "David ter Avest",
        "Werkteam Gezond-sociaal",
    ]
    assert publicatie.auteurschappen.first().affiliatie == "Hogeschool Inholland"
    assert "<script" not in publicatie.inhoud_html
    assert "onclick" not in publicatie.inhoud_html and "javascript:" not in publicatie.inhoud_html
    assert publicatie.gepubliceerd_op is not None
    assert publicatie.slug == "nieuwe-notitie-over-armoede"
    detail = client.get(publicatie.get_absolute_url()).content.decode()
    assert "<script>alert" not in detail


def test_preview_stores_nothing(client):
    client.force_login(CoordinatorFactory())
    response = client.post(NIEUW, geldig(voorbeeld="1"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Voorbeeld (nog niet opgeslagen)" in html
    assert "<script>alert" not in html
    assert not Publicatie.objects.exists()


def test_htmx_preview_returns_the_form_fragment(client):
    client.force_login(CoordinatorFactory())
    response = client.post(NIEUW, geldig(voorbeeld="1"), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert "Voorbeeld (nog niet opgeslagen)" in html


def test_invalid_htmx_preview_shows_errors_with_status_200(client):
    client.force_login(CoordinatorFactory())
    response = client.post(NIEUW, geldig(titel="", voorbeeld="1"), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "foutsamenvatting" in response.content.decode()


@pytest.mark.parametrize(
    "veld,waarde,melding",
    [
        ("titel", "", "Dit veld is verplicht"),
        ("titel", "   ", "Dit veld is verplicht"),
        ("titel", "x" * 301, "niet meer dan 300 tekens"),
        ("titel", "Titel\x00met nul", "Null-tekens zijn niet toegestaan"),
        ("titel", "Titel\x07met bel", "onzichtbare stuurtekens"),
        ("type", "virus", "geen beschikbare keuze"),
        ("auteurs", "", "Dit veld is verplicht"),
        ("auteurs", "Avest, David, Jr.", "Achternaam, Voornamen"),
        ("auteurs", "| Hogeschool", "geen naam"),
        ("auteurs", "x" * 301, "te lang"),
        ("jaar", "", "Dit veld is verplicht"),
        ("jaar", "abc", "geheel getal"),
        ("jaar", "1800", "minstens 1900"),
        ("jaar", "2999", "te ver in de toekomst"),
        ("datum", "2021-02-30", "geldige datum"),
        ("datum", "2021-05-01", "in het opgegeven jaar"),
        ("externe_link", "javascript:alert(1)", "geldige URL"),
        ("externe_link", "' OR 1=1 --", "geldige URL"),
        ("samenvatting", "x" * 5001, "niet meer dan 5000 tekens"),
        ("kennisvormen", ["toverkennis"], "geen beschikbare keuze"),
        ("doelgroepen", ["<b>iedereen</b>"], "geen beschikbare keuze"),
        ("licentie", "gestolen", "geen beschikbare keuze"),
        ("taal", "kl", "geen beschikbare keuze"),
        ("status", "geheim", "geen beschikbare keuze"),
    ],
)
def test_bad_input_per_field_gives_a_dutch_message_and_stores_nothing(
    client, veld, waarde, melding
):
    client.force_login(CoordinatorFactory())
    response = client.post(NIEUW, geldig(**{veld: waarde}))
    assert response.status_code == 200
    html = response.content.decode()
    assert melding in html, html[
        html.find("foutsamenvatting") : html.find("foutsamenvatting") + 800
    ]
    assert "foutsamenvatting" in html
    assert not Publicatie.objects.exists()


def test_upload_of_disguised_executable_is_refused_with_a_clear_message(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(CoordinatorFactory())
    nep = SimpleUploadedFile("rapport.pdf", b"MZ\x90\x00" + b"\x00" * 200)
    response = client.post(NIEUW, {**geldig(), "nieuwe_bijlage": nep})
    html = response.content.decode()
    assert "uitvoerbaar programma" in html
    assert not Publicatie.objects.exists() and not Bijlage.objects.exists()
    assert not list(tmp_path.rglob("*.pdf"))


def test_upload_too_large_and_wrong_type_are_refused(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.PUBLICATIES_MAX_BIJLAGE_MB = 1
    client.force_login(CoordinatorFactory())
    groot = SimpleUploadedFile("groot.pdf", PDF + b"0" * (1024 * 1024))
    assert (
        "het maximum is"
        in client.post(NIEUW, {**geldig(), "nieuwe_bijlage": groot}).content.decode()
    )
    txt = SimpleUploadedFile("notities.txt", b"gewoon tekst")
    assert "Alleen PDF" in client.post(NIEUW, {**geldig(), "nieuwe_bijlage": txt}).content.decode()
    assert not Publicatie.objects.exists()


def test_audio_only_for_podcast_episodes(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(CoordinatorFactory())
    mp3 = SimpleUploadedFile("a.mp3", b"ID3" + b"\x00" * 100)
    response = client.post(NIEUW, {**geldig(), "nieuwe_audio": mp3})
    assert "alleen bij podcastafleveringen" in response.content.decode()


def test_valid_attachment_and_audio_are_stored(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(CoordinatorFactory())
    pdf = SimpleUploadedFile("Rapport.pdf", PDF)
    client.post(NIEUW, {**geldig(), "nieuwe_bijlage": pdf})
    bijlage = Bijlage.objects.get()
    assert bijlage.naam == "Rapport.pdf" and bijlage.mimetype == "application/pdf"
    assert "Rapport" not in bijlage.bestand.name  # stored under a random name
    mp3 = SimpleUploadedFile("a.mp3", b"ID3" + b"\x00" * 100)
    client.post(
        NIEUW, {**geldig(titel="Aflevering", type="podcastaflevering"), "nieuwe_audio": mp3}
    )
    aflevering = Publicatie.objects.get(titel="Aflevering")
    assert aflevering.audio_mimetype == "audio/mpeg" and aflevering.audio_grootte == 103


def test_update_permissions(client, gepubliceerd):
    url = reverse("publicaties:publicatie_update", kwargs={"slug": gepubliceerd.slug})
    client.force_login(CoordinatorFactory())
    assert client.get(url).status_code == 403
    assert client.post(url, geldig()).status_code == 403
    client.force_login(BeheerderFactory())
    assert client.get(url).status_code == 200


def test_owner_edits_and_the_search_index_follows(client):
    coordinator = CoordinatorFactory()
    client.force_login(coordinator)
    client.post(NIEUW, geldig())
    publicatie = Publicatie.objects.get()
    url = reverse("publicaties:publicatie_update", kwargs={"slug": publicatie.slug})
    response = client.post(url, geldig(titel="Over schuldhulp", auteurs="Jansen, Pien"))
    assert response.status_code == 302
    publicatie.refresh_from_db()
    assert publicatie.slug == "nieuwe-notitie-over-armoede"  # addresses stay
    assert publicatie.auteurs_tekst == "Pien Jansen"
    assert client.get(LIJST, {"q": "schuldhulp"}).content.decode().count("<mark>") >= 1
    assert "Pien Jansen" in client.get(LIJST, {"q": "jansen"}).content.decode()


def test_beheer_list_shows_what_the_editor_may_edit(client, concept):
    coordinator = CoordinatorFactory()
    eigen = PublicatieFactory(
        titel="Mijn eigen concept", status="concept", aangemaakt_door=coordinator
    )
    client.force_login(coordinator)
    html = client.get(reverse("publicaties:publicatie_beheer")).content.decode()
    assert eigen.titel in html and concept.titel not in html
    client.force_login(GebruikerFactory(rol="lid"))
    assert client.get(reverse("publicaties:publicatie_beheer")).status_code == 403


def test_theme_rename_reindexes(gepubliceerd):
    thema = ThemaFactory(naam="Oud", slug="oud")
    gepubliceerd.themas.set([thema])
    thema.naam = "Eenzaamheid"
    thema.save()
    zoekindex_update([gepubliceerd.pk])
    gepubliceerd.refresh_from_db()
    assert "Eenzaamheid" in gepubliceerd.themas_tekst


# --- Kenniscafés ----------------------------------------------------------------------------


def test_search_also_finds_published_knowledge_cafes(client):
    from tests.kenniscafes.factories import KenniscafeFactory

    openbaar = KenniscafeFactory(titel="Kenniscafé over mantelzorg", status="gepubliceerd")
    KenniscafeFactory(titel="Geheim kenniscafé over mantelzorg", status="concept")
    html = client.get(LIJST, {"q": "mantelzorg"}).content.decode()
    assert openbaar.titel in html and openbaar.get_absolute_url() in html
    assert "Geheim kenniscafé" not in html
    fragment = client.get(LIJST, {"q": "mantelzorg"}, headers={"HX-Request": "true"})
    assert openbaar.titel in fragment.content.decode()


def test_report_links_to_its_knowledge_cafe(client):
    from tests.kenniscafes.factories import KenniscafeFactory

    cafe = KenniscafeFactory(titel="Kenniscafé Positieve gezondheid", status="gepubliceerd")
    coordinator = CoordinatorFactory()
    client.force_login(coordinator)
    client.post(NIEUW, geldig(type="kenniscafe-verslag", kenniscafe=str(cafe.pk)))
    verslag = Publicatie.objects.get()
    assert verslag.kenniscafe == cafe
    html = client.get(verslag.get_absolute_url()).content.decode()
    assert cafe.get_absolute_url() in html
    assert "[Verslag kenniscafé]" in html


def test_audio_supports_byte_ranges(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    aflevering = PublicatieFactory(titel="Aflevering", type=Publicatie.Type.PODCASTAFLEVERING)
    inhoud = b"ID3" + bytes(range(97))
    aflevering.audio.save("a.mp3", io.BytesIO(inhoud), save=False)
    aflevering.audio_mimetype = "audio/mpeg"
    aflevering.save()
    url = reverse("publicaties:audio", kwargs={"slug": aflevering.slug})
    heel = client.get(url)
    assert heel.status_code == 200 and heel["Accept-Ranges"] == "bytes"
    deel = client.get(url, headers={"Range": "bytes=10-19"})
    assert deel.status_code == 206 and b"".join(deel.streaming_content) == inhoud[10:20]
    assert deel["Content-Range"] == "bytes 10-19/100"
    staart = client.get(url, headers={"Range": "bytes=-5"})
    assert b"".join(staart.streaming_content) == inhoud[-5:]
    assert client.get(url, headers={"Range": "bytes=500-"}).status_code == 416


def test_several_attachments_at_once_and_removing_them(
    client, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(CoordinatorFactory())
    client.post(
        NIEUW,
        {
            **geldig(),
            "nieuwe_bijlage": [
                SimpleUploadedFile("een.pdf", PDF),
                SimpleUploadedFile("twee.pdf", PDF),
            ],
        },
    )
    publicatie = Publicatie.objects.get()
    assert sorted(b.naam for b in publicatie.bijlagen.all()) == ["een.pdf", "twee.pdf"]
    een = publicatie.bijlagen.get(naam="een.pdf")
    url = reverse("publicaties:publicatie_update", kwargs={"slug": publicatie.slug})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {**geldig(), "bijlagen_verwijderen": [str(een.pk)]})
    assert [b.naam for b in publicatie.bijlagen.all()] == ["twee.pdf"]
    assert not (tmp_path / een.bestand.name).exists()


def test_one_bad_file_among_several_stores_nothing(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(CoordinatorFactory())
    response = client.post(
        NIEUW,
        {
            **geldig(),
            "nieuwe_bijlage": [
                SimpleUploadedFile("goed.pdf", PDF),
                SimpleUploadedFile("setup.pdf", b"MZ" + b"\x00" * 64),
            ],
        },
    )
    assert "setup.pdf: Dit bestand is een uitvoerbaar programma" in response.content.decode()
    assert not Publicatie.objects.exists() and not Bijlage.objects.exists()


def test_pages_are_cached_for_visitors_and_refreshed_by_a_change(client, gepubliceerd):
    assert gepubliceerd.titel in client.get(LIJST).content.decode()
    nieuw = PublicatieFactory(titel="Zojuist gepubliceerd")
    assert nieuw.titel in client.get(LIJST).content.decode()  # the save bumped the version


def test_history_restore_bypasses_the_cached_fragment(client, gepubliceerd):
    client.get(LIJST, {"q": "scootmobiel"}, headers={"HX-Request": "true"})  # cached fragment
    response = client.get(
        LIJST,
        {"q": "scootmobiel"},
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert "<html" in response.content.decode()
