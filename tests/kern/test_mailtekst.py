"""Plain-text mails are not HTML-escaped; the HTML part is."""

from pathlib import Path

import pytest
from django.template import engines

from kenniscafes import services
from tests.factories import SiteInstellingenFactory
from tests.kenniscafes.factories import KenniscafeFactory, gegevens
from werkplaats.kern.models import Bericht

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parent.parent.parent / "templates"


def test_names_and_titles_arrive_as_typed_in_text_and_subject_escaped_in_html(
    django_capture_on_commit_callbacks,
):
    SiteInstellingenFactory()
    kenniscafe = KenniscafeFactory(titel="Armoede & schulden")
    with django_capture_on_commit_callbacks(execute=True):
        services.aanmelding_create(
            kenniscafe_id=kenniscafe.pk,
            gegevens=services.AanmeldGegevens(
                **gegevens(naam="Sean O'Brien", email="sean@fictief.example")
            ),
        )
    bericht = Bericht.objects.get(aan="sean@fictief.example")
    assert bericht.onderwerp == "Je bent aangemeld: Armoede & schulden"
    assert "Sean O'Brien" in bericht.tekst
    assert "Armoede & schulden" in bericht.tekst
    assert "&amp;" not in bericht.tekst + bericht.onderwerp
    assert "&#x27;" not in bericht.tekst
    assert "Sean O&#x27;Brien" in bericht.html
    assert "Armoede &amp; schulden" in bericht.html


def _tekst_delen() -> list[str]:
    """Every plain-text part: each mail's subject and text, each shared piece's text."""
    mails = [*TEMPLATES.glob("**/emails/*.html"), TEMPLATES / "registration/wachtwoord_reset.html"]
    delen = []
    for pad in mails:
        naam = str(pad.relative_to(TEMPLATES))
        if pad.name == "basis.html":
            continue
        gedeeld = pad.name.startswith("_")
        delen += [f"{naam}#tekst"] if gedeeld else [f"{naam}#onderwerp", f"{naam}#tekst"]
    return sorted(delen)


@pytest.mark.parametrize("naam", _tekst_delen())
def test_every_text_mail_template_renders_without_autoescape(naam):
    template = engines["tekst"].get_template(naam)
    assert template.template.engine.autoescape is False
