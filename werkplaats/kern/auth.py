"""The login backend: Django's ModelBackend, with the logged-in user read once per content
version per process instead of once per request (issue #13).

A logged-in page spent ~1 ms per request on the user's query and its compilation. Every
save or delete of a user (role, active flag, password, last login) bumps the content
version (kern is registered with the page cache), so the next request reads the row
anew: a deactivated user is refused, and a changed password still ends other sessions,
on the very next request, as before. The copy stays in the process (paginacache.
proces_memo): the password hash never goes to Redis. A change made around Django (raw
SQL) shows within the memo's lifetime, five minutes.

The user's roles per werkplaats come along in the same query and are kept with the copy, so
`user.rol` costs nothing; saving or deleting a role (a kern model) bumps the content
version too, so a new role counts on the next request.
"""

from django.contrib.auth.backends import ModelBackend

from .models import Gebruiker, met_rollen
from .paginacache import proces_memo


class GebruikerBackend(ModelBackend):
    def get_user(self, user_id):
        return proces_memo("gebruiker", str(user_id), maak=lambda: self._gebruiker(user_id))

    def _gebruiker(self, user_id) -> Gebruiker | None:
        """What ModelBackend.get_user returns, with the roles read in the same query."""
        try:
            gebruiker = met_rollen(Gebruiker._default_manager.all()).get(pk=user_id)
        except Gebruiker.DoesNotExist:
            return None
        gebruiker.rollen  # noqa: B018 - made into a dict before the copy is pickled
        return gebruiker if self.user_can_authenticate(gebruiker) else None
