"""`{% inhoudcache "name" key… %}…{% endinhoudcache %}`: a part of a public page, cached.

For a visitor who is not logged in, the enclosed part is rendered once per content
version, language, name and key values, and then served from the cache: the same
version number as the whole-page cache (`paginacache.inhoud_versie`), so every save or
delete of shown data makes it stale on the very next request.

What never goes into a cached part:
- the visitor's CSRF token: the part is rendered with a marker in its place, and each
  visitor's own token is put in on the way out (as the page cache does);
- messages: the part is rendered with none;
- anything of a logged-in user: for them the part is always rendered fresh and never
  stored, so links or drafts only an organiser may see cannot reach anyone else.
Some parts widen this on purpose: the header of base.html is stored per logged-in user
(`per_gebruiker`: the key holds their id, so their name and menu reach only them); the
footer, and on the registrations page the café's links and the filter form, for everyone
(`voor_iedereen`: they hold nothing of the person who asks, and a page renders them only
after its own permission check).
The enclosed template must still only depend on its key values and the shown data;
a bound form (with a visitor's input or errors) is kept out with `als`:
`{% inhoudcache "aanmeldform" kenniscafe.pk als=form_leeg %}`.
"""

import hashlib

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from ..paginacache import CSRF_MARKER, inhoud_bewaar, opgeslagen_inhoud

register = template.Library()


# For whom a part may be stored: only for visitors without an account (the default); per
# logged-in user too, under a key of their own (`per_gebruiker`: their name and menu);
# for everyone alike (`voor_iedereen`: nothing in it depends on who asks).
ALLEEN_ANONIEM, PER_GEBRUIKER, VOOR_IEDEREEN = "anoniem", "per_gebruiker", "voor_iedereen"


class InhoudCacheNode(template.Node):
    def __init__(self, nodelist, naam, delen, als, voor=ALLEEN_ANONIEM):
        self.nodelist = nodelist
        self.naam = naam
        self.delen = delen
        self.als = als
        self.voor = voor

    def render(self, context):
        request = context.get("request")
        user = getattr(request, "user", None)
        ingelogd = user is not None and user.is_authenticated
        if (
            request is None
            or (ingelogd and self.voor == ALLEEN_ANONIEM)
            or (self.als is not None and not self.als.resolve(context))
        ):
            return self.nodelist.render(context)
        delen = [deel.resolve(context) for deel in self.delen]
        if self.voor == PER_GEBRUIKER:
            delen.append(user.pk if ingelogd else None)
        delen = repr(delen)
        sleutel = hashlib.sha1(delen.encode(), usedforsecurity=False).hexdigest()
        key, inhoud = opgeslagen_inhoud(f"fragment:{get_language()}:{self.naam}:{sleutel}")
        if inhoud is None:
            with context.push(csrf_token=CSRF_MARKER, messages=()):
                inhoud = self.nodelist.render(context)
            inhoud_bewaar(key, inhoud)
        if CSRF_MARKER in inhoud:
            inhoud = inhoud.replace(CSRF_MARKER, str(context.get("csrf_token", "")))
        return mark_safe(inhoud)


@register.tag
def inhoudcache(parser, token):
    """{% inhoudcache "name" [key …] [als=condition] [per_gebruiker|voor_iedereen] %} …
    {% endinhoudcache %}"""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("inhoudcache needs a name")
    naam = bits[1].strip("\"'")
    delen, als, voor = [], None, ALLEEN_ANONIEM
    for bit in bits[2:]:
        if bit.startswith("als="):
            als = parser.compile_filter(bit[4:])
        elif bit in (PER_GEBRUIKER, VOOR_IEDEREEN):
            voor = bit
        else:
            delen.append(parser.compile_filter(bit))
    nodelist = parser.parse(("endinhoudcache",))
    parser.delete_first_token()
    return InhoudCacheNode(nodelist, naam, delen, als, voor)
