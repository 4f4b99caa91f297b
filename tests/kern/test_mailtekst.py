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
            gegevens=gegevens(naam="Sean O'Brien", email="sean@fictief.example"),
        )
    bericht = Bericht.objects.get(aan="sean@fictief.example")
    assert bericht.onderwerp == "Je bent aangemeld: Armoede & schulden"
    assert "Sean O'Brien" in bericht.tekst
    assert "Armoede & schulden" in bericht.tekst
    assert "&amp;" not in bericht.tekst + bericht.onderwerp
    assert "&#x27;" not in bericht.tekst
    assert "Sean O&#x27;Brien" in bericht.html
    assert "Armoede &amp; schulden" in bericht.html


@pytest.mark.parametrize(
    "naam",
    sorted(
        str(p.relative_to(TEMPLATES))
        for p in [*TEMPLATES.glob("**/emails/*.txt"), *TEMPLATES.glob("registration/*.txt")]
    ),
)
def test_every_text_mail_template_renders_without_autoescape(naam):
    template = engines["tekst"].get_template(naam)
    assert template.template.engine.autoescape is False
