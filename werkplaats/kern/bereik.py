"""HTTP byte ranges (RFC 9110 §14): a file answered in part, streamed from disk in blocks."""

import re

from django.http import FileResponse, HttpResponse, StreamingHttpResponse

BEREIK = re.compile(r"^bytes=(\d*)-(\d*)$")
BLOK = 64 * 1024


def _bereik(kop: str, grootte: int) -> tuple[int, int] | None | bool:
    """(first, last) byte of a single range; None without one; False when unsatisfiable."""
    gevonden = BEREIK.match(kop.strip())
    if not gevonden or not any(gevonden.groups()):
        # No Range, or one we do not serve (several ranges): the whole file is a valid answer.
        return None
    begin_tekst, eind_tekst = gevonden.groups()
    if begin_tekst:
        begin = int(begin_tekst)
        eind = min(int(eind_tekst), grootte - 1) if eind_tekst else grootte - 1
    else:  # "bytes=-500": the last 500 bytes
        begin, eind = max(0, grootte - int(eind_tekst)), grootte - 1
    if begin > eind or begin >= grootte:
        return False
    return begin, eind


def _blokken(bestand, begin: int, lengte: int):
    # Never more than one block in memory, whatever the size of the range.
    try:
        bestand.seek(begin)
        while lengte > 0:
            blok = bestand.read(min(BLOK, lengte))
            if not blok:
                break
            lengte -= len(blok)
            yield blok
    finally:
        bestand.close()


def bestand_bereik_response(request, bestand, grootte: int, content_type: str):
    """Stream an open binary file: 200 whole, 206 for one byte range, 416 when out of range."""
    bereik = _bereik(request.headers.get("Range", ""), grootte)
    if bereik is None:
        response = FileResponse(bestand, content_type=content_type)
    elif bereik is False:
        bestand.close()
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{grootte}"
    else:
        begin, eind = bereik
        lengte = eind - begin + 1
        response = StreamingHttpResponse(
            _blokken(bestand, begin, lengte), status=206, content_type=content_type
        )
        response["Content-Range"] = f"bytes {begin}-{eind}/{grootte}"
        response["Content-Length"] = str(lengte)
    response["Accept-Ranges"] = "bytes"
    return response
