"""The kennisbank editor's list (issue #13): rows written out in Python give what the
template gave, row for row, and the list keeps its query count."""

import datetime

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation

from publicaties.models import Publicatie
from tests.factories import BeheerderFactory
from tests.querytelling import gemeten_voor_en_na_groei
from werkplaats.kern.rijen import tijdstip_per_rij

from .factories import PublicatieFactory

pytestmark = pytest.mark.django_db

# The row as publicaties/publicatie_beheer.html rendered it before #13.
RIJ = Template(
    '{% load i18n %}{% translate "view" as bekijk %}{% for p in publicaties %}'
    '    <tr><td><a href="{% url "publicaties:publicatie_update" p.slug %}?terug={{ terug|urlencode }}">'
    '{{ p.titel }}</a> · <a href="{{ p.get_absolute_url }}">{{ bekijk }}'
    '<span class="visueel-verborgen"> {{ p.titel }}</span></a></td><td>{{ p.get_type_display }}</td>'
    "<td>{{ p.jaar }}</td><td>{{ p.get_status_display }}</td>"
    '<td>{{ p.gewijzigd|date:"j M Y H:i" }}</td></tr>\n{% endfor %}'
)


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_the_editor_rows_are_what_the_template_gave(client, taal):
    PublicatieFactory(titel='Schulden & "stress" <script>', status="concept", type="blog")
    PublicatieFactory(titel="Tweede publicatie", status="gepubliceerd")
    client.force_login(BeheerderFactory())
    url = reverse("publicaties:publicatie_beheer")
    with translation.override(taal):
        html = client.get(url, headers={"Accept-Language": taal}).content.decode()
        publicaties = list(Publicatie.objects.order_by("-gewijzigd", "-id"))
        verwacht = RIJ.render(Context({"publicaties": publicaties, "terug": url}))
    assert "<script>" not in html
    assert verwacht in html


def test_times_are_local_and_in_the_active_language():
    tijdstip = tijdstip_per_rij()
    for waarde in [
        datetime.datetime(2026, 3, 29, 0, 59, tzinfo=datetime.UTC),  # before summer time
        datetime.datetime(2026, 3, 29, 1, 0, tzinfo=datetime.UTC),  # after
        datetime.datetime(2025, 10, 5, 23, 5, tzinfo=datetime.UTC),  # another day locally
        datetime.datetime(999, 1, 2, 3, 4, tzinfo=datetime.UTC),
    ]:
        for taal in ("nl", "en"):
            with translation.override(taal):
                verwacht = Template('{{ w|date:"j M Y H:i" }}').render(Context({"w": waarde}))
                assert tijdstip_per_rij()(waarde) == verwacht
    assert tijdstip(timezone.now())


def test_the_editor_list_keeps_its_one_query(client, django_assert_num_queries):
    PublicatieFactory.create_batch(3)
    client.force_login(BeheerderFactory())
    url = reverse("publicaties:publicatie_beheer")
    # The publications (the session comes from the cache, the user as kept per content
    # version).
    _, (_, groot) = gemeten_voor_en_na_groei(
        client, url, lambda: PublicatieFactory.create_batch(30), django_assert_num_queries, 1
    )
    assert groot.content.decode().count("<tr><td>") == 33
