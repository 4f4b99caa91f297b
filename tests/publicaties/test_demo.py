"""The demo kennisbank: every publication, blog and podcast episode of the demo file, idempotent."""

import pytest

from publicaties.demo import load
from publicaties.models import Publicatie
from werkplaats.demo import demo_data
from werkplaats.demo.kern import load as kern_load
from werkteams.demo import load as werkteams_load

pytestmark = pytest.mark.django_db


def test_demo_loads_everything_once(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    data = demo_data()
    kern_load(data)
    werkteams_load(data)
    eerste = load(data)
    tweede = load(data)
    verwacht = len(data["publicaties"]) + len(data["podcast"]["afleveringen"])
    assert eerste == tweede == {"publicaties": verwacht}
    assert Publicatie.objects.count() == verwacht
    assert not Publicatie.objects.exclude(status="gepubliceerd").exists()
    scootmobiel = Publicatie.objects.get(titel__startswith="De aanvraag van de scootmobiel")
    assert [w.naam for w in scootmobiel.werkteams.all()] == ["Gezond-sociaal"]
    assert [str(a) for a in scootmobiel.auteurschappen.all()] == [
        "David ter Avest",
        "Anne Frederiks",
    ]
    # No invented links; the only files are the podcast episodes' short spoken intros.
    assert set(Publicatie.objects.exclude(audio="").values_list("type", flat=True)) == {
        "podcastaflevering"
    }
    assert not Publicatie.objects.exclude(externe_link="").exists()
    assert Publicatie.objects.filter(type="podcastaflevering").count() == 6
    assert (
        Publicatie.objects.get(titel="De Kenniscafés van de Werkplaats").type == "magazinebijdrage"
    )
