"""B5 and B7 data: N generated Dutch publications per werkplaats, written with COPY (runs
under Django settings).

`python -m bench._b5_data N out.json [slug,slug,…]` fills the configured database once
(idempotent: it tops each werkplaats up to N; default the bench werkplaats) and writes a
JSON summary including the vocabulary ranks the benchmark needs.
Words come from Debian's /usr/share/dict/dutch (package wdutch); without it, from a
syllable generator so the benchmark still runs.
"""

import json
import random
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

import django

django.setup()

from django.db import connection  # noqa: E402

from publicaties.models import Publicatie, Thema  # noqa: E402
from publicaties.services import (  # noqa: E402
    ZOEKVECTOR_SQL,
    termfacetten_clear,
    termfacetten_rebuild,
    zoekvector_params,
)
from publicaties.tekst import zonder_accenten  # noqa: E402
from werkplaats.kern.huidig import huidige_werkplaats_id, in_werkplaats  # noqa: E402
from werkplaats.kern.models import Periode, Werkplaats  # noqa: E402
from werkteams.models import Werkteam  # noqa: E402

WOORDENLIJST = Path("/usr/share/dict/dutch")
SLUG_VOORVOEGSEL = "b5-"
VOORNAMEN = [
    "Anne",
    "Bram",
    "Carla",
    "Daan",
    "Eva",
    "Femke",
    "Gijs",
    "Hanna",
    "Ilse",
    "Joost",
    "Karin",
    "Lars",
    "Marit",
    "Noor",
    "Oscar",
    "Pien",
    "Ruben",
    "Sanne",
    "Tim",
    "Vera",
    "Wout",
    "Yara",
    "Zeno",
]  # noqa: E501
ACHTERNAMEN = [
    "de Vries",
    "Jansen",
    "van Dijk",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "ter Avest",
    "van den Berg",
]  # noqa: E501
TYPES = [t for t, _ in Publicatie.Type.choices]
KENNISVORMEN = [k for k, _ in Publicatie.Kennisvorm.choices]
DOELGROEPEN = [d for d, _ in Publicatie.Doelgroep.choices]


def vocabulaire(rng: random.Random) -> list[str]:
    """Lower-case Dutch words in a fixed random order: the order is the frequency rank."""
    if WOORDENLIJST.exists():
        woorden = sorted(
            {
                w.strip()
                for w in WOORDENLIJST.read_text(encoding="utf-8", errors="ignore").splitlines()
                if 3 <= len(w.strip()) <= 16 and w.strip().isalpha() and w.strip().islower()
            }
        )
    else:
        lettergrepen = [
            a + b for a in "bdfghjklmnprstvwz" for b in ["a", "e", "i", "o", "u", "ee", "oo", "ij"]
        ]
        woorden = sorted(
            {"".join(rng.choices(lettergrepen, k=rng.randint(2, 4))) for _ in range(60000)}
        )
    rng.shuffle(woorden)
    return woorden


def main(n: int, slugs: list[str]) -> dict:
    """Top up every werkplaats in `slugs` to n generated publications (the same language,
    each werkplaats its own texts, themes and werkteams)."""
    rng = random.Random(5)
    woorden = vocabulaire(rng)
    # Zipf-like frequencies: rank r has weight 1/(r+200): the commonest words occur in about
    # 10% of the documents (like "zorg" or "gemeente"), the rarest in a handful.
    cum, totaal = [], 0.0
    for r in range(len(woorden)):
        totaal += 1.0 / (r + 200)
        cum.append(totaal)

    werkplaatsen = {w.slug: w for w in Werkplaats.objects.filter(slug__in=slugs)}
    bestaand = {}
    for slug in slugs:
        with in_werkplaats(werkplaatsen[slug]):
            bestaand[slug] = Publicatie.objects.filter(slug__startswith=SLUG_VOORVOEGSEL).count()
    samenvatting = {
        "woorden": len(woorden),
        "werkplaatsen": len(slugs),
        "bestaand": sum(bestaand.values()),
        "gevraagd": n * len(slugs),
    }
    if all(b >= n for b in bestaand.values()):
        # Rows indexed by an older version of the search schema get their vectors again.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id FROM publicaties_publicatie "
                "WHERE facetcodes = '{}' OR rangvector IS NULL OR abvector IS NULL"
            )
            oud = [r[0] for r in cursor.fetchall()]
            if oud:
                termfacetten_clear()  # a bulk update is not counted row by row
            for start in range(0, len(oud), 5000):
                cursor.execute(ZOEKVECTOR_SQL, zoekvector_params(oud[start : start + 5000]))
            if oud:
                cursor.execute("VACUUM ANALYZE publicaties_publicatie")
        samenvatting["herindexeerd"] = len(oud)
        samenvatting["gegenereerd"] = 0
        _frequente_termen(samenvatting)
        samenvatting["vocabulaire"] = woorden[:200000]
        return samenvatting
    termfacetten_clear()  # a bulk load is not counted row by row; see _frequente_termen
    t0 = time.monotonic()
    samenvatting["gegenereerd"] = 0
    for i, slug in enumerate(slugs):
        if bestaand[slug] >= n:
            continue
        # Seed 5 for the first werkplaats: B5's single werkplaats keeps its old data.
        eigen_rng = rng if i == 0 else random.Random(5 + 1000 * i)
        with in_werkplaats(werkplaatsen[slug]):
            uit = _werkplaats_vullen(n, bestaand[slug], eigen_rng, woorden, cum)
        samenvatting["gegenereerd"] += uit["gegenereerd"]
        samenvatting["copy_seconden"] = round(
            samenvatting.get("copy_seconden", 0) + uit["copy_seconden"], 1
        )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE publicaties_publicatie")
        cursor.execute("ANALYZE publicaties_zoekwoord")
        cursor.execute("ANALYZE publicaties_publicatie_themas")
    samenvatting["seconden"] = round(time.monotonic() - t0, 1)
    _frequente_termen(samenvatting)
    samenvatting["vocabulaire"] = woorden[:200000]
    return samenvatting


def _werkplaats_vullen(
    n: int, bestaand: int, rng: random.Random, woorden: list[str], cum: list[float]
) -> dict:
    """Write publications number `bestaand`..n-1 of the current werkplaats with COPY and
    index them as the application does."""
    werkplaats_id = huidige_werkplaats_id()
    periode, _ = Periode.objects.get_or_create(
        naam="bench-b5", defaults={"start": date(2000, 1, 1), "eind": date(2030, 12, 31)}
    )
    werkteams = [
        Werkteam.objects.get_or_create(
            slug=f"b5-werkteam-{i}",
            defaults={"naam": f"Werkteam {woorden[i * 7]}", "periode": periode},
        )[0]
        for i in range(20)
    ]
    themas = [
        Thema.objects.get_or_create(
            slug=f"b5-thema-{i}", defaults={"naam": f"Thema {woorden[i * 11 + 3]} {i}"}
        )[0]
        for i in range(40)
    ]

    def tekst(k: int) -> list[str]:
        return rng.choices(woorden, cum_weights=cum, k=k)

    t0 = time.monotonic()
    nu = datetime.now(UTC)
    kolommen = [
        "titel", "slug", "type", "jaar", "datum", "samenvatting", "inhoud", "inhoud_html",
        "verschenen_in", "externe_link", "audio", "audio_mimetype", "taal", "kennisvormen",
        "doelgroepen", "licentie", "status", "aangemaakt", "gewijzigd", "gepubliceerd_op",
        "auteurs_tekst", "themas_tekst", "inhoud_tekst", "thema_ids", "werkteam_ids", "zoektekst",
    ]  # fmt: skip
    gebruikte_woorden: set[str] = set()
    rijen_m2m_thema, rijen_m2m_werkteam, rijen_auteurs = [], [], []
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(id), 0) FROM publicaties_publicatie")
        volgende_id = cursor.fetchone()[0] + 1
        raw = cursor.cursor
        ids = []
        with raw.copy(
            f"COPY publicaties_publicatie (id, werkplaats_id, {', '.join(kolommen)}) FROM STDIN"
        ) as copy:
            for i in range(bestaand, n):
                pid = volgende_id + (i - bestaand)
                ids.append(pid)
                titel_w = tekst(rng.randint(4, 9))
                samen_w = tekst(rng.randint(20, 35))
                body_w = tekst(rng.randint(60, 140))
                gebruikte_woorden.update(titel_w + samen_w)
                titel = " ".join(titel_w).capitalize()
                samen = " ".join(samen_w).capitalize() + "."
                body = " ".join(body_w).capitalize() + "."
                jaar = rng.randint(2005, 2025)
                pt = rng.sample(themas, rng.choice([0, 1, 1, 2, 3]))
                pw = rng.sample(werkteams, rng.choice([0, 0, 1, 1, 2]))
                auteurs = [
                    (rng.choice(VOORNAMEN), rng.choice(ACHTERNAMEN))
                    for _ in range(rng.choice([1, 1, 2, 3]))
                ]
                for volgorde, (voornaam, achternaam) in enumerate(auteurs, start=1):
                    rijen_auteurs.append((pid, volgorde, achternaam, voornaam))
                rijen_m2m_thema += [(pid, t.id) for t in pt]
                rijen_m2m_werkteam += [(pid, w.id) for w in pw]
                copy.write_row(
                    (
                        pid, werkplaats_id, titel, f"{SLUG_VOORVOEGSEL}{i}", rng.choice(TYPES), jaar,
                        date(jaar, rng.randint(1, 12), rng.randint(1, 28)) if rng.random() < 0.7 else None,
                        samen, body, f"<p>{body}</p>", "", "", "", "", "nl",
                        json.dumps(rng.sample(KENNISVORMEN, rng.randint(0, 2))),
                        json.dumps(rng.sample(DOELGROEPEN, rng.randint(1, 2))),
                        "alle-rechten",
                        "concept" if rng.random() < 0.05 else "gepubliceerd",
                        nu, nu, nu,
                        " ".join(f"{v} {a}" for v, a in auteurs),
                        " ".join([t.naam for t in pt] + [w.naam for w in pw]),
                        body,
                        json.dumps(sorted(str(t.id) for t in pt)),
                        json.dumps(sorted(str(w.id) for w in pw)),
                        "",  # zoektekst: SQLite only
                    )
                )  # fmt: skip
        with raw.copy(
            "COPY publicaties_auteurschap (publicatie_id, volgorde, achternaam, voornamen, is_organisatie, affiliatie) FROM STDIN"
        ) as copy:  # noqa: E501
            for pid, volgorde, achternaam, voornaam in rijen_auteurs:
                copy.write_row((pid, volgorde, achternaam, voornaam, False, ""))
        with raw.copy(
            "COPY publicaties_publicatie_themas (publicatie_id, thema_id) FROM STDIN"
        ) as copy:
            for rij in rijen_m2m_thema:
                copy.write_row(rij)
        with raw.copy(
            "COPY publicaties_publicatie_werkteams (publicatie_id, werkteam_id) FROM STDIN"
        ) as copy:  # noqa: E501
            for rij in rijen_m2m_werkteam:
                copy.write_row(rij)
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('publicaties_publicatie', 'id'), "
            "(SELECT max(id) FROM publicaties_publicatie))"
        )
        copy_seconden = round(time.monotonic() - t0, 1)
        # The same weighted tsvector the service writes, in batches.
        for start in range(0, len(ids), 5000):
            cursor.execute(ZOEKVECTOR_SQL, zoekvector_params(ids[start : start + 5000]))
        cursor.execute("DROP TABLE IF EXISTS b5_woord")
        cursor.execute("CREATE TEMP TABLE b5_woord (woord text)")
        with raw.copy("COPY b5_woord (woord) FROM STDIN") as copy:
            for w in sorted({zonder_accenten(w) for w in gebruikte_woorden}):
                copy.write_row((w[:100],))
        cursor.execute(
            "INSERT INTO publicaties_zoekwoord (werkplaats_id, woord, aantal) "
            "SELECT DISTINCT %s::bigint, woord, 1 FROM b5_woord "
            "ON CONFLICT (werkplaats_id, woord) DO NOTHING",
            [werkplaats_id],
        )
    return {"copy_seconden": copy_seconden, "gegenereerd": n - bestaand}


def _frequente_termen(samenvatting: dict) -> None:
    """Count the facets of the frequent words, as the nightly job does (always afresh: the
    counts must match the rows whatever an earlier run left)."""
    t0 = time.monotonic()
    samenvatting["frequente_termen"] = termfacetten_rebuild()
    samenvatting["frequente_termen_seconden"] = round(time.monotonic() - t0, 1)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE publicaties_term_facet")


def caches_legen() -> None:
    """Pages cached by an earlier run must not be measured: bump both content versions."""
    from publicaties.zoeken import zoekindex_versie_bump
    from werkplaats.kern.paginacache import inhoud_versie_bump

    inhoud_versie_bump(sender=Publicatie)
    zoekindex_versie_bump()


if __name__ == "__main__":
    # N [output] [werkplaats slugs, comma-separated; default the bench werkplaats]
    resultaat = main(int(sys.argv[1]), (sys.argv[3] if len(sys.argv) > 3 else "bench").split(","))
    caches_legen()
    Path(sys.argv[2]).write_text(json.dumps(resultaat), encoding="utf-8")
    print(json.dumps({k: v for k, v in resultaat.items() if k != "vocabulaire"}))
