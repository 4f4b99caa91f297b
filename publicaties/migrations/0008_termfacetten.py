"""PostgreSQL only: facet counts per frequent search term, kept exact by a trigger.

Counting the facets of a common word means reading every one of its thousands of matches.
For the words that occur in many publications (publicaties_frequente_term, chosen by
services.termfacetten_rebuild) publicaties_term_facet holds, per facet code, how many
published publications contain the word; the trigger below applies every insert, update
and delete of a publication to those counts in the same transaction, so they are never
stale. zoeken.py uses them for searches of one such word (optionally with filters or
excluded words) and reads the matches otherwise.

Also:
- abvector: title (A) with authors, themes and werkteams (B); its GIN index finds the
  matches that rank first without reading every match.
- a GIN index on facetcodes, so a filter is combined with the word in the index
  (BitmapAnd) instead of being checked on every matching row.
- an index in exactly the "newest first" order of the results (NULLS LAST on datum).
"""

from django.db import migrations

FORWARDS = """
ALTER TABLE publicaties_publicatie ADD COLUMN IF NOT EXISTS abvector tsvector;
ALTER TABLE publicaties_publicatie ALTER COLUMN abvector SET STORAGE MAIN;
UPDATE publicaties_publicatie SET abvector =
    setweight(to_tsvector('dutch_unaccent', coalesce(titel, '')), 'A')
    || setweight(to_tsvector('dutch_unaccent', coalesce(auteurs_tekst, '') || ' '
                 || coalesce(themas_tekst, '')), 'B');
CREATE INDEX IF NOT EXISTS publicatie_abvector_gin ON publicaties_publicatie
    USING gin (abvector) WHERE status = 'gepubliceerd';
CREATE INDEX IF NOT EXISTS publicatie_facetcodes_gin ON publicaties_publicatie
    USING gin (facetcodes) WHERE status = 'gepubliceerd';
CREATE INDEX IF NOT EXISTS publicatie_nieuwste_idx ON publicaties_publicatie
    (jaar DESC, datum DESC NULLS LAST, id DESC) WHERE status = 'gepubliceerd';

CREATE TABLE IF NOT EXISTS publicaties_frequente_term (
    lexeem text PRIMARY KEY,
    publicaties integer NOT NULL
);
CREATE TABLE IF NOT EXISTS publicaties_term_facet (
    lexeem text NOT NULL REFERENCES publicaties_frequente_term (lexeem) ON DELETE CASCADE,
    code integer NOT NULL,
    aantal integer NOT NULL,
    PRIMARY KEY (lexeem, code)
);

CREATE OR REPLACE FUNCTION publicaties_term_facet_bijwerken() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE'
        AND NEW.status IS NOT DISTINCT FROM OLD.status
        AND NEW.zoekvector IS NOT DISTINCT FROM OLD.zoekvector
        AND NEW.facetcodes IS NOT DISTINCT FROM OLD.facetcodes THEN
        RETURN NULL;
    END IF;
    -- -1 for every (frequent word, code) pair of the old row, +1 for the new row; in a
    -- fixed order so that two saves never lock the same counters in opposite orders.
    INSERT INTO publicaties_term_facet AS t (lexeem, code, aantal)
    SELECT d.lexeem, d.code, sum(d.delta)
    FROM (
        SELECT l.lexeem, c.code, -1 AS delta
        FROM unnest(CASE WHEN TG_OP <> 'INSERT' AND OLD.status = 'gepubliceerd'
                         THEN tsvector_to_array(OLD.zoekvector) END) AS l(lexeem)
        JOIN publicaties_frequente_term f ON f.lexeem = l.lexeem
        CROSS JOIN unnest(OLD.facetcodes) AS c(code)
        UNION ALL
        SELECT l.lexeem, c.code, 1
        FROM unnest(CASE WHEN TG_OP <> 'DELETE' AND NEW.status = 'gepubliceerd'
                         THEN tsvector_to_array(NEW.zoekvector) END) AS l(lexeem)
        JOIN publicaties_frequente_term f ON f.lexeem = l.lexeem
        CROSS JOIN unnest(NEW.facetcodes) AS c(code)
    ) d
    GROUP BY d.lexeem, d.code
    HAVING sum(d.delta) <> 0
    ORDER BY d.lexeem, d.code
    ON CONFLICT (lexeem, code) DO UPDATE SET aantal = t.aantal + EXCLUDED.aantal;
    RETURN NULL;
END
$$;
DROP TRIGGER IF EXISTS publicaties_term_facet_trigger ON publicaties_publicatie;
CREATE TRIGGER publicaties_term_facet_trigger
    AFTER INSERT OR UPDATE OR DELETE ON publicaties_publicatie
    FOR EACH ROW EXECUTE FUNCTION publicaties_term_facet_bijwerken();
"""

BACKWARDS = """
DROP TRIGGER IF EXISTS publicaties_term_facet_trigger ON publicaties_publicatie;
DROP FUNCTION IF EXISTS publicaties_term_facet_bijwerken();
DROP TABLE IF EXISTS publicaties_term_facet;
DROP TABLE IF EXISTS publicaties_frequente_term;
DROP INDEX IF EXISTS publicatie_nieuwste_idx;
DROP INDEX IF EXISTS publicatie_facetcodes_gin;
DROP INDEX IF EXISTS publicatie_abvector_gin;
ALTER TABLE publicaties_publicatie DROP COLUMN IF EXISTS abvector;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARDS)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARDS)


class Migration(migrations.Migration):
    dependencies = [
        ("publicaties", "0007_zoektekst"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
