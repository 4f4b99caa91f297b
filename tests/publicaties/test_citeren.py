"""Citations: APA 7 text, BibTeX and RIS for the kinds of items the kennisbank holds."""

import datetime

import pytest

from publicaties import citeren
from publicaties.models import Publicatie
from publicaties.tekst import html_to_tekst, inhoud_to_html, naam_split

from .factories import PublicatieFactory, ThemaFactory

pytestmark = pytest.mark.django_db
UITGEVER = "Werkplaats Sociaal Domein Testregio"
URL = "https://werkplaats.example/kennisbank/x/"


def apa(publicatie) -> str:
    return citeren.apa_tekst(publicatie, UITGEVER, URL)


def test_apa_report_two_authors_italic_title():
    p = PublicatieFactory(
        titel="De aanvraag van de scootmobiel",
        type=Publicatie.Type.ONDERZOEKSRAPPORT,
        auteurs=[("David", "ter Avest"), ("Anne-Marie", "Frederiks")],
    )
    assert apa(p) == (
        "ter Avest, D., & Frederiks, A.-M. (2022). De aanvraag van de scootmobiel. "
        f"Werkplaats Sociaal Domein Testregio. {URL}"
    )
    assert "<em>De aanvraag van de scootmobiel</em>" in citeren.apa_html(p, UITGEVER, URL)


def test_apa_three_authors_and_magazine_contribution():
    p = PublicatieFactory(
        titel="Het omgekeerde keukentafelgesprek",
        type=Publicatie.Type.MAGAZINEBIJDRAGE,
        verschenen_in="Magazine Op afstand nabij",
        auteurs=[("Elizabeth", "van Twist"), ("David", "ter Avest"), ("Jan Peter", "Bos")],
        jaar=2021,
    )
    assert apa(p) == (
        "van Twist, E., ter Avest, D., & Bos, J. P. (2021). Het omgekeerde keukentafelgesprek. "
        f"Magazine Op afstand nabij. {URL}"
    )
    assert "<em>Magazine Op afstand nabij</em>" in citeren.apa_html(p, UITGEVER, URL)


def test_apa_blog_with_date_and_organisation_as_author_of_own_report():
    blog = PublicatieFactory(
        titel="Borrelmoment",
        type=Publicatie.Type.BLOG,
        datum=datetime.date(2021, 3, 5),
        jaar=2021,
        auteurs=[("Conny", "van Oudheusden")],
    )
    assert apa(blog) == f"van Oudheusden, C. (2021, 5 maart). Borrelmoment. {UITGEVER}. {URL}"
    eigen = PublicatieFactory(
        titel="Casuïstiekbundel", type=Publicatie.Type.LESMATERIAAL, auteurs=[UITGEVER], jaar=2019
    )
    assert apa(eigen) == f"{UITGEVER}. (2019). Casuïstiekbundel [Lesmateriaal]. {URL}"


def test_apa_podcast_episode():
    p = PublicatieFactory(
        titel="Autonomie",
        type=Publicatie.Type.PODCASTAFLEVERING,
        verschenen_in="Sociaal. Inspireert!",
        auteurs=[("Anne", "Frederiks"), ("Raphael", "Dollart")],
    )
    assert apa(p) == (
        "Frederiks, A., & Dollart, R. (Presentator). (2022). Autonomie "
        f"[Audio podcastaflevering]. In Sociaal. Inspireert!. {UITGEVER}. {URL}"
    )


def test_bibtex_escapes_latex_and_keeps_capitals():
    thema = ThemaFactory(naam="Armoede & schulden", slug="armoede-schulden")
    p = PublicatieFactory(
        titel="100% {zeker} over $ & #hashtags_en_meer",
        type=Publicatie.Type.ARTIKEL,
        verschenen_in="Tijdschrift voor Sociale Vraagstukken",
        auteurs=[("Richard", "de Brabander"), "Werkteam Gezond-sociaal"],
        themas=[thema],
    )
    tekst = citeren.bibtex(p, UITGEVER, URL)
    assert tekst.startswith("@article{debrabander2022zeker,")
    assert r"title = {{100\% \{zeker\} over \$ \& \#hashtags\_en\_meer}}" in tekst
    assert "author = {de Brabander, Richard and {Werkteam Gezond-sociaal}}" in tekst
    assert "journal = {Tijdschrift voor Sociale Vraagstukken}" in tekst
    assert r"keywords = {Armoede \& schulden}" in tekst


def test_ris_record():
    p = PublicatieFactory(
        titel="Ik-Denk-Aan-Jou",
        type=Publicatie.Type.BLOG,
        samenvatting="Regel een\nregel twee",
        auteurs=[("Irene", "Verspeek"), "Werkplaats"],
    )
    regels = citeren.ris(p, UITGEVER, URL).split("\r\n")
    assert regels[:4] == [
        "TY  - BLOG",
        "AU  - Verspeek, Irene",
        "AU  - Werkplaats,",
        "TI  - Ik-Denk-Aan-Jou",
    ]
    assert "AB  - Regel een regel twee" in regels
    assert regels[-2:] == ["ER  - ", ""]


def test_body_sanitising_keeps_markdown_and_drops_scripts():
    html = inhoud_to_html(
        "# Kop\n\n**vet** [link](https://x.example) <img src=x onerror=alert(1)> "
        '<a href="javascript:alert(1)">kwaad</a> <iframe src="https://evil"></iframe>'
        "\n\n<script>alert(1)</script>"
    )
    assert "<strong>vet</strong>" in html
    assert 'href="https://x.example"' in html and 'rel="noopener noreferrer nofollow"' in html
    for verboden in ("<script", "onerror", "javascript:", "<iframe", "<img", "<h1"):
        assert verboden not in html
    assert html_to_tekst(html).startswith("Kop vet link")


@pytest.mark.parametrize(
    "naam,verwacht",
    [
        ("David ter Avest", ("David", "ter Avest")),
        ("Elizabeth van Twist", ("Elizabeth", "van Twist")),
        ("Jan Peter van der Berg", ("Jan Peter", "van der Berg")),
        ("Wanner", ("", "Wanner")),
        ("Anne Frederiks", ("Anne", "Frederiks")),
    ],
)
def test_name_split(naam, verwacht):
    assert naam_split(naam) == verwacht
