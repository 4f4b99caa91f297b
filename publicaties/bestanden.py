"""Uploaded files are judged by their content (magic bytes), never by name or browser type."""

import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MB = 1024 * 1024

# Extension -> MIME type of the formats we accept, grouped by how we recognise them.
DOCUMENTEN = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odp": "application/vnd.oasis.opendocument.presentation",
}
AUDIO = {".mp3": "audio/mpeg", ".m4a": "audio/mp4", ".ogg": "audio/ogg", ".oga": "audio/ogg"}

# The first folder inside an OOXML package tells which kind of document it is.
OOXML_MAP = {"word/": ".docx", "xl/": ".xlsx", "ppt/": ".pptx"}

# Signatures of programs and scripts: refused whatever the file is called.
UITVOERBAAR = (
    b"MZ",  # Windows PE (.exe, .dll, .scr)
    b"\x7fELF",  # Linux
    b"\xfe\xed\xfa\xce",  # Mach-O
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",  # Mach-O universal / Java class
    b"#!",  # scripts
)


@dataclass
class Bestandstype:
    """What a checked file turned out to be."""

    extensie: str
    mimetype: str
    grootte: int


def max_bijlage_bytes() -> int:
    return settings.PUBLICATIES_MAX_BIJLAGE_MB * MB


def max_audio_bytes() -> int:
    return settings.PUBLICATIES_MAX_AUDIO_MB * MB


def _kop(bestand, n: int = 64) -> bytes:
    bestand.seek(0)
    kop = bestand.read(n)
    bestand.seek(0)
    return kop


def _weiger_uitvoerbaar(kop: bytes) -> None:
    if any(kop.startswith(handtekening) for handtekening in UITVOERBAAR):
        raise ValidationError(
            _(
                "This file is a program or script, not a document. For safety we do not "
                "accept it, whatever its name."
            ),
            code="uitvoerbaar",
        )


def _controleer_grootte(bestand, maximum: int) -> int:
    grootte = bestand.size
    if grootte == 0:
        raise ValidationError(_("This file is empty."), code="leeg")
    if grootte > maximum:
        raise ValidationError(
            _("This file is %(grootte)s; the maximum is %(maximum)s.")
            % {"grootte": filesizeformat(grootte), "maximum": filesizeformat(maximum)},
            code="te_groot",
        )
    return grootte


def _zip_soort(bestand) -> str | None:
    """.docx/.xlsx/.pptx/.odt/.ods/.odp for a genuine office package, else None."""
    bestand.seek(0)
    try:
        with zipfile.ZipFile(bestand) as archief:
            namen = archief.namelist()
            if namen and namen[0] == "mimetype":
                soort = archief.read("mimetype").decode("ascii", "replace").strip()
                for extensie, mimetype in DOCUMENTEN.items():
                    if mimetype == soort:
                        return extensie
                return None
            if "[Content_Types].xml" in namen:
                if any(naam.lower().endswith("vbaproject.bin") for naam in namen):
                    raise ValidationError(
                        _("Documents with macros are not accepted. Save it without macros."),
                        code="macro",
                    )
                for voorvoegsel, extensie in OOXML_MAP.items():
                    if any(naam.startswith(voorvoegsel) for naam in namen):
                        return extensie
            return None
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    finally:
        bestand.seek(0)


def document_check(bestand) -> Bestandstype:
    """Accept a PDF or office document whose content matches its name; refuse anything else."""
    grootte = _controleer_grootte(bestand, max_bijlage_bytes())
    kop = _kop(bestand)
    _weiger_uitvoerbaar(kop)
    extensie = PurePath(bestand.name or "").suffix.lower()
    if extensie not in DOCUMENTEN:
        raise ValidationError(
            _("Only PDF, Word, Excel, PowerPoint and OpenDocument files are accepted."),
            code="verkeerd_type",
        )
    if kop.startswith(b"%PDF-"):
        gevonden = ".pdf"
    elif kop.startswith(b"PK\x03\x04"):
        gevonden = _zip_soort(bestand)
    else:
        gevonden = None
    if gevonden != extensie:
        raise ValidationError(
            _(
                "The content of this file does not match its name (%(extensie)s). "
                "Upload the original document."
            )
            % {"extensie": extensie},
            code="inhoud_klopt_niet",
        )
    return Bestandstype(extensie=extensie, mimetype=DOCUMENTEN[extensie], grootte=grootte)


def _audio_soort(kop: bytes) -> str | None:
    if kop.startswith(b"ID3") or (len(kop) > 1 and kop[0] == 0xFF and (kop[1] & 0xE0) == 0xE0):
        return ".mp3"
    if kop.startswith(b"OggS"):
        return ".ogg"
    if kop[4:8] == b"ftyp":
        return ".m4a"
    return None


def audio_check(bestand) -> Bestandstype:
    """Accept an MP3, M4A or Ogg audio file whose content matches its name."""
    grootte = _controleer_grootte(bestand, max_audio_bytes())
    kop = _kop(bestand)
    _weiger_uitvoerbaar(kop)
    extensie = PurePath(bestand.name or "").suffix.lower()
    if extensie not in AUDIO:
        raise ValidationError(
            _("Only MP3, M4A and Ogg audio files are accepted."), code="verkeerd_type"
        )
    gevonden = _audio_soort(kop)
    if gevonden is None or AUDIO[gevonden] != AUDIO[extensie]:
        raise ValidationError(
            _(
                "The content of this file does not match its name (%(extensie)s). "
                "Upload the original audio file."
            )
            % {"extensie": extensie},
            code="inhoud_klopt_niet",
        )
    return Bestandstype(extensie=extensie, mimetype=AUDIO[extensie], grootte=grootte)
