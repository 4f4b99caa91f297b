"""Uploads are judged by content: disguised programs, wrong types and huge files are refused."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from publicaties import bestanden

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def ooxml(map_naam="word/", macro=False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr(f"{map_naam}document.xml", "<document/>")
        if macro:
            z.writestr(f"{map_naam}vbaProject.bin", b"\x00")
    return buffer.getvalue()


def odf(mimetype="application/vnd.oasis.opendocument.text") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("mimetype", mimetype)
        z.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def bestand(naam, inhoud):
    return SimpleUploadedFile(naam, inhoud)


@pytest.mark.parametrize(
    "naam,inhoud,mimetype",
    [
        ("rapport.pdf", PDF, "application/pdf"),
        ("notitie.docx", ooxml("word/"), bestanden.DOCUMENTEN[".docx"]),
        ("cijfers.xlsx", ooxml("xl/"), bestanden.DOCUMENTEN[".xlsx"]),
        ("dia.pptx", ooxml("ppt/"), bestanden.DOCUMENTEN[".pptx"]),
        ("tekst.odt", odf(), bestanden.DOCUMENTEN[".odt"]),
    ],
)
def test_real_documents_are_accepted(naam, inhoud, mimetype):
    soort = bestanden.document_check(bestand(naam, inhoud))
    assert soort.mimetype == mimetype and soort.grootte == len(inhoud)


@pytest.mark.parametrize(
    "naam,inhoud",
    [
        ("rapport.pdf", b"MZ\x90\x00\x03" + b"\x00" * 100),
        ("rapport.docx", b"\x7fELF\x02\x01\x01" + b"\x00" * 100),
        ("script.pdf", b"#!/bin/sh\nrm -rf /\n"),
    ],
)
def test_disguised_executables_are_refused(naam, inhoud):
    with pytest.raises(ValidationError) as fout:
        bestanden.document_check(bestand(naam, inhoud))
    assert fout.value.code == "uitvoerbaar"
    assert "programma" in fout.value.messages[0]


def test_content_that_does_not_match_the_name_is_refused():
    with pytest.raises(ValidationError) as fout:
        bestanden.document_check(bestand("rapport.docx", PDF))
    assert fout.value.code == "inhoud_klopt_niet"
    assert ".docx" in fout.value.messages[0]


def test_wrong_type_is_refused():
    with pytest.raises(ValidationError) as fout:
        bestanden.document_check(bestand("foto.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 50))
    assert fout.value.code == "verkeerd_type"
    assert "PDF" in fout.value.messages[0]


def test_macro_documents_are_refused():
    with pytest.raises(ValidationError) as fout:
        bestanden.document_check(bestand("macro.docx", ooxml("word/", macro=True)))
    assert fout.value.code == "macro"


def test_too_large_file_is_refused(settings):
    settings.PUBLICATIES_MAX_BIJLAGE_MB = 1
    with pytest.raises(ValidationError) as fout:
        bestanden.document_check(bestand("groot.pdf", PDF + b"0" * (1024 * 1024)))
    assert fout.value.code == "te_groot"
    assert "1,0" in fout.value.messages[0] or "1.0" in fout.value.messages[0]


def test_empty_file_is_refused():
    with pytest.raises(ValidationError) as fout:
        bestanden.document_check(bestand("leeg.pdf", b""))
    assert fout.value.code == "leeg"


@pytest.mark.parametrize(
    "naam,inhoud",
    [
        ("aflevering.mp3", b"ID3\x04\x00" + b"\x00" * 100),
        ("aflevering.mp3", b"\xff\xfb\x90\x64" + b"\x00" * 100),
        ("aflevering.ogg", b"OggS\x00\x02" + b"\x00" * 100),
        ("aflevering.m4a", b"\x00\x00\x00\x20ftypM4A " + b"\x00" * 100),
    ],
)
def test_real_audio_is_accepted(naam, inhoud):
    assert bestanden.audio_check(bestand(naam, inhoud)).mimetype.startswith("audio/")


def test_disguised_audio_is_refused():
    with pytest.raises(ValidationError) as fout:
        bestanden.audio_check(bestand("aflevering.mp3", b"MZ" + b"\x00" * 100))
    assert fout.value.code == "uitvoerbaar"
    with pytest.raises(ValidationError) as fout:
        bestanden.audio_check(bestand("aflevering.mp3", PDF))
    assert fout.value.code == "inhoud_klopt_niet"
