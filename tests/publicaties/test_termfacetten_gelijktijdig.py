"""Parallel saves keep the stored facet counts exact and never deadlock each other."""

import pytest
from django.db import connection

from publicaties.models import Publicatie
from publicaties.services import AuteurInvoer, publicatie_update, termfacetten_rebuild
from tests.factories import BeheerderFactory
from tests.gelijktijdig import parallel

from .factories import PublicatieFactory

pytestmark = pytest.mark.django_db(transaction=True)

TYPES = ["artikel", "blog", "advies", "onderzoeksrapport"]


def tabel() -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT lexeem, code, aantal FROM publicaties_term_facet WHERE aantal <> 0 "
            "ORDER BY 1, 2"
        )
        return cursor.fetchall()


def test_eight_parallel_edits_of_publications_sharing_words_keep_the_counts_exact():
    publicaties = [
        PublicatieFactory(
            titel=f"Armoede en schulden {n}", samenvatting="Mantelzorg in de wijk", jaar=2020
        )
        for n in range(8)
    ]
    assert termfacetten_rebuild(minimum=2)
    door = BeheerderFactory()

    def bewerk(publicatie: Publicatie, n: int):
        def bewerking():
            return publicatie_update(
                publicatie=publicatie,
                door=door,
                gegevens={
                    "titel": f"Schulden en jongeren {n}" if n % 2 else f"Armoede in de wijk {n}",
                    "type": TYPES[n % len(TYPES)],
                    "jaar": 2021 + n % 3,
                },
                auteurs=[AuteurInvoer("Jansen", "Pien")],
            )

        return bewerking

    uitkomsten = parallel([bewerk(p, n) for n, p in enumerate(publicaties)])
    assert all(isinstance(u, Publicatie) for u in uitkomsten), uitkomsten
    bijgehouden = tabel()
    termfacetten_rebuild(minimum=2)
    lexemen = {rij[0] for rij in bijgehouden}
    assert bijgehouden == [rij for rij in tabel() if rij[0] in lexemen]
    # Only the even-numbered publications still mention armoede: one type code each.
    assert sum(n for lexeem, code, n in bijgehouden if lexeem == "armoed" and code < 2000) == 4
