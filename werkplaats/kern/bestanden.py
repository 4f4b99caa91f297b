"""Uploaded files are judged by their content (magic bytes), never by name or browser type.

Every app that takes files (kennisbank attachments and audio, evidence of learning
outcomes) says which kinds it accepts; this module recognises what a file really is
and stores it under a random name.
"""

import codecs
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MB = 1024 * 1024

# Extension -> MIME type of every format we can recognise by content.
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
AFBEELDINGEN = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}
TEKST = {".txt": "text/plain"}
SOORTEN = {**DOCUMENTEN, **AUDIO, **AFBEELDINGEN, **TEKST}

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


def bestandspad(map_naam: str, filename: str, werkplaats_id: int | None = None) -> str:
    """A random, unguessable storage name in the folder of the werkplaats the file belongs
    to (default: the current one); the original name is kept on the row. Files stored
    before werkplaatsen had folders keep the path their row names."""
    from .uitgaand import werkplaats_map

    extensie = PurePath(filename).suffix.lower()[:10]
    werkplaats = werkplaats_map(werkplaats_id)
    return "/".join(filter(None, [werkplaats, map_naam, f"{uuid.uuid4().hex}{extensie}"]))


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


def _controleer_grootte(bestand, maximum: int, te_groot: str | None) -> int:
    grootte = bestand.size
    if grootte == 0:
        raise ValidationError(_("This file is empty."), code="leeg")
    if grootte > maximum:
        raise ValidationError(
            te_groot
            or _("This file is %(grootte)s; the maximum is %(maximum)s.")
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


def _is_tekst(bestand) -> bool:
    """Plain UTF-8 text without NUL bytes (binary formats nearly always contain one)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    bestand.seek(0)
    try:
        for blok in iter(lambda: bestand.read(64 * 1024), b""):
            if b"\x00" in blok:
                return False
            decoder.decode(blok)
        decoder.decode(b"", final=True)
        return True
    except UnicodeDecodeError:
        return False
    finally:
        bestand.seek(0)


def inhoud_soort(bestand, kop: bytes, verwacht: str) -> str | None:
    """The extension the content shows (.pdf, .docx, .png, .mp3, …), or None."""
    if kop.startswith(b"%PDF-"):
        return ".pdf"
    if kop.startswith(b"PK\x03\x04"):
        return _zip_soort(bestand)
    if kop.startswith(b"\x89PNG\r\n\x1a\n"):
        return ".png"
    if kop.startswith(b"\xff\xd8\xff"):
        return ".jpg"
    if kop.startswith(b"ID3") or (len(kop) > 1 and kop[0] == 0xFF and (kop[1] & 0xE0) == 0xE0):
        return ".mp3"
    if kop.startswith(b"OggS"):
        return ".ogg"
    if kop[4:8] == b"ftyp":
        return ".m4a"
    # Text has no signature: read it whole, only when text is what the name promises.
    if verwacht in TEKST and _is_tekst(bestand):
        return ".txt"
    return None


def bestand_check(
    bestand,
    soorten: dict[str, str],
    maximum: int,
    *,
    verkeerd_type: str,
    klopt_niet: str,
    te_groot: str | None = None,
) -> Bestandstype:
    """Accept a file of one of `soorten` (extension -> MIME type) whose content matches its name.

    The messages say which kinds the caller accepts (verkeerd_type) and what to upload
    instead (klopt_niet, with %(extensie)s); te_groot replaces the default size message.
    """
    grootte = _controleer_grootte(bestand, maximum, te_groot)
    extensie = PurePath(bestand.name or "").suffix.lower()
    if extensie not in soorten:
        raise ValidationError(verkeerd_type, code="verkeerd_type")
    kop = _kop(bestand)
    _weiger_uitvoerbaar(kop)
    gevonden = inhoud_soort(bestand, kop, extensie)
    if gevonden is None or SOORTEN[gevonden] != soorten[extensie]:
        raise ValidationError(klopt_niet % {"extensie": extensie}, code="inhoud_klopt_niet")
    return Bestandstype(extensie=extensie, mimetype=soorten[extensie], grootte=grootte)
