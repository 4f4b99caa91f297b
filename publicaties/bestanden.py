"""Kennisbank uploads: which files a publication takes (checked by content in the ground floor)."""

from django.conf import settings
from django.utils.translation import gettext as _

from werkplaats.kern.bestanden import AUDIO, DOCUMENTEN, MB, Bestandstype, bestand_check

__all__ = ["AUDIO", "DOCUMENTEN", "Bestandstype", "audio_check", "document_check"]


def max_bijlage_bytes() -> int:
    return settings.PUBLICATIES_MAX_BIJLAGE_MB * MB


def max_audio_bytes() -> int:
    return settings.PUBLICATIES_MAX_AUDIO_MB * MB


def document_check(bestand) -> Bestandstype:
    """Accept a PDF or office document whose content matches its name; refuse anything else."""
    return bestand_check(
        bestand,
        DOCUMENTEN,
        max_bijlage_bytes(),
        verkeerd_type=_("Only PDF, Word, Excel, PowerPoint and OpenDocument files are accepted."),
        klopt_niet=_(
            "The content of this file does not match its name (%(extensie)s). "
            "Upload the original document."
        ),
    )


def audio_check(bestand) -> Bestandstype:
    """Accept an MP3, M4A or Ogg audio file whose content matches its name."""
    return bestand_check(
        bestand,
        AUDIO,
        max_audio_bytes(),
        verkeerd_type=_("Only MP3, M4A and Ogg audio files are accepted."),
        klopt_niet=_(
            "The content of this file does not match its name (%(extensie)s). "
            "Upload the original audio file."
        ),
    )
