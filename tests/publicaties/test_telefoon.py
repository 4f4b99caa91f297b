"""Without JavaScript the facets are there (rendered open) and the archive cells carry labels."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_facets_render_open_behind_a_filters_summary(client):
    html = client.get(reverse("publicaties:publicatie_list")).content.decode()
    assert '<details class="kb-filters" open data-klap-smal>' in html
    assert "<summary" in html and "Filters" in html


def test_archive_cells_carry_their_header_for_the_phone_reflow(client):
    html = client.get(reverse("kenniscafes:kenniscafe_archive")).content.decode()
    assert 'class="tabel-reflow"' in html
