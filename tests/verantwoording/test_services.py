"""Export jobs: claimed once, raw lists as XLSX, failures recorded."""

import io

import pytest
from openpyxl import load_workbook

from werkplaats.kern.fouten import DomeinFout
from werkplaats.verantwoording import services
from werkplaats.verantwoording.models import Export
from werkplaats.verantwoording.rapport import Verslagperiode

pytestmark = pytest.mark.django_db


def _export(beheerder, soort, **extra):
    return Export.objects.create(
        soort=soort,
        periode_soort="kalenderjaar",
        periode_sleutel=2021,
        periode_label="2021",
        aangemaakt_door=beheerder,
        **extra,
    )


@pytest.mark.parametrize(
    ("soort", "rijen"),
    [
        (Export.Soort.RUW_AANMELDINGEN, 11),  # every registration of a café dated 2021
        (Export.Soort.RUW_AANWEZIGHEID, 6),  # attendance at the five 2021 meetings
        (Export.Soort.RUW_LIDMAATSCHAPPEN, 4),  # memberships running in 2021
    ],
)
def test_a_raw_list_export_writes_a_workbook_with_every_row(beheerder, wereld, soort, rijen):
    export = _export(beheerder, soort)
    assert services.export_run(export.pk) is True
    export.refresh_from_db()
    assert export.status == Export.Status.KLAAR
    bestand = export.bestanden.get()
    ws = load_workbook(io.BytesIO(bestand.bestand.read())).active
    assert ws.max_row == 1 + rijen


def test_an_export_is_run_once_even_when_its_task_is_delivered_twice(beheerder, wereld):
    export = _export(beheerder, Export.Soort.CSV)
    assert services.export_run(export.pk) is True
    assert services.export_run(export.pk) is False
    assert export.bestanden.count() == 6


def test_a_failing_export_is_marked_failed_with_its_reason(beheerder, wereld):
    export = Export.objects.create(
        soort=Export.Soort.XLSX,
        periode_soort="periode",
        periode_sleutel=999999,
        periode_label="?",
        aangemaakt_door=beheerder,
    )
    assert services.export_run(export.pk) is False
    export.refresh_from_db()
    assert export.status == Export.Status.MISLUKT
    assert export.bestanden.count() == 0


def test_a_coordinator_cannot_start_a_raw_list_through_the_service(wereld):
    with pytest.raises(services.VerantwoordingFout):
        services.export_create(
            wereld["coord1"],
            [wereld["wt1"].pk],
            Export.Soort.RUW_AANMELDINGEN,
            Verslagperiode.kalenderjaar(2021),
        )
    assert Export.objects.count() == 0


def test_the_sweeper_requeues_an_export_whose_worker_died(
    beheerder, wereld, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    export = _export(beheerder, Export.Soort.CSV)
    lang_geleden = timezone.now() - timedelta(hours=2)
    Export.objects.filter(pk=export.pk).update(
        status=Export.Status.BEZIG, gestart_op=lang_geleden, voortgang=50
    )
    vers = _export(beheerder, Export.Soort.XLSX)
    Export.objects.filter(pk=vers.pk).update(status=Export.Status.BEZIG, gestart_op=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        assert services.exports_sweep() == 1
    export.refresh_from_db()
    vers.refresh_from_db()
    assert export.status == Export.Status.KLAAR and export.bestanden.count() == 6
    assert vers.status == Export.Status.BEZIG  # still running normally: left alone


def test_the_sweeper_requeues_an_export_whose_task_was_lost(
    beheerder, wereld, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    export = _export(beheerder, Export.Soort.XLSX)
    Export.objects.filter(pk=export.pk).update(aangemaakt=timezone.now() - timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.exports_sweep() == 1
    export.refresh_from_db()
    assert export.status == Export.Status.KLAAR


def test_a_report_refusal_is_a_domain_error_on_the_file_field(wereld):
    with pytest.raises(DomeinFout) as fout:
        services.export_create(
            wereld["coord1"],
            [wereld["wt1"].pk],
            Export.Soort.RUW_AANMELDINGEN,
            Verslagperiode.kalenderjaar(2021),
        )
    assert isinstance(fout.value, services.VerantwoordingFout)
    assert fout.value.veld == "uitvoer"
