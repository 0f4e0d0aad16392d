from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers

from .access import RoleAccessMiddleware
from .services import user_seen

__all__ = [
    "DutchFirstLocaleMiddleware",
    "LastSeenMiddleware",
    "RoleAccessMiddleware",
    "StaffIdleTimeoutMiddleware",
]

READING_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class StaffIdleTimeoutMiddleware:
    """Staff sessions end after STAFF_SESSION_IDLE_SECONDS without a request.

    Staff see more data than anyone else, so an unattended laptop must not stay logged in.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_school_staff:
            request.session.set_expiry(settings.STAFF_SESSION_IDLE_SECONDS)
        return self.get_response(request)


class DutchFirstLocaleMiddleware:
    """Dutch unless the person chose another language with the switch in the header.

    Django's LocaleMiddleware would follow the browser's Accept-Language, so a student with an
    English phone would get English by surprise; here only the explicit choice (cookie) counts.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response


class LastSeenMiddleware:
    """Stamps the person's last-seen time after a POST (a login included: by then the request
    carries the user who just logged in), at most once an hour; a GET never writes."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if request.method not in READING_METHODS and user is not None and user.is_authenticated:
            user_seen(user=user)
        return response
