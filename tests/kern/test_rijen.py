"""Per-row labels and links of the staff lists (issue #13): same text as the model gives."""

from django.urls import reverse
from django.utils import translation

from kenniscafes.models import Aanmelding
from werkplaats.kern.rijen import PLEK, keuze_labels, link_per_rij


def test_labels_follow_the_active_language():
    a = Aanmelding(rol=Aanmelding.Rol.choices[0][0], status=Aanmelding.Status.WACHTLIJST)
    for taal in ("nl", "en"):
        with translation.override(taal):
            assert keuze_labels(Aanmelding.Status)[a.status] == a.get_status_display()
            assert keuze_labels(Aanmelding.Rol)[a.rol] == a.get_rol_display()
    with translation.override("nl"):
        nl = keuze_labels(Aanmelding.Status)[a.status]
    with translation.override("en"):
        assert keuze_labels(Aanmelding.Status)[a.status] != nl


def test_link_per_row_is_the_reversed_link():
    link = link_per_rij("kenniscafes:aanmelding_promote", "een-cafe", PLEK)
    assert link(42) == reverse("kenniscafes:aanmelding_promote", args=["een-cafe", 42])
    link = link_per_rij("publicaties:publicatie_update", slug=PLEK)
    assert link("x-y") == reverse("publicaties:publicatie_update", kwargs={"slug": "x-y"})
