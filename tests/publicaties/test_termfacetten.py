"""Stored facet counts of frequent words: the same results as reading every match, always.

Every search below is run twice: once reading the matches (no frequent words) and once
through publicaties_term_facet (every word frequent). Both must give the same total, the
same page in the same order and the same facet counts, also after publications were
added, edited, published, withdrawn and deleted (the trigger keeps the counts).
"""

import random

import pytest
from django.db import connection, transaction
from django.http import QueryDict

from publicaties.forms import zoekvraag_from_request
from publicaties.models import Publicatie
from publicaties.services import (
    AuteurInvoer,
    publicatie_update,
    termfacetten_clear,
    termfacetten_rebuild,
)
from publicaties.zoeken import _pg_analyse, publicatie_search
from tests.factories import BeheerderFactory
from tests.werkteams.factories import WerkteamFactory

from .factories import PublicatieFactory, ThemaFactory

pytestmark = pytest.mark.django_db

WOORDEN = ["armoede", "schulden", "wijkteam", "mantelzorg", "jongeren", "eenzaamheid"]
TYPES = ["artikel", "blog", "onderzoeksrapport", "advies"]
ZOEKOPDRACHTEN = [
    "q=armoede",
    "q=schuld",
    "q=armoede&sortering=nieuwste",
    "q=armoede&pagina=2",
    "q=armoede&pagina=4",
    "q=armoede+-schulden",
    "q=armoede+-schulden+-jongeren&pagina=2",
    "q=armoede&type=blog",
    "q=armoede&type=blog&type=advies",
    "q=armoede&jaar=2021&type=artikel",
    "q=wijkteam&thema=thema-a",
    "q=wijkteam&werkteam=team-b&doelgroep=studenten",
    "q=mantelzorg+-armoede&kennisvorm=ervaringskennis&sortering=nieuwste",
    "q=armoede+schulden",  # two words: always reads the matches
]


def tekst(rng, n):
    return " ".join(rng.choice(WOORDEN) for _ in range(n))


@pytest.fixture
def collectie():
    rng = random.Random(8)
    themas = [ThemaFactory(naam=f"Thema {c}", slug=f"thema-{c}") for c in "ab"]
    teams = [WerkteamFactory(slug=f"team-{c}") for c in "ab"]
    for n in range(45):
        PublicatieFactory(
            titel=f"{tekst(rng, 2)} {n}".capitalize(),
            samenvatting=tekst(rng, 4),
            inhoud=tekst(rng, 8),
            type=rng.choice(TYPES),
            jaar=rng.choice([2020, 2021, 2022]),
            status="concept" if n % 9 == 0 else "gepubliceerd",
            themas=rng.sample(themas, rng.randint(0, 2)),
            werkteams=rng.sample(teams, rng.randint(0, 1)),
            kennisvormen=rng.sample(["ervaringskennis", "professionele_kennis"], rng.randint(0, 2)),
            doelgroepen=rng.sample(["studenten", "professionals"], rng.randint(1, 2)),
        )
    return themas, teams


def uitkomst(params: str):
    r = publicatie_search(zoekvraag_from_request(QueryDict(params)))
    return (
        r.totaal,
        r.pagina,
        [(i.pk, i.rang) for i in r.items],
        [(f.naam, [(w.waarde, w.aantal, w.gekozen) for w in f.waarden]) for f in r.facetten],
    )


def zonder_frequente_woorden(params: str):
    """The result when every match is read: the frequent words are hidden, then restored."""
    uit = None
    try:
        with transaction.atomic():
            termfacetten_clear()
            assert _pg_analyse("armoede")[1] is None
            uit = uitkomst(params)
            raise RuntimeError("undo")
    except RuntimeError:
        pass
    return uit


def vergelijk():
    for params in ZOEKOPDRACHTEN:
        assert uitkomst(params) == zonder_frequente_woorden(params), params


def test_every_search_gives_the_same_result_from_stored_counts(collectie):
    assert termfacetten_rebuild(minimum=1) >= len(WOORDEN)
    assert _pg_analyse("armoede -schulden -jongeren") == (7, "armoed", ["schuld", "jonger"])
    assert _pg_analyse("armoede schulden")[1] is None
    assert uitkomst("q=armoede")[0] > 20
    vergelijk()


def test_the_trigger_keeps_the_counts_exact_through_every_kind_of_change(collectie):
    themas, teams = collectie
    termfacetten_rebuild(minimum=1)
    beheerder = BeheerderFactory()
    # new, edited (words, type, year, themes), published, withdrawn, deleted
    PublicatieFactory(titel="Armoede onder jongeren", type="blog", themas=[themas[0]])
    bewerkt = Publicatie.objects.filter(status="gepubliceerd", titel__icontains="armoede").first()
    publicatie_update(
        publicatie=bewerkt,
        door=beheerder,
        gegevens={"titel": "Alleen over mantelzorg", "type": "advies", "jaar": 2020},
        auteurs=[AuteurInvoer("Jansen", "Pien")],
        themas=[themas[1]],
        werkteams=[teams[0]],
    )
    for van, naar in (("concept", "gepubliceerd"), ("gepubliceerd", "concept")):
        publicatie = Publicatie.objects.filter(status=van).last()
        publicatie_update(
            publicatie=publicatie,
            door=beheerder,
            gegevens={"titel": publicatie.titel, "status": naar},
            auteurs=[AuteurInvoer("Jansen", "Pien")],
        )
    Publicatie.objects.filter(status="gepubliceerd").order_by("id").first().delete()
    vergelijk()
    # And the table itself equals a fresh count.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT lexeem, code, aantal FROM publicaties_term_facet WHERE aantal <> 0 ORDER BY 1, 2"
        )
        bijgehouden = cursor.fetchall()
    termfacetten_rebuild(minimum=1)
    with connection.cursor() as cursor:
        cursor.execute("SELECT lexeem, code, aantal FROM publicaties_term_facet ORDER BY 1, 2")
        opnieuw = [r for r in cursor.fetchall() if r[0] in {b[0] for b in bijgehouden}]
    assert bijgehouden == opnieuw


def test_a_rare_word_is_not_frequent_and_is_read_from_its_matches(collectie):
    PublicatieFactory(titel="Zeldzaam woord kwartiermaker")
    assert termfacetten_rebuild(minimum=3)
    assert _pg_analyse("kwartiermaker")[1] is None
    assert _pg_analyse("armoede")[1] == "armoed"
    assert uitkomst("q=kwartiermaker")[0] == 1


def test_the_nightly_task_chooses_the_frequent_words_again(collectie, settings):
    from publicaties.tasks import termfacetten_rebuild_task

    task = settings.CELERY_BEAT_SCHEDULE["kennisbank-frequente-termen"]["task"]
    assert task == termfacetten_rebuild_task.name
    settings.KENNISBANK_FREQUENTE_TERM_MIN = 5
    PublicatieFactory(titel="Zeldzaam woord kwartiermaker")
    assert termfacetten_rebuild_task() >= len(WOORDEN)
    assert _pg_analyse("armoede")[1] == "armoed"
    assert _pg_analyse("kwartiermaker")[1] is None


def test_a_frequent_words_page_ranks_the_few_rows_that_can_outrank_a_title_match(db):
    """The frequent path makes page 1 from the rows ranking above a single title match and
    the newest title matches (pg_woorden._top_lagen); later pages, with fewer title matches
    than their end, come from all matches. Both give the order of ranking every match."""
    thema = ThemaFactory(naam="Armoede", slug="armoede")
    for n in range(14):
        PublicatieFactory(titel=f"Armoede in wijk {n}", jaar=2010 + n % 7)
    tweemaal = PublicatieFactory(titel="Armoede, en nog eens armoede", jaar=2005)
    titel_en_thema = PublicatieFactory(titel="Armoede", themas=[thema], jaar=2006)
    PublicatieFactory(titel="Armoede in de stad", inhoud="Over schulden.", jaar=2024)
    for n in range(2):
        PublicatieFactory(titel=f"Schulden {n}", themas=[thema], jaar=2025)
        PublicatieFactory(titel=f"Wijkteam {n}", samenvatting="Over armoede.", jaar=2025)
        PublicatieFactory(titel=f"Mantelzorg {n}", inhoud="Ook armoede.", jaar=2025)
    termfacetten_rebuild(minimum=1)
    eerste = uitkomst("q=armoede")[2]
    assert [pk for pk, _rang in eerste[:2]] == [tweemaal.pk, titel_en_thema.pk]
    for params in (
        "q=armoede",
        "q=armoede&pagina=2",
        "q=armoede+-schulden",
        "q=armoede+-schulden&pagina=2",
        "q=armoede+-wijk",
    ):
        assert uitkomst(params) == zonder_frequente_woorden(params), params
