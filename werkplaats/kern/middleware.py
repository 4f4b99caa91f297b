"""Dutch unless the visitor chose otherwise."""

from django.conf import settings
from django.utils import translation


class TaalMiddleware:
    """Activate the language chosen with the language switch (cookie), else Dutch.

    Django's LocaleMiddleware would follow the browser's Accept-Language; the
    Werkplaats speaks Dutch to everyone unless they pick English themselves.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.talen = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        taal = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if taal not in self.talen:
            taal = settings.LANGUAGE_CODE
        translation.activate(taal)
        request.LANGUAGE_CODE = taal
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", taal)
        return response
