"""The login backend: Django's ModelBackend, with the logged-in user read once per content
version per process instead of once per request (issue #13).

A logged-in page spent ~1 ms per request on the user's query and its compilation. Every
save or delete of a user (role, active flag, password, last login) bumps the content
version (kern is registered with the page cache), so the next request reads the row
anew: a deactivated user is refused, and a changed password still ends other sessions,
on the very next request, as before. The copy stays in the process (paginacache.
proces_memo): the password hash never goes to Redis. A change made around Django (raw
SQL) shows within the memo's lifetime, five minutes.
"""

from django.contrib.auth.backends import ModelBackend

from .paginacache import proces_memo


class GebruikerBackend(ModelBackend):
    def get_user(self, user_id):
        return proces_memo(
            "gebruiker", str(user_id), maak=lambda: super(GebruikerBackend, self).get_user(user_id)
        )
