"""Query counts that must not grow with the data: one measuring pattern for every staff list."""


def gemeten_voor_en_na_groei(client, url, groei, assert_queries, aantal, headers=None):
    """GET `url`, let `groei()` add rows, GET again; each GET held to `aantal` queries by
    `assert_queries` (pytest-django's django_assert_num_queries or _max_num_queries).

    Each measured GET follows a warm-up GET: the first fills the cached site settings, and
    both fill what is kept per content version (the logged-in user, a team), which the
    new rows made stale. Returns [(queries, response)] of the two measured GETs.
    """
    metingen = []
    for stap in (None, groei):
        if stap is not None:
            stap()
        client.get(url, **(headers or {}))
        with assert_queries(aantal) as vastgelegd:
            response = client.get(url, **(headers or {}))
        metingen.append((len(vastgelegd.captured_queries), response))
    return metingen
