"""Files follow the outcome of a save: a failed save leaves no orphan and deletes nothing."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from publicaties.models import Bijlage, Publicatie
from publicaties.services import AuteurInvoer, publicatie_create, publicatie_update
from tests.factories import BeheerderFactory

from .test_bestanden import PDF

pytestmark = pytest.mark.django_db
MP3 = b"ID3" + b"\x00" * 100
EXE = b"MZ\x90\x00\x03" + b"\x00" * 100


def gegevens(**wijzig) -> dict:
    return {
        "titel": "Aflevering over schulden",
        "type": Publicatie.Type.PODCASTAFLEVERING,
        "jaar": 2025,
        "status": Publicatie.Status.GEPUBLICEERD,
        "taal": "nl",
        "licentie": "cc-by-4.0",
        **wijzig,
    }


def bestanden_op_schijf(pad) -> list[str]:
    return sorted(p.name for p in pad.rglob("*") if p.is_file())


def met_audio_en_bijlage(door) -> Publicatie:
    return publicatie_create(
        door=door,
        gegevens=gegevens(),
        auteurs=[AuteurInvoer("Jansen", "Pien")],
        audio=SimpleUploadedFile("oud.mp3", MP3),
        nieuwe_bijlagen=[SimpleUploadedFile("oud.pdf", PDF)],
    )


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_a_failed_create_removes_the_files_it_had_written(media):
    with pytest.raises(ValidationError, match="programma"):
        publicatie_create(
            door=BeheerderFactory(),
            gegevens=gegevens(),
            auteurs=[AuteurInvoer("Jansen", "Pien")],
            audio=SimpleUploadedFile("a.mp3", MP3),
            nieuwe_bijlagen=[
                SimpleUploadedFile("goed.pdf", PDF),
                SimpleUploadedFile("slecht.pdf", EXE),
            ],
        )
    assert not Publicatie.objects.exists() and not Bijlage.objects.exists()
    assert bestanden_op_schijf(media) == []


def test_a_failed_update_keeps_the_old_audio_and_attachment(
    media, django_capture_on_commit_callbacks
):
    door = BeheerderFactory()
    with django_capture_on_commit_callbacks(execute=True):
        publicatie = met_audio_en_bijlage(door)
    voor = bestanden_op_schijf(media)
    assert len(voor) == 2
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(ValidationError, match="programma"),
    ):
        publicatie_update(
            publicatie=publicatie,
            door=door,
            gegevens=gegevens(titel="Nieuwe titel"),
            auteurs=[AuteurInvoer("Jansen", "Pien")],
            audio=SimpleUploadedFile("nieuw.mp3", MP3),
            bijlagen_verwijderen=list(publicatie.bijlagen.all()),
            nieuwe_bijlagen=[SimpleUploadedFile("slecht.pdf", EXE)],
        )
    assert callbacks == []
    publicatie.refresh_from_db()
    assert publicatie.titel == "Aflevering over schulden"
    assert publicatie.bijlagen.count() == 1
    assert bestanden_op_schijf(media) == voor
    assert publicatie.audio.open("rb").read() == MP3


def test_replaced_and_removed_files_are_deleted_once_the_save_commits(
    media, django_capture_on_commit_callbacks
):
    door = BeheerderFactory()
    with django_capture_on_commit_callbacks(execute=True):
        publicatie = met_audio_en_bijlage(door)
    oud_audio = publicatie.audio.name
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        publicatie_update(
            publicatie=publicatie,
            door=door,
            gegevens=gegevens(),
            auteurs=[AuteurInvoer("Jansen", "Pien")],
            audio=SimpleUploadedFile("nieuw.mp3", MP3 + b"\x01"),
            bijlagen_verwijderen=list(publicatie.bijlagen.all()),
        )
    # Before the commit the old files are still there ...
    assert len(bestanden_op_schijf(media)) == 3
    for callback in callbacks:
        callback()
    # ... afterwards only the new audio is left.
    publicatie.refresh_from_db()
    assert publicatie.audio.name != oud_audio
    assert bestanden_op_schijf(media) == [publicatie.audio.name.rsplit("/", 1)[-1]]
    assert not Bijlage.objects.exists()


def test_removing_the_audio_clears_the_row_and_the_file(media, django_capture_on_commit_callbacks):
    door = BeheerderFactory()
    with django_capture_on_commit_callbacks(execute=True):
        publicatie = publicatie_create(
            door=door,
            gegevens=gegevens(),
            auteurs=[AuteurInvoer("Jansen", "Pien")],
            audio=SimpleUploadedFile("oud.mp3", MP3),
        )
        publicatie_update(
            publicatie=publicatie,
            door=door,
            gegevens=gegevens(),
            auteurs=[AuteurInvoer("Jansen", "Pien")],
            audio_verwijderen=True,
        )
    publicatie.refresh_from_db()
    assert not publicatie.audio and publicatie.audio_grootte is None
    assert bestanden_op_schijf(media) == []


def test_files_stored_before_a_save_that_then_fails_are_removed(media):
    """The uploads are stored before the transaction; a rule broken inside it removes them."""
    with pytest.raises(ValidationError, match="auteur|author"):
        publicatie_create(
            door=BeheerderFactory(),
            gegevens=gegevens(),
            auteurs=[],
            audio=SimpleUploadedFile("a.mp3", MP3),
            nieuwe_bijlagen=[SimpleUploadedFile("goed.pdf", PDF)],
        )
    assert not Publicatie.objects.exists() and not Bijlage.objects.exists()
    assert bestanden_op_schijf(media) == []


def test_new_or_removed_audio_forgets_the_duration_of_the_old_file(
    media, django_capture_on_commit_callbacks
):
    # Only the demo's clips carry a measured duration (itunes:duration); an editor's new
    # file is not measured, so the old figure must not stay behind with it.
    door = BeheerderFactory()
    with django_capture_on_commit_callbacks(execute=True):
        publicatie = met_audio_en_bijlage(door)
    for wijziging in ({"audio": SimpleUploadedFile("nieuw.mp3", MP3)}, {"audio_verwijderen": True}):
        Publicatie.objects.filter(pk=publicatie.pk).update(audio_duur=12)
        publicatie.refresh_from_db()
        with django_capture_on_commit_callbacks(execute=True):
            publicatie_update(
                publicatie=publicatie,
                door=door,
                gegevens=gegevens(),
                auteurs=[AuteurInvoer("Jansen", "Pien")],
                **wijziging,
            )
        publicatie.refresh_from_db()
        assert publicatie.audio_duur is None, wijziging
